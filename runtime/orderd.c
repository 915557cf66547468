/*
 * orderd.c - the orderd binary: subcommands and process lifecycle.
 *
 *   orderd serve        HTTP API
 *   orderd worker       run background jobs
 *   orderd scheduler    fire the spec's schedules
 *   orderd all          serve + worker + scheduler in one process
 *   (each stops gracefully on SIGTERM / SIGINT)
 *   orderd migrate      apply migrations/ (MIGRATIONS_DIR overrides) and
 *                       the generated lifecycle guards; --status lists
 *                       them, --dry-run says what would be applied
 *   orderd jobs         list [--state S] [--kind K] | retry ID | discard ID
 *   orderd webhooks     replay --since T: send delivered or dead deliveries again
 *   orderd config       the effective configuration and where it came from
 *   orderd createadmin  --email E --name N (password: ADMIN_PASSWORD or stdin)
 *   orderd health       exit 0 when the dependencies answer, else 1
 *   orderd check        exit 0 when every product's stock is the sum of its
 *                       ledger's movements, else 1 listing those that are not
 *   orderd version      the version
 *
 * Arguments are checked against command_specs before anything runs: every
 * command answers --help with its usage and no side effect, and an
 * unknown option or argument is a usage error (exit 2).
 *
 * Configuration is read once here (rt_config) and passed down read-only.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "rt_app.h"
#include "rt_buf.h"
#include "rt_config.h"
#include "rt_db.h"
#include "rt_error.h"
#include "rt_http.h"
#include "rt_jobs.h"
#include "rt_json.h"
#include "rt_log.h"
#include "rt_metrics.h"
#include "rt_migrate.h"
#include "rt_password.h"
#include "rt_proxy.h"
#include "rt_ratelimit.h"
#include "rt_sampler.h"
#include "rt_scheduler.h"
#include "rt_validate.h"
#include "rt_webhook.h"

#define ORDERD_VERSION "0.5.0"

static const char usage[] =
    "usage: orderd <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve                          serve the HTTP API on HOST:PORT\n"
    "  worker                         run background jobs (WORKER_THREADS at once)\n"
    "  scheduler                      fire the spec's schedules (SCHEDULER_INTERVAL_SECONDS)\n"
    "  all                            serve, worker and scheduler in one process\n"
    "  health                         exit 0 when PostgreSQL answers, else 1 (health checks)\n"
    "  check                          verify the inventory ledger: stock = sum of movements\n"
    "  migrate [--status|--dry-run]   apply pending migrations (MIGRATIONS_DIR, default "
    "migrations)\n"
    "  jobs list|retry ID|discard ID  inspect and manage background jobs\n"
    "  webhooks replay --since T      send webhook deliveries of events since T again\n"
    "  config                         print the effective configuration (secrets masked)\n"
    "  createadmin --email E --name N create an admin; password from ADMIN_PASSWORD or stdin\n"
    "  version                        print the version (also --version)\n"
    "  help                           show this text (also --help, -h)\n"
    "\n"
    "Every command answers --help (-h) with its usage and does nothing else.\n"
    "Configuration comes from the environment and an optional .env file (ENV_FILE names\n"
    "another, which must then exist); .env.example lists every variable.\n";

/* The subcommands: what each does and the options it takes (each option
 * takes one value). Arguments are checked against this before anything
 * runs, so `--help` or a typo never has a side effect. */
typedef struct command_spec {
    const char *name;
    const char *usage;
    const char *const *options; /* take a value; NULL-terminated, or NULL: none */
    const char *const *flags;   /* take none; NULL-terminated, or NULL: none */
    int max_arguments;          /* words that are not options */
} command_spec;

static const char *const createadmin_options[] = {"--email", "--name", NULL};
static const char *const migrate_flags[] = {"--status", "--dry-run", NULL};
static const char *const jobs_options[] = {"--state", "--kind", NULL};
static const char *const webhooks_options[] = {"--since", NULL};

