/*
 * check.c - the checker (see check.h and docs/spec-language.md).
 *
 * Order: queries (duplicates, ids), jobs (endpoints enqueue them), then
 * per file: endpoints (check_endpoint.c: auth, limit, page fields, fields,
 * steps in order - each value may only name earlier steps - the response,
 * unused path parameters), schedules, lifecycles (lifecycle.c); then the
 * lifecycle transitions each program fires (check_lifecycle.c); finally
 * duplicate routes. c->program is the step list being checked (an
 * endpoint's or a job's).
 */
#include "check.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_context.h"
#include "check_endpoint.h"
#include "check_field.h"
#include "check_lifecycle.h"
#include "check_lookup.h"
#include "check_step.h"
#include "lifecycle.h"
#include "names.h"
#include "rt_error.h"

/* --------------------------------------------------------- same-key runs */

/* Duplicates are found in n log n: items sorted by (key, position), each
 * run of equal keys points at its first item. */
typedef struct check_keyed {
    const char *key;
    int position;
} check_keyed;

static int check_compare_keyed(const void *a, const void *b)
{
    const check_keyed *ka = a;
    const check_keyed *kb = b;
    int order = strcmp(ka->key, kb->key);
    return order ? order : (ka->position > kb->position) - (ka->position < kb->position);
}

/* first[i] receives the position of the first of keys[0, n) equal to
 * keys[i] (i itself when none is earlier). */
static int check_first_of_key(rt_arena *a, const char *const *keys, int n, int *first)
{
    check_keyed *sorted = rt_arena_alloc(a, sizeof *sorted * (size_t)(n + 1));

    for (int i = 0; i < n; i++) {
        sorted[i].key = keys[i];
        sorted[i].position = i;
    }
    qsort(sorted, (size_t)n, sizeof *sorted, check_compare_keyed);
    for (int i = 0, run = 0; i < n; i++) {
        if (i > 0 && strcmp(sorted[i].key, sorted[run].key) != 0)
            run = i;
        first[sorted[i].position] = sorted[run].position;
    }
    return 0;
}

/* ----------------------------------------------------------------- queries */

static int check_compare_queries(const void *a, const void *b)
{
    const sql_query *qa = *(const sql_query *const *)a;
    const sql_query *qb = *(const sql_query *const *)b;
    return strcmp(qa->name, qb->name);
}

static int check_queries(check_ctx *c)
{
    model *m = c->model;
    sql_query **in_order;
    const char **names;
    int *first;
    const sql_query **all;
    int total = 0;
    int count = 0;
    int rc = 0;

    for (int f = 0; f < m->sql_file_count; f++)
        total += m->sql_files[f].query_count;
    in_order = rt_arena_alloc(c->arena, sizeof *in_order * (size_t)(total + 1));
    names = rt_arena_alloc(c->arena, sizeof *names * (size_t)(total + 1));
    first = rt_arena_alloc(c->arena, sizeof *first * (size_t)(total + 1));
    all = rt_arena_alloc(c->arena, sizeof *all * (size_t)(total + 1));
    for (int f = 0; f < m->sql_file_count; f++) {
        for (int q = 0; q < m->sql_files[f].query_count; q++) {
            in_order[count] = &m->sql_files[f].queries[q];
            names[count] = in_order[count]->name;
            count++;
        }
    }
    rc = check_first_of_key(c->arena, names, total, first);
    if (rc)
        goto done;
    count = 0;
    for (int i = 0; i < total; i++) {
        if (first[i] != i) {
            diag_error(c->diag, in_order[i]->loc, "duplicate query name \"%s\"", names[i]);
            diag_note(c->diag, in_order[first[i]]->loc, "first defined here");
            continue;
        }
        if (in_order[i]->param_count > RT_API_MAX_QUERY_PARAMS)
            diag_error(c->diag, in_order[i]->loc,
                       "query %s has %d parameters; a query may have at most %d "
                       "(RT_API_MAX_QUERY_PARAMS, common/rt_api.h)",
                       in_order[i]->name, in_order[i]->param_count, RT_API_MAX_QUERY_PARAMS);
        all[count++] = in_order[i];
    }
    qsort(all, (size_t)count, sizeof *all, check_compare_queries);
    for (int i = 0; i < count; i++)
        ((sql_query *)all[i])->id = i;
    m->queries_by_id = all;
    m->query_count = count;
done:
    return rc;
}

/* -------------------------------------------------------------------- jobs */

static int check_compare_jobs(const void *a, const void *b)
{
    return strcmp((*(const api_job *const *)a)->kind, (*(const api_job *const *)b)->kind);
}

