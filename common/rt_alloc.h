/*
 * rt_alloc.h - the one way common/ and the request path take memory from
 * the C heap: malloc, calloc and realloc through one place, with two
 * policies and a test hook.
 *
 * Why: the server must survive running out of memory (a request answers
 * 500 and nothing leaks), and that handling is only trustworthy when it is
 * exercised; the compiler, a short-lived command, need not thread
 * out-of-memory through every parser and checker function, so it stops
 * instead (as redis, h2o and kore do).
 *
 * Policies: by default a failed allocation returns NULL and callers turn
 * it into RT_ENOMEM. After rt_alloc_exit_on_failure("specc") a failed
 * allocation prints "specc: out of memory" on stderr and exits with
 * status 2: callers may then take every result as non-NULL.
 *
 * Test hook: rt_alloc_fail_nth(n) makes the calling thread's nth
 * allocation from now fail (only that one), so a unit test can walk
 * n = 1, 2, ... through an operation until it succeeds and check each
 * failure is handled cleanly. Release memory with free().
 */
#ifndef RT_ALLOC_H
#define RT_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *rt_alloc_malloc(size_t size);
void *rt_alloc_calloc(size_t count, size_t size);
void *rt_alloc_realloc(void *memory, size_t size);

/* From now on a failed allocation ends the process: "<program>: out of
 * memory" on stderr, exit status 2. For commands, never for the server. */
void rt_alloc_exit_on_failure(const char *program);

/* The calling thread's nth allocation from now fails (n >= 1); 0 turns the
 * hook off. rt_alloc_failure_happened() says whether it has fired. */
void rt_alloc_fail_nth(long n);
bool rt_alloc_failure_happened(void);

#endif /* RT_ALLOC_H */