static const command_spec command_specs[] = {
    {"all",
     "usage: orderd all\n\nServe the API, run jobs and fire schedules in one process "
     "until SIGTERM or SIGINT.\n",
     NULL, NULL, 0},
    {"check",
     "usage: orderd check\n\nVerify the inventory ledger: for every product (deleted ones too), "
     "stock must be\nthe sum of its inventory movements. Exit 0 when it holds; else print the "
     "products\nthat break it (uid, sku, stock, sum of movements) and exit 1. Only reads.\n",
     NULL, NULL, 0},
    {"config",
     "usage: orderd config\n\nPrint the effective configuration: every variable, its value "
     "(secrets masked)\nand where it came from (default, .env file, environment).\n",
     NULL, NULL, 0},
    {"createadmin",
     "usage: orderd createadmin --email E --name N\n\nCreate an admin account. "
     "The password comes from ADMIN_PASSWORD or the first line of\nstandard input "
     "and follows the registration rules.\n",
     createadmin_options, NULL, 0},
    {"health",
     "usage: orderd health\n\nCheck this process's dependencies (PostgreSQL answers a "
     "query within\nDB_CONNECT_TIMEOUT_SECONDS): exit 0 when they do, 1 when not. The "
     "container\nhealth check of the worker and the scheduler.\n",
     NULL, NULL, 0},
    {"jobs",
     "usage: orderd jobs list [--state queued|running|done|dead] [--kind K]\n"
     "       orderd jobs retry ID\n"
     "       orderd jobs discard ID\n\n"
     "list: the newest 1000 jobs, newest first. retry: a queued or dead job runs again\n"
     "now, with all its attempts. discard: a queued or dead job is deleted. Running and\n"
     "done jobs are refused.\n",
     jobs_options, NULL, 2},
    {"migrate",
     "usage: orderd migrate [--status | --dry-run]\n\nApply the pending migrations "
     "(MIGRATIONS_DIR, default migrations/) in order,\neach in a transaction, then the "
     "lifecycle guards.\n"
     "  --status   list applied and pending migrations and guards, with their checksums\n"
     "  --dry-run  say what would be applied, and change nothing\n",
     NULL, migrate_flags, 0},
    {"scheduler", "usage: orderd scheduler\n\nFire the spec's schedules until SIGTERM or SIGINT.\n",
     NULL, NULL, 0},
    {"serve", "usage: orderd serve\n\nServe the HTTP API on HOST:PORT until SIGTERM or SIGINT.\n",
     NULL, NULL, 0},
    {"webhooks",
     "usage: orderd webhooks replay --since T\n\n"
     "Send again every delivered or dead webhook delivery of an event created at or after\n"
     "T (a timestamp, e.g. 2026-01-31T12:00:00Z), in order per subscription; workers\n"
     "deliver them. Prints how many. Receivers de-duplicate by event id.\n",
     webhooks_options, NULL, 1},
    {"worker",
     "usage: orderd worker\n\nRun background jobs (WORKER_THREADS at once) and deliver "
     "webhooks until\nSIGTERM or SIGINT.\n",
     NULL, NULL, 0},
};

static const command_spec *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof command_specs / sizeof command_specs[0]; i++)
        if (strcmp(command_specs[i].name, name) == 0)
            return &command_specs[i];
    return NULL;
}

static bool is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static bool listed(const char *const *list, const char *arg)
{
    for (const char *const *item = list; item && *item; item++)
        if (strcmp(*item, arg) == 0)
            return true;
    return false;
}

/* Checks a command's arguments (argv after the command name). Returns 0
 * to run it, or the exit status: 0 after printing its usage for --help,
 * 2 after naming an unknown or incomplete argument. */
static int check_arguments(const command_spec *command, int argc, char **argv, bool *run)
{
    *run = false;
    for (int i = 0; i < argc; i++)
        if (is_help(argv[i])) {
            fputs(command->usage, stdout);
            return 0;
        }
    int words = 0;
    for (int i = 0; i < argc; i++) {
        if (listed(command->flags, argv[i]))
            continue;
        if (argv[i][0] != '-' && words < command->max_arguments) {
            words++;
            continue;
        }
        if (!listed(command->options, argv[i])) {
            fprintf(stderr, "orderd %s: unknown %s \"%s\" (see orderd %s --help)\n", command->name,
                    argv[i][0] == '-' ? "option" : "argument", argv[i], command->name);
            return 2;
        }
        if (i + 1 == argc) {
            fprintf(stderr, "orderd %s: %s needs a value (see orderd %s --help)\n", command->name,
                    argv[i], command->name);
            return 2;
        }
        i++; /* its value */
    }
    *run = true;
    return 0;
}

static int load_config(rt_config *config)
{
    char err[512];
    const char *env_file = getenv("ENV_FILE");
    bool explicit_file = env_file != NULL && env_file[0] != '\0';
    rt_log_level level = RT_LOG_INFO;

    /* An ENV_FILE set explicitly must exist; the default .env may not. */
    if (rt_config_load(config, explicit_file ? env_file : ".env", explicit_file, err, sizeof err) !=
        0) {
        fprintf(stderr, "orderd: configuration error: %s\n", err);
        return RT_EINVAL;
    }
    if (rt_log_level_parse(config->log_level, &level) != 0)
        level = RT_LOG_INFO;
    rt_log_init(level, 2);
    return 0;
}

/* ------------------------------------------------- serve, worker, scheduler */