/* Every job, and jobs_by_kind: the first of each kind, sorted by kind;
 * a later one of a kind is a duplicate. */
static int check_index_jobs(check_ctx *c)
{
    model *m = c->model;
    const char **kinds;
    int *first;
    int total = 0;
    int rc = 0;

    for (int f = 0; f < m->api_file_count; f++)
        total += m->api_files[f].job_count;
    c->jobs_in_order = rt_arena_alloc(c->arena, sizeof *c->jobs_in_order * (size_t)(total + 1));
    c->jobs_by_kind = rt_arena_alloc(c->arena, sizeof *c->jobs_by_kind * (size_t)(total + 1));
    c->job_first = rt_arena_alloc(c->arena, sizeof *c->job_first * (size_t)(total + 1));
    kinds = rt_arena_alloc(c->arena, sizeof *kinds * (size_t)(total + 1));
    for (int f = 0, n = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].job_count; i++, n++) {
            c->jobs_in_order[n] = &m->api_files[f].jobs[i];
            kinds[n] = c->jobs_in_order[n]->kind;
        }
    }
    first = c->job_first;
    c->job_count_all = total;
    rc = check_first_of_key(c->arena, kinds, total, first);
    if (rc)
        return rc;
    for (int i = 0; i < total; i++) {
        if (first[i] == i)
            c->jobs_by_kind[c->job_count++] = c->jobs_in_order[i];
    }
    qsort(c->jobs_by_kind, (size_t)c->job_count, sizeof *c->jobs_by_kind, check_compare_jobs);
    return 0;
}

/* -------------------------------------------------------- jobs, schedules */

static bool check_is_identifier(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z'))
        return false;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    }
    return true;
}

/* The job at `position` among all jobs in order. */
static int check_job(check_ctx *c, int position)
{
    api_job *job = (api_job *)c->jobs_in_order[position];
    const api_job *first = c->jobs_in_order[c->job_first[position]];
    int rc;

    if (first != job) {
        diag_error(c->diag, job->loc, "duplicate job \"%s\"", job->kind);
        diag_note(c->diag, first->loc, "first defined here");
    }
    if (!check_is_identifier(job->kind))
        diag_error(c->diag, job->loc, "a job kind is lower_case_with_underscores");
    c->endpoint = NULL;
    c->job = job;
    c->program = &job->program;
    rc = check_field_list(c, job->payload_fields, job->payload_field_count, CHECK_BODY);
    if (!rc)
        rc = check_step_program(c, &job->program);
    if (!rc && job->program.step_count == 0)
        diag_error(c->diag, job->loc, "job %s has no steps", job->kind);
    c->job = NULL;
    c->program = NULL;
    return rc;
}

static int check_schedule(check_ctx *c, api_schedule *schedule)
{
    const api_job *job = check_lookup_job(c, schedule->job_name);
    int key = names_find_config_key(schedule->interval_key);

    if (!job) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, schedule->job_name);
        for (int f = 0; f < c->model->api_file_count; f++) {
            for (int i = 0; i < c->model->api_files[f].job_count; i++)
                diag_suggest_consider(&sug, c->model->api_files[f].jobs[i].kind);
        }
        diag_error(c->diag, schedule->loc, "unknown job \"%s\"%s", schedule->job_name,
                   diag_suggest_hint(&sug, hint, sizeof hint));
    } else {
        schedule->job = job;
        for (int i = 0; i < job->payload_field_count; i++) {
            if (job->payload_fields[i].required) {
                diag_error(c->diag, schedule->loc,
                           "a scheduled job has no required payload; %s needs \"%s\"", job->kind,
                           job->payload_fields[i].name);
                break;
            }
        }
    }
    if (key < 0) {
        diag_suggestion sug;
        char hint[300];
        diag_suggest_init(&sug, schedule->interval_key);
        for (int i = 0; i < names_config_key_count(); i++)
            diag_suggest_consider(&sug, names_config_key(i)->name);
        diag_error(c->diag, schedule->interval_loc, "unknown config key \"%s\"%s",
                   schedule->interval_key, diag_suggest_hint(&sug, hint, sizeof hint));
        return 0;
    }
    if (strcmp(names_config_key(key)->type, "int") != 0)
        diag_error(c->diag, schedule->interval_loc, "config.%s is not a number of seconds",
                   schedule->interval_key);
    schedule->interval = key;
    return 0;
}

