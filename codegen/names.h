/*
 * names.h - the runtime-provided names a spec may use: `auth.` keys,
 * `config.` keys and built-in functions, read from common/rt_names.def
 * (the one list shared with the runtime; never copied here).
 *
 * Indexes are the runtime's enum values (rt_auth_key, rt_config_key,
 * rt_builtin_id). Types are rt_names.def spellings ("uuid", "user_role").
 */
#ifndef NAMES_H
#define NAMES_H

#include <stdbool.h>

typedef struct names_key {
    const char *id;   /* "USER_ID": the enumerator is RT_AUTH_USER_ID */
    const char *name; /* "user_id" */
    const char *type; /* "uuid" */
} names_key;

typedef struct names_builtin {
    const char *id;     /* "HASH_PASSWORD" -> RT_BUILTIN_HASH_PASSWORD */
    const char *name;   /* "hash_password" */
    const char *result; /* "text", or "record" */
    int arg_count;
    const char *arg_types; /* "text,text" */
    const char *columns;   /* "user_id:uuid,jti:uuid" for records */
} names_builtin;

int names_auth_key_count(void);
const names_key *names_auth_key(int index);
int names_config_key_count(void);
const names_key *names_config_key(int index);
int names_builtin_count(void);
const names_builtin *names_builtin_at(int index);

/* Whether the built-in hashes or checks a password (RT_PASSWORD_BUILTIN). */
bool names_builtin_hashes_password(int index);

/* Index of the name, or -1. */
int names_find_auth_key(const char *name);
int names_find_config_key(const char *name);
int names_find_builtin(const char *name);

/* The k-th comma-separated item of list into buffer ("" when absent). */
const char *names_list_item(const char *list, int k, char *buffer, int size);

#endif /* NAMES_H */