typedef struct processes {
    bool serve, worker, scheduler;
} processes;

static void log_started(const rt_config *config, const char *what)
{
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_INFO, "started");
    rt_log_str(&line, "process", what);
    rt_log_str(&line, "app_env", config->app_env);
    if (strcmp(what, "serve") == 0) {
        rt_log_str(&line, "host", config->host);
        rt_log_int(&line, "port", config->port);
        rt_log_int(&line, "threads", config->http_threads);
        rt_log_int(&line, "io_threads", config->http_io_threads);
        rt_log_int(&line, "password_threads", config->password_threads);
    }
    rt_log_end(&line);
}

/* Says why the server could not listen, on stderr (for the person who
 * ran it) and in the log: a port in use names the port and PORT. */
static void report_listen_failure(const rt_config *config, int rc)
{
    char message[256];
    if (rc == RT_EBUSY)
        snprintf(message, sizeof message,
                 "port %d on %s is already in use: stop what uses it or set PORT to another port",
                 config->port, config->host);
    else
        snprintf(message, sizeof message, "cannot listen on %s:%d (%s)", config->host, config->port,
                 rt_error_name(rc));
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_ERROR, "startup_failed");
    rt_log_str(&line, "message", message);
    rt_log_str(&line, "host", config->host);
    rt_log_int(&line, "port", config->port);
    rt_log_end(&line);
    fprintf(stderr, "orderd: %s\n", message);
}

/* The static sites of a serving process (rt_static.h): Swagger UI from
 * DOCS_DIR and the console from CONSOLE_DIR, each listed by its manifest. */
static int load_static_sites(const rt_config *config, rt_app *app)
{
    const rt_static_source docs = {
        .site = "docs",
        .dir = config->docs_dir,
        .manifest = "docs.manifest",
        .hint = "/api/docs/ answers 503: install Swagger UI with `make deps` (npm ci in web/) "
                "or set DOCS_DIR",
    };
    const rt_static_source console = {
        .site = "console",
        .dir = config->console_dir,
        .manifest = "console.manifest",
        .hint = "/console/ answers 503: build it with `make console` (needs node and `make "
                "deps`) or set CONSOLE_DIR",
    };
    int rc = rt_static_load(&docs, &app->docs);
    if (rc == 0)
        rc = rt_static_load(&console, &app->console);
    return rc;
}

/* Runs the asked-for processes until SIGTERM or SIGINT, then stops them in
 * reverse order: no new requests, jobs finish their current program. */
