/*
 * rt_config.c - configuration from the environment and an optional .env.
 *
 * Every variable is described once in rt_config.def (name, kind, default,
 * range, its field of rt_config), which makes config_settings[] here. Loading resolves each one
 * from, in order of precedence: the environment, the .env file, the
 * default. An empty value counts as unset (so `PORT=` in a compose file
 * means the default). Integers are parsed strictly: optional '-', decimal
 * digits, nothing else, and within the setting's range.
 *
 * .env syntax, one per line:
 *   KEY=VALUE            unquoted; trailing spaces and a " # comment" dropped
 *   export KEY=VALUE     the "export " prefix is allowed
 *   KEY='VALUE'          literal, no escapes
 *   KEY="VALUE"          \" \\ \n \t \r \$ escapes
 *   # comment, blank lines
 * Anything else is an error naming the file and the line. Unknown keys are
 * ignored (the file may hold variables for other tools, e.g. compose).
 *
 * The .env file is never copied into the process environment: the loaded
 * rt_config is the one place configuration lives. It is read-only after
 * rt_config_load returns.
 */
#include "rt_config.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rt_cors.h"
#include <libpq-fe.h>

#include "rt_error.h"
#include "rt_log.h"
#include "rt_proxy.h"

typedef enum config_kind {
    CONFIG_TEXT = 0, /* char * */
    CONFIG_INT,      /* int */
    CONFIG_INT64,    /* int64_t */
} config_kind;

typedef struct config_setting {
    const char *name;
    config_kind kind;
    const char *default_value; /* NULL: computed (DB_POOL_SIZE) */
    int64_t min, max;          /* integers only */
    size_t offset;             /* of the field in rt_config */
} config_setting;

/* Every variable orderd reads (rt_config.def); .env.example documents each. */
static const config_setting config_settings[] = {
#define RT_CONFIG_SETTING(kind, name, field, default_value, min, max)                              \
    {#name, CONFIG_##kind, default_value, min, max, offsetof(rt_config, field)},
#include "rt_config.def"
};

#define CONFIG_SETTING_COUNT ((int)(sizeof config_settings / sizeof config_settings[0]))
_Static_assert(sizeof config_settings / sizeof config_settings[0] <= RT_CONFIG_MAX_SETTINGS,
               "rt_config.sources has room for every setting");

/* Minimum JWT_SECRET length in production, in bytes. */
#define CONFIG_MIN_PRODUCTION_SECRET 32

/* Values read from the .env file, indexed like config_settings (owned). */
typedef struct config_file_values {
    char *values[CONFIG_SETTING_COUNT];
} config_file_values;

static void config_file_values_free(config_file_values *file)
{
    for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
        free(file->values[i]);
        file->values[i] = NULL;
    }
}

static int config_setting_index(const char *name, size_t len)
{
    for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
        if (strlen(config_settings[i].name) == len &&
            memcmp(config_settings[i].name, name, len) == 0)
            return i;
    }
    return -1;
}

static const char *config_skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* True if the rest of a line after a closing quote is blank or a comment. */
static bool config_rest_is_blank(const char *s)
{
    s = config_skip_blanks(s);
    return *s == '\0' || *s == '#';
}

/*
 * Parses one .env line (without its newline). On success *key and *key_len
 * point into line (key_len 0 for blank and comment lines) and *value is a
 * malloc'd value (NULL for blank lines). Returns 0, RT_EINVAL (what is
 * wrong in *problem) or RT_ENOMEM.
 */
