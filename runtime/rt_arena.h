/*
 * rt_arena.h - per-request memory: a bump allocator freed all at once.
 *
 * Ownership: everything allocated from an arena lives until
 * rt_arena_destroy(). Allocation failure returns NULL. Alignment is that of
 * max_align_t. Not thread-safe: one arena belongs to one request.
 */
#ifndef RT_ARENA_H
#define RT_ARENA_H

#include <stddef.h>

typedef struct rt_arena rt_arena;

int rt_arena_create(rt_arena **out);
void rt_arena_destroy(rt_arena *arena);
void *rt_arena_alloc(rt_arena *arena, size_t size); /* zeroed */
char *rt_arena_strdup(rt_arena *arena, const char *s);
char *rt_arena_strndup(rt_arena *arena, const char *s, size_t n);
char *rt_arena_printf(rt_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* RT_ARENA_H */