static int command_run(const rt_config *config, processes what)
{
    rt_app app = {.config = config};
    rt_proxy_list proxies = {NULL, 0};
    char err[512] = "";
    rt_http_server *server = NULL;
    rt_worker *worker = NULL;
    rt_webhook_worker *webhooks = NULL;
    rt_scheduler *scheduler = NULL;
    rt_sampler *sampler = NULL;
    sigset_t signals;
    int signal_number = 0;
    bool stopping = false;
    int rc;

    /* Block the stop signals before any thread starts, so they all inherit
     * the mask and only sigwait() below sees them. */
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* A serving process also samples the job queue for /metrics (+1). */
    int pool_size = (what.serve ? config->db_pool_size + 1 : 0) +
                    (what.worker ? config->worker_threads : 0) + (what.scheduler ? 1 : 0);
    rc = rt_app_metrics_create(&app.metrics);
    if (rc != 0)
        goto done;
    rc = rt_db_pool_open(config->database_url, pool_size, (int)config->db_connect_timeout_seconds,
                         config->db_statement_timeout_ms, &app.db);
    if (rc != 0) {
        rt_log_message(RT_LOG_ERROR, "startup", "cannot create the database pool");
        goto done;
    }
    if (what.serve) {
        rc = rt_ratelimit_open(config->redis_url, config->http_threads + config->password_threads,
                               config->rate_limit_max_request, config->rate_limit_window_seconds,
                               (int)config->redis_timeout_ms, &app.limiter);
        if (rc != 0) {
            rt_log_message(RT_LOG_ERROR, "startup", "invalid REDIS_URL or rate limit settings");
            goto done;
        }
        /* Checked by rt_config_load already; parsed again into their form. */
        rc = rt_cors_parse(config->cors_allowed_origins, &app.cors, err, sizeof err);
        if (rc == 0)
            rc = rt_proxy_parse(config->trusted_proxies, &proxies, err, sizeof err);
        if (rc == 0)
            rc = load_static_sites(config, &app);
        if (rc != 0) {
            rt_log_message(RT_LOG_ERROR, "startup", err[0] ? err : "out of memory");
            goto done;
        }
        rt_http_options options = {
            .host = config->host,
            .port = config->port,
            .threads = config->http_io_threads,
            .max_body_bytes = config->max_body_bytes,
            .max_connections = config->http_max_connections,
            .max_connections_per_ip = config->http_max_connections_per_ip,
            .idle_timeout_seconds = config->http_idle_timeout_seconds,
            /* PostgreSQL and Redis sockets, logs, the listen socket, slack. */
            .reserved_files = pool_size + config->http_threads + config->password_threads + 64,
            .trusted_proxies = &proxies,
            .handler = rt_app_handle,
            .context = &app,
            .classify = rt_app_lane,
            .lanes = {[RT_APP_LANE_REQUESTS] = {rt_app_lane_name(RT_APP_LANE_REQUESTS),
                                                config->http_threads},
                      [RT_APP_LANE_PASSWORDS] = {rt_app_lane_name(RT_APP_LANE_PASSWORDS),
                                                 config->password_threads}},
            .lane_count = RT_APP_LANE_COUNT,
            .queue_limit = config->http_queue_limit,
            .metrics = app.metrics,
        };
        rc = rt_http_start(&options, &server);
        if (rc != 0) {
            report_listen_failure(config, rc);
            goto done;
        }
        rc = rt_sampler_start(app.db, app.metrics, &sampler);
        if (rc != 0)
            goto done;
        log_started(config, "serve");
    }
    if (what.worker) {
        char name[64];
        char host[48] = "orderd";
        gethostname(host, sizeof host - 1);
        snprintf(name, sizeof name, "%s:%d", host, (int)getpid());
        rc = rt_worker_start(config, app.db, app.metrics, name, config->worker_threads, &worker);
        if (rc == 0)
            rc = rt_webhook_start(config, name, &webhooks);
        if (rc != 0)
            goto done;
        log_started(config, "worker");
    }
    if (what.scheduler) {
        rc = rt_scheduler_start(config, app.db, app.metrics, &scheduler);
        if (rc != 0)
            goto done;
        log_started(config, "scheduler");
    }
    sigwait(&signals, &signal_number);
    {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_INFO, "shutdown_started");
        rt_log_str(&line, "signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
        rt_log_end(&line);
    }
    stopping = true;

done:
    if (server)
        rt_http_stop(server);
    rt_sampler_stop(sampler);
    rt_scheduler_stop(scheduler);
    rt_webhook_stop(webhooks);
    rt_worker_stop(worker);
    if (app.limiter)
        rt_ratelimit_close(app.limiter);
    if (app.db)
        rt_db_pool_close(app.db);
    rt_cors_free(&app.cors);
    rt_static_free(&app.docs);
    rt_static_free(&app.console);
    rt_proxy_free(&proxies);
    rt_metrics_free(app.metrics);
    if (stopping)
        rt_log_message(RT_LOG_INFO, "shutdown_done", "every process part has stopped");
    return rc;
}

/* --------------------------------------------------------------- migrate */

/* The value of option name in argv (after the command), or NULL. */
static const char *option_value(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

static bool has_flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return true;
    return false;
}

/* The lifecycle guards, as migrate scripts; RT_EINVAL if they do not fit. */
static int guard_scripts(rt_migrate_script *scripts, int capacity)
{
    if (api_lifecycle_count > capacity)
        return RT_EINVAL;
    for (int i = 0; i < api_lifecycle_count; i++) {
        scripts[i].name = api_lifecycles[i]->name;
        scripts[i].sql = api_lifecycles[i]->guard_sql;
    }
    return 0;
}

/* migrate --status / --dry-run: the plan on stdout, nothing changed. */
static int command_migrate_plan(const rt_config *config, rt_migrate_mode mode)
{
    const char *dir = getenv("MIGRATIONS_DIR");
    rt_migrate_script scripts[16];
    char err[1024] = "";
    int rc = guard_scripts(scripts, (int)(sizeof scripts / sizeof scripts[0]));

    if (rc == 0)
        rc = rt_migrate_plan(config->database_url, dir ? dir : "migrations", scripts,
                             api_lifecycle_count, mode, stdout, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "orderd migrate: %s\n", err[0] ? err : rt_error_name(rc));
    return rc;
}

/* ------------------------------------------------------------------ jobs */

static int jobs_usage_error(const char *message)
{
    fprintf(stderr, "orderd jobs: %s (see orderd jobs --help)\n", message);
    return 2;
}

