/*
 * check_step.c - steps and members (see check_step.h). Query steps bind
 * named arguments to the query's parameters, enqueue steps to the job's
 * payload; outcomes map SQL failures to statuses.
 */
#include "check_step.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "check_field.h"
#include "check_literal.h"
#include "check_lookup.h"
#include "check_value.h"
#include "names.h"
#include "rt_error.h"
#include "sqltype.h"

static const char *const check_outcome_names[] = {
    "no_row", "unique_violation", "check_violation", "foreign_key_violation", "not_null_violation",
    "raise",
};

/* `fields from detail`: only a RAISE sets a DETAIL, field errors are a
 * client's mistake (4xx), and only an endpoint answers with them. */
static int check_fields_from_detail(check_ctx *c, const api_outcome *o)
{
    if (o->outcome != RT_OUTCOME_RAISE) {
        diag_error(c->diag, o->fields_loc,
                   "fields from detail needs a raise outcome (only RAISE sets a DETAIL); this is "
                   "%s",
                   o->outcome_name);
        return RT_EINVAL;
    }
    if (o->status >= 500) {
        diag_error(c->diag, o->status_loc,
                   "fields from detail answers a client's mistake: a 4xx status, not %d",
                   o->status);
        return RT_EINVAL;
    }
    if (!c->endpoint) {
        diag_error(c->diag, o->fields_loc,
                   "fields from detail is for endpoints: a job has no answer to put them in");
        return RT_EINVAL;
    }
    return 0;
}

static int check_outcomes(check_ctx *c, api_step *s)
{
    const int count = (int)(sizeof check_outcome_names / sizeof check_outcome_names[0]);

    for (int i = 0; i < s->outcome_count; i++) {
        api_outcome *o = &s->outcomes[i];
        int found = -1;
        for (int k = 0; k < count; k++) {
            if (strcmp(check_outcome_names[k], o->outcome_name) == 0)
                found = k;
        }
        if (found < 0) {
            diag_suggestion sug;
            char hint[300];
            diag_suggest_init(&sug, o->outcome_name);
            for (int k = 0; k < count; k++)
                diag_suggest_consider(&sug, check_outcome_names[k]);
            diag_error(c->diag, o->loc, "unknown outcome \"%s\"%s", o->outcome_name,
                       diag_suggest_hint(&sug, hint, sizeof hint));
            continue;
        }
        o->outcome = (rt_outcome)found;
        if (o->outcome == RT_OUTCOME_NO_ROW && s->query && s->query->cardinality != RT_CARD_ONE) {
            diag_error(c->diag, o->loc, "no_row applies to :one queries; %s is :%s", s->query->name,
                       s->query->cardinality == RT_CARD_EXEC   ? "exec"
                       : s->query->cardinality == RT_CARD_MANY ? "many"
                                                               : "page");
            continue;
        }
        if (o->outcome == RT_OUTCOME_NO_ROW && s->optional) {
            diag_error(c->diag, o->loc, "an optional step has no no_row outcome");
            continue;
        }
        if (o->constraint && o->outcome != RT_OUTCOME_RAISE) {
            /* a raise's name is the RAISE's CONSTRAINT option, not the catalog's */
            if (o->outcome == RT_OUTCOME_NO_ROW) {
                diag_error(c->diag, o->constraint_loc, "%s does not name a constraint",
                           o->outcome_name);
                continue;
            }
            if (!catalog_find_constraint(&c->model->catalog, o->constraint)) {
                diag_suggestion sug;
                char hint[300];
                diag_suggest_init(&sug, o->constraint);
                for (int k = 0; k < c->model->catalog.constraint_count; k++)
                    diag_suggest_consider(&sug, c->model->catalog.constraints[k].name);
                diag_error(c->diag, o->constraint_loc, "unknown constraint \"%s\"%s", o->constraint,
                           diag_suggest_hint(&sug, hint, sizeof hint));
                continue;
            }
        }
        if (o->status < 400) {
            diag_error(c->diag, o->status_loc, "an outcome maps to an error status (400-599)");
            continue;
        }
        if (o->fields_from_detail && check_fields_from_detail(c, o) != 0)
            continue;
        for (int k = 0; k < i; k++) {
            const api_outcome *other = &s->outcomes[k];
            if (other->outcome == o->outcome && ((!other->constraint && !o->constraint) ||
                                                 (other->constraint && o->constraint &&
                                                  strcmp(other->constraint, o->constraint) == 0))) {
                diag_error(c->diag, o->loc, "outcome %s is mapped twice", o->outcome_name);
                break;
            }
        }
        if (!o->code)
            o->code = rt_error_default_code(o->status);
    }
    return 0;
}

