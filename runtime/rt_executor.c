/*
 * rt_executor.c - a fixed set of threads and a bounded ring of tasks (see
 * rt_executor.h for why the server needs them).
 *
 * Invariants (under executor->mutex):
 *   0 <= count <= capacity; tasks[(head + i) % capacity] for i < count are
 *   the waiting tasks, oldest first;
 *   once stopping is set no task is added, and threads exit when the
 *   ring is empty.
 */
#include "rt_executor.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"
#include "rt_log.h"

typedef struct executor_slot {
    rt_executor_task task;
    void *argument;
} executor_slot;

struct rt_executor {
    char name[32];
    pthread_t *threads;
    int thread_count; /* threads started (joined by stop) */
    pthread_mutex_t mutex;
    pthread_cond_t work_ready; /* a task was queued, or stopping */
    executor_slot *tasks;      /* ring of capacity slots */
    int capacity, head, count;
    bool stopping;
    bool joined; /* threads joined (only the stopping thread reads it) */
};

static void *executor_thread(void *argument)
{
    rt_executor *executor = argument;

    for (;;) {
        executor_slot slot;
        pthread_mutex_lock(&executor->mutex);
        while (executor->count == 0 && !executor->stopping)
            pthread_cond_wait(&executor->work_ready, &executor->mutex);
        if (executor->count == 0) { /* stopping and drained */
            pthread_mutex_unlock(&executor->mutex);
            break;
        }
        slot = executor->tasks[executor->head];
        executor->head = (executor->head + 1) % executor->capacity;
        executor->count--;
        pthread_mutex_unlock(&executor->mutex);
        slot.task(slot.argument);
    }
    return NULL;
}

/* Joins the started threads (once). */
static void executor_join(rt_executor *executor)
{
    if (executor->joined)
        return;
    for (int i = 0; i < executor->thread_count; i++)
        pthread_join(executor->threads[i], NULL);
    executor->joined = true;
}

/* Joins the started threads and frees everything. */
static void executor_free(rt_executor *executor)
{
    executor_join(executor);
    pthread_cond_destroy(&executor->work_ready);
    pthread_mutex_destroy(&executor->mutex);
    free(executor->threads);
    free(executor->tasks);
    free(executor);
}

int rt_executor_start(const char *name, int threads, int queue_capacity, rt_executor **out)
{
    int rc = 0;
    rt_executor *executor = NULL;

    *out = NULL;
    if (name == NULL || threads < 1 || queue_capacity < 1)
        return RT_EINVAL;
    executor = calloc(1, sizeof *executor);
    if (executor == NULL)
        return RT_ENOMEM;
    snprintf(executor->name, sizeof executor->name, "%s", name);
    pthread_mutex_init(&executor->mutex, NULL);
    pthread_cond_init(&executor->work_ready, NULL);
    executor->capacity = queue_capacity;
    executor->tasks = calloc((size_t)queue_capacity, sizeof *executor->tasks);
    executor->threads = calloc((size_t)threads, sizeof *executor->threads);
    if (executor->tasks == NULL || executor->threads == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&executor->threads[i], NULL, executor_thread, executor) != 0) {
            rt_log_line line;
            rt_log_begin(&line, RT_LOG_ERROR, "executor_thread_failed");
            rt_log_str(&line, "executor", executor->name);
            rt_log_int(&line, "started", i);
            rt_log_end(&line);
            rc = RT_ENOMEM;
            goto done;
        }
        executor->thread_count++;
    }
    *out = executor;
    executor = NULL;
done:
    if (executor != NULL) {
        pthread_mutex_lock(&executor->mutex);
        executor->stopping = true;
        pthread_cond_broadcast(&executor->work_ready);
        pthread_mutex_unlock(&executor->mutex);
        executor_free(executor);
    }
    return rc;
}

int rt_executor_submit(rt_executor *executor, rt_executor_task task, void *argument)
{
    int rc = 0;

    assert(executor != NULL && task != NULL);
    pthread_mutex_lock(&executor->mutex);
    if (executor->stopping) {
        rc = RT_EINVAL;
    } else if (executor->count == executor->capacity) {
        rc = RT_ETOOBIG;
    } else {
        int tail = (executor->head + executor->count) % executor->capacity;
        executor->tasks[tail] = (executor_slot){task, argument};
        executor->count++;
        pthread_cond_signal(&executor->work_ready);
    }
    pthread_mutex_unlock(&executor->mutex);
    return rc;
}

int rt_executor_waiting(rt_executor *executor)
{
    pthread_mutex_lock(&executor->mutex);
    int waiting = executor->count;
    pthread_mutex_unlock(&executor->mutex);
    return waiting;
}

void rt_executor_stop(rt_executor *executor)
{
    if (executor == NULL)
        return;
    pthread_mutex_lock(&executor->mutex);
    executor->stopping = true;
    pthread_cond_broadcast(&executor->work_ready);
    pthread_mutex_unlock(&executor->mutex);
    executor_join(executor);
}

void rt_executor_free(rt_executor *executor)
{
    if (executor == NULL)
        return;
    rt_executor_stop(executor);
    executor_free(executor);
}
