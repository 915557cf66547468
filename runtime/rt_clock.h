/*
 * rt_clock.h - the runtime's one monotonic clock and its two ways to wait:
 * a nap that a signal may end early (the worker loops, so SIGTERM is
 * noticed at once) and a sleep that lasts its whole time (a spec `sleep`
 * step, the tests' pause after a commit).
 */
#ifndef RT_CLOCK_H
#define RT_CLOCK_H

#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC: for durations and deadlines only. */
int64_t rt_clock_now_ms(void);

/* Waits ms milliseconds, or less when a signal arrives. */
void rt_clock_nap_ms(int64_t ms);

/* Waits ms milliseconds, going back to sleep after a signal. */
void rt_clock_sleep_ms(int64_t ms);

#endif /* RT_CLOCK_H */
