/*
 * test_lexer.c - tokens and their positions, for .api sources and for SQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "lexer.h"
#include "rt_arena.h"

typedef struct fixture {
    rt_arena *arena;
    diag_source source;
    token *tokens;
    int count;
} fixture;

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    rt_arena_create(&f.arena);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rt_arena_destroy(f->arena);
    return 0;
}

static void lex(fixture *f, const char *text, lexer_mode mode, bool keep_comments)
{
    f->source.path = "test";
    f->source.text = text;
    f->source.length = strlen(text);
    assert_int_equal(
        lexer_tokenize(f->arena, &f->source, mode, keep_comments, &f->tokens, &f->count), 0);
}

static void expect_token(const fixture *f, int i, token_kind kind, const char *text, int line,
                         int col)
{
    const token *t;
    assert_true(i < f->count);
    t = &f->tokens[i];
    if (t->kind != kind || (size_t)t->length != strlen(text) ||
        strncmp(t->text, text, strlen(text)) != 0 || t->line != line || t->col != col)
        fail_msg("token %d: expected kind %d \"%s\" at %d:%d, got kind %d \"%.*s\" at %d:%d", i,
                 kind, text, line, col, t->kind, t->length, t->text, t->line, t->col);
}

static void test_api_tokens_and_positions(void **state)
{
    fixture *f = *state;
    lex(f,
        "endpoint PATCH /users/{uid: uuid}/role \"Change\" {\n"
        "  # a comment\n"
        "  body { name text? len 1..150 = \"x\\\"y\" }\n"
        "  amount money 0.01..9999.99\n"
        "  200 { ...user, n: -5 }\n"
        "}",
        LEXER_API, false);
    expect_token(f, 0, TOKEN_IDENT, "endpoint", 1, 1);
    expect_token(f, 1, TOKEN_IDENT, "PATCH", 1, 10);
    expect_token(f, 2, TOKEN_PATH, "/users/{uid: uuid}/role", 1, 16);
    expect_token(f, 3, TOKEN_STRING, "\"Change\"", 1, 40);
    expect_token(f, 4, TOKEN_LBRACE, "{", 1, 49);
    expect_token(f, 5, TOKEN_IDENT, "body", 3, 3);
    expect_token(f, 6, TOKEN_LBRACE, "{", 3, 8);
    expect_token(f, 7, TOKEN_IDENT, "name", 3, 10);
    expect_token(f, 8, TOKEN_IDENT, "text", 3, 15);
    expect_token(f, 9, TOKEN_QUESTION, "?", 3, 19);
    expect_token(f, 10, TOKEN_IDENT, "len", 3, 21);
    expect_token(f, 11, TOKEN_NUMBER, "1", 3, 25);
    expect_token(f, 12, TOKEN_DOTDOT, "..", 3, 26);
    expect_token(f, 13, TOKEN_NUMBER, "150", 3, 28);
    expect_token(f, 14, TOKEN_EQUALS, "=", 3, 32);
    expect_token(f, 15, TOKEN_STRING, "\"x\\\"y\"", 3, 34);
    expect_token(f, 16, TOKEN_RBRACE, "}", 3, 41);
    expect_token(f, 17, TOKEN_IDENT, "amount", 4, 3);
    expect_token(f, 18, TOKEN_IDENT, "money", 4, 10);
    expect_token(f, 19, TOKEN_NUMBER, "0.01", 4, 16);
    expect_token(f, 20, TOKEN_DOTDOT, "..", 4, 20);
    expect_token(f, 21, TOKEN_NUMBER, "9999.99", 4, 22);
    expect_token(f, 22, TOKEN_NUMBER, "200", 5, 3);
    expect_token(f, 23, TOKEN_LBRACE, "{", 5, 7);
    expect_token(f, 24, TOKEN_ELLIPSIS, "...", 5, 9);
    expect_token(f, 25, TOKEN_IDENT, "user", 5, 12);
    expect_token(f, 26, TOKEN_COMMA, ",", 5, 16);
    expect_token(f, 27, TOKEN_IDENT, "n", 5, 18);
    expect_token(f, 28, TOKEN_COLON, ":", 5, 19);
    expect_token(f, 29, TOKEN_NUMBER, "-5", 5, 21);
    expect_token(f, 30, TOKEN_RBRACE, "}", 5, 24);
    expect_token(f, 31, TOKEN_RBRACE, "}", 6, 1);
    expect_token(f, 32, TOKEN_EOF, "", 6, 2);
    assert_int_equal(f->count, 33);
}

static void test_api_errors(void **state)
{
    fixture *f = *state;
    lex(f, "run x = \"open\n  y", LEXER_API, false);
    expect_token(f, 3, TOKEN_ERROR, "\"open", 1, 9);
    assert_string_equal(f->tokens[3].message, "unterminated string");
    expect_token(f, 4, TOKEN_IDENT, "y", 2, 3);

    lex(f, "a ; b", LEXER_API, false);
    expect_token(f, 1, TOKEN_ERROR, ";", 1, 3);
    assert_string_equal(f->tokens[1].message, "unexpected character");
}

static void test_sql_tokens_and_positions(void **state)
{
    fixture *f = *state;
    lex(f,
        "SELECT u.id, 'it''s'::text AS \"Quoted\"\"Name\", $1\n"
        "FROM users u -- trailing\n"
        "WHERE lower(email) = @email AND x <> 2.5e3 /* block /* nested */ */ AND y >= .5;",
        LEXER_SQL, false);
    expect_token(f, 0, TOKEN_IDENT, "SELECT", 1, 1);
    expect_token(f, 1, TOKEN_IDENT, "u", 1, 8);
    expect_token(f, 2, TOKEN_DOT, ".", 1, 9);
    expect_token(f, 3, TOKEN_IDENT, "id", 1, 10);
    expect_token(f, 4, TOKEN_COMMA, ",", 1, 12);
    expect_token(f, 5, TOKEN_STRING, "'it''s'", 1, 14);
    expect_token(f, 6, TOKEN_CAST, "::", 1, 21);
    expect_token(f, 7, TOKEN_IDENT, "text", 1, 23);
    expect_token(f, 8, TOKEN_IDENT, "AS", 1, 28);
    expect_token(f, 9, TOKEN_QUOTED_IDENT, "\"Quoted\"\"Name\"", 1, 31);
    expect_token(f, 10, TOKEN_COMMA, ",", 1, 45);
    expect_token(f, 11, TOKEN_PLACEHOLDER, "$1", 1, 47);
    expect_token(f, 12, TOKEN_IDENT, "FROM", 2, 1);
    expect_token(f, 13, TOKEN_IDENT, "users", 2, 6);
    expect_token(f, 14, TOKEN_IDENT, "u", 2, 12);
    expect_token(f, 15, TOKEN_IDENT, "WHERE", 3, 1);
    expect_token(f, 16, TOKEN_IDENT, "lower", 3, 7);
    expect_token(f, 17, TOKEN_LPAREN, "(", 3, 12);
    expect_token(f, 18, TOKEN_IDENT, "email", 3, 13);
    expect_token(f, 19, TOKEN_RPAREN, ")", 3, 18);
    expect_token(f, 20, TOKEN_OPERATOR, "=", 3, 20);
    expect_token(f, 21, TOKEN_PARAM, "@email", 3, 22);
    expect_token(f, 22, TOKEN_IDENT, "AND", 3, 29);
    expect_token(f, 23, TOKEN_IDENT, "x", 3, 33);
    expect_token(f, 24, TOKEN_OPERATOR, "<>", 3, 35);
    expect_token(f, 25, TOKEN_NUMBER, "2.5e3", 3, 38);
    expect_token(f, 26, TOKEN_IDENT, "AND", 3, 69);
    expect_token(f, 27, TOKEN_IDENT, "y", 3, 73);
    expect_token(f, 28, TOKEN_OPERATOR, ">=", 3, 75);
    expect_token(f, 29, TOKEN_NUMBER, ".5", 3, 78);
    expect_token(f, 30, TOKEN_SEMICOLON, ";", 3, 80);
    expect_token(f, 31, TOKEN_EOF, "", 3, 81);
}

