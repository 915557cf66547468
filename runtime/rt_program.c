/*
 * rt_program.c - runs generated steps (see rt_program.h). Values move as
 * PostgreSQL text; rt_render writes them as JSON by the compiler's type for
 * each value (rt_type).
 *
 * Invariants: conn is non-NULL from the first database step until
 * rt_program_finish; in_transaction is true exactly between a successful
 * RT_STEP_BEGIN and its RT_STEP_COMMIT; states[i] is valid for i < the
 * index of the step running.
 */
#include "rt_program.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rt_builtin.h"
#include "rt_clock.h"
#include "rt_detail_fields.h"
#include "rt_enqueue.h"
#include "rt_error.h"
#include "rt_log.h"

#define RT_PROGRAM_MAX_ARGS 16

/* The spec's statement that names the actor for the lifecycle guard's
 * history rows (spec/runtime.sql). */
#define ACTOR_QUERY "SetActor"
static const char *const actor_params[] = {"actor"};

void rt_program_init(rt_program *program)
{
    memset(program, 0, sizeof *program);
}

void rt_program_fail(rt_program *program, int status, const char *code, const char *message)
{
    if (program->failed)
        return; /* the first answer stands */
    program->failed = true;
    program->status = status;
    program->code = code;
    program->message = message;
}

void rt_program_log_ids(const rt_program *program, rt_log_line *line)
{
    rt_log_str(line, "request_id", program->request_id);
    if (program->job_id > 0)
        rt_log_int(line, "job", program->job_id);
}

void rt_program_fail_internal(rt_program *program, const char *what, const char *detail)
{
    rt_log_line line;

    rt_log_begin(&line, RT_LOG_ERROR, "internal_error");
    rt_program_log_ids(program, &line);
    rt_log_str(&line, "what", what);
    rt_log_str(&line, "detail", detail);
    rt_log_end(&line);
    rt_program_fail(program, 500, NULL, "Internal server error.");
}

static void fail_unavailable(rt_program *program)
{
    rt_program_fail(program, 503, NULL, "Service temporarily unavailable, try again later.");
}

/* ---------------------------------------------------------------- values */

static int evaluate(rt_program *program, const rt_value *value, const char **out);

static bool role_in(const char *role, const char *const *roles, int count)
{
    for (int i = 0; role && i < count; i++)
        if (strcmp(roles[i], role) == 0)
            return true;
    return false;
}

static int call_builtin(rt_program *program, rt_builtin_id id, const rt_value *args, int arg_count,
                        const char **out)
{
    const char *texts[RT_PROGRAM_MAX_ARGS];
    rt_builtin_failure failure = {0};
    int rc;

    assert(arg_count <= RT_PROGRAM_MAX_ARGS);
    for (int i = 0; i < arg_count; i++) {
        rc = evaluate(program, &args[i], &texts[i]);
        if (rc != 0)
            return rc;
    }
    rc = rt_builtin_call(id, program->config, &program->request, program->arena, texts, arg_count,
                         out, &failure);
    if (rc == RT_EAUTH)
        rt_program_fail(program, failure.status, failure.code, failure.message);
    else if (rc != 0)
        rt_program_fail_internal(program, "builtin", rt_error_name(rc));
    return rc;
}

/* The source rendering and step values read: the steps' results, and this
 * file's evaluate for value members. */
static int evaluate_for_render(void *context, const rt_value *value, const char **out)
{
    return evaluate(context, value, out);
}

void rt_program_render_source(rt_program *program, rt_render_source *out)
{
    out->steps = program->steps;
    out->states = program->states;
    out->evaluate = evaluate_for_render;
    out->context = program;
}

static const char *step_column(rt_program *program, int step, int row, int column)
{
    rt_render_source source;

    rt_program_render_source(program, &source);
    return rt_render_column(&source, step, row, column);
}

static const char *number_text(rt_program *program, int64_t n)
{
    return rt_arena_printf(program->arena, "%lld", (long long)n);
}

/* *out: the value's text, or NULL for SQL NULL. On failure the program
 * has its answer. */
