/*
 * check_lifecycle.c - the lifecycle transitions each program fires (see
 * check_lifecycle.h).
 *
 * A query that sets a lifecycle's column to a literal state S fires the
 * transitions into S. The checker proves that whoever runs it may fire
 * them (the `by` lists of those transitions); the database guard proves,
 * at run time, that the row's current state has a transition into S.
 */
#include "check_lifecycle.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "rt_error.h"

/* The lifecycle of table.column whose own checks passed, or NULL. */
static const api_lifecycle *check_find_lifecycle(const model *m, const char *table,
                                                 const char *column)
{
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].lifecycle_count; i++) {
            const api_lifecycle *l = &m->api_files[f].lifecycles[i];
            if (l->guard_sql && strcmp(l->table, table) == 0 && strcmp(l->column, column) == 0)
                return l;
        }
    }
    return NULL;
}

static bool check_has_transition_into(const api_lifecycle *l, const char *state)
{
    for (int i = 0; i < l->transition_count; i++) {
        if (strcmp(l->transitions[i].to, state) == 0)
            return true;
    }
    return false;
}

/* Whether `who` is in the `by` list of some transition into state. */
static bool check_may_fire(const api_lifecycle *l, const char *state, const char *who)
{
    for (int i = 0; who && i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        if (strcmp(t->to, state) != 0)
            continue;
        for (int k = 0; k < t->by_count; k++) {
            if (strcmp(t->by[k], who) == 0)
                return true;
        }
    }
    return false;
}

/* "owner, staff, admin": the union of the by lists over the transitions
 * into state, in order of first mention (arena). */
static const char *check_fire_union(check_ctx *c, const api_lifecycle *l, const char *state)
{
    const char *text = "";

    for (int i = 0; i < l->transition_count; i++) {
        const api_transition *t = &l->transitions[i];
        if (strcmp(t->to, state) != 0)
            continue;
        for (int k = 0; k < t->by_count; k++) {
            bool seen = false;
            for (int j = 0; j < i; j++) {
                const api_transition *earlier = &l->transitions[j];
                for (int b = 0; strcmp(earlier->to, state) == 0 && b < earlier->by_count; b++)
                    seen = seen || strcmp(earlier->by[b], t->by[k]) == 0;
            }
            for (int b = 0; b < k; b++)
                seen = seen || strcmp(t->by[b], t->by[k]) == 0;
            if (!seen)
                text = rt_arena_printf(c->arena, "%s%s%s", text, *text ? ", " : "", t->by[k]);
        }
    }
    return text;
}

/* "pending -> cancelled, confirmed -> cancelled" (arena). */
static const char *check_transitions_into(check_ctx *c, const api_lifecycle *l, const char *state)
{
    const char *text = "";

    for (int i = 0; i < l->transition_count; i++) {
        if (strcmp(l->transitions[i].to, state) == 0)
            text = rt_arena_printf(c->arena, "%s%s%s -> %s", text, *text ? ", " : "",
                                   l->transitions[i].from, state);
    }
    return text;
}

/* Every assignment of a lifecycle column, in every query: a literal state
 * that some transition leads to. */
static void check_assignment_states(check_ctx *c)
{
    const model *m = c->model;

    for (int q = 0; q < m->query_count; q++) {
        const sql_query *query = m->queries_by_id[q];
        for (int i = 0; i < query->assignment_count; i++) {
            const sql_assignment *a = &query->assignments[i];
            const api_lifecycle *l = check_find_lifecycle(m, a->table, a->column);
            const char *targets = "";
            diag_suggestion sug;
            char hint[300];
            if (!l)
                continue;
            if (!a->literal) {
                diag_error(c->diag, a->loc,
                           "%s sets %s.%s (lifecycle %s) to an expression: write the state as a "
                           "literal ('state'), so the compiler can check who may fire the "
                           "transition",
                           query->name, a->table, a->column, l->name);
                continue;
            }
            if (check_has_transition_into(l, a->literal))
                continue;
            diag_suggest_init(&sug, a->literal);
            for (int t = 0; targets && t < l->transition_count; t++) {
                const char *to = l->transitions[t].to;
                bool seen = false;
                for (int k = 0; k < t; k++)
                    seen = seen || strcmp(l->transitions[k].to, to) == 0;
                if (seen)
                    continue;
                diag_suggest_consider(&sug, to);
                targets = rt_arena_printf(c->arena, "%s%s%s", targets, *targets ? ", " : "", to);
            }
            diag_error(c->diag, a->loc,
                       "%s sets %s.%s to \"%s\", but no transition of lifecycle %s leads there "
                       "(transitions lead to %s)%s",
                       query->name, a->table, a->column, a->literal, l->name,
                       targets ? targets : "?", diag_suggest_hint(&sug, hint, sizeof hint));
        }
    }
}