/* Checks a jobs command line; 0 to run, or the exit status (2). */
static int jobs_check(int argc, char **argv, const char **action, const char **id)
{
    const char *words[2] = {NULL, NULL};
    int count = 0;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-') {
            i++; /* an option and its value: check_arguments knew them */
            continue;
        }
        words[count++] = argv[i];
    }
    *action = words[0];
    *id = words[1];
    if (*action == NULL)
        return jobs_usage_error("say list, retry ID or discard ID");
    bool list = strcmp(*action, "list") == 0;
    if (!list && strcmp(*action, "retry") != 0 && strcmp(*action, "discard") != 0)
        return jobs_usage_error("unknown action (list, retry, discard)");
    if (list && (*id != NULL))
        return jobs_usage_error("list takes no ID");
    if (!list && (*id == NULL || strspn(*id, "0123456789") != strlen(*id) || strlen(*id) > 18))
        return jobs_usage_error("retry and discard take one job ID (a number)");
    if (!list && (option_value(argc, argv, "--state") || option_value(argc, argv, "--kind")))
        return jobs_usage_error("--state and --kind go with list");
    const char *state = option_value(argc, argv, "--state");
    if (state && strcmp(state, "queued") != 0 && strcmp(state, "running") != 0 &&
        strcmp(state, "done") != 0 && strcmp(state, "dead") != 0)
        return jobs_usage_error("--state is one of queued, running, done, dead");
    return 0;
}

static void jobs_print(const rt_db_result *result)
{
    printf("%-8s %-24s %-8s %-8s %-20s %-34s %s\n", "ID", "KIND", "STATE", "ATTEMPTS", "RUN_AT",
           "REQUEST_ID", "LAST_ERROR");
    for (int row = 0; row < result->rows; row++) {
        char attempts[32];
        snprintf(attempts, sizeof attempts, "%s/%s", rt_db_value(result, row, 3),
                 rt_db_value(result, row, 4));
        printf("%-8s %-24s %-8s %-8s %-20s %-34s %s\n", rt_db_value(result, row, 0),
               rt_db_value(result, row, 1), rt_db_value(result, row, 2), attempts,
               rt_db_value(result, row, 5), rt_db_value(result, row, 6),
               rt_db_value(result, row, 7));
    }
}

/* orderd jobs list|retry|discard, on a connection of its own. */
static int command_jobs(const rt_config *config, int argc, char **argv)
{
    const char *action = NULL, *id = NULL;
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    char status[32] = "";
    int rc = jobs_check(argc, argv, &action, &id);

    if (rc != 0)
        return rc;
    rc = rt_db_pool_open(config->database_url, 1, (int)config->db_connect_timeout_seconds,
                         config->db_statement_timeout_ms, &pool);
    if (rc == 0)
        rc = rt_db_acquire(pool, &conn);
    if (rc != 0) {
        fprintf(stderr, "orderd jobs: PostgreSQL is unreachable\n");
        goto done;
    }
    if (strcmp(action, "list") == 0) {
        rc = rt_jobs_list(conn, option_value(argc, argv, "--state"),
                          option_value(argc, argv, "--kind"), &result);
        if (rc == 0)
            jobs_print(&result);
    } else {
        bool retry = strcmp(action, "retry") == 0;
        rc = rt_jobs_act(conn, retry ? RT_JOBS_RETRY : RT_JOBS_DISCARD, id, status, sizeof status);
        if (rc == 0)
            printf("job %s %s\n", id, retry ? "queued to run now" : "discarded");
        else if (rc == RT_ENOROW)
            fprintf(stderr, "orderd jobs: no job %s\n", id);
        else if (rc == RT_EINVAL)
            fprintf(stderr, "orderd jobs: job %s is %s; only queued and dead jobs can be %s\n", id,
                    status, retry ? "retried" : "discarded");
    }
    if (rc != 0 && rc != RT_ENOROW && rc != RT_EINVAL)
        fprintf(stderr, "orderd jobs: %s\n",
                result.message ? result.message : rt_db_error_message(conn));
done:
    rt_db_result_clear(&result);
    if (conn)
        rt_db_release(pool, conn);
    if (pool)
        rt_db_pool_close(pool);
    return rc;
}

/* -------------------------------------------------------------- webhooks */

/* orderd webhooks replay --since T, on a connection of its own. */
static int command_webhooks(const rt_config *config, int argc, char **argv)
{
    const char *since = option_value(argc, argv, "--since");
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = NULL;
    int64_t count = 0;
    int rc = RT_EINVAL;

    if (argc < 1 || strcmp(argv[0], "replay") != 0 || since == NULL) {
        fprintf(stderr, "orderd webhooks: say replay --since T (see orderd webhooks --help)\n");
        return 2;
    }
    rc = rt_db_pool_open(config->database_url, 1, (int)config->db_connect_timeout_seconds,
                         config->db_statement_timeout_ms, &pool);
    if (rc == 0)
        rc = rt_db_acquire(pool, &conn);
    if (rc != 0) {
        fprintf(stderr, "orderd webhooks: PostgreSQL is unreachable\n");
        goto done;
    }
    rc = rt_webhook_replay(conn, since, &count);
    if (rc == 0)
        printf("%lld deliveries queued again\n", (long long)count);
    else
        fprintf(stderr, "orderd webhooks: %s\n", rt_db_error_message(conn));
done:
    if (conn)
        rt_db_release(pool, conn);
    if (pool)
        rt_db_pool_close(pool);
    return rc;
}

