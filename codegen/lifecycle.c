/*
 * lifecycle.c - lifecycle checks and the guard trigger (see lifecycle.h).
 */
#include "lifecycle.h"

#include <string.h>

#include "catalog.h"
#include "rt_buf.h"
#include "rt_error.h"

static const catalog_column *lifecycle_column(diag *d, const catalog_table *table, const char *name,
                                              diag_loc loc, const char *why)
{
    const catalog_column *column = catalog_find_column(table, name);
    if (!column) {
        diag_suggestion s;
        char hint[300];
        diag_suggest_init(&s, name);
        for (int i = 0; i < table->column_count; i++)
            diag_suggest_consider(&s, table->columns[i].name);
        diag_error(d, loc, "table %s has no column \"%s\"%s%s", table->name, name, why,
                   diag_suggest_hint(&s, hint, sizeof hint));
    }
    return column;
}

static bool lifecycle_state(diag *d, const catalog_enum *states, const char *state, diag_loc loc)
{
    diag_suggestion s;
    char hint[300];

    if (catalog_enum_has_label(states, state))
        return true;
    diag_suggest_init(&s, state);
    for (int i = 0; i < states->label_count; i++)
        diag_suggest_consider(&s, states->labels[i]);
    diag_error(d, loc, "\"%s\" is not a state of %s%s", state, states->name,
               diag_suggest_hint(&s, hint, sizeof hint));
    return false;
}

/* Whether `who` of a `by` list is owner, scheduler or a user_role label
 * (reported with a did-you-mean when not). */
static bool lifecycle_actor(diag *d, const catalog_enum *roles, const char *who, diag_loc loc)
{
    diag_suggestion s;
    char hint[300];

    if (strcmp(who, "owner") == 0 || strcmp(who, "scheduler") == 0 ||
        (roles && catalog_enum_has_label(roles, who)))
        return true;
    diag_suggest_init(&s, who);
    diag_suggest_consider(&s, "owner");
    diag_suggest_consider(&s, "scheduler");
    for (int i = 0; roles && i < roles->label_count; i++)
        diag_suggest_consider(&s, roles->labels[i]);
    diag_error(d, loc, "\"%s\" is not owner, scheduler or a user_role%s", who,
               diag_suggest_hint(&s, hint, sizeof hint));
    return false;
}

/* Whether from -> to is one of l's transitions. */
static bool lifecycle_has_transition(const api_lifecycle *l, const char *from, const char *to)
{
    for (int i = 0; i < l->transition_count; i++) {
        if (strcmp(l->transitions[i].from, from) == 0 && strcmp(l->transitions[i].to, to) == 0)
            return true;
    }
    return false;
}

/* An effect's states exist (a transition's is listed) and its argument
 * fits in a SQL string literal. */
static void lifecycle_check_effect(diag *d, const api_lifecycle *l, const catalog_enum *states,
                                   const api_effect *e)
{
    bool from_ok = !e->from || lifecycle_state(d, states, e->from, e->from_loc);
    bool to_ok = !e->to || lifecycle_state(d, states, e->to, e->to_loc);

    if (e->when == API_EFFECT_TRANSITION && from_ok && to_ok &&
        !lifecycle_has_transition(l, e->from, e->to))
        diag_error(d, e->from_loc, "%s -> %s is not a transition of lifecycle %s", e->from, e->to,
                   l->name);
    if (e->argument && strchr(e->argument, '\\'))
        diag_error(d, e->function_loc, "an effect's argument holds no backslash");
}

/* One IF per effect, in spec order, after the transition check: the
 * function runs in the same statement as the change, whatever made it. */
static void lifecycle_effects(rt_buf *b, const api_lifecycle *l)
{
    const char *col = l->column;

    for (int i = 0; i < l->effect_count; i++) {
        const api_effect *e = &l->effects[i];
        if (e->when == API_EFFECT_ENTER)
            rt_buf_printf(b, "    IF NEW.%s::text = '%s' THEN\n", col, e->to);
        else if (e->when == API_EFFECT_LEAVE)
            rt_buf_printf(b, "    IF TG_OP = 'UPDATE' AND OLD.%s::text = '%s' THEN\n", col,
                          e->from);
        else
            rt_buf_printf(b,
                          "    IF TG_OP = 'UPDATE' AND OLD.%s::text = '%s' AND NEW.%s::text = '%s' "
                          "THEN\n",
                          col, e->from, col, e->to);
        rt_buf_printf(b, "        PERFORM %s(NEW.id", e->function);
        if (e->argument) {
            rt_buf_append(b, ", '", 3);
            for (const char *c = e->argument; *c; c++)
                rt_buf_append(b, *c == '\'' ? "''" : c, *c == '\'' ? 2 : 1);
            rt_buf_append(b, "'", 1);
        }
        rt_buf_printf(b, ");\n    END IF;\n");
    }
}

