/*
 * test_buf.c - unit tests for the memory helpers: rt_buf (growable buffer,
 * JSON string escaping), rt_arena (bump allocator) and rt_error (names).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_error.h"

/* --------------------------------------------------------------- fixtures */

static int buf_setup(void **state)
{
    static rt_buf buf;
    rt_buf_init(&buf);
    *state = &buf;
    return 0;
}

static int buf_teardown(void **state)
{
    rt_buf_free(*state);
    return 0;
}

static int arena_setup(void **state)
{
    rt_arena *arena = NULL;
    if (rt_arena_create(&arena) != 0)
        return -1;
    *state = arena;
    return 0;
}

static int arena_teardown(void **state)
{
    rt_arena_destroy(*state);
    return 0;
}

/* ----------------------------------------------------------------- rt_buf */

static void test_buf_empty_is_empty_string(void **state)
{
    rt_buf *b = *state;
    assert_int_equal(b->len, 0);
    assert_string_equal(rt_buf_cstr(b), "");
    assert_false(b->failed);
}

static void test_buf_append_grows_and_terminates(void **state)
{
    rt_buf *b = *state;
    char expected[10001];

    for (int i = 0; i < 10000; i++) {
        char c = (char)('a' + i % 26);
        rt_buf_append(b, &c, 1);
        expected[i] = c;
        assert_int_equal(b->data[b->len], '\0');
    }
    expected[10000] = '\0';
    assert_int_equal(b->len, 10000);
    assert_true(b->cap > b->len);
    assert_string_equal(rt_buf_cstr(b), expected);
    assert_false(b->failed);
}

static void test_buf_append_binary_and_puts(void **state)
{
    rt_buf *b = *state;
    rt_buf_append(b, "a\0b", 3);
    rt_buf_puts(b, "cd");
    assert_int_equal(b->len, 5);
    assert_memory_equal(b->data, "a\0bcd", 6);
}

static void test_buf_printf_small_and_large(void **state)
{
    rt_buf *b = *state;
    char big[3000];

    rt_buf_printf(b, "%d-%s", 42, "x");
    assert_string_equal(rt_buf_cstr(b), "42-x");
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rt_buf_printf(b, "[%s]", big);
    assert_int_equal(b->len, 4 + 2 + sizeof big - 1);
    assert_int_equal(b->data[4], '[');
    assert_int_equal(b->data[b->len - 1], ']');
    assert_int_equal(strlen(b->data), b->len);
}

static void test_buf_reset_keeps_memory(void **state)
{
    rt_buf *b = *state;
    rt_buf_puts(b, "hello world");
    size_t cap = b->cap;
    char *data = b->data;
    rt_buf_reset(b);
    assert_int_equal(b->len, 0);
    assert_int_equal(b->cap, cap);
    assert_ptr_equal(b->data, data);
    assert_string_equal(rt_buf_cstr(b), "");
    rt_buf_puts(b, "again");
    assert_string_equal(rt_buf_cstr(b), "again");
}

static void test_buf_failed_buffer_ignores_appends(void **state)
{
    rt_buf *b = *state;
    rt_buf_puts(b, "kept");
    b->failed = true; /* as after an allocation failure */
    rt_buf_puts(b, "lost");
    rt_buf_printf(b, "%s", "lost");
    rt_buf_json_string(b, "lost");
    assert_string_equal(rt_buf_cstr(b), "kept");
}

static void test_buf_free_then_reuse(void **state)
{
    rt_buf *b = *state;
    rt_buf_puts(b, "abc");
    rt_buf_free(b);
    assert_null(b->data);
    assert_int_equal(b->len, 0);
    rt_buf_puts(b, "def");
    assert_string_equal(rt_buf_cstr(b), "def");
}

typedef struct escape_case {
    const char *input;
    size_t input_len;
    const char *expected;
} escape_case;

#define ESCAPE(s, e)                                                                               \
    {                                                                                              \
        s, sizeof(s) - 1, e                                                                        \
    }