static void test_sql_comments_and_dollar_quotes(void **state)
{
    fixture *f = *state;
    lex(f,
        "-- name: Q :one\n"
        "CREATE FUNCTION f() RETURNS int AS $body$\n"
        "  SELECT 1; -- not a comment token\n"
        "$body$;\n"
        "x @> y",
        LEXER_SQL, true);
    expect_token(f, 0, TOKEN_COMMENT, "-- name: Q :one", 1, 1);
    expect_token(f, 1, TOKEN_IDENT, "CREATE", 2, 1);
    expect_token(f, 7, TOKEN_IDENT, "int", 2, 29);
    expect_token(f, 8, TOKEN_IDENT, "AS", 2, 33);
    assert_int_equal(f->tokens[9].kind, TOKEN_STRING);
    assert_int_equal(f->tokens[9].line, 2);
    assert_int_equal(f->tokens[9].col, 36);
    assert_int_equal(f->tokens[9].length,
                     (int)strlen("$body$\n  SELECT 1; -- not a comment token\n$body$"));
    expect_token(f, 10, TOKEN_SEMICOLON, ";", 4, 7);
    expect_token(f, 11, TOKEN_IDENT, "x", 5, 1);
    expect_token(f, 12, TOKEN_OPERATOR, "@>", 5, 3);
    expect_token(f, 13, TOKEN_IDENT, "y", 5, 6);
}

static void test_sql_errors(void **state)
{
    fixture *f = *state;
    lex(f, "SELECT 'open\nmore", LEXER_SQL, false);
    expect_token(f, 1, TOKEN_ERROR, "'", 1, 8);
    assert_string_equal(f->tokens[1].message, "unterminated string");
    lex(f, "SELECT /* open", LEXER_SQL, false);
    assert_int_equal(f->tokens[1].kind, TOKEN_ERROR);
    assert_string_equal(f->tokens[1].message, "unterminated comment");
}

static void test_token_helpers(void **state)
{
    fixture *f = *state;
    lex(f, "Select <> from", LEXER_SQL, false);
    assert_true(lexer_token_is(&f->tokens[0], "select"));
    assert_false(lexer_token_is(&f->tokens[0], "selec"));
    assert_true(lexer_token_op(&f->tokens[1], "<>"));
    assert_false(lexer_token_op(&f->tokens[1], "<"));
    assert_string_equal(lexer_describe(f->arena, &f->tokens[2]), "\"from\"");
    assert_string_equal(lexer_describe(f->arena, &f->tokens[3]), "end of file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_api_tokens_and_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_api_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_tokens_and_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_comments_and_dollar_quotes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_helpers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