static int config_parse_line(const char *line, const char **key, size_t *key_len, char **value,
                             const char **problem)
{
    int rc = RT_EINVAL;
    char *text = NULL;
    const char *at = config_skip_blanks(line);

    *key = NULL;
    *key_len = 0;
    *value = NULL;
    if (*at == '\0' || *at == '#') {
        rc = 0;
        goto done;
    }
    if (strncmp(at, "export", 6) == 0 && (at[6] == ' ' || at[6] == '\t'))
        at = config_skip_blanks(at + 6);

    const char *name = at;
    if (!(isalpha((unsigned char)*at) || *at == '_')) {
        *problem = "expected KEY=VALUE";
        goto done;
    }
    while (isalnum((unsigned char)*at) || *at == '_')
        at++;
    *key = name;
    *key_len = (size_t)(at - name);
    at = config_skip_blanks(at);
    if (*at != '=') {
        *problem = "expected '=' after the variable name";
        goto done;
    }
    at = config_skip_blanks(at + 1);

    size_t line_len = strlen(at);
    text = malloc(line_len + 1);
    if (text == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    size_t len = 0;
    if (*at == '\'') {
        const char *close = strchr(at + 1, '\'');
        if (close == NULL) {
            *problem = "unterminated single quote";
            goto done;
        }
        len = (size_t)(close - (at + 1));
        memcpy(text, at + 1, len);
        at = close + 1;
    } else if (*at == '"') {
        at++;
        for (;;) {
            if (*at == '\0') {
                *problem = "unterminated double quote";
                goto done;
            }
            if (*at == '"')
                break;
            if (*at == '\\') {
                at++;
                switch (*at) {
                case 'n':
                    text[len++] = '\n';
                    break;
                case 't':
                    text[len++] = '\t';
                    break;
                case 'r':
                    text[len++] = '\r';
                    break;
                case '"':
                case '\\':
                case '$':
                    text[len++] = *at;
                    break;
                default:
                    *problem = "unknown escape in double quotes (use \\\\ for a backslash)";
                    goto done;
                }
                at++;
                continue;
            }
            text[len++] = *at++;
        }
        at++;
    } else {
        /* Unquoted: up to a '#' that follows a blank, trailing blanks dropped. */
        const char *start = at;
        while (*at != '\0' && !(*at == '#' && at > start && (at[-1] == ' ' || at[-1] == '\t')))
            at++;
        const char *stop = at;
        while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
            stop--;
        len = (size_t)(stop - start);
        memcpy(text, start, len);
        at = "";
    }
    if (!config_rest_is_blank(at)) {
        *problem = "unexpected text after the closing quote";
        goto done;
    }
    text[len] = '\0';
    *value = text;
    text = NULL;
    rc = 0;
done:
    free(text);
    return rc;
}

/* Reads path into file. A missing file is not an error. */
static int config_read_env_file(const char *path, bool required, config_file_values *file,
                                bool *read, char *err, size_t err_len)
{
    int rc = 0;
    FILE *stream = NULL;
    char *line = NULL;
    size_t line_cap = 0;
    int line_number = 0;

    stream = fopen(path, "r");
    if (stream == NULL) {
        if (errno == ENOENT && !required)
            goto done;
        snprintf(err, err_len, "%s: cannot read: %s%s", path, strerror(errno),
                 errno == ENOENT ? " (ENV_FILE names a file that does not exist)" : "");
        rc = RT_EIO;
        goto done;
    }
    *read = true;
    for (;;) {
        errno = 0;
        ssize_t got = getline(&line, &line_cap, stream);
        if (got < 0) {
            if (errno == ENOMEM) {
                rc = RT_ENOMEM;
            } else if (ferror(stream)) {
                snprintf(err, err_len, "%s: cannot read: %s", path, strerror(errno));
                rc = RT_EIO;
            }
            goto done;
        }
        line_number++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (strlen(line) != (size_t)got) {
            snprintf(err, err_len, "%s:%d: NUL byte in line", path, line_number);
            rc = RT_EINVAL;
            goto done;
        }

        const char *key, *problem = NULL;
        size_t key_len;
        char *value;
        rc = config_parse_line(line, &key, &key_len, &value, &problem);
        if (rc == RT_EINVAL) {
            snprintf(err, err_len, "%s:%d: %s", path, line_number, problem);
            goto done;
        }
        if (rc != 0)
            goto done;
        int index = key_len > 0 ? config_setting_index(key, key_len) : -1;
        if (index < 0) {
            free(value);
            continue;
        }
        free(file->values[index]); /* the last assignment wins */
        file->values[index] = value;
    }
done:
    if (rc == RT_ENOMEM)
        snprintf(err, err_len, "%s: out of memory", path);
    free(line);
    if (stream != NULL)
        fclose(stream);
    return rc;
}

/* Strict integer: -?[0-9]+ within [min, max]. */
static bool config_parse_integer(const char *text, int64_t min, int64_t max, int64_t *out)
{
    const char *digits = text[0] == '-' ? text + 1 : text;
    if (*digits == '\0')
        return false;
    for (const char *p = digits; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return false;
    }
    errno = 0;
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (errno != 0 || end == NULL || *end != '\0' || value < min || value > max)
        return false;
    *out = (int64_t)value;
    return true;
}

/* Stores text (the setting's value) into config. */
static int config_store(rt_config *config, const config_setting *setting, const char *text,
                        char *err, size_t err_len)
{
    int rc = 0;
    char *field = (char *)config + setting->offset;
    int64_t number = 0;

    switch (setting->kind) {
    case CONFIG_TEXT: {
        char *copy = strdup(text);
        if (copy == NULL) {
            snprintf(err, err_len, "out of memory");
            rc = RT_ENOMEM;
            goto done;
        }
        char **slot = (char **)(void *)field;
        free(*slot);
        *slot = copy;
        break;
    }
    case CONFIG_INT:
    case CONFIG_INT64:
        if (!config_parse_integer(text, setting->min, setting->max, &number)) {
            snprintf(err, err_len, "%s must be an integer in %" PRId64 "..%" PRId64 ", got \"%s\"",
                     setting->name, setting->min, setting->max, text);
            rc = RT_EINVAL;
            goto done;
        }
        if (setting->kind == CONFIG_INT)
            *(int *)(void *)field = (int)number;
        else
            *(int64_t *)(void *)field = number;
        break;
    }
done:
    return rc;
}

/* PUBLIC_BASE_URL: empty, or http(s)://host[:port][/path] without a query,
 * a fragment or blanks; a trailing '/' is dropped (links append the path). */
static bool config_base_url_is_valid(char *url)
{
    const char *host;
    if (url[0] == '\0')
        return true;
    if (strncmp(url, "http://", 7) == 0)
        host = url + 7;
    else if (strncmp(url, "https://", 8) == 0)
        host = url + 8;
    else
        return false;
    if (strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:") == 0)
        return false;
    for (const char *at = host; *at != '\0'; at++)
        if (!isgraph((unsigned char)*at) || *at == '?' || *at == '#' || *at == '@' || *at == '"' ||
            *at == '\\')
            return false;
    size_t len = strlen(url);
    while (len > (size_t)(host - url) && url[len - 1] == '/')
        url[--len] = '\0';
    return true;
}

/* The HTTP edge's lists parse (rt_cors, rt_proxy), so a typo stops
 * start-up instead of silently allowing nothing. */
static int config_validate_edge(rt_config *config, char *err, size_t err_len)
{
    rt_cors cors;
    rt_proxy_list proxies;
    int rc = rt_cors_parse(config->cors_allowed_origins, &cors, err, err_len);
    if (rc != 0)
        return rc;
    rt_cors_free(&cors);
    rc = rt_proxy_parse(config->trusted_proxies, &proxies, err, err_len);
    if (rc != 0)
        return rc;
    rt_proxy_free(&proxies);
    if (!config_base_url_is_valid(config->public_base_url)) {
        snprintf(err, err_len,
                 "PUBLIC_BASE_URL must look like https://api.example.com[/prefix] (no query), "
                 "got \"%s\"",
                 config->public_base_url);
        return RT_EINVAL;
    }
    return 0;
}

void rt_config_mask_url(const char *url, char *out, size_t out_len)
{
    const char *scheme_end = strstr(url, "://");
    const char *authority = scheme_end != NULL ? scheme_end + 3 : NULL;
    const char *at = authority != NULL ? strchr(authority, '@') : NULL;
    const char *slash = authority != NULL ? strchr(authority, '/') : NULL;
    if (at != NULL && slash != NULL && slash < at)
        at = NULL; /* an @ in the path, not userinfo */
    const char *colon = at != NULL ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
    if (colon == NULL) {
        snprintf(out, out_len, "%s", url);
        return;
    }
    snprintf(out, out_len, "%.*s****%s", (int)(colon + 1 - url), url, at);
}

/* A Unix-socket address names a directory that must exist when the
 * process starts: a mistyped path is a start-up error, while a socket
 * missing from an existing directory (the service is down) is an outage,
 * handled like any other (README, Configuration). */
static int config_check_socket_directory(const char *name, const char *directory,
                                         size_t directory_len, const char *shown, char *err,
                                         size_t err_len)
{
    char path[PATH_MAX];
    struct stat status;

    if (directory_len == 0) /* "/redis.sock": the root directory */
        directory_len = 1;
    if (directory_len >= sizeof path) {
        snprintf(err, err_len, "%s names a socket path that is too long: \"%s\"", name, shown);
        return RT_EINVAL;
    }
    memcpy(path, directory, directory_len);
    path[directory_len] = '\0';
    if (stat(path, &status) != 0 || !S_ISDIR(status.st_mode)) {
        bool missing = stat(path, &status) != 0;
        snprintf(err, err_len, "%s: the Unix socket directory %s cannot be used (%s): \"%s\"", name,
                 path, missing ? strerror(errno) : "not a directory", shown);
        return RT_EINVAL;
    }
    return 0;
}

/* Each host of DATABASE_URL that is a path (libpq's Unix-socket
 * directory, `?host=/path`) must be an existing directory. */
static int config_check_database_sockets(const char *hosts, const char *shown, char *err,
                                         size_t err_len)
{
    for (const char *host = hosts; host != NULL && *host != '\0';) {
        size_t len = strcspn(host, ",");
        if (host[0] == '/' &&
            config_check_socket_directory("DATABASE_URL", host, len, shown, err, err_len) != 0)
            return RT_EINVAL;
        host += len;
        if (*host == ',')
            host++;
    }
    return 0;
}

/* REDIS_URL is redis://host:port/db or unix:///path/redis.sock[?db=N]
 * (rt_ratelimit.h); a socket's directory must exist. */
static int config_check_redis_url(const char *url, char *err, size_t err_len)
{
    char shown[512];

    rt_config_mask_url(url, shown, sizeof shown);
    if (strncmp(url, "unix://", 7) == 0) {
        const char *path = url + 7;
        const char *at = memchr(path, '@', strcspn(path, "/"));
        path = at != NULL ? at + 1 : path;
        size_t path_len = strcspn(path, "?#");
        const char *slash = NULL;
        for (size_t i = 0; i < path_len; i++)
            slash = path[i] == '/' ? path + i : slash;
        if (path[0] != '/' || slash == NULL || slash == path + path_len - 1) {
            snprintf(err, err_len,
                     "REDIS_URL must look like unix:///path/to/redis.sock[?db=N], got \"%s\"",
                     shown);
            return RT_EINVAL;
        }
        return config_check_socket_directory("REDIS_URL", path, (size_t)(slash - path), shown, err,
                                             err_len);
    }
    if (strncmp(url, "redis://", 8) != 0) {
        snprintf(err, err_len,
                 "REDIS_URL must look like redis://host:port/db or unix:///path/to/redis.sock, "
                 "got \"%s\"",
                 shown);
        return RT_EINVAL;
    }
    return 0;
}

/* DATABASE_URL must be a URL libpq reads as one: anything else (a bare
 * "host:5432/db") libpq takes for a database name and fails later with a
 * message about a local socket. A bad port is caught here too. */
static int config_check_database_url(const char *url, char *err, size_t err_len)
{
    int rc = RT_EINVAL;
    char *parse_error = NULL;
    PQconninfoOption *parsed = NULL;
    char shown[512];

    rt_config_mask_url(url, shown, sizeof shown);
    if (strncmp(url, "postgresql://", 13) != 0 && strncmp(url, "postgres://", 11) != 0) {
        snprintf(err, err_len,
                 "DATABASE_URL is malformed: it must be a URL like "
                 "postgresql://user:password@host:5432/database, got \"%s\"",
                 shown);
        goto done;
    }
    parsed = PQconninfoParse(url, &parse_error);
    if (parsed == NULL) {
        size_t len = parse_error != NULL ? strcspn(parse_error, "\n") : 0;
        snprintf(err, err_len, "DATABASE_URL is malformed (%.*s): \"%s\"", (int)len,
                 parse_error != NULL ? parse_error : "out of memory", shown);
        goto done;
    }
    for (const PQconninfoOption *option = parsed; option->keyword != NULL; option++) {
        if (strcmp(option->keyword, "host") == 0 &&
            config_check_database_sockets(option->val, shown, err, err_len) != 0)
            goto done;
        if (strcmp(option->keyword, "port") == 0 && option->val != NULL &&
            strspn(option->val, "0123456789,") != strlen(option->val)) {
            snprintf(err, err_len,
                     "DATABASE_URL is malformed (port \"%s\" is not a number): \"%s\"", option->val,
                     shown);
            goto done;
        }
    }
    rc = 0;
done:
    PQconninfoFree(parsed);
    PQfreemem(parse_error);
    return rc;
}

int rt_config_describe(const rt_config *config, int index, const char **name, char *value,
                       size_t value_len, rt_config_source *source)
{
    if (index < 0 || index >= CONFIG_SETTING_COUNT)
        return RT_EINVAL;
    const config_setting *setting = &config_settings[index];
    const char *field = (const char *)config + setting->offset;
    *name = setting->name;
    *source = config->sources[index];
    switch (setting->kind) {
    case CONFIG_TEXT: {
        const char *text = *(char *const *)(const void *)field;
        if (strcmp(setting->name, "JWT_SECRET") == 0)
            snprintf(value, value_len, "%s", "****");
        else if (strstr(setting->name, "_URL") != NULL)
            rt_config_mask_url(text, value, value_len);
        else
            snprintf(value, value_len, "%s", text);
        break;
    }
    case CONFIG_INT:
        snprintf(value, value_len, "%d", *(const int *)(const void *)field);
        break;
    case CONFIG_INT64:
        snprintf(value, value_len, "%" PRId64, *(const int64_t *)(const void *)field);
        break;
    }
    return 0;
}

/* The pause after commit is a test hook (README, Tests): never in
 * production. */
static int config_validate_idempotency(const rt_config *config, char *err, size_t err_len)
{
    if (config->production && config->test_pause_after_commit_ms > 0) {
        snprintf(err, err_len, "TEST_PAUSE_AFTER_COMMIT_MS is a test hook: not in production");
        return RT_EINVAL;
    }
    return 0;
}

/* Checks the rules that involve values rather than syntax. */
static int config_validate(rt_config *config, char *err, size_t err_len)
{
    int rc = RT_EINVAL;
    rt_log_level level;

    if (rt_log_level_parse(config->log_level, &level) != 0) {
        snprintf(err, err_len, "LOG_LEVEL must be one of debug, info, warn, error, got \"%s\"",
                 config->log_level);
        goto done;
    }
    if (strcmp(config->app_env, "development") != 0 && strcmp(config->app_env, "test") != 0 &&
        strcmp(config->app_env, "production") != 0) {
        snprintf(err, err_len, "APP_ENV must be one of development, test, production, got \"%s\"",
                 config->app_env);
        goto done;
    }
    config->production = strcmp(config->app_env, "production") == 0;
    if (strcmp(config->webhook_allow_private_targets, "true") != 0 &&
        strcmp(config->webhook_allow_private_targets, "false") != 0) {
        snprintf(err, err_len, "WEBHOOK_ALLOW_PRIVATE_TARGETS must be true or false, got \"%s\"",
                 config->webhook_allow_private_targets);
        goto done;
    }
    config->webhook_private_targets = strcmp(config->webhook_allow_private_targets, "true") == 0;
    if (config_check_database_url(config->database_url, err, err_len) != 0)
        goto done;
    if (config_check_redis_url(config->redis_url, err, err_len) != 0)
        goto done;
    /* The limiter spends window / max per request in whole microseconds. */
    if (config->rate_limit_max_request > config->rate_limit_window_seconds * 1000000) {
        snprintf(err, err_len,
                 "RATE_LIMIT_MAX_REQUEST must be at most RATE_LIMIT_WINDOW_SECONDS x 1000000 "
                 "(%lld), got %lld",
                 (long long)config->rate_limit_window_seconds * 1000000,
                 (long long)config->rate_limit_max_request);
        goto done;
    }
    if (config->production && (strcmp(config->jwt_secret, RT_CONFIG_DEV_JWT_SECRET) == 0 ||
                               strlen(config->jwt_secret) < CONFIG_MIN_PRODUCTION_SECRET)) {
        snprintf(err, err_len,
                 "JWT_SECRET must be set to a secret of at least %d bytes in production",
                 CONFIG_MIN_PRODUCTION_SECRET);
        goto done;
    }
    rc = config_validate_idempotency(config, err, err_len);
    if (rc == 0)
        rc = config_validate_edge(config, err, err_len);
done:
    return rc;
}

int rt_config_load(rt_config *out, const char *env_file, bool env_file_required, char *err,
                   size_t err_len)
{
    int rc = 0;
    config_file_values file = {{NULL}};
    rt_config config;
    char pool_default[16];

    assert(out != NULL && err != NULL && err_len > 0);
    memset(&config, 0, sizeof config);
    err[0] = '\0';

    if (env_file != NULL) {
        rc = config_read_env_file(env_file, env_file_required, &file, &config.env_file_read, err,
                                  err_len);
        if (rc != 0)
            goto done;
    }
    for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
        const config_setting *setting = &config_settings[i];
        const char *text = getenv(setting->name);
        config.sources[i] = RT_CONFIG_FROM_ENVIRONMENT;
        if (text == NULL || text[0] == '\0') {
            text = file.values[i];
            config.sources[i] = RT_CONFIG_FROM_FILE;
        }
        if (text == NULL || text[0] == '\0') {
            text = setting->default_value;
            config.sources[i] = RT_CONFIG_FROM_DEFAULT;
        }
        if (text == NULL) {
            /* DB_POOL_SIZE defaults to HTTP_THREADS + PASSWORD_THREADS
             * (one connection per thread that runs requests), which come
             * earlier. */
            assert(strcmp(setting->name, "DB_POOL_SIZE") == 0 && config.http_threads > 0 &&
                   config.password_threads > 0);
            snprintf(pool_default, sizeof pool_default, "%d",
                     config.http_threads + config.password_threads);
            text = pool_default;
        }
        rc = config_store(&config, setting, text, err, err_len);
        if (rc != 0)
            goto done;
    }
    rc = config_validate(&config, err, err_len);
done:
    config_file_values_free(&file);
    if (rc != 0) {
        rt_config_free(&config);
        memset(out, 0, sizeof *out);
    } else {
        *out = config;
    }
    return rc;
}

void rt_config_free(rt_config *config)
{
    if (config == NULL)
        return;
    for (int i = 0; i < CONFIG_SETTING_COUNT; i++) {
        if (config_settings[i].kind != CONFIG_TEXT)
            continue;
        char **slot = (char **)(void *)((char *)config + config_settings[i].offset);
        free(*slot);
        *slot = NULL;
    }
    memset(config, 0, sizeof *config);
}

int64_t rt_config_value(const rt_config *config, rt_config_key key)
{
    switch (key) {
    case RT_CONFIG_JWT_ACCESS_TTL_SECONDS:
        return config->jwt_access_ttl_seconds;
    case RT_CONFIG_JWT_REFRESH_TTL_SECONDS:
        return config->jwt_refresh_ttl_seconds;
    case RT_CONFIG_PROCESSING_WORK_SECONDS:
        return config->processing_work_seconds;
    case RT_CONFIG_SCHEDULER_INTERVAL_SECONDS:
        return config->scheduler_interval_seconds;
    case RT_CONFIG_IDEMPOTENCY_TTL_SECONDS:
        return config->idempotency_ttl_seconds;
    case RT_CONFIG_IDEMPOTENCY_PURGE_INTERVAL_SECONDS:
        return config->idempotency_purge_interval_seconds;
    case RT_CONFIG_KEY_COUNT:
        break;
    }
    assert(!"unknown rt_config_key");
    return 0;
}
