/*
 * rt_config.h - configuration from the environment and an optional .env.
 *
 * Read once at start-up into an rt_config that is read-only afterwards.
 * The environment wins over the .env file; .env lines are KEY=VALUE with
 * optional "export ", quotes ('...' or "..."), blank lines and # comments.
 * Variable names are a contract (PRODUCT.md); .env.example documents all.
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

typedef struct rt_config {
    char *database_url;                 /* DATABASE_URL */
    char *redis_url;                    /* REDIS_URL */
    char *host;                         /* HOST, "0.0.0.0" */
    int port;                           /* PORT, 8000 */
    char *jwt_secret;                   /* JWT_SECRET, dev default */
    int64_t jwt_access_ttl_seconds;     /* JWT_ACCESS_TTL_SECONDS, 900 */
    int64_t jwt_refresh_ttl_seconds;    /* JWT_REFRESH_TTL_SECONDS, 604800 */
    int bcrypt_cost;                    /* BCRYPT_COST, 12 (4..31) */
    int64_t rate_limit_max_request;     /* RATE_LIMIT_MAX_REQUEST, 100 */
    int64_t rate_limit_window_seconds;  /* RATE_LIMIT_WINDOW_SECONDS, 600 */
    int64_t scheduler_interval_seconds; /* SCHEDULER_INTERVAL_SECONDS, 120 */
    int64_t processing_work_seconds;    /* PROCESSING_WORK_SECONDS, 10 */
    char *log_level;                    /* LOG_LEVEL, "info" */
    char *app_env;                      /* APP_ENV, "development" */
    bool production;                    /* app_env == "production" */
    int http_threads;                   /* HTTP_THREADS, 8: threads running requests */
    int http_io_threads;                /* HTTP_IO_THREADS, 2: the HTTP server's own */
    int password_threads;               /* PASSWORD_THREADS, 2: requests that hash passwords */
    int http_queue_limit;               /* HTTP_QUEUE_LIMIT, 1024: waiting per lane, then 503 */
    int db_pool_size;                   /* DB_POOL_SIZE, = http_threads + password_threads */
    int64_t db_statement_timeout_ms;    /* DB_STATEMENT_TIMEOUT_MS, 5000 (0: none) */
    int64_t max_body_bytes;             /* MAX_BODY_BYTES, 1048576 */
    int64_t db_connect_timeout_seconds; /* DB_CONNECT_TIMEOUT_SECONDS, 3 */
    int64_t redis_timeout_ms;           /* REDIS_TIMEOUT_MS, 100: connect and command timeout */
    int worker_threads;                 /* WORKER_THREADS, 2: jobs run at once per worker */
    int http_max_connections;           /* HTTP_MAX_CONNECTIONS, 10000: open at once */
    int http_max_connections_per_ip;    /* HTTP_MAX_CONNECTIONS_PER_IP, 256 */
    int http_idle_timeout_seconds;      /* HTTP_IDLE_TIMEOUT_SECONDS, 10: idle ones closed */
    char *cors_allowed_origins;         /* CORS_ALLOWED_ORIGINS, "": origins, comma-separated */
    char *trusted_proxies;              /* TRUSTED_PROXIES, "": CIDR networks, comma-separated */
    char *public_base_url;              /* PUBLIC_BASE_URL, "": links' base, no trailing '/' */
    char *docs_dir;                     /* DOCS_DIR, "web": what /api/docs/ serves */
    rt_config_source sources[RT_CONFIG_MAX_SETTINGS]; /* per setting, in rt_config_describe order */
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