/* The argument of s that binds `auth.user_id [unless auth.role in (...)]`
 * to a parameter of the statement's WHERE clause (an owner filter), or
 * NULL. With several, the one that lets the fewest roles through. */
static const api_value *check_owner_filter(const api_step *s, const sql_assignment *a)
{
    const api_value *best = NULL;

    for (int i = 0; i < s->arg_count; i++) {
        const api_arg *arg = &s->args[i];
        bool in_where = false;
        if (arg->value.rt_kind != RT_VALUE_AUTH || arg->value.index != RT_AUTH_USER_ID)
            continue;
        for (int k = 0; k < a->where_param_count; k++)
            in_where = in_where || a->where_params[k] == arg->param_index;
        if (in_where && (!best || arg->value.unless_role_count < best->unless_role_count))
            best = &arg->value;
    }
    return best;
}

static bool check_role_listed(const char *const *roles, int count, const char *role)
{
    for (int i = 0; role && i < count; i++) {
        if (strcmp(roles[i], role) == 0)
            return true;
    }
    return false;
}

/* Says where the owner filter was looked for: an argument auth.user_id
 * bound to one of the parameters of the statement's WHERE clause. */
static void check_owner_note(check_ctx *c, const sql_query *q, const sql_assignment *a)
{
    const char *names = "";

    for (int k = 0; names && k < a->where_param_count; k++)
        names = rt_arena_printf(c->arena, "%s%s@%s", names, k ? ", " : "",
                                q->params[a->where_params[k]].name);
    if (!names)
        return;
    diag_note(c->diag, q->loc,
              "an owner filter is an argument auth.user_id bound to a parameter of the WHERE "
              "clause of %s's statement on %s; %s%s%s",
              q->name, a->table, *names ? "its WHERE uses " : "its WHERE has no parameter", names,
              *names ? ", and none of them is given auth.user_id" : "");
}

/* Whether the caller of s may not set a's column to a->literal; why (a
 * clause for the error) goes to `why`. A job fires as scheduler; a
 * signed-in user of role r may when r is in the union of the by lists, or
 * when owner is and an owner filter holds r to its own rows (r not among
 * its `unless` roles). */
static bool check_firing_refused(check_ctx *c, const api_step *s, const sql_assignment *a,
                                 const api_lifecycle *l, char *why, size_t size)
{
    const api_endpoint *e = c->endpoint;
    const catalog_enum *user_roles = catalog_find_enum(&c->model->catalog, "user_role");
    const char *const *roles;
    int role_count;
    const api_value *owner = check_owner_filter(s, a);
    bool owner_may = check_may_fire(l, a->literal, "owner");
    const char *no_role[] = {NULL}; /* no user_role enum: one class of users */

    if (c->job) {
        snprintf(why, size, "a job fires it as scheduler");
        return !check_may_fire(l, a->literal, "scheduler");
    }
    if (e->auth == RT_AUTH_PUBLIC) {
        snprintf(why, size, "this endpoint is public");
        return true;
    }
    if (e->auth == RT_AUTH_ROLES) {
        roles = e->roles;
        role_count = e->role_count;
    } else if (user_roles && user_roles->label_count > 0) {
        roles = user_roles->labels;
        role_count = user_roles->label_count;
    } else {
        roles = no_role;
        role_count = 1;
    }
    for (int i = 0; i < role_count; i++) {
        const char *role = roles[i];
        bool bypasses =
            owner && check_role_listed(owner->unless_roles, owner->unless_role_count, role);
        if (check_may_fire(l, a->literal, role))
            continue;
        if (owner_may && owner && !bypasses)
            continue;
        if (owner_may && bypasses)
            snprintf(why, size,
                     "this endpoint lets role %s past the owner filter (unless auth.role in "
                     "(...))",
                     role);
        else if (e->auth == RT_AUTH_ANY_USER)
            snprintf(why, size, "this endpoint allows any signed-in user%s",
                     owner_may ? " without an owner filter" : "");
        else
            snprintf(why, size, "this endpoint allows role %s%s", role,
                     owner_may ? " without an owner filter" : "");
        return true;
    }
    return false;
}

