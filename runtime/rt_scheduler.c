/*
 * rt_scheduler.c - fires schedules once per tick (see rt_scheduler.h).
 *
 * One thread: for every schedule whose current tick it has not handled,
 * insert the tick's job (ON CONFLICT on the unique key: another scheduler
 * may have been first), then sleep until the next tick boundary of any
 * schedule, waking early when asked to stop. A tick whose insert failed
 * (PostgreSQL unreachable) is tried again a second later.
 */
#include "rt_scheduler.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt_api.h"
#include "rt_enqueue.h"
#include "rt_error.h"
#include "rt_log.h"
#include "rt_metrics.h"

struct rt_scheduler {
    const rt_config *config;
    rt_db_pool *pool;
    rt_metrics *metrics; /* borrowed; NULL: not counted */
    pthread_t thread;
    bool started;
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    bool stopping;        /* guarded by mutex */
    long long *last_tick; /* per schedule, -1: none yet */
};

/* Inserts the job of tick for schedule s; 0 or an error. */
static int fire(rt_scheduler *scheduler, const rt_schedule *schedule, long long tick)
{
    rt_db_conn *conn = NULL;
    rt_db_result result = {0};
    char unique_key[160];
    bool inserted = false;
    int rc;

    snprintf(unique_key, sizeof unique_key, "schedule:%s:%lld", schedule->job->kind, tick);
    rc = rt_db_acquire(scheduler->pool, &conn);
    if (rc != 0)
        goto done;
    rc = rt_enqueue_job(conn, schedule->job, "{}", unique_key, NULL, &inserted, &result);
    if (rc != 0)
        goto done;
    {
        rt_log_line line;
        /* debug: the job's own job_done line is the tick's info line */
        rt_log_begin(&line, RT_LOG_DEBUG, inserted ? "schedule_fired" : "schedule_taken");
        rt_log_str(&line, "kind", schedule->job->kind);
        rt_log_int(&line, "tick", tick);
        if (inserted)
            rt_log_int(&line, "job", strtoll(rt_db_value(&result, 0, 0), NULL, 10));
        rt_log_end(&line);
    }
    rt_metrics_scheduler_tick(scheduler->metrics);

done:
    if (rc != 0) {
        rt_log_line line;
        rt_log_begin(&line, RT_LOG_WARN, "schedule_failed");
        rt_log_str(&line, "kind", schedule->job->kind);
        rt_log_str(&line, "error", result.message ? result.message : rt_error_name(rc));
        rt_log_end(&line);
    }
    rt_db_result_clear(&result);
    if (conn)
        rt_db_release(scheduler->pool, conn);
    return rc;
}

static void *scheduler_main(void *arg)
{
    rt_scheduler *scheduler = arg;

    pthread_mutex_lock(&scheduler->mutex);
    while (!scheduler->stopping) {
        time_t now = time(NULL);
        long long next_wake = (long long)now + 3600;

        pthread_mutex_unlock(&scheduler->mutex);
        for (int i = 0; i < api_schedule_count; i++) {
            const rt_schedule *schedule = &api_schedules[i];
            long long interval = rt_config_value(scheduler->config, schedule->interval);
            long long tick, boundary;
            if (interval < 1)
                interval = 1;
            tick = (long long)now / interval;
            boundary = (tick + 1) * interval;
            if (tick != scheduler->last_tick[i]) {
                if (fire(scheduler, schedule, tick) == 0)
                    scheduler->last_tick[i] = tick;
                else
                    boundary = (long long)now + 1; /* try again soon */
            }
            if (boundary < next_wake)
                next_wake = boundary;
        }
        pthread_mutex_lock(&scheduler->mutex);
        struct timespec until = {.tv_sec = (time_t)next_wake, .tv_nsec = 0};
        while (!scheduler->stopping && time(NULL) < (time_t)next_wake)
            pthread_cond_timedwait(&scheduler->wake, &scheduler->mutex, &until);
    }
    pthread_mutex_unlock(&scheduler->mutex);
    return NULL;
}

int rt_scheduler_start(const rt_config *config, rt_db_pool *pool, rt_metrics *metrics,
                       rt_scheduler **out)
{
    rt_scheduler *scheduler = calloc(1, sizeof *scheduler);
    int rc = 0;

    *out = NULL;
    if (!scheduler)
        return RT_ENOMEM;
    scheduler->config = config;
    scheduler->pool = pool;
    scheduler->metrics = metrics;
    pthread_mutex_init(&scheduler->mutex, NULL);
    pthread_cond_init(&scheduler->wake, NULL); /* CLOCK_REALTIME: deadlines are epoch ticks */
    scheduler->last_tick = calloc((size_t)api_schedule_count + 1, sizeof(long long));
    if (!scheduler->last_tick) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (int i = 0; i < api_schedule_count; i++)
        scheduler->last_tick[i] = -1;
    if (pthread_create(&scheduler->thread, NULL, scheduler_main, scheduler) != 0) {
        rc = RT_ENOMEM;
        goto done;
    }
    scheduler->started = true;

done:
    if (rc != 0) {
        rt_scheduler_stop(scheduler);
        scheduler = NULL;
    }
    *out = scheduler;
    return rc;
}

void rt_scheduler_stop(rt_scheduler *scheduler)
{
    if (!scheduler)
        return;
    pthread_mutex_lock(&scheduler->mutex);
    scheduler->stopping = true;
    pthread_cond_broadcast(&scheduler->wake);
    pthread_mutex_unlock(&scheduler->mutex);
    if (scheduler->started)
        pthread_join(scheduler->thread, NULL);
    pthread_mutex_destroy(&scheduler->mutex);
    pthread_cond_destroy(&scheduler->wake);
    free(scheduler->last_tick);
    free(scheduler);
}