/* ---------------------------------------------------------------- config */

static int command_config(const rt_config *config)
{
    static const char *const source_names[] = {
        [RT_CONFIG_FROM_DEFAULT] = "default",
        [RT_CONFIG_FROM_FILE] = ".env file",
        [RT_CONFIG_FROM_ENVIRONMENT] = "environment",
    };
    const char *env_file = getenv("ENV_FILE");
    const char *name = NULL;
    char value[1024];
    rt_config_source source;

    printf("# env file: %s (%s)\n", env_file && env_file[0] ? env_file : ".env",
           config->env_file_read ? "read" : "absent");
    for (int i = 0; rt_config_describe(config, i, &name, value, sizeof value, &source) == 0; i++)
        printf("%s=%s  # %s\n", name, value, source_names[source]);
    return 0;
}

static int command_migrate(const rt_config *config)
{
    const char *dir = getenv("MIGRATIONS_DIR");
    rt_migrate_script scripts[16];
    char err[1024] = "";
    int applied = 0;
    int rc = RT_EINVAL;
    rt_log_line line;

    if (guard_scripts(scripts, (int)(sizeof scripts / sizeof scripts[0])) != 0) {
        snprintf(err, sizeof err, "too many lifecycles");
        goto done;
    }
    rc = rt_migrate_run(config->database_url, dir ? dir : "migrations", scripts,
                        api_lifecycle_count, &applied, err, sizeof err);

done:
    rt_log_begin(&line, rc == 0 ? RT_LOG_INFO : RT_LOG_ERROR, "migrate");
    rt_log_int(&line, "applied", applied);
    if (rc != 0)
        rt_log_str(&line, "error", err);
    rt_log_end(&line);
    if (rc != 0)
        fprintf(stderr, "orderd migrate: %s\n", err);
    return rc;
}

/* ---------------------------------------------------------------- health */

/* What worker and scheduler containers run as their health check: every
 * orderd process needs PostgreSQL (Redis only limits rates, and fails
 * open, so it does not make a process unhealthy). */
static int command_health(const rt_config *config)
{
    rt_db_pool *pool = NULL;
    int rc = rt_db_pool_open(config->database_url, 1, (int)config->db_connect_timeout_seconds,
                             config->db_statement_timeout_ms, &pool);
    if (rc == 0)
        rc = rt_db_ping(pool);
    if (rc == 0)
        printf("ok: PostgreSQL answers\n");
    else
        fprintf(stderr, "orderd health: PostgreSQL is unreachable (DATABASE_URL)\n");
    if (pool)
        rt_db_pool_close(pool);
    return rc;
}

/* ----------------------------------------------------------------- check */

/* The spec's query listing the products whose stock is not the sum of
 * their movements (spec/products.sql), so `specc verify` checks its SQL. */
#define CHECK_LEDGER_QUERY "ProductsOffLedger"

/* orderd check: 0 when the ledger holds; 1 (RT_EINVAL) listing the
 * products that break it, or when PostgreSQL cannot answer. */
static int command_check(const rt_config *config)
{
    const rt_query *query = NULL;
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    int rc = rt_db_find_query(CHECK_LEDGER_QUERY, NULL, 0, &query);

    if (rc != 0 || query->column_count != 4) {
        rc = RT_EINVAL;
        fprintf(stderr, "orderd check: the spec has no query " CHECK_LEDGER_QUERY "\n");
        goto done;
    }
    rc = rt_db_pool_open(config->database_url, 1, (int)config->db_connect_timeout_seconds,
                         config->db_statement_timeout_ms, &pool);
    if (rc == 0)
        rc = rt_db_acquire(pool, &conn);
    if (rc != 0) {
        fprintf(stderr, "orderd check: PostgreSQL is unreachable\n");
        goto done;
    }
    rc = rt_db_run(conn, query, NULL, &result);
    if (rc != 0) {
        fprintf(stderr, "orderd check: %s\n", result.message ? result.message : rt_error_name(rc));
        goto done;
    }
    if (result.rows == 0) {
        printf("ok: every product's stock is the sum of its movements\n");
        goto done;
    }
    printf("%d product(s) whose stock is not the sum of their movements:\n", result.rows);
    printf("%-36s %-24s %10s %10s\n", "PRODUCT", "SKU", "STOCK", "MOVEMENTS");
    for (int row = 0; row < result.rows; row++)
        printf("%-36s %-24s %10s %10s\n", rt_db_value(&result, row, 0),
               rt_db_value(&result, row, 1), rt_db_value(&result, row, 2),
               rt_db_value(&result, row, 3));
    rc = RT_EINVAL;
done:
    rt_db_result_clear(&result);
    if (conn)
        rt_db_release(pool, conn);
    if (pool)
        rt_db_pool_close(pool);
    return rc;
}