/* The trigger: one function and one trigger, both replaced on change.
 * Setting the column to the value it has is refused too: it is no
 * transition (cancelling a cancelled order is a conflict, not a no-op). */
static char *lifecycle_guard(rt_arena *a, const api_lifecycle *l, const char *initial)
{
    rt_buf b;
    char *sql = NULL;
    const char *col = l->column;

    rt_buf_init(&b);
    rt_buf_printf(&b,
                  "-- The %s lifecycle of %s.%s, generated from %s by specc.\n"
                  "CREATE OR REPLACE FUNCTION orderd_lifecycle_%s() RETURNS trigger\n"
                  "LANGUAGE plpgsql AS $lifecycle$\n"
                  "BEGIN\n"
                  "    IF TG_OP = 'INSERT' THEN\n"
                  "        IF NEW.%s IS DISTINCT FROM '%s' THEN\n"
                  "            RAISE EXCEPTION 'A new row starts as %s, not %%', NEW.%s;\n"
                  "        END IF;\n"
                  "    ELSIF (OLD.%s::text, NEW.%s::text) NOT IN (\n",
                  l->name, l->table, col, l->source ? l->source->path : "the spec", l->name, col,
                  initial, initial, col, col, col);
    for (int i = 0; i < l->transition_count; i++)
        rt_buf_printf(&b, "%s('%s', '%s')",
                      i == 0 ? "            " : (i % 3 == 0 ? ",\n            " : ", "),
                      l->transitions[i].from, l->transitions[i].to);
    rt_buf_printf(&b,
                  "\n        ) THEN\n"
                  "        RAISE EXCEPTION 'Cannot change %s from %% to %%', OLD.%s, NEW.%s;\n"
                  "    END IF;\n",
                  col, col, col);
    lifecycle_effects(&b, l);
    rt_buf_printf(&b,
                  "    INSERT INTO %s (%s, from_%s, to_%s, actor%s)\n"
                  "    VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.%s END, NEW.%s,\n"
                  "            coalesce(nullif(current_setting('orderd.actor', true), ''),\n"
                  "                     'sql:' || current_user)",
                  l->history_table, l->history_column, col, col, l->reason_column ? ", reason" : "",
                  col, col);
    if (l->reason_column)
        rt_buf_printf(
            &b,
            ",\n            CASE WHEN TG_OP = 'INSERT' OR NEW.%s IS DISTINCT FROM OLD.%s\n"
            "                 THEN NEW.%s END",
            l->reason_column, l->reason_column, l->reason_column);
    rt_buf_printf(&b,
                  ");\n"
                  "    RETURN NULL;\n"
                  "END\n"
                  "$lifecycle$;\n"
                  "DROP TRIGGER IF EXISTS orderd_lifecycle_%s ON %s;\n"
                  "CREATE TRIGGER orderd_lifecycle_%s\n"
                  "    AFTER INSERT OR UPDATE OF %s ON %s\n"
                  "    FOR EACH ROW EXECUTE FUNCTION orderd_lifecycle_%s();\n",
                  l->name, l->table, l->name, col, l->table, l->name);
    sql = rt_arena_strdup(a, rt_buf_cstr(&b));
    rt_buf_free(&b);
    return sql;
}

int lifecycle_check(const model *m, rt_arena *a, diag *d, api_lifecycle *l)
{
    const catalog *cat = &m->catalog;
    const catalog_table *table = catalog_find_table(cat, l->table);
    const catalog_table *history;
    const catalog_column *column;
    const catalog_enum *states;
    const catalog_enum *roles = catalog_find_enum(cat, "user_role");
    const char *initial;
    const catalog_column *c;
    int errors = d->error_count;
    char name[128];

    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].lifecycle_count; i++) {
            const api_lifecycle *other = &m->api_files[f].lifecycles[i];
            if (other == l)
                goto unique;
            if (strcmp(other->name, l->name) == 0)
                diag_error(d, l->loc, "duplicate lifecycle \"%s\"", l->name);
            else if (strcmp(other->table, l->table) == 0 && strcmp(other->column, l->column) == 0)
                diag_error(d, l->loc, "%s.%s already has the lifecycle %s", l->table, l->column,
                           other->name);
        }
    }
