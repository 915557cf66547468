/*
 * parse_value.c - values of the .api language (see parse_value.h):
 * literals, references (`step.column`, `body.f?`), built-in calls, and
 * `VALUE unless auth.role in (...) [else VALUE]`.
 */
#include "parse_value.h"

#include <string.h>

#include "lexer.h"
#include "parse_context.h"
#include "rt_error.h"

static int parse_value_call_args(parse_api_parser *p, api_value *call)
{
    int rc = parse_context_expect(p, TOKEN_LPAREN, "\"(\"", NULL);
    if (rc)
        return rc;
    while (!parse_context_at(p, TOKEN_RPAREN)) {
        call->args = rt_arena_grow(p->arena, call->args, call->arg_count, &call->arg_capacity,
                                   sizeof *call->args);
        rc = parse_value_read(p, &call->args[call->arg_count]);
        if (rc)
            return rc;
        call->arg_count++;
        if (parse_context_at(p, TOKEN_RPAREN))
            break;
        rc = parse_context_expect(p, TOKEN_COMMA, "\",\" or \")\"", NULL);
        if (rc)
            return rc;
    }
    parse_context_advance(p);
    return 0;
}

/* VALUE [unless auth.role in (ROLE, ...) [else VALUE]] */
int parse_value_read(parse_api_parser *p, api_value *out)
{
    int rc = parse_value_simple(p, out);

    if (rc || !parse_context_at_word(p, "unless"))
        return rc;
    parse_context_advance(p);
    if (!parse_context_at_word(p, "auth") || parse_context_peek(p, 1)->kind != TOKEN_DOT ||
        !lexer_token_is(parse_context_peek(p, 2), "role") ||
        !lexer_token_is(parse_context_peek(p, 3), "in"))
        return parse_context_expected(p, "\"auth.role in (ROLE, ...)\" after \"unless\"");
    p->pos += 4;
    rc = parse_context_expect(p, TOKEN_LPAREN, "\"(\"", NULL);
    if (rc)
        return rc;
    do {
        if (out->unless_role_count > 0)
            parse_context_advance(p); /* the comma */
        out->unless_roles = rt_arena_grow(p->arena, out->unless_roles, out->unless_role_count,
                                          &out->unless_role_capacity, sizeof *out->unless_roles);
        out->unless_role_locs =
            rt_arena_grow(p->arena, out->unless_role_locs, out->unless_role_count,
                          &out->unless_loc_capacity, sizeof *out->unless_role_locs);
        rc = parse_context_ident(p, "a role name", &out->unless_roles[out->unless_role_count],
                                 &out->unless_role_locs[out->unless_role_count]);
        if (rc)
            return rc;
        out->unless_role_count++;
    } while (parse_context_at(p, TOKEN_COMMA));
    rc = parse_context_expect(p, TOKEN_RPAREN, "\",\" or \")\"", NULL);
    if (rc)
        return rc;
    if (parse_context_at_word(p, "else")) {
        parse_context_advance(p);
        out->otherwise = rt_arena_alloc(p->arena, sizeof *out->otherwise);
        rc = parse_value_simple(p, out->otherwise);
    }
    return rc;
}

int parse_value_simple(parse_api_parser *p, api_value *out)
{
    const token *t = parse_context_peek(p, 0);

    memset(out, 0, sizeof *out);
    out->loc = parse_context_loc(p, t);
    switch (t->kind) {
    case TOKEN_STRING:
        parse_context_advance(p);
        out->kind = API_VALUE_STRING;
        out->text = parse_context_string(p, t);
        return 0;
    case TOKEN_NUMBER:
        parse_context_advance(p);
        out->kind = API_VALUE_NUMBER;
        out->text = parse_context_text(p, t);
        return 0;
    case TOKEN_IDENT:
        break;
    default:
        return parse_context_expected(p, "a value (body.x, step.column, \"text\", a number, null, "
                                         "or a call)");
    }
    parse_context_advance(p);
    out->text = parse_context_text(p, t);
    if (strcmp(out->text, "null") == 0) {
        out->kind = API_VALUE_NULL;
        return 0;
    }
    if (strcmp(out->text, "true") == 0 || strcmp(out->text, "false") == 0) {
        out->kind = API_VALUE_BOOL;
        return 0;
    }
    if (parse_context_at(p, TOKEN_LPAREN)) {
        out->kind = API_VALUE_CALL;
        return parse_value_call_args(p, out);
    }
    if (parse_context_at(p, TOKEN_DOT)) {
        int rc;
        parse_context_advance(p);
        out->kind = API_VALUE_REF;
        rc = parse_context_ident(p, "a name after \".\"", &out->member, &out->member_loc);
        if (rc == 0 && parse_context_at(p, TOKEN_QUESTION)) {
            parse_context_advance(p); /* body.f?: whether the key was sent */
            out->present = true;
        }
        return rc;
    }
    diag_error(p->diag, out->loc, "expected a value, found \"%s\" (did you mean %s.column?)",
               out->text, out->text);
    return RT_EINVAL;
}