/* Whether the value (and its `else` value) may bind where target is
 * expected; reports the mismatch naming `what` ("parameter \"uid\" of
 * GetUser"). */
static void check_binding(check_ctx *c, const api_value *v, const sqltype *target, const char *what)
{
    const api_value *values[2] = {v, v->otherwise};
    for (int i = 0; i < 2; i++) {
        const api_value *value = values[i];
        if (!value || !check_literal_valid(c, value, target) || check_value_fits(c, value, target))
            continue;
        diag_error(c->diag, value->loc, "type mismatch: %s is %s, but %s is %s", what, target->name,
                   check_value_describe(c, value),
                   value->kind == API_VALUE_STRING ? "a string" : value->type.name);
    }
}

/* Whether an unknown argument of s (already reported with its "did you
 * mean") is a misspelling of slot name: then a missing `name` is the same
 * mistake, not a second one. */
static bool check_misspelt_arg(const api_step *s, const char *name, const char *const *names,
                               int count)
{
    for (int i = 0; i < s->arg_count; i++) {
        diag_suggestion sug;
        if (s->args[i].param_index != -1)
            continue;
        diag_suggest_init(&sug, s->args[i].name);
        for (int k = 0; k < count; k++)
            diag_suggest_consider(&sug, names[k]);
        if (sug.best && strcmp(sug.best, name) == 0)
            return true;
    }
    return false;
}

/* Binds name: VALUE arguments to named slots (query parameters or job
 * payload fields): every slot given once, unknown names reported.
 * ordered receives the values in slot order; slots [given_count, count)
 * are not the spec's to give (a :page query's limit and offset). */
static int check_named_args(check_ctx *c, api_step *s, int index, const char *owner,
                            const char *const *names, const sqltype *types, const bool *required,
                            int count, int given_count, api_value *ordered)
{
    int rc = 0;

    for (int i = 0; i < s->arg_count; i++) {
        api_arg *arg = &s->args[i];
        int errors = c->diag->error_count;
        arg->param_index = -1;
        for (int k = 0; k < count; k++) {
            if (strcmp(names[k], arg->name) == 0)
                arg->param_index = k;
        }
        for (int k = 0; k < i; k++) {
            if (strcmp(s->args[k].name, arg->name) == 0) {
                diag_error(c->diag, arg->loc, "argument \"%s\" given twice", arg->name);
                arg->param_index = -2;
            }
        }
        rc = check_value_resolve(c, &arg->value, index);
        if (rc)
            return rc;
        if (arg->param_index == -2)
            continue;
        if (arg->param_index >= given_count) {
            diag_error(c->diag, arg->loc, "@%s of %s comes from the page: do not give it",
                       arg->name, owner);
            continue;
        }
        if (arg->param_index < 0) {
            diag_suggestion sug;
            char hint[300];
            diag_suggest_init(&sug, arg->name);
            for (int k = 0; k < given_count; k++)
                diag_suggest_consider(&sug, names[k]);
            diag_error(c->diag, arg->loc, "%s %s has no %s \"%s\"%s",
                       s->kind == RT_STEP_ENQUEUE ? "job" : "query", owner,
                       s->kind == RT_STEP_ENQUEUE ? "payload field" : "parameter", arg->name,
                       diag_suggest_hint(&sug, hint, sizeof hint));
            continue;
        }
        ordered[arg->param_index] = arg->value;
        if (c->diag->error_count > errors || !types[arg->param_index].name)
            continue;
        check_binding(c, &arg->value, &types[arg->param_index],
                      rt_arena_printf(c->arena, "%s \"%s\" of %s",
                                      s->kind == RT_STEP_ENQUEUE ? "payload field" : "parameter",
                                      names[arg->param_index], owner));
    }
    for (int k = 0; k < given_count; k++) {
        bool given = false;
        for (int i = 0; i < s->arg_count; i++)
            given = given || s->args[i].param_index == k;
        if (!given && required[k] && !check_misspelt_arg(s, names[k], names, given_count))
            diag_error(c->diag, s->close_loc, "missing argument \"%s\" for %s %s (%s)", names[k],
                       s->kind == RT_STEP_ENQUEUE ? "job" : "query", owner, types[k].name);
        if (!given && !required[k]) {
            ordered[k].rt_kind = RT_VALUE_NULL;
            ordered[k].type = types[k];
        }
    }
    return 0;
}