static void test_buf_json_string_escapes(void **state)
{
    static const escape_case cases[] = {
        ESCAPE("", "\"\""),
        ESCAPE("plain", "\"plain\""),
        ESCAPE("a\"b", "\"a\\\"b\""),
        ESCAPE("a\\b", "\"a\\\\b\""),
        ESCAPE("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\""),
        ESCAPE("\x01\x1f", "\"\\u0001\\u001f\""),
        ESCAPE("nul\0here", "\"nul\\u0000here\""),
        ESCAPE("\x7f/", "\"\x7f/\""),
        ESCAPE("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E",
               "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9D\x84\x9E\""),
        ESCAPE("</script>", "\"</script>\""),
    };
    rt_buf *b = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rt_buf_reset(b);
        rt_buf_json_string_n(b, cases[i].input, cases[i].input_len);
        assert_string_equal(rt_buf_cstr(b), cases[i].expected);
    }
}

static void test_buf_json_string_null_and_cstring(void **state)
{
    rt_buf *b = *state;
    rt_buf_puts(b, "{\"k\":");
    rt_buf_json_string(b, NULL);
    rt_buf_puts(b, ",\"s\":");
    rt_buf_json_string(b, "x\ty");
    rt_buf_puts(b, "}");
    assert_string_equal(rt_buf_cstr(b), "{\"k\":null,\"s\":\"x\\ty\"}");
}

static void test_buf_json_string_long_input(void **state)
{
    rt_buf *b = *state;
    char input[5000];

    for (size_t i = 0; i < sizeof input; i++)
        input[i] = i % 100 == 0 ? '"' : 'q';
    rt_buf_json_string_n(b, input, sizeof input);
    assert_int_equal(b->len, sizeof input + 50 + 2);
    assert_int_equal(b->data[0], '"');
    assert_int_equal(b->data[1], '\\');
    assert_int_equal(b->data[2], '"');
    assert_int_equal(b->data[b->len - 1], '"');
}

/* --------------------------------------------------------------- rt_arena */

static void test_arena_alignment_and_zeroing(void **state)
{
    rt_arena *arena = *state;
    static const size_t sizes[] = {1, 3, 7, 8, 15, 16, 17, 31, 100, 1000, 5000, 9000, 70000};

    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            unsigned char *p = rt_arena_alloc(arena, sizes[i]);
            assert_non_null(p);
            assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
            for (size_t k = 0; k < sizes[i]; k++)
                assert_int_equal(p[k], 0);
            memset(p, 0xAB, sizes[i]); /* ASan: the whole block is ours */
        }
    }
}

static void test_arena_allocations_do_not_overlap(void **state)
{
    rt_arena *arena = *state;
    unsigned char *blocks[2000];
    size_t sizes[2000];

    for (size_t i = 0; i < 2000; i++) {
        sizes[i] = 1 + (i * 37) % 300 + (i % 97 == 0 ? 20000 : 0);
        blocks[i] = rt_arena_alloc(arena, sizes[i]);
        assert_non_null(blocks[i]);
        memset(blocks[i], (int)(i & 0xFF), sizes[i]);
    }
    for (size_t i = 0; i < 2000; i++) {
        for (size_t k = 0; k < sizes[i]; k++)
            assert_int_equal(blocks[i][k], i & 0xFF);
    }
}

