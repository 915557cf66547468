/*
 * test_metrics.c - unit tests of rt_metrics: counting by route and status,
 * cumulative histogram buckets, label escaping, jobs and lanes, gauges
 * from other owners, and NULL (metrics off) being harmless.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_metrics.h"

static const rt_metrics_route routes[] = {{"GET", "/orders"}, {"POST", "/odd\"route\\"}};
static const char *const kinds[] = {"order_created"};
static const char *const lanes[] = {"requests", "passwords"};

static rt_metrics *make_metrics(void)
{
    rt_metrics_layout layout = {routes, 2, kinds, 1, lanes, 2};
    rt_metrics *metrics = NULL;
    assert_int_equal(rt_metrics_create(&layout, &metrics), 0);
    assert_non_null(metrics);
    return metrics;
}

static char *render(rt_metrics *metrics, const rt_metrics_gauges *gauges, rt_buf *out)
{
    rt_buf_init(out);
    assert_int_equal(rt_metrics_render(metrics, gauges, out), 0);
    return (char *)rt_buf_cstr(out);
}

static const rt_metrics_gauges no_gauges = {-1, -1, -1, -1, -1};

static void test_requests_by_route_and_status(void **state)
{
    (void)state;
    rt_metrics *metrics = make_metrics();
    rt_buf out;
    rt_metrics_request_started(metrics);
    rt_metrics_request_done(metrics, 0, 200, 0.002);
    rt_metrics_request_done(metrics, 0, 200, 0.2);
    rt_metrics_request_done(metrics, 0, 404, 20);
    rt_metrics_request_done(metrics, 7, 400, 0); /* unknown index: "other" */
    char *text = render(metrics, &no_gauges, &out);
    assert_non_null(strstr(
        text, "orderd_http_requests_total{method=\"GET\",route=\"/orders\",status=\"200\"} 2\n"));
    assert_non_null(strstr(
        text, "orderd_http_requests_total{method=\"GET\",route=\"/orders\",status=\"404\"} 1\n"));
    assert_non_null(
        strstr(text, "orderd_http_requests_total{method=\"\",route=\"other\",status=\"400\"} 1\n"));
    assert_non_null(strstr(text, "orderd_http_requests_in_flight 1\n"));
    /* cumulative buckets: 0.002 in le=0.005, 0.2 in le=0.25, 20 only in +Inf */
    assert_non_null(strstr(text, "orderd_http_request_duration_seconds_bucket{method=\"GET\","
                                 "route=\"/orders\",le=\"0.001\"} 0\n"));
    assert_non_null(strstr(text, "orderd_http_request_duration_seconds_bucket{method=\"GET\","
                                 "route=\"/orders\",le=\"0.005\"} 1\n"));
    assert_non_null(strstr(text, "orderd_http_request_duration_seconds_bucket{method=\"GET\","
                                 "route=\"/orders\",le=\"0.25\"} 2\n"));
    assert_non_null(strstr(text, "orderd_http_request_duration_seconds_bucket{method=\"GET\","
                                 "route=\"/orders\",le=\"10\"} 2\n"));
    assert_non_null(strstr(text, "orderd_http_request_duration_seconds_bucket{method=\"GET\","
                                 "route=\"/orders\",le=\"+Inf\"} 3\n"));
    assert_non_null(strstr(
        text, "orderd_http_request_duration_seconds_count{method=\"GET\",route=\"/orders\"} 3\n"));
    assert_non_null(strstr(text, "orderd_http_request_duration_seconds_sum{method=\"GET\","
                                 "route=\"/orders\"} 20.202000\n"));
    /* label values are escaped */
    assert_non_null(strstr(text, "route=\"/odd\\\"route\\\\\""));
    rt_metrics_request_finished(metrics);
    rt_buf_free(&out);
    text = render(metrics, &no_gauges, &out);
    assert_non_null(strstr(text, "orderd_http_requests_in_flight 0\n"));
    rt_buf_free(&out);
    rt_metrics_free(metrics);
}

static void test_jobs_lanes_queue_and_gauges(void **state)
{
    (void)state;
    rt_metrics *metrics = make_metrics();
    rt_buf out;
    char *text = render(metrics, &no_gauges, &out);
    /* never sampled, not in this process: omitted */
    assert_null(strstr(text, "orderd_jobs_queue_depth"));
    assert_null(strstr(text, "orderd_db_pool_connections"));
    assert_null(strstr(text, "orderd_ratelimit_degraded"));
    rt_buf_free(&out);

    rt_metrics_job_done(metrics, "order_created", RT_METRICS_JOB_DONE);
    rt_metrics_job_done(metrics, "order_created", RT_METRICS_JOB_FAILED);
    rt_metrics_job_done(metrics, "no_such_kind", RT_METRICS_JOB_DONE);
    rt_metrics_scheduler_tick(metrics);
    rt_metrics_lane_waiting(metrics, 1, 1);
    rt_metrics_lane_waiting(metrics, 1, 1);
    rt_metrics_lane_waiting(metrics, 1, -1);
    rt_metrics_set_queue(metrics, 4, 2.5);
    rt_metrics_gauges gauges = {10, 3, 1, 7, 1};
    text = render(metrics, &gauges, &out);
    assert_non_null(strstr(text, "orderd_jobs_total{kind=\"order_created\",outcome=\"done\"} 1\n"));
    assert_non_null(
        strstr(text, "orderd_jobs_total{kind=\"order_created\",outcome=\"failed\"} 1\n"));
    assert_non_null(strstr(text, "orderd_jobs_total{kind=\"order_created\",outcome=\"dead\"} 0\n"));
    assert_non_null(strstr(text, "orderd_scheduler_ticks_total 1\n"));
    assert_non_null(strstr(text, "orderd_lane_queue_depth{lane=\"passwords\"} 1\n"));
    assert_non_null(strstr(text, "orderd_lane_queue_depth{lane=\"requests\"} 0\n"));
    assert_non_null(strstr(text, "orderd_jobs_queue_depth 4\n"));
    assert_non_null(strstr(text, "orderd_jobs_oldest_runnable_age_seconds 2.500\n"));
    assert_non_null(strstr(text, "orderd_db_pool_connections 10\n"));
    assert_non_null(strstr(text, "orderd_db_pool_in_use 3\n"));
    assert_non_null(strstr(text, "orderd_db_pool_waiting 1\n"));
    assert_non_null(strstr(text, "orderd_ratelimit_rejections_total 7\n"));
    assert_non_null(strstr(text, "orderd_ratelimit_degraded 1\n"));
    rt_buf_free(&out);
    rt_metrics_free(metrics);
}

static void test_null_registry_is_harmless(void **state)
{
    (void)state;
    rt_buf out;
    rt_buf_init(&out);
    rt_metrics_request_started(NULL);
    rt_metrics_request_done(NULL, 0, 200, 1);
    rt_metrics_request_finished(NULL);
    rt_metrics_lane_waiting(NULL, 0, 1);
    rt_metrics_job_done(NULL, "order_created", RT_METRICS_JOB_DONE);
    rt_metrics_scheduler_tick(NULL);
    rt_metrics_set_queue(NULL, 1, 1);
    assert_int_equal(rt_metrics_render(NULL, &no_gauges, &out), RT_EINVAL);
    rt_metrics_free(NULL);
    rt_metrics *metrics = NULL;
    assert_int_equal(rt_metrics_create(NULL, &metrics), RT_EINVAL);
    assert_null(metrics);
    rt_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requests_by_route_and_status),
        cmocka_unit_test(test_jobs_lanes_queue_and_gauges),
        cmocka_unit_test(test_null_registry_is_harmless),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
