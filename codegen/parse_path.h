/*
 * parse_path.h - an endpoint's path as written ("/users/{uid: uuid}/role")
 * read into its path fields, its pattern ("/users/{uid}/role") and its id
 * ("patch_users_uid_role"), for parse_api.c.
 */
#ifndef PARSE_PATH_H
#define PARSE_PATH_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

/* Reads e->path (located at e->path_loc; e->method set) into
 * e->path_fields, e->pattern and e->id. Returns 0, RT_EINVAL after
 * reporting the mistake through d. */
int parse_path_read(rt_arena *a, diag *d, api_endpoint *e);

#endif /* PARSE_PATH_H */
