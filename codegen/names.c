/*
 * names.c - tables built from common/rt_names.def (see names.h).
 */
#include "names.h"

#include <string.h>

#include "rt_api.h"

static const names_key names_auth_keys[] = {
#define RT_AUTH_KEY(id, name, type) {#id, name, type},
#include "rt_names.def"
};

static const names_key names_config_keys[] = {
#define RT_CONFIG_KEY(id, name, type) {#id, name, type},
#include "rt_names.def"
};

static const names_builtin names_builtins[] = {
#define RT_BUILTIN(id, name, result, nargs, arg_types, columns)                                    \
    {#id, name, result, nargs, arg_types, columns},
#include "rt_names.def"
};

_Static_assert(sizeof names_auth_keys / sizeof names_auth_keys[0] == RT_AUTH_KEY_COUNT,
               "auth keys follow rt_auth_key");
_Static_assert(sizeof names_config_keys / sizeof names_config_keys[0] == RT_CONFIG_KEY_COUNT,
               "config keys follow rt_config_key");
_Static_assert(sizeof names_builtins / sizeof names_builtins[0] == RT_BUILTIN_COUNT,
               "built-ins follow rt_builtin_id");

int names_auth_key_count(void)
{
    return RT_AUTH_KEY_COUNT;
}

const names_key *names_auth_key(int index)
{
    return &names_auth_keys[index];
}

int names_config_key_count(void)
{
    return RT_CONFIG_KEY_COUNT;
}

const names_key *names_config_key(int index)
{
    return &names_config_keys[index];
}

bool names_builtin_hashes_password(int index)
{
    switch (index) {
#define RT_PASSWORD_BUILTIN(id)                                                                    \
    case RT_BUILTIN_##id:                                                                          \
        return true;
#include "rt_names.def"
    default:
        return false;
    }
}

int names_builtin_count(void)
{
    return RT_BUILTIN_COUNT;
}

const names_builtin *names_builtin_at(int index)
{
    return &names_builtins[index];
}

int names_find_auth_key(const char *name)
{
    for (int i = 0; i < RT_AUTH_KEY_COUNT; i++) {
        if (strcmp(names_auth_keys[i].name, name) == 0)
            return i;
    }
    return -1;
}

int names_find_config_key(const char *name)
{
    for (int i = 0; i < RT_CONFIG_KEY_COUNT; i++) {
        if (strcmp(names_config_keys[i].name, name) == 0)
            return i;
    }
    return -1;
}

int names_find_builtin(const char *name)
{
    for (int i = 0; i < RT_BUILTIN_COUNT; i++) {
        if (strcmp(names_builtins[i].name, name) == 0)
            return i;
    }
    return -1;
}

const char *names_list_item(const char *list, int k, char *buffer, int size)
{
    const char *start = list;
    int length;

    for (int i = 0; i < k && start; i++) {
        start = strchr(start, ',');
        if (start)
            start++;
    }
    buffer[0] = '\0';
    if (!start || !*start)
        return buffer;
    const char *end = strchr(start, ',');
    length = end ? (int)(end - start) : (int)strlen(start);
    if (length >= size)
        length = size - 1;
    memcpy(buffer, start, (size_t)length);
    buffer[length] = '\0';
    return buffer;
}
