/*
 * lexer.re - the tokenizer for .api and SQL sources (see lexer.h).
 * re2c turns this file into C: `re2c -W --no-generation-date --no-version`.
 *
 * Invariant: lx->cursor never passes the terminating NUL; lx->line and
 * lx->line_start describe the line that lx->cursor is on.
 */
#include "lexer.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rt_error.h"

/*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = cursor;
    re2c:define:YYMARKER = marker;
    re2c:yyfill:enable = 0;

    ident_start = [a-zA-Z_\x80-\xff];
    ident_char  = [a-zA-Z0-9_\x80-\xff];
    ident       = ident_start ident_char*;
    digits      = [0-9]+;
    space       = [ \t\r\f\v]+;
*/

void lexer_init(lexer *lx, const diag_source *source, lexer_mode mode)
{
    lx->source = source;
    lx->cursor = source->text;
    lx->line_start = source->text;
    lx->line = 1;
    lx->mode = mode;
    lx->keep_comments = false;
}

/* Moves the line bookkeeping over [from, to), which may hold newlines. */
static void lexer_count_lines(lexer *lx, const char *from, const char *to)
{
    for (const char *p = from; p < to; p++) {
        if (*p == '\n') {
            lx->line++;
            lx->line_start = p + 1;
        }
    }
}

static token lexer_make(lexer *lx, token_kind kind, const char *start, const char *end)
{
    token t;
    t.kind = kind;
    t.text = start;
    t.length = (int)(end - start);
    t.line = lx->line;
    t.col = (int)(start - lx->line_start) + 1;
    t.message = NULL;
    return t;
}

static token lexer_error(lexer *lx, const char *start, const char *end, const char *message)
{
    token t = lexer_make(lx, TOKEN_ERROR, start, end);
    t.message = message;
    return t;
}

/* The end of the source (the terminating NUL) was reached at `at`. */
static bool lexer_at_end(const lexer *lx, const char *at)
{
    return at >= lx->source->text + lx->source->length;
}

/* A token spanning lines: position of its start, then advance the lines. */
static token lexer_make_multiline(lexer *lx, token_kind kind, const char *start, const char *end)
{
    token t = lexer_make(lx, kind, start, end);
    lexer_count_lines(lx, start, end);
    return t;
}

const char lexer_non_ascii_name[] = "non-ASCII character";

/* The length of the UTF-8 sequence that starts with byte c (1 when c is
 * ASCII or not a valid start). */
static int lexer_sequence_length(unsigned char c)
{
    return c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* An .api name is ASCII: a look-alike letter (Cyrillic "е" for "e") would
 * otherwise be an unknown name whose "did you mean" looks identical. The
 * error token spans the first non-ASCII character. */
static token lexer_api_ident(lexer *lx, const char *start, const char *end)
{
    for (const char *p = start; p < end; p++) {
        if ((unsigned char)*p >= 0x80) {
            const char *stop = p + lexer_sequence_length((unsigned char)*p);
            return lexer_error(lx, p, stop <= end ? stop : end, lexer_non_ascii_name);
        }
    }
    return lexer_make(lx, TOKEN_IDENT, start, end);
}

/* A character no token starts with: a whole UTF-8 sequence when it is
 * one, so that the message can name its code point. */
static token lexer_unexpected(lexer *lx, const char *start, const char **cursor)
{
    const char *stop = start + lexer_sequence_length((unsigned char)*start);

    for (const char *p = start + 1; p < stop; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80) {
            stop = start + 1;
            break;
        }
    }
    *cursor = stop;
    return lexer_error(lx, start, stop, "unexpected character");
}

