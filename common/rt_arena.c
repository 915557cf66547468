/*
 * rt_arena.c - per-request memory: a chunked bump allocator (rt_arena.h).
 * In common/: the compiler allocates from it too.
 *
 * Layout: rt_arena_create makes one 8 KiB block holding the rt_arena
 * header and the first chunk's space, so a request that needs little
 * memory costs one malloc. When a chunk is full the next one is twice as
 * big (up to ARENA_MAX_CHUNK); an allocation bigger than half the next
 * chunk gets a chunk of its own, linked behind the current one so the
 * current chunk's free space stays in use.
 *
 * Invariants:
 *   - every chunk's space starts at an address aligned to ARENA_ALIGN and
 *     `used` is a multiple of ARENA_ALIGN, so every allocation is aligned
 *     for max_align_t;
 *   - allocations are zeroed: a regular chunk's bytes are cleared as they
 *     are handed out (a request that uses 300 bytes clears 300, not 8 KiB);
 *     a big allocation's chunk comes from calloc;
 *   - arena->current is the chunk bump allocations are taken from; the
 *     chunk list starting there holds every chunk, including `first`,
 *     which lives inside the arena's own block and is not freed alone.
 */
#include "rt_arena.h"

#include <assert.h>
#include <limits.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_alloc.h"
#include "rt_error.h"

#define ARENA_ALIGN (alignof(max_align_t))
#define ARENA_FIRST_BLOCK ((size_t)8 * 1024)
#define ARENA_MAX_CHUNK ((size_t)1024 * 1024)

typedef struct arena_chunk {
    struct arena_chunk *next;
    unsigned char *space;
    size_t size; /* bytes of space */
    size_t used; /* bytes handed out, a multiple of ARENA_ALIGN */
} arena_chunk;

struct rt_arena {
    arena_chunk *current;
    arena_chunk first;      /* its space follows this header in the block */
    size_t next_chunk_size; /* space of the next regular chunk */
};

/* Rounds n up to a multiple of ARENA_ALIGN; 0 on overflow. */
static size_t arena_round_up(size_t n)
{
    if (n > SIZE_MAX - (ARENA_ALIGN - 1))
        return 0;
    return (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

/* A new chunk with `size` bytes of space (zeroed when `zeroed`), or NULL. */
static arena_chunk *arena_chunk_new(size_t size, bool zeroed)
{
    size_t header = arena_round_up(sizeof(arena_chunk));
    arena_chunk *chunk = NULL;

    if (size > SIZE_MAX - header)
        return NULL;
    chunk = zeroed ? rt_alloc_calloc(1, header + size) : rt_alloc_malloc(header + size);
    if (chunk == NULL)
        return NULL;
    chunk->next = NULL;
    chunk->space = (unsigned char *)chunk + header;
    chunk->size = size;
    chunk->used = 0;
    assert((uintptr_t)chunk->space % ARENA_ALIGN == 0);
    return chunk;
}

int rt_arena_create(rt_arena **out)
{
    size_t header = arena_round_up(sizeof(rt_arena));
    rt_arena *arena = NULL;

    assert(out != NULL);
    *out = NULL;
    arena = rt_alloc_malloc(ARENA_FIRST_BLOCK);
    if (arena == NULL)
        return RT_ENOMEM;
    memset(arena, 0, header);
    arena->first.space = (unsigned char *)arena + header;
    arena->first.size = ARENA_FIRST_BLOCK - header;
    arena->current = &arena->first;
    arena->next_chunk_size = ARENA_FIRST_BLOCK * 2;
    assert((uintptr_t)arena->first.space % ARENA_ALIGN == 0);
    *out = arena;
    return 0;
}

void rt_arena_destroy(rt_arena *arena)
{
    arena_chunk *chunk = NULL;
    arena_chunk *next = NULL;

    if (arena == NULL)
        return;
    for (chunk = arena->current; chunk != NULL; chunk = next) {
        next = chunk->next;
        if (chunk != &arena->first)
            free(chunk);
    }
    free(arena);
}

void *rt_arena_alloc(rt_arena *arena, size_t size)
{
    arena_chunk *chunk = NULL;
    void *result = NULL;
    size_t rounded = arena_round_up(size == 0 ? 1 : size);

    assert(arena != NULL);
    if (rounded == 0)
        return NULL;
    chunk = arena->current;
    if (chunk->size - chunk->used >= rounded) {
        result = chunk->space + chunk->used;
        chunk->used += rounded;
        memset(result, 0, rounded);
        return result;
    }
    if (rounded > arena->next_chunk_size / 2) {
        /* big: its own chunk, behind the current one */
        chunk = arena_chunk_new(rounded, true);
        if (chunk == NULL)
            return NULL;
        chunk->used = rounded;
        chunk->next = arena->current->next;
        arena->current->next = chunk;
        return chunk->space;
    }
    chunk = arena_chunk_new(arena->next_chunk_size, false);
    if (chunk == NULL)
        return NULL;
    chunk->next = arena->current;
    arena->current = chunk;
    if (arena->next_chunk_size < ARENA_MAX_CHUNK)
        arena->next_chunk_size *= 2;
    result = chunk->space;
    chunk->used = rounded;
    memset(result, 0, rounded);
    return result;
}

char *rt_arena_strndup(rt_arena *arena, const char *s, size_t n)
{
    char *copy = NULL;

    assert(s != NULL || n == 0);
    if (n == SIZE_MAX)
        return NULL;
    copy = rt_arena_alloc(arena, n + 1);
    if (copy == NULL)
        return NULL;
    if (n > 0)
        memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *rt_arena_strdup(rt_arena *arena, const char *s)
{
    assert(s != NULL);
    return rt_arena_strndup(arena, s, strlen(s));
}

char *rt_arena_vprintf(rt_arena *arena, const char *fmt, va_list args)
{
    char small[256];
    char *result = NULL;
    va_list again;
    int n;

    va_copy(again, args);
    n = vsnprintf(small, sizeof small, fmt, args);
    if (n < 0)
        goto done;
    if ((size_t)n < sizeof small) {
        result = rt_arena_strndup(arena, small, (size_t)n);
        goto done;
    }
    result = rt_arena_alloc(arena, (size_t)n + 1);
    if (result == NULL)
        goto done;
    if (vsnprintf(result, (size_t)n + 1, fmt, again) != n)
        result = NULL;
done:
    va_end(again);
    return result;
}

char *rt_arena_printf(rt_arena *arena, const char *fmt, ...)
{
    char *result = NULL;
    va_list args;

    va_start(args, fmt);
    result = rt_arena_vprintf(arena, fmt, args);
    va_end(args);
    return result;
}

void *rt_arena_grow(rt_arena *arena, void *items, int count, int *capacity, size_t size)
{
    void *bigger = NULL;
    int new_capacity;

    assert(count >= 0 && count <= *capacity);
    if (count < *capacity && items != NULL)
        return items;
    if (*capacity > INT_MAX / 2 || (size > 0 && (size_t)*capacity * 2 > SIZE_MAX / size))
        return NULL;
    new_capacity = *capacity ? *capacity * 2 : 8;
    bigger = rt_arena_alloc(arena, (size_t)new_capacity * size);
    if (bigger == NULL)
        return NULL;
    if (items != NULL && count > 0)
        memcpy(bigger, items, (size_t)count * size);
    *capacity = new_capacity;
    return bigger;
}
