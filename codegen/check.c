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
#include "check_step.h"
#include "lifecycle.h"
#include "names.h"
#include "rt_error.h"

/* ----------------------------------------------------------------- queries */

const sql_query *check_find_query(const model *m, const char *name)
{
    for (int f = 0; f < m->sql_file_count; f++) {
        for (int q = 0; q < m->sql_files[f].query_count; q++) {
            if (strcmp(m->sql_files[f].queries[q].name, name) == 0)
                return &m->sql_files[f].queries[q];
        }
    }
    return NULL;
}

static int check_compare_queries(const void *a, const void *b)
{
    const sql_query *qa = *(const sql_query *const *)a;
    const sql_query *qb = *(const sql_query *const *)b;
    return strcmp(qa->name, qb->name);
}

static int check_queries(check_ctx *c)
{
    model *m = c->model;
    const sql_query **all;
    int count = 0;
    int rc = 0;

    for (int f = 0; f < m->sql_file_count; f++)
        count += m->sql_files[f].query_count;
    all = arena_alloc(c->arena, sizeof *all * (size_t)(count + 1));
    if (!all) {
        rc = RT_ENOMEM;
        goto done;
    }
    count = 0;
    for (int f = 0; f < m->sql_file_count; f++) {
        for (int q = 0; q < m->sql_files[f].query_count; q++) {
            sql_query *query = &m->sql_files[f].queries[q];
            const sql_query *first = check_find_query(m, query->name);
            if (first != query) {
                diag_error(c->diag, query->loc, "duplicate query name \"%s\"", query->name);
                diag_note(c->diag, first->loc, "first defined here");
                continue;
            }
            all[count++] = query;
        }
    }
    qsort(all, (size_t)count, sizeof *all, check_compare_queries);
    for (int i = 0; i < count; i++)
        ((sql_query *)all[i])->id = i;
    m->queries_by_id = all;
    m->query_count = count;
done:
    return rc;
}
const api_job *check_find_job(const model *m, const char *kind)
{
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].job_count; i++) {
            if (strcmp(m->api_files[f].jobs[i].kind, kind) == 0)
                return &m->api_files[f].jobs[i];
        }
    }
    return NULL;
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

static int check_job(check_ctx *c, api_job *job)
{
    int rc;
    const api_job *first = check_find_job(c->model, job->kind);

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
    const api_job *job = check_find_job(c->model, schedule->job_name);
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
static char *check_route_key(arena *a, const api_endpoint *e)
{
    char *key = arena_printf(a, "%s %s", e->method, e->pattern);
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

static int check_routes(check_ctx *c)
{
    model *m = c->model;

    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            api_endpoint *e = &m->api_files[f].endpoints[i];
            char *key = check_route_key(c->arena, e);
            if (!key)
                return RT_ENOMEM;
            for (int g = 0; g <= f; g++) {
                int limit = g == f ? i : m->api_files[g].endpoint_count;
                for (int k = 0; k < limit; k++) {
                    const api_endpoint *other = &m->api_files[g].endpoints[k];
                    char *other_key = check_route_key(c->arena, other);
                    if (!other_key)
                        return RT_ENOMEM;
                    if (strcmp(key, other_key) == 0) {
                        diag_error(c->diag, e->path_loc, "duplicate route %s %s", e->method,
                                   e->pattern);
                        diag_note(c->diag, other->path_loc, "%s %s is already defined here",
                                  other->method, other->pattern);
                    } else if (g == f && strcmp(e->id, other->id) == 0) {
                        diag_error(c->diag, e->path_loc,
                                   "%s %s and %s %s would both be named %s in C", e->method,
                                   e->pattern, other->method, other->pattern, e->id);
                    }
                }
            }
        }
    }
    return 0;
}

int check_model(model *m, arena *a, diag *d)
{
    check_ctx c;
    int rc;

    memset(&c, 0, sizeof c);
    c.model = m;
    c.arena = a;
    c.diag = d;
    rc = check_queries(&c);
    if (rc)
        goto done;
    /* jobs first: endpoints enqueue them */
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].job_count; i++) {
            rc = check_job(&c, &m->api_files[f].jobs[i]);
            if (rc)
                goto done;
        }
    }
    for (int f = 0; f < m->api_file_count; f++) {
        for (int i = 0; i < m->api_files[f].endpoint_count; i++) {
            rc = check_endpoint_resolve(&c, &m->api_files[f].endpoints[i]);
            if (rc)
                goto done;
        }
        for (int i = 0; i < m->api_files[f].schedule_count; i++) {
            api_schedule *schedule = &m->api_files[f].schedules[i];
            rc = check_schedule(&c, schedule);
            if (rc)
                goto done;
            for (int g = 0; g <= f; g++) {
                for (int k = 0; k < (g == f ? i : m->api_files[g].schedule_count); k++) {
                    if (strcmp(m->api_files[g].schedules[k].job_name, schedule->job_name) == 0)
                        diag_error(d, schedule->loc, "job %s is already scheduled",
                                   schedule->job_name);
                }
            }
        }
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