static void test_arena_zero_size_and_huge(void **state)
{
    rt_arena *arena = *state;
    void *a = rt_arena_alloc(arena, 0);
    void *b = rt_arena_alloc(arena, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    assert_null(rt_arena_alloc(arena, SIZE_MAX));
    assert_null(rt_arena_alloc(arena, SIZE_MAX - 8));
    /* the arena still works after a refused allocation */
    assert_non_null(rt_arena_alloc(arena, 64));
}

static void test_arena_strings(void **state)
{
    rt_arena *arena = *state;
    char long_text[1000];

    assert_string_equal(rt_arena_strdup(arena, "hello"), "hello");
    assert_string_equal(rt_arena_strndup(arena, "hello", 3), "hel");
    assert_string_equal(rt_arena_strndup(arena, "", 0), "");
    assert_string_equal(rt_arena_printf(arena, "%s=%d", "n", -7), "n=-7");
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    char *formatted = rt_arena_printf(arena, "<%s>", long_text);
    assert_non_null(formatted);
    assert_int_equal(strlen(formatted), sizeof long_text + 1);
    assert_int_equal(formatted[0], '<');
    assert_int_equal(formatted[sizeof long_text], '>');
}

static void test_arena_grow_keeps_items_and_doubles(void **state)
{
    rt_arena *arena = *state;
    int *items = NULL;
    int capacity = 0;

    for (int count = 0; count < 100; count++) {
        int before = capacity;
        int *grown = rt_arena_grow(arena, items, count, &capacity, sizeof *items);
        assert_non_null(grown);
        assert_true(capacity > count);
        if (count < before)
            assert_ptr_equal(grown, items); /* room left: the same array */
        items = grown;
        items[count] = count * 3;
    }
    assert_int_equal(capacity, 128);
    for (int i = 0; i < 100; i++)
        assert_int_equal(items[i], i * 3);
    capacity = INT_MAX / 2 + 1;
    assert_null(rt_arena_grow(arena, items, capacity, &capacity, sizeof *items));
}

static void test_arena_create_destroy_many(void **state)
{
    (void)state;
    for (int i = 0; i < 100; i++) {
        rt_arena *arena = NULL;
        assert_int_equal(rt_arena_create(&arena), 0);
        assert_non_null(rt_arena_alloc(arena, (size_t)i * 1000));
        rt_arena_destroy(arena);
    }
    rt_arena_destroy(NULL);
}

/* --------------------------------------------------------------- rt_error */

static void test_error_names(void **state)
{
    (void)state;
    assert_string_equal(rt_error_name(RT_OK), "ok");
    assert_string_equal(rt_error_name(RT_EUNAVAILABLE), "unavailable");
    assert_string_equal(rt_error_name(RT_ENOMEM), "out of memory");
    assert_string_equal(rt_error_name(-100), "unknown error");
    /* every code has its own name */
    for (int a = RT_EAUTH; a <= RT_OK; a++)
        for (int b = a + 1; b <= RT_OK; b++)
            assert_string_not_equal(rt_error_name(a), rt_error_name(b));
}

static void test_error_default_codes(void **state)
{
    static const struct {
        int status;
        const char *code;
    } cases[] = {
        {400, "bad_request"},
        {401, "not_authenticated"},
        {403, "permission_denied"},
        {404, "not_found"},
        {405, "method_not_allowed"},
        {409, "conflict"},
        {413, "payload_too_large"},
        {415, "unsupported_media_type"},
        {429, "throttled"},
        {500, "internal_error"},
        {503, "service_unavailable"},
        {418, "error"},
        {200, "error"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(rt_error_default_code(cases[i].status), cases[i].code);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_buf_empty_is_empty_string, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_append_grows_and_terminates, buf_setup,
                                        buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_append_binary_and_puts, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_printf_small_and_large, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_reset_keeps_memory, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_failed_buffer_ignores_appends, buf_setup,
                                        buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_free_then_reuse, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_json_string_escapes, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_json_string_null_and_cstring, buf_setup,
                                        buf_teardown),
        cmocka_unit_test_setup_teardown(test_buf_json_string_long_input, buf_setup, buf_teardown),
        cmocka_unit_test_setup_teardown(test_arena_alignment_and_zeroing, arena_setup,
                                        arena_teardown),
        cmocka_unit_test_setup_teardown(test_arena_allocations_do_not_overlap, arena_setup,
                                        arena_teardown),
        cmocka_unit_test_setup_teardown(test_arena_zero_size_and_huge, arena_setup, arena_teardown),
        cmocka_unit_test_setup_teardown(test_arena_strings, arena_setup, arena_teardown),
        cmocka_unit_test_setup_teardown(test_arena_grow_keeps_items_and_doubles, arena_setup,
                                        arena_teardown),
        cmocka_unit_test(test_arena_create_destroy_many),
        cmocka_unit_test(test_error_names),
        cmocka_unit_test(test_error_default_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