/* order_by VALUE: the query must have `-- ordering:`; a query field of
 * type `ordering` gets the ordering names as its choices. */
static int check_order_by(check_ctx *c, api_step *s, int index)
{
    const sql_query *q = s->query;
    int rc;

    if (!s->has_order_by)
        return 0;
    rc = check_value_resolve(c, &s->order_by, index);
    if (rc)
        return rc;
    if (q->ordering_count == 0) {
        diag_error(c->diag, s->order_by.loc,
                   "query %s has no orderings (mark its ORDER BY line with -- ordering: a, b)",
                   q->name);
        return 0;
    }
    if (s->order_by.rt_kind == RT_VALUE_QUERY && c->endpoint) {
        api_field *f = &c->endpoint->query_fields[s->order_by.index];
        if (f->type_name && strcmp(f->type_name, "ordering") == 0) {
            if (f->choice_count > 0) {
                diag_error(c->diag, s->order_by.loc,
                           "query.%s already lists the orderings of another query", f->name);
                return 0;
            }
            f->choices = rt_arena_alloc(c->arena, sizeof *f->choices * (size_t)q->ordering_count);
            for (int i = 0; i < q->ordering_count; i++)
                f->choices[i] = q->orderings[i].name;
            f->choice_count = q->ordering_count;
            if (f->default_text) {
                bool found = false;
                for (int i = 0; i < q->ordering_count; i++)
                    found = found || strcmp(q->orderings[i].name, f->default_text) == 0;
                if (!found)
                    diag_error(c->diag, f->default_value.loc,
                               "default ordering \"%s\" is not one of %s's orderings",
                               f->default_text, q->name);
            }
            return 0;
        }
    }
    if (s->order_by.type.type != RT_TYPE_TEXT && !s->order_by.type.opaque)
        diag_error(c->diag, s->order_by.loc, "order_by takes an ordering name (text), not %s",
                   s->order_by.type.name);
    return 0;
}

static int check_query_step(check_ctx *c, api_step *s, int index)
{
    const sql_query *q = check_lookup_query(c->model, s->query_name);
    const char **names;
    sqltype *types;
    bool *required;
    int given;
    int rc = 0;

    if (!q) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, s->query_name);
        for (int i = 0; i < c->model->query_count; i++)
            diag_suggest_consider(&sug, c->model->queries_by_id[i]->name);
        diag_error(c->diag, s->query_loc, "unknown query \"%s\"%s", s->query_name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
        /* still check the argument values */
        for (int i = 0; i < s->arg_count; i++) {
            rc = check_value_resolve(c, &s->args[i].value, index);
            if (rc)
                return rc;
        }
        return 0;
    }
    s->query = q;
    s->columns = q->columns;
    s->column_count = q->column_count;
    if (q->has_errors) {
        /* its parameters may be incomplete (reported): check the values only */
        for (int i = 0; i < s->arg_count; i++) {
            s->args[i].param_index = -1;
            rc = check_value_resolve(c, &s->args[i].value, index);
            if (rc)
                return rc;
        }
        return 0;
    }
    s->ordered_args =
        rt_arena_alloc(c->arena, sizeof *s->ordered_args * (size_t)(q->param_count + 1));
    names = rt_arena_alloc(c->arena, sizeof *names * (size_t)(q->param_count + 1));
    types = rt_arena_alloc(c->arena, sizeof *types * (size_t)(q->param_count + 1));
    required = rt_arena_alloc(c->arena, sizeof *required * (size_t)(q->param_count + 1));
    for (int k = 0; k < q->param_count; k++) {
        names[k] = q->params[k].name;
        types[k] = q->params[k].type;
        required[k] = true;
    }
    given = q->param_count - q->page_params;
    if (q->page_params) {
        if (c->job)
            diag_error(c->diag, s->query_loc, "a job cannot run the :page query %s", q->name);
        static const rt_value_kind kinds[] = {RT_VALUE_PAGE_CURSOR_KEY,
                                              RT_VALUE_PAGE_CURSOR_TIEBREAK, RT_VALUE_PAGE_LIMIT,
                                              RT_VALUE_PAGE_OFFSET};
        for (int k = 0; k < q->page_params; k++) {
            s->ordered_args[given + k].rt_kind = kinds[4 - q->page_params + k];
            s->ordered_args[given + k].type = q->params[given + k].type;
        }
    }
    rc = check_named_args(c, s, index, q->name, names, types, required, q->param_count, given,
                          s->ordered_args);
    if (rc)
        return rc;
    if (s->optional && q->cardinality != RT_CARD_ONE)
        diag_error(c->diag, s->optional_loc, "optional applies to :one queries; %s is not :one",
                   q->name);
    rc = check_order_by(c, s, index);
    if (rc)
        return rc;
    return check_outcomes(c, s);
}

