/*
 * rt_scheduler.h - fires the spec's schedules (`schedule JOB every
 * config.KEY`) by enqueueing their jobs.
 *
 * Time is cut into ticks of the schedule's interval (floor(epoch /
 * interval)). For each tick the scheduler inserts one job with the unique
 * key "schedule:<kind>:<tick>"; the jobs table's unique constraint makes
 * every other scheduler's insert a no-op, so any number of scheduler
 * processes fire each tick exactly once, and the job itself is durable
 * (a worker killed while running it leaves it to another).
 *
 * Ownership: borrows config, pool and metrics; rt_scheduler_stop joins and frees.
 */
#ifndef RT_SCHEDULER_H
#define RT_SCHEDULER_H

#include "rt_config.h"
#include "rt_db.h"

typedef struct rt_scheduler rt_scheduler;

struct rt_metrics;

/* Starts the scheduler thread; metrics (may be NULL) counts its ticks. */
int rt_scheduler_start(const rt_config *config, rt_db_pool *pool, struct rt_metrics *metrics,
                       rt_scheduler **out);
void rt_scheduler_stop(rt_scheduler *scheduler);

#endif /* RT_SCHEDULER_H */
