/*
 * rt_executor.h - a fixed set of threads running submitted tasks in order,
 * with a bounded queue.
 *
 * The HTTP server hands each request that may block (on PostgreSQL, Redis
 * or password hashing) to an executor and suspends the connection, so its
 * own threads never wait: /healthz and /api/schema/ are answered while
 * every executor thread is busy. Each kind of blocking work has its own
 * executor (a "lane"), so a login storm fills the password lane, not the
 * lane that serves the rest of the API.
 *
 * Ownership: the executor owns its threads and queue; a task's argument
 * stays the submitter's. rt_executor_stop runs every task already queued
 * and joins the threads; the executor stays valid (refusing tasks) until
 * rt_executor_free, so late submitters are refused, not undefined.
 */
#ifndef RT_EXECUTOR_H
#define RT_EXECUTOR_H

typedef struct rt_executor rt_executor;

typedef void (*rt_executor_task)(void *argument);

/* Starts `threads` threads (>= 1) named "<name>" in logs, with room for
 * queue_capacity (>= 1) tasks waiting. Returns 0, RT_EINVAL or RT_ENOMEM
 * (also when a thread cannot be created). */
int rt_executor_start(const char *name, int threads, int queue_capacity, rt_executor **out);

/* Queues task(argument). Returns 0, or RT_ETOOBIG when queue_capacity tasks
 * are already waiting, or RT_EINVAL once the executor is stopping. The
 * task may run (and finish) before this returns. */
int rt_executor_submit(rt_executor *executor, rt_executor_task task, void *argument);

/* Tasks waiting (not yet running), for diagnostics. */
int rt_executor_waiting(rt_executor *executor);

/* Refuses new tasks, runs the queued ones, joins the threads. NULL and a
 * second call are no-ops. */
void rt_executor_stop(rt_executor *executor);

/* Stops (if not yet) and frees the executor. NULL is a no-op. */
void rt_executor_free(rt_executor *executor);

#endif /* RT_EXECUTOR_H */
