/*
 * test_executor.c - unit tests for rt_executor: tasks run on its threads,
 * a full queue refuses at once, stop runs what was queued, a stopped
 * executor refuses.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_executor.h"

/* A gate tasks wait at until the test opens it. */
typedef struct gate {
    pthread_mutex_t mutex;
    pthread_cond_t opened_cond;
    bool opened;
    atomic_int waiting; /* tasks blocked at the gate */
    atomic_int done;    /* tasks finished */
} gate;

static int gate_setup(void **state)
{
    gate *g = calloc(1, sizeof *g);
    if (g == NULL)
        return -1;
    pthread_mutex_init(&g->mutex, NULL);
    pthread_cond_init(&g->opened_cond, NULL);
    *state = g;
    return 0;
}

static int gate_teardown(void **state)
{
    gate *g = *state;
    pthread_cond_destroy(&g->opened_cond);
    pthread_mutex_destroy(&g->mutex);
    free(g);
    return 0;
}

static void gate_open(gate *g)
{
    pthread_mutex_lock(&g->mutex);
    g->opened = true;
    pthread_cond_broadcast(&g->opened_cond);
    pthread_mutex_unlock(&g->mutex);
}

static void wait_at_gate(void *argument)
{
    gate *g = argument;
    atomic_fetch_add(&g->waiting, 1);
    pthread_mutex_lock(&g->mutex);
    while (!g->opened)
        pthread_cond_wait(&g->opened_cond, &g->mutex);
    pthread_mutex_unlock(&g->mutex);
    atomic_fetch_add(&g->done, 1);
}

/* Waits (bounded) until count tasks are blocked at the gate. */
static void wait_for_waiting(gate *g, int count)
{
    for (int i = 0; i < 5000 && atomic_load(&g->waiting) < count; i++) {
        struct timespec pause = {0, 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    assert_int_equal(atomic_load(&g->waiting), count);
}

/* ------------------------------------------------------------------ tests */

static void test_start_rejects_bad_arguments(void **state)
{
    rt_executor *executor = NULL;
    (void)state;
    assert_int_equal(rt_executor_start("x", 0, 1, &executor), RT_EINVAL);
    assert_int_equal(rt_executor_start("x", 1, 0, &executor), RT_EINVAL);
    assert_int_equal(rt_executor_start(NULL, 1, 1, &executor), RT_EINVAL);
    assert_null(executor);
}

static void test_tasks_run_on_every_thread(void **state)
{
    gate *g = *state;
    rt_executor *executor = NULL;

    assert_int_equal(rt_executor_start("test", 3, 8, &executor), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), 0);
    wait_for_waiting(g, 3); /* three at once: three threads */
    gate_open(g);
    rt_executor_free(executor);
    assert_int_equal(atomic_load(&g->done), 3);
}

static void test_full_queue_refuses_at_once(void **state)
{
    gate *g = *state;
    rt_executor *executor = NULL;

    assert_int_equal(rt_executor_start("test", 1, 2, &executor), 0);
    assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), 0);
    wait_for_waiting(g, 1); /* the one thread is busy */
    assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), 0);
    assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), 0);
    assert_int_equal(rt_executor_waiting(executor), 2);
    assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), RT_ETOOBIG);
    gate_open(g);
    rt_executor_free(executor);
    assert_int_equal(atomic_load(&g->done), 3);
}

static void test_stop_runs_queued_tasks_then_refuses(void **state)
{
    gate *g = *state;
    rt_executor *executor = NULL;

    assert_int_equal(rt_executor_start("test", 1, 4, &executor), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), 0);
    wait_for_waiting(g, 1);
    gate_open(g);
    rt_executor_stop(executor);
    assert_int_equal(atomic_load(&g->done), 4);
    assert_int_equal(rt_executor_submit(executor, wait_at_gate, g), RT_EINVAL);
    rt_executor_stop(executor); /* a second stop is a no-op */
    rt_executor_free(executor);
    rt_executor_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_rejects_bad_arguments),
        cmocka_unit_test_setup_teardown(test_tasks_run_on_every_thread, gate_setup, gate_teardown),
        cmocka_unit_test_setup_teardown(test_full_queue_refuses_at_once, gate_setup, gate_teardown),
        cmocka_unit_test_setup_teardown(test_stop_runs_queued_tasks_then_refuses, gate_setup,
                                        gate_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