static int evaluate(rt_program *program, const rt_value *value, const char **out)
{
    *out = NULL;
    if (value->unless_role_count > 0 &&
        role_in(program->role, value->unless_roles, value->unless_role_count)) {
        return value->otherwise ? evaluate(program, value->otherwise, out) : 0;
    }
    switch (value->kind) {
    case RT_VALUE_NULL:
        return 0;
    case RT_VALUE_LITERAL:
        *out = value->literal;
        return 0;
    case RT_VALUE_BODY:
        *out = program->body ? program->body[value->index].text : NULL;
        return 0;
    case RT_VALUE_BODY_PRESENT:
        *out = program->body && program->body[value->index].present ? "true" : "false";
        return 0;
    case RT_VALUE_QUERY:
        *out = program->query ? program->query[value->index].text : NULL;
        return 0;
    case RT_VALUE_PATH:
        *out = program->path ? program->path[value->index].text : NULL;
        return 0;
    case RT_VALUE_AUTH:
        *out = value->index == RT_AUTH_USER_ID ? program->user_id : program->role;
        return 0;
    case RT_VALUE_CONFIG:
        *out = number_text(program, rt_config_value(program->config, (rt_config_key)value->index));
        break;
    case RT_VALUE_STEP:
        *out = step_column(program, value->index, 0, value->column);
        return 0;
    case RT_VALUE_CALL: {
        const char *results[RT_BUILTIN_MAX_COLUMNS] = {0};
        int rc = call_builtin(program, (rt_builtin_id)value->index, value->args, value->arg_count,
                              results);
        *out = results[0];
        return rc;
    }
    case RT_VALUE_JOB:
        *out = number_text(program, value->index == 0 ? program->job_id : program->job_attempt);
        break;
    case RT_VALUE_PAGE_LIMIT: /* one more row says whether another page follows */
        *out = number_text(program, program->page_size + 1);
        break;
    case RT_VALUE_PAGE_OFFSET:
        *out = number_text(program,
                           program->cursor_key ? 0 : (program->page - 1) * program->page_size);
        break;
    case RT_VALUE_PAGE_CURSOR_KEY:
        *out = program->cursor_key;
        return 0;
    case RT_VALUE_PAGE_CURSOR_TIEBREAK:
        *out = program->cursor_tiebreak;
        return 0;
    default:
        rt_program_fail_internal(program, "evaluate", "unknown value kind");
        return RT_EINVAL;
    }
    if (!*out) {
        rt_program_fail_internal(program, "evaluate", "out of memory");
        return RT_ENOMEM;
    }
    return 0;
}

/* ----------------------------------------------------------------- steps */

static bool outcome_of_sqlstate(const char *sqlstate, rt_outcome *out)
{
    static const struct {
        const char *sqlstate;
        rt_outcome outcome;
    } table[] = {
        {"23505", RT_OUTCOME_UNIQUE_VIOLATION},
        {"23514", RT_OUTCOME_CHECK_VIOLATION},
        {"23503", RT_OUTCOME_FOREIGN_KEY_VIOLATION},
        {"23502", RT_OUTCOME_NOT_NULL_VIOLATION},
        {"P0001", RT_OUTCOME_RAISE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].sqlstate, sqlstate) == 0) {
            *out = table[i].outcome;
            return true;
        }
    }
    return false;
}

/* The step's map for an outcome: the one naming the failed constraint (or
 * a RAISE's CONSTRAINT option) wins over one naming none, wherever listed. */
static const rt_outcome_map *find_outcome(const rt_step *step, rt_outcome outcome,
                                          const char *constraint)
{
    const rt_outcome_map *any = NULL;

    for (int i = 0; i < step->outcome_count; i++) {
        const rt_outcome_map *map = &step->outcomes[i];
        if (map->outcome != outcome)
            continue;
        if (!map->constraint) {
            if (!any)
                any = map;
            continue;
        }
        if (constraint && strcmp(map->constraint, constraint) == 0)
            return map;
    }
    return any;
}

static int ensure_connection(rt_program *program)
{
    if (program->conn)
        return 0;
    if (rt_db_acquire(program->db, &program->conn) != 0) {
        program->conn = NULL;
        fail_unavailable(program);
        return RT_EUNAVAILABLE;
    }
    return 0;
}

/* The answer of a mapped database error: the map's message or the
 * database's, and with `fields from detail` the DETAIL's field errors; a
 * DETAIL that is not field errors is the SQL's mistake: a logged 500. */