/* The lifecycle transitions step s fires, checked against who runs it
 * (c->endpoint or c->job), and recorded in s->firings. */
static int check_step_firings(check_ctx *c, api_step *s)
{
    const sql_query *q = s->query;

    for (int i = 0; q && i < q->assignment_count; i++) {
        const sql_assignment *a = &q->assignments[i];
        const api_lifecycle *l = check_find_lifecycle(c->model, a->table, a->column);
        char why[256];
        bool seen = false;
        if (!l || !a->literal || !check_has_transition_into(l, a->literal))
            continue;
        if (check_firing_refused(c, s, a, l, why, sizeof why)) {
            const char *who = check_fire_union(c, l, a->literal);
            const char *transitions = check_transitions_into(c, l, a->literal);
            diag_error(c->diag, s->loc, "%s moves %s.%s to %s, which %s%s may do (%s); %s", q->name,
                       a->table, a->column, a->literal, *who ? "only " : "no program", who,
                       transitions, why);
            diag_note(c->diag, a->loc, "%s sets %s.%s here", q->name, a->table, a->column);
            if (c->endpoint && c->endpoint->auth != RT_AUTH_PUBLIC &&
                check_may_fire(l, a->literal, "owner") && !check_owner_filter(s, a))
                check_owner_note(c, q, a);
        }
        if (!s->in_tx && s->firing_count == 0)
            diag_error(c->diag, s->loc,
                       "%s moves %s.%s outside a tx block: put the step in tx { } so the history "
                       "row records who made the change (the runtime names the actor per "
                       "transaction)",
                       q->name, a->table, a->column);
        for (int k = 0; k < s->firing_count; k++)
            seen =
                seen || (s->firings[k].lifecycle == l && strcmp(s->firings[k].to, a->literal) == 0);
        if (seen)
            continue;
        s->firings = rt_arena_grow(c->arena, s->firings, s->firing_count, &s->firing_capacity,
                                   sizeof *s->firings);
        s->firings[s->firing_count].lifecycle = l;
        s->firings[s->firing_count].to = a->literal;
        s->firing_count++;
    }
    return 0;
}

static int check_program_firings(check_ctx *c, api_program *program)
{
    int rc = 0;

    for (int i = 0; !rc && i < program->step_count; i++) {
        if (program->steps[i].kind == RT_STEP_QUERY)
            rc = check_step_firings(c, &program->steps[i]);
    }
    return rc;
}

/* After the lifecycles are checked: states first, then every program. */
int check_lifecycle_firings(check_ctx *c)
{
    model *m = c->model;
    int rc = 0;

    check_assignment_states(c);
    for (int f = 0; !rc && f < m->api_file_count; f++) {
        for (int i = 0; !rc && i < m->api_files[f].job_count; i++) {
            c->endpoint = NULL;
            c->job = &m->api_files[f].jobs[i];
            rc = check_program_firings(c, &c->job->program);
        }
        for (int i = 0; !rc && i < m->api_files[f].endpoint_count; i++) {
            c->job = NULL;
            c->endpoint = &m->api_files[f].endpoints[i];
            rc = check_program_firings(c, &c->endpoint->program);
        }
    }
    c->endpoint = NULL;
    c->job = NULL;
    return rc;
}
