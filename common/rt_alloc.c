/*
 * rt_alloc.c - the C heap behind one hook (rt_alloc.h).
 *
 * The test hook's counter is per thread, so a unit test's injected failure
 * never lands in another thread; when it is off (alloc_countdown == 0) an
 * allocation costs one comparison more than malloc. The exit policy is set
 * once, at a command's start, before any thread exists.
 */
#include "rt_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *alloc_exit_program; /* NULL: failures return NULL */
static _Thread_local long alloc_countdown;
static _Thread_local bool alloc_failure_fired;

/* Whether this allocation is the one the test hook fails. */
static bool alloc_injected_failure(void)
{
    if (alloc_countdown == 0)
        return false;
    alloc_countdown--;
    if (alloc_countdown > 0)
        return false;
    alloc_failure_fired = true;
    return true;
}

/* What happens to a failed allocation: NULL back, or the end of a command. */
static void *alloc_failed(void)
{
    if (alloc_exit_program != NULL) {
        /* at once: no atexit handler (nor LeakSanitizer) runs on a heap
         * that is out of memory */
        fprintf(stderr, "%s: out of memory\n", alloc_exit_program);
        _exit(2);
    }
    return NULL;
}

void *rt_alloc_malloc(size_t size)
{
    void *memory = alloc_injected_failure() ? NULL : malloc(size);
    return memory != NULL ? memory : alloc_failed();
}

void *rt_alloc_calloc(size_t count, size_t size)
{
    void *memory = alloc_injected_failure() ? NULL : calloc(count, size);
    return memory != NULL ? memory : alloc_failed();
}

void *rt_alloc_realloc(void *memory, size_t size)
{
    void *moved = alloc_injected_failure() ? NULL : realloc(memory, size);
    return moved != NULL ? moved : alloc_failed();
}

void rt_alloc_exit_on_failure(const char *program)
{
    alloc_exit_program = program;
}

void rt_alloc_fail_nth(long n)
{
    alloc_countdown = n > 0 ? n : 0;
    alloc_failure_fired = false;
}

bool rt_alloc_failure_happened(void)
{
    return alloc_failure_fired;
}