static void outcome_failed(rt_program *program, const rt_outcome_map *map, const char *name,
                           const rt_db_result *result)
{
    const char *message = map->message;
    const char *problem = NULL;
    int rc = 0;

    if (!message)
        message = result->message ? rt_arena_strdup(program->arena, result->message) : "Conflict.";
    if (map->fields_from_detail && !program->failed)
        rc = rt_detail_fields_parse(result->detail, program->arena, &program->fields, &problem);
    if (rc == RT_ENOMEM) {
        rt_program_fail_internal(program, "raise_fields", "out of memory");
    } else if (rc != 0) {
        char detail[512];
        snprintf(detail, sizeof detail, "%s: raise %s: %s: %.300s", name,
                 result->constraint ? result->constraint : "(no constraint)", problem,
                 result->detail ? result->detail : "");
        rt_program_fail_internal(program, "raise_fields", detail);
    } else {
        rt_program_fail(program, map->status, map->code, message);
    }
}

/* Maps a failed statement to the program's answer. */
static int statement_failed(rt_program *program, const rt_step *step, const char *name, int rc,
                            rt_db_result *result)
{
    if (rc == RT_EDB && strcmp(result->sqlstate, RT_DB_SQLSTATE_TIMEOUT) == 0) {
        /* DB_STATEMENT_TIMEOUT_MS struck (a lock held too long, a slow
         * plan): the database is not answering in time, as in an outage. */
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_WARN, "statement_timeout");
        rt_program_log_ids(program, &line);
        rt_log_str(&line, "query", name);
        rt_log_end(&line);
        rt_program_fail(program, 503, NULL,
                        "The database did not answer in time, try again later.");
    } else if (rc == RT_EDB) {
        rt_outcome outcome;
        const rt_outcome_map *map = (step && outcome_of_sqlstate(result->sqlstate, &outcome))
                                        ? find_outcome(step, outcome, result->constraint)
                                        : NULL;
        if (map) {
            outcome_failed(program, map, name, result);
        } else {
            char detail[512];
            snprintf(detail, sizeof detail, "%s: SQLSTATE %s: %s", name, result->sqlstate,
                     result->message ? result->message : "");
            rt_program_fail_internal(program, "query", detail);
        }
    } else if (rc == RT_EUNAVAILABLE) {
        fail_unavailable(program);
    } else {
        rt_program_fail_internal(program, name, rt_error_name(rc));
    }
    return rc;
}

/* The planner's row estimate from EXPLAIN (FORMAT JSON): the first
 * "Plan Rows", the top node's. -1 when absent. */
static int64_t plan_rows(const rt_db_result *result)
{
    const char *plan = result->rows > 0 ? rt_db_value(result, 0, 0) : NULL;
    const char *at = plan ? strstr(plan, "\"Plan Rows\":") : NULL;
    return at ? (int64_t)strtod(at + strlen("\"Plan Rows\":"), NULL) : -1;
}

/* A :page step's count: exact up to LIST_COUNT_EXACT_LIMIT matching rows
 * (a count of at most that many plus one), else the planner's estimate
 * (never below that), flagged as such. */
static int count_page(rt_program *program, const rt_query *query, const char *const *params,
                      rt_step_state *state)
{
    const char *counted[RT_API_MAX_QUERY_PARAMS];
    int64_t cap = program->config ? program->config->list_count_exact_limit : 10000;
    rt_db_result result = {0};
    int rc;

    memcpy(counted, params, sizeof *counted * (size_t)query->param_count);
    if (query->keyset_default) /* the cursor does not narrow the count */
        counted[query->param_count - 4] = counted[query->param_count - 3] = NULL;
    counted[query->param_count - 2] = number_text(program, cap + 1);
    rc = rt_db_run_read(program->conn, query, counted, -1, RT_DB_READ_COUNT, &result);
    if (rc == 0) {
        const char *text = result.rows > 0 ? rt_db_value(&result, 0, 0) : NULL;
        state->count = text ? strtoll(text, NULL, 10) : 0;
    }
    rt_db_result_clear(&result);
    if (rc != 0 || state->count <= cap)
        return rc;
    rc = rt_db_run_read(program->conn, query, counted, -1, RT_DB_READ_ESTIMATE, &result);
    if (rc == 0) {
        int64_t estimate = plan_rows(&result);
        state->count = estimate > cap ? estimate : cap + 1;
        state->count_is_estimate = true;
    }
    rt_db_result_clear(&result);
    return rc;
}