/* The route key: method and pattern with parameter names blanked. */
static char *check_route_key(rt_arena *a, const api_endpoint *e)
{
    char *key = rt_arena_printf(a, "%s %s", e->method, e->pattern);
    char *out = key;
    bool in_param = false;

    if (!key)
        return NULL;
    for (const char *p = key; *p; p++) {
        if (*p == '{') {
            in_param = true;
            *out++ = '{';
            continue;
        }
        if (*p == '}')
            in_param = false;
        if (!in_param)
            *out++ = *p;
    }
    *out = '\0';
    return key;
}

/* Duplicate routes (method and pattern, whatever the parameters are
 * called), and two endpoints of a file whose C names would clash. */
static int check_routes(check_ctx *c)
{
    model *m = c->model;
    const api_endpoint **all;
    const char **routes;
    const char **names;
    int *first_route;
    int *first_name;
    int total = 0;
    int rc = 0;

    for (int f = 0; f < m->api_file_count; f++)
        total += m->api_files[f].endpoint_count;
    all = rt_arena_alloc(c->arena, sizeof *all * (size_t)(total + 1));
    routes = rt_arena_alloc(c->arena, sizeof *routes * (size_t)(total + 1));
    names = rt_arena_alloc(c->arena, sizeof *names * (size_t)(total + 1));
    first_route = rt_arena_alloc(c->arena, sizeof *first_route * (size_t)(total + 1));
    first_name = rt_arena_alloc(c->arena, sizeof *first_name * (size_t)(total + 1));
    for (int f = 0, n = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++, n++) {
            all[n] = &m->api_files[f].endpoints[i];
            routes[n] = check_route_key(c->arena, all[n]);
            names[n] = rt_arena_printf(c->arena, "%d %s", f, all[n]->id);
        }
    }
    rc = check_first_of_key(c->arena, routes, total, first_route);
    if (!rc)
        rc = check_first_of_key(c->arena, names, total, first_name);
    for (int i = 0; !rc && i < total; i++) {
        const api_endpoint *e = all[i];
        const api_endpoint *other = all[first_route[i]];
        if (first_route[i] != i) {
            diag_error(c->diag, e->path_loc, "duplicate route %s %s", e->method, e->pattern);
            diag_note(c->diag, other->path_loc, "%s %s is already defined here", other->method,
                      other->pattern);
        } else if (first_name[i] != i) {
            other = all[first_name[i]];
            diag_error(c->diag, e->path_loc, "%s %s and %s %s would both be named %s in C",
                       e->method, e->pattern, other->method, other->pattern, e->id);
        }
    }
    return rc;
}

/* Each job is scheduled once at most. */
static int check_schedules(check_ctx *c)
{
    model *m = c->model;
    api_schedule **all;
    const char **jobs;
    int *first;
    int total = 0;
    int rc;

    for (int f = 0; f < m->api_file_count; f++)
        total += m->api_files[f].schedule_count;
    all = rt_arena_alloc(c->arena, sizeof *all * (size_t)(total + 1));
    jobs = rt_arena_alloc(c->arena, sizeof *jobs * (size_t)(total + 1));
    first = rt_arena_alloc(c->arena, sizeof *first * (size_t)(total + 1));
    for (int f = 0, n = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].schedule_count; i++, n++) {
            all[n] = &m->api_files[f].schedules[i];
            jobs[n] = all[n]->job_name;
        }
    }
    rc = check_first_of_key(c->arena, jobs, total, first);
    for (int i = 0; !rc && i < total; i++) {
        rc = check_schedule(c, all[i]);
        if (!rc && first[i] != i)
            diag_error(c->diag, all[i]->loc, "job %s is already scheduled", all[i]->job_name);
    }
    return rc;
}

int check_model(model *m, rt_arena *a, diag *d)
{
    check_ctx c;
    int rc;

    memset(&c, 0, sizeof c);
    c.model = m;
    c.arena = a;
    c.diag = d;
    rc = check_queries(&c);
    if (!rc)
        rc = check_index_jobs(&c);
    if (rc)
        goto done;
    /* jobs first: endpoints enqueue them */
    for (int i = 0; i < c.job_count_all; i++) {
        rc = check_job(&c, i);
        if (rc)
            goto done;
    }
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            rc = check_endpoint_resolve(&c, &m->api_files[f].endpoints[i]);
            if (rc)
                goto done;
        }
    }
    rc = check_schedules(&c);
    if (rc)
        goto done;
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].lifecycle_count; i++) {
            rc = lifecycle_check(m, a, d, &m->api_files[f].lifecycles[i]);
            if (rc)
                goto done;
        }
    }
    rc = check_lifecycle_firings(&c);
    if (rc)
        goto done;
    rc = check_routes(&c);
done:
    return rc;
}
