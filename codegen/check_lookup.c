/*
 * check_lookup.c - the checker's lookups by name (see check_lookup.h).
 */
#include "check_lookup.h"

#include <stdlib.h>
#include <string.h>

static int check_lookup_compare_query(const void *key, const void *item)
{
    return strcmp(key, (*(const sql_query *const *)item)->name);
}

const sql_query *check_lookup_query(const model *m, const char *name)
{
    const sql_query *const *found = bsearch(name, m->queries_by_id, (size_t)m->query_count,
                                            sizeof *m->queries_by_id, check_lookup_compare_query);
    return found ? *found : NULL;
}

static int check_lookup_compare_job(const void *key, const void *item)
{
    return strcmp(key, (*(const api_job *const *)item)->kind);
}

const api_job *check_lookup_job(const check_ctx *c, const char *kind)
{
    const api_job *const *found = bsearch(kind, c->jobs_by_kind, (size_t)c->job_count,
                                          sizeof *c->jobs_by_kind, check_lookup_compare_job);
    return found ? *found : NULL;
}

api_field *check_lookup_field(api_field *fields, int count, const char *name, int *index)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(fields[i].name, name) == 0) {
            *index = i;
            return &fields[i];
        }
    }
    return NULL;
}

const api_step *check_lookup_step(const api_endpoint *e, int rt_index)
{
    for (int i = 0; i < e->program.step_count; i++)
        if (e->program.steps[i].rt_index == rt_index)
            return &e->program.steps[i];
    return NULL;
}
