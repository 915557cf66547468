/*
 * lexer.h - tokens of spec/<name>.api files and of SQL (migrations and
 * spec/<name>.sql), with line and column tracking. Built from lexer.re by re2c.
 *
 * Tokens point into the source text (never copied): token.text/length is
 * the exact spelling, quotes included for strings. The source text must be
 * NUL-terminated; a NUL byte before its end is an error token.
 */
#ifndef LEXER_H
#define LEXER_H

#include <stdbool.h>

#include "diag.h"
#include "rt_arena.h"

typedef enum token_kind {
    TOKEN_EOF = 0,
    TOKEN_ERROR,        /* bad input; token.message says why */
    TOKEN_IDENT,        /* name, keyword */
    TOKEN_QUOTED_IDENT, /* SQL "Name" */
    TOKEN_STRING,       /* api "..."; SQL '...', E'...', $tag$...$tag$ */
    TOKEN_NUMBER,       /* 12, 0.01, -3 (api), 1e5 (SQL) */
    TOKEN_PARAM,        /* SQL @name */
    TOKEN_PLACEHOLDER,  /* SQL $1 */
    TOKEN_PATH,         /* api /users/{uid: uuid}/role */
    TOKEN_COMMENT,      /* SQL -- comment (only when keep_comments) */
    TOKEN_LBRACE,
    TOKEN_RBRACE,
    TOKEN_LPAREN,
    TOKEN_RPAREN,
    TOKEN_LBRACKET,
    TOKEN_RBRACKET,
    TOKEN_COMMA,
    TOKEN_COLON,
    TOKEN_SEMICOLON,
    TOKEN_DOT,
    TOKEN_DOTDOT,   /* api .. */
    TOKEN_ELLIPSIS, /* api ... */
    TOKEN_EQUALS,   /* api = */
    TOKEN_QUESTION, /* api ? */
    TOKEN_CAST,     /* SQL :: */
    TOKEN_OPERATOR, /* SQL = <> <= || @> ...; api < <= > >= <> (rules) */
    TOKEN_ARROW,    /* api -> */
} token_kind;

typedef struct token {
    token_kind kind;
    const char *text; /* into the source */
    int length;
    int line;            /* 1-based */
    int col;             /* 1-based byte column */
    const char *message; /* TOKEN_ERROR: static text */
} token;

typedef enum lexer_mode {
    LEXER_API = 0,
    LEXER_SQL,
} lexer_mode;

typedef struct lexer {
    const diag_source *source;
    const char *cursor;
    const char *line_start;
    int line;
    lexer_mode mode;
    bool keep_comments; /* SQL: return -- comments as TOKEN_COMMENT */
} lexer;

void lexer_init(lexer *lx, const diag_source *source, lexer_mode mode);
/* The next token; TOKEN_EOF at the end (and forever after). */
token lexer_next(lexer *lx);

/* All tokens of source, the final TOKEN_EOF included, in an arena array.
 * Returns 0; error tokens are kept (the parser reports them). */
int lexer_tokenize(rt_arena *a, const diag_source *source, lexer_mode mode, bool keep_comments,
                   token **out, int *count);

/* The token's span as a diagnostic location. */
diag_loc lexer_loc(const diag_source *source, const token *t);
/* Case-insensitive comparison of an identifier token with a word. */
bool lexer_token_is(const token *t, const char *word);
/* Same for the kind and exact text of a punctuation/operator token. */
bool lexer_token_op(const token *t, const char *op);
/* The message of an error token for a non-ASCII character in an .api name. */
extern const char lexer_non_ascii_name[];
/* The code point of the token's first character (a UTF-8 sequence). */
unsigned lexer_code_point(const token *t);
/* A short printable description: "\"auth\"", "end of file", "string";
 * an error token's message, naming a non-ASCII character's code point
 * ("unexpected character U+00A0"). */
const char *lexer_describe(rt_arena *a, const token *t);

#endif /* LEXER_H */
