/*
 * parse_hint.c - unclosed blocks and misspelt keywords for the .api
 * parser's syntax errors (see parse_hint.h).
 */
#include "parse_hint.h"

#include <stdio.h>
#include <string.h>

void parse_hint_open(parse_hint_blocks *blocks, const token *open, const char *name)
{
    if (blocks->count < PARSE_HINT_MAX_BLOCKS) {
        blocks->items[blocks->count].open = open;
        blocks->items[blocks->count].name = name;
    }
    blocks->count++;
}

void parse_hint_close(parse_hint_blocks *blocks)
{
    if (blocks->count > 0)
        blocks->count--;
}

/* The exact (case-sensitive) word, as the parser reads keywords. */
static bool parse_hint_is_word(const token *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == TOKEN_IDENT && (size_t)t->length == n && strncmp(t->text, word, n) == 0;
}

bool parse_hint_is_declaration(const token *t)
{
    return t->col == 1 && (parse_hint_is_word(t, "endpoint") || parse_hint_is_word(t, "job") ||
                           parse_hint_is_word(t, "schedule") || parse_hint_is_word(t, "lifecycle"));
}

bool parse_hint_unclosed(const parse_hint_blocks *blocks, diag *d, const diag_source *source,
                         const token *found)
{
    const parse_hint_block *block;

    if (blocks->count < 1 || blocks->count > PARSE_HINT_MAX_BLOCKS)
        return false;
    if (found->kind != TOKEN_EOF && !parse_hint_is_declaration(found))
        return false;
    block = &blocks->items[blocks->count - 1];
    diag_error(d, lexer_loc(source, block->open), "the \"{\" of %s is never closed", block->name);
    if (found->kind == TOKEN_EOF)
        diag_note(d, (diag_loc){0}, "the file ends before its \"}\"");
    else
        diag_note(d, lexer_loc(source, found), "the next declaration starts here");
    return true;
}

const char *parse_hint_keyword(const token *found, const char *const *words, char *buffer,
                               size_t size)
{
    char name[64];
    diag_suggestion s;

    buffer[0] = '\0';
    if (found->kind != TOKEN_IDENT || found->length >= (int)sizeof name)
        return buffer;
    snprintf(name, sizeof name, "%.*s", found->length, found->text);
    diag_suggest_init(&s, name);
    for (int i = 0; words[i]; i++)
        diag_suggest_consider(&s, words[i]);
    return diag_suggest_hint(&s, buffer, size);
}
