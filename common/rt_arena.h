/*
 * rt_arena.h - per-request memory: a bump allocator freed all at once.
 * In common/: the runtime's and the compiler's one arena.
 *
 * Ownership: everything allocated from an arena lives until
 * rt_arena_destroy(). Allocation failure returns NULL. Alignment is that of
 * max_align_t. Not thread-safe: one arena belongs to one request (or, in
 * the compiler, to one run of specc).
 */
#ifndef RT_ARENA_H
#define RT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct rt_arena rt_arena;

int rt_arena_create(rt_arena **out);
void rt_arena_destroy(rt_arena *arena);
void *rt_arena_alloc(rt_arena *arena, size_t size); /* zeroed */
char *rt_arena_strdup(rt_arena *arena, const char *s);
char *rt_arena_strndup(rt_arena *arena, const char *s, size_t n);
char *rt_arena_printf(rt_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *rt_arena_vprintf(rt_arena *arena, const char *fmt, va_list args);

/* Growable arrays in the arena: returns `items` (or a copy of it with
 * twice the room) holding at least count + 1 elements of `size` bytes,
 * updating *capacity; NULL when out of memory. The old copy is simply
 * left in the arena. */
void *rt_arena_grow(rt_arena *arena, void *items, int count, int *capacity, size_t size);

#endif /* RT_ARENA_H */
