/*
 * rt_config.h - configuration from the environment and an optional .env.
 *
 * Read once at start-up into an rt_config that is read-only afterwards.
 * The environment wins over the .env file; .env lines are KEY=VALUE with
 * optional "export ", quotes ('...' or "..."), blank lines and # comments.
 * Every variable is one line of rt_config.def; .env.example and the
 * README's Configuration table document them all.
 *
 * Ownership: rt_config owns its strings; rt_config_free releases them.
 */
#ifndef RT_CONFIG_H
#define RT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rt_api.h"

#define RT_CONFIG_DEV_JWT_SECRET "orderd-development-secret-do-not-use-in-production"

/* Where a setting's value came from (`orderd config`). */
typedef enum rt_config_source {
    RT_CONFIG_FROM_DEFAULT = 0,
    RT_CONFIG_FROM_FILE, /* the .env file (ENV_FILE) */
    RT_CONFIG_FROM_ENVIRONMENT,
} rt_config_source;

#define RT_CONFIG_MAX_SETTINGS 64

/* The C type of a setting's field, by its kind in rt_config.def. */
#define RT_CONFIG_FIELD_TEXT char *
#define RT_CONFIG_FIELD_INT int
#define RT_CONFIG_FIELD_INT64 int64_t

typedef struct rt_config {
    /* One field per variable of rt_config.def (text owned, malloc'd). */
#define RT_CONFIG_SETTING(kind, name, field, default_value, min, max) RT_CONFIG_FIELD_##kind field;
#include "rt_config.def"
    bool production;                                  /* app_env == "production" */
    bool webhook_private_targets;                     /* WEBHOOK_ALLOW_PRIVATE_TARGETS == "true" */
    rt_config_source sources[RT_CONFIG_MAX_SETTINGS]; /* per setting, in rt_config.def order */
    bool env_file_read;                               /* the .env file existed and was read */
} rt_config;

/* Loads defaults, then env_file (if not NULL and it exists; when
 * env_file_required, a missing file is an error: ENV_FILE was set
 * explicitly), then the environment. Validates ranges, that DATABASE_URL
 * is a postgresql:// URL libpq can parse and, in production, refuses the
 * default JWT secret. On error returns RT_EINVAL (bad value or .env line),
 * RT_EIO (missing or unreadable .env) or RT_ENOMEM, with a message naming
 * the variable (or FILE:LINE) in err, and leaves *out zeroed. */
int rt_config_load(rt_config *out, const char *env_file, bool env_file_required, char *err,
                   size_t err_len);

/* The index-th setting (0..): its name, its effective value as text with
 * secrets masked (JWT_SECRET entirely, the password of a URL) and where
 * it came from. Returns 0, or RT_EINVAL past the last setting. */
int rt_config_describe(const rt_config *config, int index, const char **name, char *value,
                       size_t value_len, rt_config_source *source);

/* A URL with its password (user:PASSWORD@) replaced by "****". */
void rt_config_mask_url(const char *url, char *out, size_t out_len);
void rt_config_free(rt_config *config);

/* The value of a config key the spec may name (`config.KEY`). */
int64_t rt_config_value(const rt_config *config, rt_config_key key);

#endif /* RT_CONFIG_H */