/* ----------------------------------------------------------- createadmin */

/* The body fields of POST /users/register: an admin obeys the same rules. */
static const rt_endpoint *register_endpoint(void)
{
    for (int i = 0; i < api_route_count; i++) {
        if (strcmp(api_routes[i].method, "POST") == 0 &&
            strcmp(api_routes[i].pattern, "/users/register") == 0)
            return api_routes[i].endpoint;
    }
    return NULL;
}

static int read_password(char *out, size_t size)
{
    const char *env = getenv("ADMIN_PASSWORD");
    if (env) {
        snprintf(out, size, "%s", env);
        return 0;
    }
    if (isatty(0))
        fprintf(stderr, "Password: ");
    if (!fgets(out, (int)size, stdin))
        return RT_EINVAL;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

/* Runs CreateAdmin (spec/users.sql) through the generic path, binding its
 * parameters by name so the spec may order them as it likes. Returns what
 * rt_db_run returns, or RT_EINVAL when the query names a parameter this
 * command does not supply. */
static int insert_admin(rt_db_conn *conn, const char *name, const char *email, const char *hash,
                        rt_db_result *result)
{
    const rt_query *query = &api_users__create_admin_query;
    const char *supplied[][2] = {{"name", name}, {"email", email}, {"password_hash", hash}};
    const char *values[3];

    if (query->param_count != 3)
        return RT_EINVAL;
    for (int i = 0; i < query->param_count; i++) {
        values[i] = NULL;
        for (size_t k = 0; k < sizeof supplied / sizeof supplied[0]; k++) {
            if (strcmp(query->params[i].name, supplied[k][0]) == 0)
                values[i] = supplied[k][1];
        }
        if (!values[i])
            return RT_EINVAL;
    }
    return rt_db_run(conn, query, values, result);
}

/* The new admin's "uid" column from CreateAdmin's row ("?" if absent). */
static const char *admin_uid(const rt_db_result *result)
{
    const rt_query *query = &api_users__create_admin_query;

    for (int i = 0; i < query->column_count; i++) {
        if (strcmp(query->columns[i].name, "uid") == 0 && result->rows > 0 &&
            rt_db_value(result, 0, i))
            return rt_db_value(result, 0, i);
    }
    return "?";
}

static int command_createadmin(const rt_config *config, int argc, char **argv)
{
    const char *email = NULL, *name = NULL;
    char password[256] = "";
    char hash[RT_PASSWORD_HASH_MAX];
    const rt_endpoint *ep = register_endpoint();
    rt_arena *arena = NULL;
    rt_json_doc *doc = NULL;
    rt_db_pool *pool = NULL;
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    rt_buf body;
    int rc = RT_EINVAL;

    rt_buf_init(&body);
    for (int i = 0; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--email") == 0)
            email = argv[i + 1];
        else if (strcmp(argv[i], "--name") == 0)
            name = argv[i + 1];
    }
    if (!email || !name || argc % 2 != 0) {
        fprintf(stderr, "usage: orderd createadmin --email E --name N\n");
        goto done;
    }
    if (read_password(password, sizeof password) != 0) {
        fprintf(stderr,
                "orderd createadmin: no password (set ADMIN_PASSWORD or give it on stdin)\n");
        goto done;
    }

    /* Validate with the register endpoint's field table. */
    rc = rt_arena_create(&arena);
    if (rc == 0 && !ep) {
        fprintf(stderr, "orderd createadmin: the spec has no POST /users/register to take the "
                        "rules for names, emails and passwords from\n");
        rc = RT_EINVAL;
    }
    if (rc != 0)
        goto done;
    rt_buf_puts(&body, "{\"name\":");
    rt_buf_json_string(&body, name);
    rt_buf_puts(&body, ",\"email\":");
    rt_buf_json_string(&body, email);
    rt_buf_puts(&body, ",\"password\":");
    rt_buf_json_string(&body, password);
    rt_buf_puts(&body, "}");
    {
        const rt_json *root = NULL;
        rt_json_error json_error;
        rt_input inputs[8];
        rt_field_errors errors = {0};
        rc = rt_json_parse(body.data, body.len, &doc, &root, &json_error);
        if (rc != 0) {
            fprintf(stderr, "orderd createadmin: invalid input: %s\n", json_error.message);
            goto done;
        }
        rc =
            rt_validate_object(ep->body_fields, ep->body_field_count, root, arena, inputs, &errors);
        if (rc != 0) {
            for (int i = 0; i < errors.count; i++)
                fprintf(stderr, "orderd createadmin: %s: %s\n", errors.errors[i].field,
                        errors.errors[i].message);
            goto done;
        }
    }

    rc = rt_password_hash(password, config->bcrypt_cost, hash, sizeof hash);
    if (rc != 0) {
        fprintf(stderr, "orderd createadmin: cannot hash the password\n");
        goto done;
    }
    rc = rt_db_pool_open(config->database_url, 1, (int)config->db_connect_timeout_seconds,
                         config->db_statement_timeout_ms, &pool);
    if (rc == 0)
        rc = rt_db_acquire(pool, &conn);
    if (rc != 0) {
        fprintf(stderr, "orderd createadmin: PostgreSQL is unreachable\n");
        goto done;
    }
    rc = insert_admin(conn, name, email, hash, &result);
    if (rc == RT_EDB && strcmp(result.sqlstate, "23505") == 0) {
        fprintf(stderr, "orderd createadmin: email %s is already registered\n", email);
        goto done;
    }
    if (rc != 0) {
        fprintf(stderr, "orderd createadmin: %s\n",
                result.message ? result.message : rt_error_name(rc));
        goto done;
    }
    {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_INFO, "admin_created");
        rt_log_str(&line, "user", admin_uid(&result));
        rt_log_str(&line, "email", email);
        rt_log_end(&line);
    }

done:
    rt_db_result_clear(&result);
    if (conn)
        rt_db_release(pool, conn);
    if (pool)
        rt_db_pool_close(pool);
    rt_json_doc_free(doc);
    if (arena)
        rt_arena_destroy(arena);
    rt_buf_free(&body);
    explicit_bzero(password, sizeof password);
    return rc;
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    rt_config config;
    bool run = false;
    int rc;

    if (argc < 2 || strcmp(argv[1], "help") == 0 || is_help(argv[1])) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("orderd %s\n", ORDERD_VERSION);
        return 0;
    }
    const command_spec *command = find_command(argv[1]);
    if (command == NULL) {
        fprintf(stderr, "orderd: unknown command \"%s\"\n\n%s", argv[1], usage);
        return 2;
    }
    rc = check_arguments(command, argc - 2, argv + 2, &run);
    if (!run)
        return rc;
    if (has_flag(argc - 2, argv + 2, "--status") && has_flag(argc - 2, argv + 2, "--dry-run")) {
        fprintf(stderr, "orderd migrate: --status or --dry-run, not both\n");
        return 2;
    }
    const char *action = NULL, *id = NULL;
    if (strcmp(command->name, "jobs") == 0 &&
        (rc = jobs_check(argc - 2, argv + 2, &action, &id)) != 0)
        return rc;
    processes what = {
        .serve = strcmp(command->name, "serve") == 0 || strcmp(command->name, "all") == 0,
        .worker = strcmp(command->name, "worker") == 0 || strcmp(command->name, "all") == 0,
        .scheduler = strcmp(command->name, "scheduler") == 0 || strcmp(command->name, "all") == 0,
    };
    if (load_config(&config) != 0)
        return 1;
    if (what.serve || what.worker || what.scheduler)
        rc = command_run(&config, what);
    else if (strcmp(command->name, "migrate") == 0 && has_flag(argc - 2, argv + 2, "--status"))
        rc = command_migrate_plan(&config, RT_MIGRATE_STATUS);
    else if (strcmp(command->name, "migrate") == 0 && has_flag(argc - 2, argv + 2, "--dry-run"))
        rc = command_migrate_plan(&config, RT_MIGRATE_DRY_RUN);
    else if (strcmp(command->name, "migrate") == 0)
        rc = command_migrate(&config);
    else if (strcmp(command->name, "health") == 0)
        rc = command_health(&config);
    else if (strcmp(command->name, "check") == 0)
        rc = command_check(&config);
    else if (strcmp(command->name, "config") == 0)
        rc = command_config(&config);
    else if (strcmp(command->name, "jobs") == 0)
        rc = command_jobs(&config, argc - 2, argv + 2);
    else if (strcmp(command->name, "webhooks") == 0)
        rc = command_webhooks(&config, argc - 2, argv + 2);
    else
        rc = command_createadmin(&config, argc - 2, argv + 2);
    rt_config_free(&config);
    return rc == 0 ? 0 : 1;
}