/* The parameters and ordering of a query step. On failure the program
 * has its answer. */
static int query_step_inputs(rt_program *program, const rt_step *step, const char **params,
                             int *out_ordering)
{
    const rt_query *query = step->query;
    int rc;

    assert(query && step->arg_count == query->param_count &&
           query->param_count <= RT_API_MAX_QUERY_PARAMS);
    *out_ordering = -1;
    for (int i = 0; i < step->arg_count; i++) {
        rc = evaluate(program, &step->args[i], &params[i]);
        if (rc != 0)
            return rc;
    }
    if (query->ordering_count > 0 && step->ordering.kind != RT_VALUE_NULL) {
        const char *name = NULL;
        rc = evaluate(program, &step->ordering, &name);
        if (rc != 0)
            return rc;
        for (int i = 0; name && i < query->ordering_count; i++)
            if (strcmp(query->orderings[i].name, name) == 0)
                *out_ordering = i;
    }
    return 0;
}

/* What a query step's statement code means: its result stays in state; a
 * :page step's count is read next, with the same params. */
static int query_step_outcome(rt_program *program, const rt_step *step, rt_step_state *state,
                              int rc, const char *const *params)
{
    const rt_query *query = step->query;

    state->has_result = true;
    if (rc == 0 && query->cardinality == RT_CARD_PAGE)
        rc = count_page(program, query, params, state);
    if (rc == 0)
        return 0;
    if (rc == RT_ENOROW) {
        const rt_outcome_map *map = find_outcome(step, RT_OUTCOME_NO_ROW, NULL);
        if (step->optional) {
            state->absent = true;
            return 0;
        }
        if (map)
            rt_program_fail(program, map->status, map->code, map->message);
        else
            rt_program_fail(program, 404, NULL, "Not found.");
        return rc;
    }
    return statement_failed(program, step, step->query->name, rc, &state->result);
}

/* How a query step's statement is read: backward for a keyset page
 * before a cursor, else as written. */
static rt_db_read step_read(const rt_program *program)
{
    return program->cursor_before ? RT_DB_READ_BACKWARD : RT_DB_READ_FORWARD;
}

static int run_query_step(rt_program *program, const rt_step *step, rt_step_state *state)
{
    const char *params[RT_API_MAX_QUERY_PARAMS];
    int ordering = -1;
    int rc = ensure_connection(program);

    if (rc == 0)
        rc = query_step_inputs(program, step, params, &ordering);
    if (rc != 0)
        return rc;
    rc = rt_db_run_read(program->conn, step->query, params, ordering, step_read(program),
                        &state->result);
    return query_step_outcome(program, step, state, rc, params);
}

int rt_program_run_query(rt_program *program, const rt_query *query, const char *const *params,
                         rt_db_result *out)
{
    int rc = ensure_connection(program);

    if (rc != 0)
        return rc;
    rc = rt_db_run_variant(program->conn, query, params, -1, out);
    if (rc == 0 || rc == RT_ENOROW)
        return rc;
    return statement_failed(program, NULL, query->name, rc, out);
}

static int run_begin(rt_program *program)
{
    rt_db_result result = {0};
    int rc;

    if (program->outer_transaction && program->in_transaction)
        return 0; /* inside the caller's transaction (rt_program_begin_outer) */
    rc = ensure_connection(program);
    if (rc != 0)
        return rc;
    rc = rt_db_begin(program->conn);
    if (rc != 0)
        return statement_failed(program, NULL, "BEGIN", rc, &result);
    program->in_transaction = true;
    if (program->actor) {
        const char *params[1] = {program->actor};
        const rt_query *query = NULL;
        rc = rt_db_find_query(ACTOR_QUERY, actor_params, 1, &query);
        if (rc == 0)
            rc = rt_db_run(program->conn, query, params, &result);
        if (rc != 0)
            statement_failed(program, NULL, ACTOR_QUERY, rc, &result);
        rt_db_result_clear(&result);
    }
    return rc;
}

static int run_commit(rt_program *program)
{
    rt_db_result result = {0};
    int rc;

    assert(program->in_transaction);
    if (program->outer_transaction)
        return 0; /* the caller commits (rt_program_commit_outer) */
    rc = rt_db_commit(program->conn);
    program->in_transaction = false;
    if (rc != 0)
        return statement_failed(program, NULL, "COMMIT", rc, &result);
    return 0;
}