unique:
    if (!table) {
        diag_error(d, l->table_loc, "unknown table \"%s\"", l->table);
        return 0;
    }
    column = lifecycle_column(d, table, l->column, l->column_loc, "");
    if (!column)
        return 0;
    if (column->type.type != RT_TYPE_ENUM) {
        diag_error(d, l->column_loc, "a lifecycle runs on an enum column; %s.%s is %s", l->table,
                   l->column, column->type.name);
        return 0;
    }
    if (!catalog_find_column(table, "id")) {
        diag_error(d, l->table_loc,
                   "a lifecycle's table needs an id column (history rows point at it)");
        return 0;
    }
    states = catalog_find_enum(cat, column->type.name);
    history = catalog_find_table(cat, l->history_table);
    if (!history) {
        diag_error(d, l->history_loc, "unknown history table \"%s\"", l->history_table);
        return 0;
    }
    lifecycle_column(d, history, l->history_column, l->history_column_loc, "");
    snprintf(name, sizeof name, "from_%s", l->column);
    c = lifecycle_column(d, history, name, l->history_loc, " (the state before)");
    if (c && c->not_null)
        diag_error(d, l->history_loc, "%s.%s must allow NULL: a new row has no state before",
                   history->name, name);
    if (c && c->type.type != RT_TYPE_ENUM && c->type.type != RT_TYPE_TEXT)
        diag_error(d, l->history_loc, "%s.%s holds a state: %s or text, not %s", history->name,
                   name, column->type.name, c->type.name);
    snprintf(name, sizeof name, "to_%s", l->column);
    c = lifecycle_column(d, history, name, l->history_loc, " (the state after)");
    if (c && c->type.type != RT_TYPE_ENUM && c->type.type != RT_TYPE_TEXT)
        diag_error(d, l->history_loc, "%s.%s holds a state: %s or text, not %s", history->name,
                   name, column->type.name, c->type.name);
    c = lifecycle_column(d, history, "actor", l->history_loc, " (who made the change)");
    if (c && c->type.type != RT_TYPE_TEXT)
        diag_error(d, l->history_loc, "%s.actor is text", history->name);
    if (l->transition_count == 0) {
        diag_error(d, l->loc, "lifecycle %s has no transitions", l->name);
        return 0;
    }
    for (int i = 0; i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        lifecycle_state(d, states, t->from, t->from_loc);
        lifecycle_state(d, states, t->to, t->to_loc);
        if (strcmp(t->from, t->to) == 0)
            diag_error(d, t->to_loc, "a transition changes the state");
        for (int k = 0; k < i; k++) {
            if (strcmp(l->transitions[k].from, t->from) == 0 &&
                strcmp(l->transitions[k].to, t->to) == 0)
                diag_error(d, t->from_loc, "transition %s -> %s is listed twice", t->from, t->to);
        }
        for (int k = 0; k < t->by_count; k++)
            lifecycle_actor(d, roles, t->by[k], t->by_locs[k]);
    }
    initial = l->initial ? l->initial : l->transitions[0].from;
    if (l->initial)
        lifecycle_state(d, states, l->initial, l->initial_loc);
    if (l->reason_column) {
        c = lifecycle_column(d, table, l->reason_column, l->reason_loc, " (the reason)");
        if (c && c->type.type != RT_TYPE_TEXT)
            diag_error(d, l->reason_loc, "%s.%s holds a reason: text, not %s", table->name,
                       l->reason_column, c->type.name);
        c = lifecycle_column(d, history, "reason", l->reason_loc, " (the reason of a change)");
        if (c && c->type.type != RT_TYPE_TEXT)
            diag_error(d, l->reason_loc, "%s.reason is text", history->name);
    }
    for (int i = 0; i < l->effect_count; i++)
        lifecycle_check_effect(d, l, states, &l->effects[i]);
    if (d->error_count > errors)
        return 0;
    l->guard_sql = lifecycle_guard(a, l, initial);
    return 0;
}