static int check_enqueue_step(check_ctx *c, api_step *s, int index)
{
    const api_job *job = check_lookup_job(c, s->query_name);
    const char **names;
    sqltype *types;
    bool *required;
    int count;

    if (!job) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, s->query_name);
        for (int f = 0; f < c->model->api_file_count; f++) {
            for (int i = 0; i < c->model->api_files[f].job_count; i++)
                diag_suggest_consider(&sug, c->model->api_files[f].jobs[i].kind);
        }
        diag_error(c->diag, s->query_loc, "unknown job \"%s\"%s", s->query_name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
        return 0;
    }
    s->job = job;
    if (!s->in_tx)
        diag_error(c->diag, s->loc,
                   "enqueue %s outside a tx block: put it in the tx { } of the change that causes "
                   "it, so the job commits or rolls back with that change",
                   job->kind);
    count = job->payload_field_count;
    s->ordered_args = rt_arena_alloc(c->arena, sizeof *s->ordered_args * (size_t)(count + 1));
    names = rt_arena_alloc(c->arena, sizeof *names * (size_t)(count + 1));
    types = rt_arena_alloc(c->arena, sizeof *types * (size_t)(count + 1));
    required = rt_arena_alloc(c->arena, sizeof *required * (size_t)(count + 1));
    for (int k = 0; k < count; k++) {
        names[k] = job->payload_fields[k].name;
        types[k] = job->payload_fields[k].type;
        required[k] = job->payload_fields[k].required;
    }
    return check_named_args(c, s, index, job->kind, names, types, required, count, count,
                            s->ordered_args);
}

/* stop if empty STEP: in a job, outside tx, after a query step. */
static int check_stop_step(check_ctx *c, api_step *s, int index)
{
    if (!c->job)
        diag_error(c->diag, s->loc, "stop is for jobs; an endpoint refuses with check ... else");
    if (s->in_tx)
        diag_error(c->diag, s->loc,
                   "stop inside a tx block: put it after the block, once its change is committed");
    for (int k = index - 1; k >= 0; k--) {
        const api_step *other = &c->program->steps[k];
        if (!other->name || other->kind == RT_STEP_LOG || strcmp(other->name, s->stop_step) != 0)
            continue;
        if (other->kind != RT_STEP_QUERY)
            diag_error(c->diag, s->stop_step_loc, "stop if empty needs a query step; %s is not one",
                       s->stop_step);
        s->stop_index = other->rt_index;
        return 0;
    }
    diag_error(c->diag, s->stop_step_loc, "no earlier step named \"%s\"", s->stop_step);
    return 0;
}

static int check_other_step(check_ctx *c, api_step *s, int index)
{
    int rc;

    if (s->kind == RT_STEP_STOP)
        return check_stop_step(c, s, index);
    if (s->kind == RT_STEP_ENQUEUE)
        return check_enqueue_step(c, s, index);
    if (s->kind == RT_STEP_SLEEP) {
        rc = check_value_resolve(c, &s->call, index);
        if (!rc && s->call.type.type != RT_TYPE_INT && s->call.type.type != RT_TYPE_BIGINT &&
            !s->call.type.opaque)
            diag_error(c->diag, s->call.loc, "sleep takes a number of seconds (int), not %s",
                       s->call.type.name);
        return rc;
    }
    assert(s->kind == RT_STEP_LOG);
    return check_step_members(c, s->members, s->member_count, index, true);
}

