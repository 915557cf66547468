/*
 * rt_sampler.c - the metrics sampler thread (see rt_sampler.h): one
 * connection from the pool per sample, rt_jobs_queue_stats, then a wait
 * on a condition variable so stopping is immediate. A failed sample
 * (PostgreSQL down) leaves the last one in place; rt_db logs the outage.
 */
#include "rt_sampler.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "rt_error.h"
#include "rt_jobs.h"

struct rt_sampler {
    rt_db_pool *pool;
    rt_metrics *metrics;
    pthread_t thread;
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    bool stopping; /* guarded by mutex */
};

static void sampler_sample(rt_sampler *sampler)
{
    rt_db_conn *conn = NULL;
    int64_t depth = 0;
    double age = 0;

    if (rt_db_acquire(sampler->pool, &conn) != 0)
        return;
    if (rt_jobs_queue_stats(conn, &depth, &age) == 0)
        rt_metrics_set_queue(sampler->metrics, depth, age);
    rt_db_release(sampler->pool, conn);
}

static void *sampler_main(void *argument)
{
    rt_sampler *sampler = argument;

    pthread_mutex_lock(&sampler->mutex);
    while (!sampler->stopping) {
        pthread_mutex_unlock(&sampler->mutex);
        sampler_sample(sampler);
        pthread_mutex_lock(&sampler->mutex);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += RT_SAMPLER_INTERVAL_SECONDS;
        while (!sampler->stopping &&
               pthread_cond_timedwait(&sampler->wake, &sampler->mutex, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&sampler->mutex);
    return NULL;
}

int rt_sampler_start(rt_db_pool *pool, rt_metrics *metrics, rt_sampler **out)
{
    int rc = 0;
    rt_sampler *sampler = calloc(1, sizeof *sampler);

    *out = NULL;
    if (sampler == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    sampler->pool = pool;
    sampler->metrics = metrics;
    pthread_mutex_init(&sampler->mutex, NULL);
    pthread_cond_init(&sampler->wake, NULL);
    if (pthread_create(&sampler->thread, NULL, sampler_main, sampler) != 0) {
        pthread_cond_destroy(&sampler->wake);
        pthread_mutex_destroy(&sampler->mutex);
        free(sampler);
        rc = RT_ENOMEM;
        goto done;
    }
    *out = sampler;
done:
    return rc;
}

void rt_sampler_stop(rt_sampler *sampler)
{
    if (sampler == NULL)
        return;
    pthread_mutex_lock(&sampler->mutex);
    sampler->stopping = true;
    pthread_cond_broadcast(&sampler->wake);
    pthread_mutex_unlock(&sampler->mutex);
    pthread_join(sampler->thread, NULL);
    pthread_cond_destroy(&sampler->wake);
    pthread_mutex_destroy(&sampler->mutex);
    free(sampler);
}
