/*
 * arena.h - the compiler's memory: a bump allocator freed all at once.
 *
 * Everything the compiler builds (tokens, catalog, queries, endpoints,
 * strings) lives in one arena for the whole run and is released by
 * arena_destroy(). Allocations are zeroed and aligned for any type.
 * Allocation failure returns NULL; callers turn it into RT_ENOMEM.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *blocks; /* newest first */
} arena;

void arena_init(arena *a);
void arena_destroy(arena *a);

/* Zeroed memory, or NULL. */
void *arena_alloc(arena *a, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list args);

/* Growable arrays in the arena: returns `items` (or a copy of it with
 * twice the room) holding at least count + 1 elements of `size` bytes,
 * updating *capacity; NULL when out of memory. The old copy is simply
 * left in the arena. */
void *arena_grow(arena *a, void *items, int count, int *capacity, size_t size);

#endif /* ARENA_H */