static int check_builtin_step(check_ctx *c, api_step *s, int index)
{
    int builtin;
    const names_builtin *b;
    int rc = check_value_call(c, &s->call, index, &builtin);

    if (rc || builtin < 0)
        return rc;
    b = names_builtin_at(builtin);
    s->call.index = builtin;
    s->call.rt_kind = RT_VALUE_CALL;
    if (s->kind == RT_STEP_CHECK) {
        if (strcmp(b->result, "bool") != 0)
            diag_error(c->diag, s->call.loc,
                       "check needs a built-in that returns bool; %s returns %s", b->name,
                       b->result);
        if (s->else_status < 400)
            diag_error(c->diag, s->else_loc, "a failed check answers an error status (400-599)");
        if (builtin == RT_BUILTIN_IF_MATCH && !s->in_tx)
            diag_error(c->diag, s->loc,
                       "check if_match(...) outside a tx block: compare the version of a row the "
                       "tx locked (SELECT ... FOR UPDATE), so no change slips in before the write");
        if (!s->else_code)
            s->else_code = rt_error_default_code(s->else_status);
        if (s->else_event)
            return check_step_members(c, s->members, s->member_count, index, true);
        return 0;
    }
    if (strcmp(b->result, "record") != 0) {
        diag_error(c->diag, s->call.loc,
                   "let needs a built-in that returns a record; %s returns %s (use it as a value)",
                   b->name, b->result);
        return 0;
    }
    {
        int count = 1;
        sql_column *columns;
        for (const char *p = b->columns; *p; p++)
            count += *p == ',';
        columns = rt_arena_alloc(c->arena, sizeof *columns * (size_t)count);
        for (int k = 0; k < count; k++) {
            char item[128];
            char *colon;
            names_list_item(b->columns, k, item, (int)sizeof item);
            colon = strchr(item, ':');
            if (!colon)
                continue;
            *colon = '\0';
            columns[k].name = rt_arena_strdup(c->arena, item);
            check_value_type_of_name(c, colon + 1, s->call.loc, &columns[k].type);
            columns[k].nullable = false;
        }
        s->columns = columns;
        s->column_count = count;
    }
    return 0;
}

/* Steps run as emitted: each `tx { ... }` becomes RT_STEP_BEGIN before
 * its first step and RT_STEP_COMMIT after its last, so later indexes shift. */
static void check_step_indexes(api_program *program)
{
    int shift = 0;

    for (int i = 0; i < program->step_count; i++) {
        api_step *s = &program->steps[i];
        if (s->tx_block && (i == 0 || program->steps[i - 1].tx_block != s->tx_block))
            shift++; /* BEGIN */
        s->rt_index = i + shift;
        if (s->tx_block &&
            (i == program->step_count - 1 || program->steps[i + 1].tx_block != s->tx_block))
            shift++; /* COMMIT */
    }
}