int rt_program_begin_outer(rt_program *program)
{
    program->outer_transaction = true;
    return run_begin(program);
}

int rt_program_commit_outer(rt_program *program)
{
    program->outer_transaction = false;
    return run_commit(program);
}

static int run_enqueue(rt_program *program, const rt_step *step)
{
    const rt_job *job = step->job;
    rt_buf payload;
    rt_db_result result = {0};
    int rc = 0;

    assert(job && step->arg_count == job->payload_field_count);
    rt_buf_init(&payload);
    rt_buf_puts(&payload, "{");
    for (int i = 0; i < step->arg_count && rc == 0; i++) {
        const char *text = NULL;
        rc = evaluate(program, &step->args[i], &text);
        if (i > 0)
            rt_buf_puts(&payload, ",");
        rt_buf_json_string(&payload, job->payload_fields[i].name);
        rt_buf_puts(&payload, ":");
        rt_render_value(&payload, job->payload_fields[i].type, text);
    }
    rt_buf_puts(&payload, "}");
    if (rc != 0)
        goto done;
    if (payload.failed) {
        rc = RT_ENOMEM;
        rt_program_fail_internal(program, "enqueue", "out of memory");
        goto done;
    }
    rc = ensure_connection(program);
    if (rc != 0)
        goto done;
    rc = rt_enqueue_job(program->conn, job, rt_buf_cstr(&payload), NULL, program->request_id, NULL,
                        &result);
    if (rc != 0)
        statement_failed(program, NULL, "rt_enqueue_job", rc, &result);

done:
    rt_db_result_clear(&result);
    rt_buf_free(&payload);
    return rc;
}

static int run_sleep(rt_program *program, const rt_step *step)
{
    const char *text = NULL;
    int rc = evaluate(program, &step->args[0], &text);

    if (rc != 0 || !text)
        return rc;
    rt_clock_sleep_ms(strtoll(text, NULL, 10) * 1000);
    return 0;
}

/* One spec event line: the ids, then the members. */
static int write_event(rt_program *program, const char *event, const rt_member *members,
                       int member_count)
{
    rt_log_line line;
    int rc = 0;

    rt_log_begin(&line, RT_LOG_INFO, event);
    if (line.enabled) {
        bool first = false; /* the line already has members */
        rt_render_source source;
        rt_program_log_ids(program, &line);
        rt_program_render_source(program, &source);
        rc = rt_render_members(&source, members, member_count, &line.buf, &first);
    }
    rt_log_end(&line);
    return rc;
}

/* stop if empty STEP: true when that query step returned no row. */
static bool stops(const rt_program *program, const rt_step *step)
{
    const rt_step_state *tested = &program->states[step->stop_step];
    return tested->absent || !tested->has_result || tested->result.rows == 0;
}

static int run_log(rt_program *program, const rt_step *step)
{
    return write_event(program, step->name, step->members, step->member_count);
}

/* Takes steps as the program's and gives each a state. */
static int adopt_steps(rt_program *program, const rt_step *steps, int count)
{
    program->steps = steps;
    program->step_count = count;
    program->prefetched = false;
    program->states = rt_arena_alloc(program->arena, sizeof(rt_step_state) * (size_t)(count + 1));
    if (!program->states) {
        rt_program_fail_internal(program, "program", "out of memory");
        return RT_ENOMEM;
    }
    return 0;
}

bool rt_program_reads_only(const rt_step *steps, int count)
{
    for (int i = 0; i < count; i++) {
        const rt_step *step = &steps[i];
        if (step->kind == RT_STEP_BEGIN || step->kind == RT_STEP_COMMIT ||
            step->kind == RT_STEP_ENQUEUE || step->kind == RT_STEP_SLEEP)
            return false;
        if (step->kind == RT_STEP_QUERY && !step->query->reads_only)
            return false;
    }
    return true;
}

