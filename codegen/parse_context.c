/*
 * parse_context.c - the .api parser's token helpers (see parse_context.h):
 * peeking and advancing, "expected X, found Y" with its hints, strings,
 * names and statuses. Shared by parse_api.c, parse_value.c, parse_rule.c
 * and parse_path.c, which call it and never each other back.
 */
#include "parse_context.h"

#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parse_hint.h"
#include "rt_error.h"

const token *parse_context_peek(const parse_api_parser *p, int ahead)
{
    int at = p->pos + ahead;
    return &p->tokens[at < p->count ? at : p->count - 1];
}

const token *parse_context_advance(parse_api_parser *p)
{
    const token *t = parse_context_peek(p, 0);
    if (p->pos < p->count - 1)
        p->pos++;
    return t;
}

bool parse_context_at(const parse_api_parser *p, token_kind kind)
{
    return parse_context_peek(p, 0)->kind == kind;
}

bool parse_context_at_word(const parse_api_parser *p, const char *word)
{
    const token *t = parse_context_peek(p, 0);
    return t->kind == TOKEN_IDENT && (size_t)t->length == strlen(word) &&
           strncmp(t->text, word, (size_t)t->length) == 0;
}

diag_loc parse_context_loc(const parse_api_parser *p, const token *t)
{
    return lexer_loc(p->source, t);
}

/* Reports "expected WHAT, found X" at the current token, with "did you
 * mean" when X is close to one of words (NULL-terminated, or NULL); or,
 * when X shows that a block was left open, that block where it opened. */
int parse_context_expected_word(parse_api_parser *p, const char *what, const char *const *words)
{
    const token *t = parse_context_peek(p, 0);
    char hint[300] = "";

    if (t->kind == TOKEN_ERROR)
        diag_error(p->diag, parse_context_loc(p, t), "%s", lexer_describe(p->arena, t));
    else if (!parse_hint_unclosed(&p->blocks, p->diag, p->source, t))
        diag_error(p->diag, parse_context_loc(p, t), "expected %s, found %s%s", what,
                   lexer_describe(p->arena, t),
                   words ? parse_hint_keyword(t, words, hint, sizeof hint) : "");
    return RT_EINVAL;
}

int parse_context_expected(parse_api_parser *p, const char *what)
{
    return parse_context_expected_word(p, what, NULL);
}

int parse_context_expect(parse_api_parser *p, token_kind kind, const char *what, const token **out)
{
    if (!parse_context_at(p, kind))
        return parse_context_expected(p, what);
    const token *t = parse_context_advance(p);
    if (out)
        *out = t;
    return 0;
}

char *parse_context_text(parse_api_parser *p, const token *t)
{
    return rt_arena_strndup(p->arena, t->text, (size_t)t->length);
}

/* Unescapes a "..." string token. */
char *parse_context_string(parse_api_parser *p, const token *t)
{
    char *out = rt_arena_alloc(p->arena, (size_t)t->length);
    int n = 0;

    if (!out)
        return NULL;
    for (int i = 1; i < t->length - 1; i++) {
        char c = t->text[i];
        if (c == '\\' && i + 1 < t->length - 1) {
            c = t->text[++i];
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return out;
}

int parse_context_ident(parse_api_parser *p, const char *what, const char **out, diag_loc *loc)
{
    const token *t = NULL;
    int rc = parse_context_expect(p, TOKEN_IDENT, what, &t);
    if (rc)
        return rc;
    *out = parse_context_text(p, t);
    if (loc)
        *loc = parse_context_loc(p, t);
    return 0;
}

int parse_context_status(parse_api_parser *p, int *status, diag_loc *loc)
{
    const token *t = NULL;
    int rc = parse_context_expect(p, TOKEN_NUMBER, "an HTTP status", &t);
    if (rc)
        return rc;
    *loc = parse_context_loc(p, t);
    *status = atoi(t->text);
    if (t->length != 3 || *status < 100 || *status > 599) {
        diag_error(p->diag, *loc, "HTTP status must be a number from 100 to 599");
        return RT_EINVAL;
    }
    return 0;
}