int check_step_program(check_ctx *c, api_program *program)
{
    static const char *const reserved[] = {"body", "query",   "path",  "auth", "config",
                                           "null", "true",    "false", "rows", "each",
                                           "page", "payload", "job"};
    int rc = 0;

    check_step_indexes(program);
    for (int i = 0; i < program->step_count; i++) {
        api_step *s = &program->steps[i];
        if (s->name && s->kind != RT_STEP_LOG) {
            for (size_t k = 0; k < sizeof reserved / sizeof reserved[0]; k++) {
                if (strcmp(s->name, reserved[k]) == 0)
                    diag_error(c->diag, s->name_loc, "\"%s\" is reserved; name the step otherwise",
                               s->name);
            }
            for (int k = 0; k < i; k++) {
                const api_step *other = &program->steps[k];
                if (other->name && other->kind != RT_STEP_LOG &&
                    strcmp(other->name, s->name) == 0) {
                    diag_error(c->diag, s->name_loc, "step \"%s\" is already defined", s->name);
                    diag_note(c->diag, other->name_loc, "first defined here");
                }
            }
        }
        if (s->kind == RT_STEP_QUERY)
            rc = check_query_step(c, s, i);
        else if (s->kind == RT_STEP_CHECK || s->kind == RT_STEP_LET)
            rc = check_builtin_step(c, s, i);
        else
            rc = check_other_step(c, s, i);
        if (rc)
            return rc;
    }
    return 0;
}
/* The step named by a member (ROW, ROWS, EACH, PAGE) among all steps. */
static int check_step_member(check_ctx *c, api_member *m)
{
    api_program *program = c->program;
    api_value as_ref;

    for (int i = 0; i < program->step_count; i++) {
        api_step *s = &program->steps[i];
        const sql_query *q = s->query;
        if (!s->name || s->kind == RT_STEP_LOG || strcmp(s->name, m->step_name) != 0)
            continue;
        m->step = s->rt_index;
        if (s->kind == RT_STEP_QUERY && (!q || q->has_errors))
            return 0; /* unknown or broken query: already reported */
        if (s->kind != RT_STEP_QUERY) {
            diag_error(c->diag, m->step_loc,
                       "only a query step renders as rows; use the columns of %s (%s.column)",
                       m->step_name, m->step_name);
            return 0;
        }
        if (s->column_count == 0) {
            diag_error(c->diag, m->step_loc, "step \"%s\" returns no row", m->step_name);
        } else if (m->kind != RT_MEMBER_PAGE && q && q->cardinality == RT_CARD_PAGE) {
            diag_error(c->diag, m->step_loc, "%s is a :page query: answer with `%d page %s`",
                       q->name, c->endpoint && c->endpoint->status ? c->endpoint->status : 200,
                       m->step_name);
        } else if (m->kind == RT_MEMBER_PAGE) {
            if (!q || q->cardinality != RT_CARD_PAGE)
                diag_error(c->diag, m->step_loc, "page %s needs a :page query%s%s", m->step_name,
                           q ? "; this is " : "", q ? q->name : "");
        } else if ((m->kind == RT_MEMBER_ROWS || m->kind == RT_MEMBER_EACH) &&
                   (!q || q->cardinality != RT_CARD_MANY)) {
            diag_error(c->diag, m->step_loc, "%s %s needs a :many query%s%s",
                       m->kind == RT_MEMBER_ROWS ? "rows" : "each", m->step_name,
                       q ? "; this is " : "", q ? q->name : "");
        } else if (m->kind == RT_MEMBER_ROW && q && q->cardinality != RT_CARD_ONE) {
            diag_error(c->diag, m->step_loc, "step \"%s\" returns many rows: use `key: rows %s`",
                       m->step_name, m->step_name);
        } else if (m->kind == RT_MEMBER_EACH) {
            diag_suggestion sug;
            char hint[300];
            diag_suggest_init(&sug, m->column_name);
            for (int k = 0; k < s->column_count; k++) {
                if (strcmp(s->columns[k].name, m->column_name) == 0) {
                    m->column = k;
                    m->type = s->columns[k].type;
                    return 0;
                }
                diag_suggest_consider(&sug, s->columns[k].name);
            }
            diag_error(c->diag, m->column_loc, "unknown column \"%s\" in step %s%s", m->column_name,
                       m->step_name, diag_suggest_hint(&sug, hint, sizeof hint));
        }
        return 0;
    }
    memset(&as_ref, 0, sizeof as_ref);
    as_ref.text = m->step_name;
    as_ref.loc = m->step_loc;
    check_value_unknown_step(c, &as_ref, program->step_count);
    return 0;
}

/* Response members (step_limit: all steps) or a log step's members. */
int check_step_members(check_ctx *c, api_member *members, int count, int step_limit, bool in_log)
{
    int rc = 0;

    for (int i = 0; i < count; i++) {
        api_member *m = &members[i];
        if (m->key) {
            for (int k = 0; k < i; k++) {
                if (members[k].key && strcmp(members[k].key, m->key) == 0)
                    diag_error(c->diag, m->loc, "duplicate key \"%s\"", m->key);
            }
        }
        if (m->kind == RT_MEMBER_VALUE) {
            rc = check_value_resolve(c, &m->value, step_limit);
        } else if (in_log && m->kind != RT_MEMBER_ROW && m->kind != RT_MEMBER_EACH) {
            diag_error(c->diag, m->loc, "a log line holds values, rows and `each` lists");
        } else {
            /* a step named by a member must already have run */
            int saved = c->program->step_count;
            c->program->step_count = step_limit;
            rc = check_step_member(c, m);
            c->program->step_count = saved;
        }
        if (rc)
            return rc;
    }
    return 0;
}
