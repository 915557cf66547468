/*
 * rt_metrics.c - the metrics registry: relaxed atomic counters, and their
 * Prometheus text rendering (see rt_metrics.h).
 *
 * Layout: per route (the layout's routes plus "other"), one counter per
 * status 100..599 and a latency histogram (non-cumulative bucket counts,
 * summed into Prometheus's cumulative "le" buckets when rendered, and the
 * sum in microseconds). Counters only grow; gauges (in flight, lane
 * queues, the sampled job queue) are set or moved by their owners.
 * Rendering reads each atomic once; a scrape racing requests may see a
 * histogram whose _count is a little ahead of its buckets, which
 * Prometheus tolerates.
 */
#include "rt_metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"

#define METRICS_STATUS_MIN 100
#define METRICS_STATUS_COUNT 500 /* 100..599 */
#define METRICS_BUCKET_COUNT 12

/* Upper bounds of the latency buckets, in seconds (+Inf is implicit). */
static const double metrics_bucket_bounds[METRICS_BUCKET_COUNT] = {
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
static const char *const metrics_bucket_labels[METRICS_BUCKET_COUNT] = {
    "0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"};
static const char *const metrics_outcome_names[RT_METRICS_JOB_OUTCOME_COUNT] = {"done", "failed",
                                                                                "dead"};

typedef struct metrics_route_counters {
    atomic_uint_least64_t statuses[METRICS_STATUS_COUNT];
    atomic_uint_least64_t buckets[METRICS_BUCKET_COUNT + 1]; /* the last: over every bound */
    atomic_uint_least64_t sum_microseconds;
    atomic_uint_least64_t count;
} metrics_route_counters;

struct rt_metrics {
    rt_metrics_layout layout;
    metrics_route_counters *routes; /* route_count + 1 ("other") */
    atomic_uint_least64_t (*jobs)[RT_METRICS_JOB_OUTCOME_COUNT];
    atomic_int *lane_waiting;
    atomic_int in_flight;
    atomic_uint_least64_t scheduler_ticks;
    atomic_uint_least64_t idempotency[RT_METRICS_IDEMPOTENCY_OUTCOME_COUNT];
    atomic_int_least64_t queue_depth;            /* -1: never sampled */
    atomic_int_least64_t queue_oldest_age_milli; /* milliseconds */
    rt_metrics_route *routes_copy;               /* the layout's arrays, owned */
    const char **job_kinds_copy;
    const char **lanes_copy;
};

/* A copy of count items of size bytes (never NULL for 0 items), or NULL. */
static void *metrics_copy(const void *items, size_t count, size_t size)
{
    void *copy = calloc(count + 1, size);
    if (copy != NULL && count > 0)
        memcpy(copy, items, count * size);
    return copy;
}

int rt_metrics_create(const rt_metrics_layout *layout, rt_metrics **out)
{
    int rc = 0;
    rt_metrics *metrics = NULL;

    *out = NULL;
    if (layout == NULL || layout->route_count < 0 || layout->job_kind_count < 0 ||
        layout->lane_count < 0) {
        rc = RT_EINVAL;
        goto done;
    }
    metrics = calloc(1, sizeof *metrics);
    if (metrics == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    /* The arrays are copied; the strings they point to are borrowed. */
    metrics->layout = *layout;
    metrics->layout.routes = metrics->routes_copy =
        metrics_copy(layout->routes, (size_t)layout->route_count, sizeof *layout->routes);
    metrics->layout.job_kinds = metrics->job_kinds_copy =
        metrics_copy(layout->job_kinds, (size_t)layout->job_kind_count, sizeof *layout->job_kinds);
    metrics->layout.lanes = metrics->lanes_copy =
        metrics_copy(layout->lanes, (size_t)layout->lane_count, sizeof *layout->lanes);
    if (metrics->routes_copy == NULL || metrics->job_kinds_copy == NULL ||
        metrics->lanes_copy == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    /* calloc's zero bytes are valid zero atomics on every platform we build for. */
    metrics->routes = calloc((size_t)layout->route_count + 1, sizeof *metrics->routes);
    metrics->jobs = calloc((size_t)layout->job_kind_count + 1, sizeof *metrics->jobs);
    metrics->lane_waiting = calloc((size_t)layout->lane_count + 1, sizeof *metrics->lane_waiting);
    if (metrics->routes == NULL || metrics->jobs == NULL || metrics->lane_waiting == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    atomic_init(&metrics->queue_depth, -1);
    *out = metrics;
    metrics = NULL;
done:
    rt_metrics_free(metrics);
    return rc;
}

void rt_metrics_free(rt_metrics *metrics)
{
    if (metrics == NULL)
        return;
    free(metrics->routes_copy);
    free(metrics->job_kinds_copy);
    free(metrics->lanes_copy);
    free(metrics->routes);
    free(metrics->jobs);
    free(metrics->lane_waiting);
    free(metrics);
}

void rt_metrics_request_started(rt_metrics *metrics)
{
    if (metrics != NULL)
        atomic_fetch_add_explicit(&metrics->in_flight, 1, memory_order_relaxed);
}

void rt_metrics_request_finished(rt_metrics *metrics)
{
    if (metrics != NULL)
        atomic_fetch_sub_explicit(&metrics->in_flight, 1, memory_order_relaxed);
}

void rt_metrics_request_done(rt_metrics *metrics, int route, int status, double seconds)
{
    if (metrics == NULL)
        return;
    if (route < 0 || route >= metrics->layout.route_count)
        route = metrics->layout.route_count; /* "other" */
    metrics_route_counters *counters = &metrics->routes[route];
    if (status >= METRICS_STATUS_MIN && status < METRICS_STATUS_MIN + METRICS_STATUS_COUNT)
        atomic_fetch_add_explicit(&counters->statuses[status - METRICS_STATUS_MIN], 1,
                                  memory_order_relaxed);
    if (seconds < 0)
        seconds = 0;
    int bucket = 0;
    while (bucket < METRICS_BUCKET_COUNT && seconds > metrics_bucket_bounds[bucket])
        bucket++;
    atomic_fetch_add_explicit(&counters->buckets[bucket], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&counters->sum_microseconds, (uint_least64_t)(seconds * 1e6),
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&counters->count, 1, memory_order_relaxed);
}

void rt_metrics_lane_waiting(rt_metrics *metrics, int lane, int delta)
{
    if (metrics != NULL && lane >= 0 && lane < metrics->layout.lane_count)
        atomic_fetch_add_explicit(&metrics->lane_waiting[lane], delta, memory_order_relaxed);
}

void rt_metrics_job_done(rt_metrics *metrics, const char *kind, rt_metrics_job_outcome outcome)
{
    if (metrics == NULL || kind == NULL || outcome < 0 || outcome >= RT_METRICS_JOB_OUTCOME_COUNT)
        return;
    for (int i = 0; i < metrics->layout.job_kind_count; i++) {
        if (strcmp(metrics->layout.job_kinds[i], kind) == 0) {
            atomic_fetch_add_explicit(&metrics->jobs[i][outcome], 1, memory_order_relaxed);
            return;
        }
    }
}

void rt_metrics_scheduler_tick(rt_metrics *metrics)
{
    if (metrics != NULL)
        atomic_fetch_add_explicit(&metrics->scheduler_ticks, 1, memory_order_relaxed);
}

void rt_metrics_idempotency(rt_metrics *metrics, rt_metrics_idempotency_outcome outcome)
{
    if (metrics != NULL && outcome >= 0 && outcome < RT_METRICS_IDEMPOTENCY_OUTCOME_COUNT)
        atomic_fetch_add_explicit(&metrics->idempotency[outcome], 1, memory_order_relaxed);
}

void rt_metrics_set_queue(rt_metrics *metrics, int64_t depth, double oldest_age_seconds)
{
    if (metrics == NULL)
        return;
    atomic_store_explicit(&metrics->queue_oldest_age_milli, (int64_t)(oldest_age_seconds * 1000),
                          memory_order_relaxed);
    atomic_store_explicit(&metrics->queue_depth, depth, memory_order_relaxed);
}

/* ------------------------------------------------------------- rendering */

/* Appends a label value with Prometheus's escapes (\\, \", \n). */
static void metrics_label_value(rt_buf *out, const char *value)
{
    rt_buf_puts(out, "\"");
    for (const char *at = value; *at != '\0'; at++) {
        if (*at == '\\' || *at == '"')
            rt_buf_printf(out, "\\%c", *at);
        else if (*at == '\n')
            rt_buf_puts(out, "\\n");
        else
            rt_buf_append(out, at, 1);
    }
    rt_buf_puts(out, "\"");
}

static void metrics_header(rt_buf *out, const char *name, const char *type, const char *help)
{
    rt_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Appends {method="...",route="..." (without the closing brace). */
static void metrics_route_labels(const rt_metrics *metrics, int route, rt_buf *out)
{
    bool other = route >= metrics->layout.route_count;
    rt_buf_puts(out, "{method=");
    metrics_label_value(out, other ? "" : metrics->layout.routes[route].method);
    rt_buf_puts(out, ",route=");
    metrics_label_value(out, other ? "other" : metrics->layout.routes[route].route);
}

static void metrics_render_requests(rt_metrics *metrics, rt_buf *out)
{
    metrics_header(out, "orderd_http_requests_total", "counter",
                   "Requests answered, by method, route and status.");
    for (int route = 0; route <= metrics->layout.route_count; route++) {
        for (int i = 0; i < METRICS_STATUS_COUNT; i++) {
            uint_least64_t n =
                atomic_load_explicit(&metrics->routes[route].statuses[i], memory_order_relaxed);
            if (n == 0)
                continue;
            rt_buf_puts(out, "orderd_http_requests_total");
            metrics_route_labels(metrics, route, out);
            rt_buf_printf(out, ",status=\"%d\"} %llu\n", i + METRICS_STATUS_MIN,
                          (unsigned long long)n);
        }
    }
    metrics_header(out, "orderd_http_requests_in_flight", "gauge",
                   "Requests read and not yet answered.");
    rt_buf_printf(out, "orderd_http_requests_in_flight %d\n",
                  atomic_load_explicit(&metrics->in_flight, memory_order_relaxed));
}

static void metrics_render_latency(rt_metrics *metrics, rt_buf *out)
{
    static const char name[] = "orderd_http_request_duration_seconds";
    metrics_header(out, name, "histogram",
                   "Time from the request's headers to its answer, by method and route.");
    for (int route = 0; route <= metrics->layout.route_count; route++) {
        metrics_route_counters *counters = &metrics->routes[route];
        uint_least64_t cumulative = 0;
        for (int bucket = 0; bucket <= METRICS_BUCKET_COUNT; bucket++) {
            cumulative += atomic_load_explicit(&counters->buckets[bucket], memory_order_relaxed);
            rt_buf_printf(out, "%s_bucket", name);
            metrics_route_labels(metrics, route, out);
            rt_buf_printf(out, ",le=\"%s\"} %llu\n",
                          bucket < METRICS_BUCKET_COUNT ? metrics_bucket_labels[bucket] : "+Inf",
                          (unsigned long long)cumulative);
        }
        uint_least64_t sum =
            atomic_load_explicit(&counters->sum_microseconds, memory_order_relaxed);
        rt_buf_printf(out, "%s_sum", name);
        metrics_route_labels(metrics, route, out);
        rt_buf_printf(out, "} %llu.%06llu\n", (unsigned long long)(sum / 1000000),
                      (unsigned long long)(sum % 1000000));
        rt_buf_printf(out, "%s_count", name);
        metrics_route_labels(metrics, route, out);
        rt_buf_printf(out, "} %llu\n", (unsigned long long)cumulative);
    }
}

static void metrics_render_gauges(const rt_metrics_gauges *gauges, rt_buf *out)
{
    if (gauges->db_pool_size >= 0) {
        metrics_header(out, "orderd_db_pool_connections", "gauge",
                       "PostgreSQL connections the pool may hold.");
        rt_buf_printf(out, "orderd_db_pool_connections %lld\n", (long long)gauges->db_pool_size);
        metrics_header(out, "orderd_db_pool_in_use", "gauge", "Pool connections lent out.");
        rt_buf_printf(out, "orderd_db_pool_in_use %lld\n", (long long)gauges->db_pool_in_use);
        metrics_header(out, "orderd_db_pool_waiting", "gauge",
                       "Threads waiting for a pool connection.");
        rt_buf_printf(out, "orderd_db_pool_waiting %lld\n", (long long)gauges->db_pool_waiting);
    }
    if (gauges->ratelimit_degraded >= 0) {
        metrics_header(out, "orderd_ratelimit_rejections_total", "counter",
                       "Requests refused with 429.");
        rt_buf_printf(out, "orderd_ratelimit_rejections_total %lld\n",
                      (long long)gauges->ratelimit_rejections);
        metrics_header(out, "orderd_ratelimit_degraded", "gauge",
                       "1 while Redis is unreachable and requests are served unlimited.");
        rt_buf_printf(out, "orderd_ratelimit_degraded %lld\n",
                      (long long)gauges->ratelimit_degraded);
    }
}

static void metrics_render_work(rt_metrics *metrics, rt_buf *out)
{
    metrics_header(out, "orderd_jobs_total", "counter",
                   "Job attempts this process ran, by kind and outcome.");
    for (int kind = 0; kind < metrics->layout.job_kind_count; kind++) {
        for (int outcome = 0; outcome < RT_METRICS_JOB_OUTCOME_COUNT; outcome++) {
            rt_buf_puts(out, "orderd_jobs_total{kind=");
            metrics_label_value(out, metrics->layout.job_kinds[kind]);
            rt_buf_printf(out, ",outcome=\"%s\"} %llu\n", metrics_outcome_names[outcome],
                          (unsigned long long)atomic_load_explicit(&metrics->jobs[kind][outcome],
                                                                   memory_order_relaxed));
        }
    }
    int64_t depth = atomic_load_explicit(&metrics->queue_depth, memory_order_relaxed);
    if (depth >= 0) {
        int64_t age = atomic_load_explicit(&metrics->queue_oldest_age_milli, memory_order_relaxed);
        metrics_header(out, "orderd_jobs_queue_depth", "gauge",
                       "Jobs runnable now (queued and due), sampled from PostgreSQL.");
        rt_buf_printf(out, "orderd_jobs_queue_depth %lld\n", (long long)depth);
        metrics_header(out, "orderd_jobs_oldest_runnable_age_seconds", "gauge",
                       "How long the oldest runnable job has been due.");
        rt_buf_printf(out, "orderd_jobs_oldest_runnable_age_seconds %lld.%03lld\n",
                      (long long)(age / 1000), (long long)(age % 1000));
    }
    metrics_header(out, "orderd_scheduler_ticks_total", "counter",
                   "Schedule ticks this process handled (fired or found taken).");
    rt_buf_printf(
        out, "orderd_scheduler_ticks_total %llu\n",
        (unsigned long long)atomic_load_explicit(&metrics->scheduler_ticks, memory_order_relaxed));
    metrics_header(out, "orderd_idempotency_total", "counter",
                   "Requests with an Idempotency-Key that were not run: replayed, 409 in "
                   "progress, 422 reused.");
    for (int outcome = 0; outcome < RT_METRICS_IDEMPOTENCY_OUTCOME_COUNT; outcome++) {
        static const char *const names[RT_METRICS_IDEMPOTENCY_OUTCOME_COUNT] = {
            "replayed", "in_progress", "reused"};
        rt_buf_printf(out, "orderd_idempotency_total{outcome=\"%s\"} %llu\n", names[outcome],
                      (unsigned long long)atomic_load_explicit(&metrics->idempotency[outcome],
                                                               memory_order_relaxed));
    }
    metrics_header(out, "orderd_lane_queue_depth", "gauge",
                   "Requests waiting for a thread of their lane.");
    for (int lane = 0; lane < metrics->layout.lane_count; lane++) {
        rt_buf_puts(out, "orderd_lane_queue_depth{lane=");
        metrics_label_value(out, metrics->layout.lanes[lane]);
        rt_buf_printf(out, "} %d\n",
                      atomic_load_explicit(&metrics->lane_waiting[lane], memory_order_relaxed));
    }
}

int rt_metrics_render(rt_metrics *metrics, const rt_metrics_gauges *gauges, rt_buf *out)
{
    int rc = 0;
    if (metrics == NULL || gauges == NULL || out == NULL) {
        rc = RT_EINVAL;
        goto done;
    }
    metrics_render_requests(metrics, out);
    metrics_render_latency(metrics, out);
    metrics_render_gauges(gauges, out);
    metrics_render_work(metrics, out);
    if (out->failed)
        rc = RT_ENOMEM;
done:
    return rc;
}