static token lexer_next_api(lexer *lx)
{
    const char *cursor = lx->cursor;
    const char *marker = cursor;
    const char *start;
    token t;

    (void)marker;
loop:
    start = cursor;
    /*!re2c
        "\x00" {
            if (lexer_at_end(lx, start)) {
                cursor = start;
                t = lexer_make(lx, TOKEN_EOF, start, start);
                goto done;
            }
            t = lexer_error(lx, start, cursor, "NUL byte in source");
            goto done;
        }
        "\n" { lx->line++; lx->line_start = cursor; goto loop; }
        space { goto loop; }
        "#" [^\n\x00]* { goto loop; }
        ident { t = lexer_api_ident(lx, start, cursor); goto done; }
        "-"? digits ("." digits)? { t = lexer_make(lx, TOKEN_NUMBER, start, cursor); goto done; }
        ["] ([^"\\\n\x00] | "\\" [^\n\x00])* ["] {
            t = lexer_make(lx, TOKEN_STRING, start, cursor);
            goto done;
        }
        ["] ([^"\\\n\x00] | "\\" [^\n\x00])* {
            t = lexer_error(lx, start, cursor, "unterminated string");
            goto done;
        }
        "/" ([a-zA-Z0-9_.~/-] | "{" [^}\n\x00]* "}")* {
            t = lexer_make(lx, TOKEN_PATH, start, cursor);
            goto done;
        }
        "{" { t = lexer_make(lx, TOKEN_LBRACE, start, cursor); goto done; }
        "}" { t = lexer_make(lx, TOKEN_RBRACE, start, cursor); goto done; }
        "(" { t = lexer_make(lx, TOKEN_LPAREN, start, cursor); goto done; }
        ")" { t = lexer_make(lx, TOKEN_RPAREN, start, cursor); goto done; }
        "[" { t = lexer_make(lx, TOKEN_LBRACKET, start, cursor); goto done; }
        "]" { t = lexer_make(lx, TOKEN_RBRACKET, start, cursor); goto done; }
        "," { t = lexer_make(lx, TOKEN_COMMA, start, cursor); goto done; }
        ":" { t = lexer_make(lx, TOKEN_COLON, start, cursor); goto done; }
        "." { t = lexer_make(lx, TOKEN_DOT, start, cursor); goto done; }
        ".." { t = lexer_make(lx, TOKEN_DOTDOT, start, cursor); goto done; }
        "..." { t = lexer_make(lx, TOKEN_ELLIPSIS, start, cursor); goto done; }
        "=" { t = lexer_make(lx, TOKEN_EQUALS, start, cursor); goto done; }
        "?" { t = lexer_make(lx, TOKEN_QUESTION, start, cursor); goto done; }
        "->" { t = lexer_make(lx, TOKEN_ARROW, start, cursor); goto done; }
        "<" | "<=" | ">" | ">=" | "<>" {
            t = lexer_make(lx, TOKEN_OPERATOR, start, cursor);
            goto done;
        }
        * { t = lexer_unexpected(lx, start, &cursor); goto done; }
    */
done:
    lx->cursor = cursor;
    return t;
}

/* After an opening $tag$ (start..cursor), finds the closing one. */
static token lexer_dollar_string(lexer *lx, const char *start, const char *cursor)
{
    size_t tag_length = (size_t)(cursor - start);
    const char *p = cursor;

    for (;;) {
        p = strchr(p, '$');
        if (!p) {
            const char *end = lx->source->text + lx->source->length;
            token t = lexer_error(lx, start, cursor, "unterminated dollar-quoted string");
            lexer_count_lines(lx, start, end);
            lx->cursor = end;
            return t;
        }
        if (strncmp(p, start, tag_length) == 0) {
            token t = lexer_make_multiline(lx, TOKEN_STRING, start, p + tag_length);
            lx->cursor = p + tag_length;
            return t;
        }
        p++;
    }
}

/* After an opening block comment, skips to its end (they nest in SQL).
 * Returns false when it is unterminated. */
static bool lexer_skip_block_comment(lexer *lx, const char **cursor_inout)
{
    const char *p = *cursor_inout;
    int depth = 1;

    while (*p && depth > 0) {
        if (p[0] == '/' && p[1] == '*') {
            depth++;
            p += 2;
        } else if (p[0] == '*' && p[1] == '/') {
            depth--;
            p += 2;
        } else {
            p++;
        }
    }
    lexer_count_lines(lx, *cursor_inout, p);
    *cursor_inout = p;
    return depth == 0;
}

