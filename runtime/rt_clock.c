/*
 * rt_clock.c - the monotonic clock and waits (see rt_clock.h).
 */
#include "rt_clock.h"

#include <errno.h>
#include <time.h>

int64_t rt_clock_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static struct timespec clock_span(int64_t ms)
{
    return (struct timespec){.tv_sec = (time_t)(ms / 1000),
                             .tv_nsec = (long)(ms % 1000) * 1000000L};
}

void rt_clock_nap_ms(int64_t ms)
{
    struct timespec span = clock_span(ms);
    if (ms > 0)
        nanosleep(&span, NULL);
}

void rt_clock_sleep_ms(int64_t ms)
{
    struct timespec remaining = clock_span(ms);
    while (ms > 0 && nanosleep(&remaining, &remaining) != 0 && errno == EINTR)
        ;
}
