/*
 * arena.c - the compiler's bump allocator (see arena.h).
 *
 * Invariant: every block's `used` is a multiple of ARENA_ALIGN and at most
 * its `size`; blocks are only freed by arena_destroy().
 */
#include "arena.h"

#include <assert.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)

struct arena_block {
    arena_block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

void arena_init(arena *a)
{
    a->blocks = NULL;
}

void arena_destroy(arena *a)
{
    arena_block *block = a->blocks;
    while (block) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    a->blocks = NULL;
}

void *arena_alloc(arena *a, size_t size)
{
    size_t rounded = (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    arena_block *block = a->blocks;
    void *result = NULL;

    if (rounded == 0)
        rounded = ARENA_ALIGN;
    if (!block || block->size - block->used < rounded) {
        size_t block_size = rounded > ARENA_BLOCK_SIZE ? rounded : ARENA_BLOCK_SIZE;
        block = malloc(sizeof *block + block_size);
        if (!block)
            goto done;
        block->size = block_size;
        block->used = 0;
        block->next = a->blocks;
        a->blocks = block;
    }
    result = block->data + block->used;
    block->used += rounded;
    assert(block->used <= block->size);
    memset(result, 0, rounded);
done:
    return result;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *copy = arena_alloc(a, n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list args)
{
    va_list copy;
    char *text = NULL;
    int length;

    va_copy(copy, args);
    length = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (length < 0)
        goto done;
    text = arena_alloc(a, (size_t)length + 1);
    if (text)
        vsnprintf(text, (size_t)length + 1, fmt, args);
done:
    return text;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list args;
    char *text;

    va_start(args, fmt);
    text = arena_vprintf(a, fmt, args);
    va_end(args);
    return text;
}

void *arena_grow(arena *a, void *items, int count, int *capacity, size_t size)
{
    void *bigger;
    int new_capacity;

    assert(count >= 0 && count <= *capacity);
    if (count < *capacity && items)
        return items;
    new_capacity = *capacity ? *capacity * 2 : 8;
    bigger = arena_alloc(a, (size_t)new_capacity * size);
    if (!bigger)
        return NULL;
    if (items && count > 0)
        memcpy(bigger, items, (size_t)count * size);
    *capacity = new_capacity;
    return bigger;
}