static token lexer_next_sql(lexer *lx)
{
    const char *cursor = lx->cursor;
    const char *marker = cursor;
    const char *start;
    token t;

    (void)marker;
loop:
    start = cursor;
    /*!re2c
        "\x00" {
            if (lexer_at_end(lx, start)) {
                cursor = start;
                t = lexer_make(lx, TOKEN_EOF, start, start);
                goto done;
            }
            t = lexer_error(lx, start, cursor, "NUL byte in source");
            goto done;
        }
        "\n" { lx->line++; lx->line_start = cursor; goto loop; }
        space { goto loop; }
        "--" [^\n\x00]* {
            if (lx->keep_comments) {
                t = lexer_make(lx, TOKEN_COMMENT, start, cursor);
                goto done;
            }
            goto loop;
        }
        "/*" {
            if (!lexer_skip_block_comment(lx, &cursor)) {
                t = lexer_error(lx, start, start + 2, "unterminated comment");
                goto done;
            }
            goto loop;
        }
        ident { t = lexer_make(lx, TOKEN_IDENT, start, cursor); goto done; }
        ["] ([^"\x00] | ["]["])* ["] {
            t = lexer_make_multiline(lx, TOKEN_QUOTED_IDENT, start, cursor);
            goto done;
        }
        ["] ([^"\x00] | ["]["])* {
            t = lexer_error(lx, start, start + 1, "unterminated quoted identifier");
            lexer_count_lines(lx, start, cursor);
            goto done;
        }
        [eE]? ['] ([^'\x00] | [']['])* ['] {
            t = lexer_make_multiline(lx, TOKEN_STRING, start, cursor);
            goto done;
        }
        [eE]? ['] ([^'\x00] | [']['])* {
            t = lexer_error(lx, start, start + 1, "unterminated string");
            lexer_count_lines(lx, start, cursor);
            goto done;
        }
        "$" ([a-zA-Z_][a-zA-Z0-9_]*)? "$" { return lexer_dollar_string(lx, start, cursor); }
        "$" digits { t = lexer_make(lx, TOKEN_PLACEHOLDER, start, cursor); goto done; }
        "@" ident { t = lexer_make(lx, TOKEN_PARAM, start, cursor); goto done; }
        (digits ("." [0-9]*)? | "." digits) ([eE] [+-]? digits)? {
            t = lexer_make(lx, TOKEN_NUMBER, start, cursor);
            goto done;
        }
        "::" { t = lexer_make(lx, TOKEN_CAST, start, cursor); goto done; }
        "(" { t = lexer_make(lx, TOKEN_LPAREN, start, cursor); goto done; }
        ")" { t = lexer_make(lx, TOKEN_RPAREN, start, cursor); goto done; }
        "[" { t = lexer_make(lx, TOKEN_LBRACKET, start, cursor); goto done; }
        "]" { t = lexer_make(lx, TOKEN_RBRACKET, start, cursor); goto done; }
        "," { t = lexer_make(lx, TOKEN_COMMA, start, cursor); goto done; }
        ";" { t = lexer_make(lx, TOKEN_SEMICOLON, start, cursor); goto done; }
        "." { t = lexer_make(lx, TOKEN_DOT, start, cursor); goto done; }
        ":" { t = lexer_make(lx, TOKEN_COLON, start, cursor); goto done; }
        "<>" | "!=" | "<=" | ">=" | "=>" | "||" | "->" | "->>" | "#>" | "#>>" | "@>" | "<@"
            | "&&" | "<<" | ">>" | "~~" | "!~~" | "~*" | "!~" | "!~*" | "@@"
            | [-+*/<>=~!@#%^&|`?] {
            t = lexer_make(lx, TOKEN_OPERATOR, start, cursor);
            goto done;
        }
        * { t = lexer_error(lx, start, cursor, "unexpected character"); goto done; }
    */
done:
    lx->cursor = cursor;
    return t;
}

token lexer_next(lexer *lx)
{
    return lx->mode == LEXER_API ? lexer_next_api(lx) : lexer_next_sql(lx);
}

int lexer_tokenize(rt_arena *a, const diag_source *source, lexer_mode mode, bool keep_comments,
                   token **out, int *count)
{
    lexer lx;
    token *tokens = NULL;
    int n = 0;
    int capacity = 0;

    lexer_init(&lx, source, mode);
    lx.keep_comments = keep_comments;
    for (;;) {
        token t = lexer_next(&lx);
        tokens = rt_arena_grow(a, tokens, n, &capacity, sizeof *tokens);
        tokens[n++] = t;
        if (t.kind == TOKEN_EOF)
            break;
    }
    *out = tokens;
    *count = n;
    return 0;
}

diag_loc lexer_loc(const diag_source *source, const token *t)
{
    diag_loc loc;
    loc.source = source;
    loc.line = t->line;
    loc.col = t->col;
    loc.length = t->length > 0 ? t->length : 1;
    return loc;
}

bool lexer_token_is(const token *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == TOKEN_IDENT && (size_t)t->length == n && strncasecmp(t->text, word, n) == 0;
}

bool lexer_token_op(const token *t, const char *op)
{
    size_t n = strlen(op);
    return t->kind != TOKEN_IDENT && t->kind != TOKEN_STRING && t->kind != TOKEN_EOF &&
           (size_t)t->length == n && strncmp(t->text, op, n) == 0;
}

unsigned lexer_code_point(const token *t)
{
    const unsigned char *s = (const unsigned char *)t->text;
    int length = t->length > 0 ? lexer_sequence_length(s[0]) : 0;
    unsigned code;

    if (length < 2 || length > t->length)
        return t->length > 0 ? s[0] : 0;
    code = s[0] & (0x7F >> length);
    for (int i = 1; i < length; i++)
        code = (code << 6) | (s[i] & 0x3F);
    return code;
}

const char *lexer_describe(rt_arena *a, const token *t)
{
    switch (t->kind) {
    case TOKEN_EOF:
        return "end of file";
    case TOKEN_STRING:
        return "a string";
    case TOKEN_NUMBER:
        return rt_arena_printf(a, "number %.*s", t->length, t->text);
    case TOKEN_PATH:
        return rt_arena_printf(a, "path %.*s", t->length, t->text);
    case TOKEN_ERROR: {
        unsigned code = lexer_code_point(t);
        if (code >= 0x80)
            return rt_arena_printf(a, "%s U+%04X%s", t->message, code,
                                t->message == lexer_non_ascii_name
                                    ? " (names are ASCII letters, digits and _)"
                                    : "");
        return t->message;
    }
    default:
        return rt_arena_printf(a, "\"%.*s\"", t->length > 40 ? 40 : t->length, t->text);
    }
}