int rt_program_prefetch(rt_program *program, const rt_step *steps, int count, rt_db_statement *lead)
{
    rt_db_statement statements[2] = {*lead};
    /* kept with the program: a :page step's count reads them after */
    const char **params = rt_arena_alloc(program->arena, sizeof *params * RT_API_MAX_QUERY_PARAMS);
    int rc;

    if (params == NULL) {
        rt_program_fail_internal(program, "program", "out of memory");
        return RT_ENOMEM;
    }
    if (count < 1 || steps[0].kind != RT_STEP_QUERY || !rt_program_reads_only(steps, count))
        return RT_EINVAL;
    rc = adopt_steps(program, steps, count);
    if (rc == 0)
        rc = ensure_connection(program);
    if (rc == 0)
        rc = query_step_inputs(program, &steps[0], params, &statements[1].ordering);
    if (rc != 0)
        return rc;
    statements[1].query = steps[0].query;
    statements[1].params = params;
    statements[1].read = step_read(program);
    rc = rt_db_run_pipeline(program->conn, statements, 2);
    if (rc == 0 && statements[0].rc != 0 && statements[0].rc != RT_ENOROW) {
        rc = statements[0].rc; /* the lead failed, the step did not run */
        rt_db_result_clear(&statements[0].result);
        rt_db_result_clear(&statements[1].result);
    }
    if (rc != 0)
        return rc;
    *lead = statements[0];
    program->states[0].result = statements[1].result;
    program->states[0].has_result = true;
    program->prefetched_rc = statements[1].rc;
    program->prefetched_params = params;
    program->prefetched = true;
    return 0;
}

void rt_program_discard_prefetch(rt_program *program)
{
    if (!program->prefetched)
        return;
    rt_db_result_clear(&program->states[0].result);
    program->states[0].has_result = false;
    program->prefetched = false;
}

int rt_program_run(rt_program *program, const rt_step *steps, int count)
{
    int rc = 0;
    int first = 0;

    if (program->prefetched && program->steps == steps) {
        /* steps[0] already ran, with the lead statement (rt_program_prefetch) */
        first = 1;
        program->prefetched = false;
        program->states[0].has_result = false;
        rc = query_step_outcome(program, &steps[0], &program->states[0], program->prefetched_rc,
                                program->prefetched_params);
    } else {
        rc = adopt_steps(program, steps, count);
    }
    for (int i = first; i < count && rc == 0; i++) {
        const rt_step *step = &steps[i];
        rt_step_state *state = &program->states[i];

        switch (step->kind) {
        case RT_STEP_QUERY:
            rc = run_query_step(program, step, state);
            break;
        case RT_STEP_CHECK: {
            const char *results[RT_BUILTIN_MAX_COLUMNS] = {0};
            rc = call_builtin(program, step->builtin, step->args, step->arg_count, results);
            if (rc == 0 && !(results[0] && strcmp(results[0], "true") == 0)) {
                if (step->else_event != NULL)
                    (void)write_event(program, step->else_event, step->members, step->member_count);
                rt_program_fail(program, step->else_status, step->else_code, step->else_message);
                rc = RT_EINVAL;
            }
            break;
        }
        case RT_STEP_LET:
            state->columns =
                rt_arena_alloc(program->arena, sizeof(char *) * RT_BUILTIN_MAX_COLUMNS);
            if (!state->columns) {
                rt_program_fail_internal(program, "let", "out of memory");
                rc = RT_ENOMEM;
                break;
            }
            rc = call_builtin(program, step->builtin, step->args, step->arg_count, state->columns);
            break;
        case RT_STEP_BEGIN:
            rc = run_begin(program);
            break;
        case RT_STEP_COMMIT:
            rc = run_commit(program);
            break;
        case RT_STEP_ENQUEUE:
            rc = run_enqueue(program, step);
            break;
        case RT_STEP_SLEEP:
            rc = run_sleep(program, step);
            break;
        case RT_STEP_LOG:
            rc = run_log(program, step);
            break;
        case RT_STEP_STOP:
            if (stops(program, step))
                return 0; /* done: nothing to do (README, Background work) */
            break;
        }
    }
    if (rc != 0 && !program->failed)
        rt_program_fail_internal(program, "program", rt_error_name(rc));
    return rc;
}

void rt_program_finish(rt_program *program)
{
    if (program->conn) {
        if (program->in_transaction)
            rt_db_rollback(program->conn);
        program->in_transaction = false;
        rt_db_release(program->db, program->conn);
        program->conn = NULL;
    }
    for (int i = 0; program->states && i < program->step_count; i++) {
        if (program->states[i].has_result)
            rt_db_result_clear(&program->states[i].result);
        program->states[i].has_result = false;
    }
}

int rt_program_value_text(rt_program *program, const rt_value *value, const char **out)
{
    return evaluate(program, value, out);
}
