/*
 * parse_rule.c - an endpoint's rules between fields (see parse_rule.h).
 */
#include "parse_rule.h"

#include <string.h>

#include "parse_value.h"
#include "rt_error.h"

/* `check query.a <= query.b`: a rule between fields, not a check step
 * (whose condition is a built-in call). */
bool parse_rule_at(const parse_api_parser *p)
{
    return parse_context_at_word(p, "check") && parse_context_peek(p, 1)->kind == TOKEN_IDENT &&
           parse_context_peek(p, 2)->kind == TOKEN_DOT;
}

/* < <= > >= = <> */
static int parse_rule_compare(parse_api_parser *p, rt_compare *out, diag_loc *loc)
{
    static const struct {
        const char *spelling;
        rt_compare compare;
    } operators[] = {
        {"<", RT_COMPARE_LT},  {"<=", RT_COMPARE_LE}, {">", RT_COMPARE_GT},
        {">=", RT_COMPARE_GE}, {"=", RT_COMPARE_EQ},  {"<>", RT_COMPARE_NE},
    };
    const token *t = parse_context_peek(p, 0);

    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        if ((t->kind == TOKEN_OPERATOR || t->kind == TOKEN_EQUALS) &&
            lexer_token_op(t, operators[i].spelling)) {
            *out = operators[i].compare;
            *loc = parse_context_loc(p, parse_context_advance(p));
            return 0;
        }
    }
    return parse_context_expected(p, "a comparison (<, <=, >, >=, =, <>)");
}

/* check FIELD OP FIELD else STATUS "message" */
int parse_rule_read(parse_api_parser *p, api_endpoint *e)
{
    const token *message = NULL;
    api_rule *r;
    int rc;

    e->rules =
        rt_arena_grow(p->arena, e->rules, e->rule_count, &e->rule_capacity, sizeof *e->rules);
    r = &e->rules[e->rule_count];
    memset(r, 0, sizeof *r);
    r->loc = parse_context_loc(p, parse_context_advance(p));
    rc = parse_value_simple(p, &r->left);
    if (!rc)
        rc = parse_rule_compare(p, &r->compare, &r->compare_loc);
    if (!rc)
        rc = parse_value_simple(p, &r->right);
    if (rc)
        return rc;
    if (!parse_context_at_word(p, "else"))
        return parse_context_expected_word(p, "\"else\"", (const char *const[]){"else", NULL});
    parse_context_advance(p);
    rc = parse_context_status(p, &r->status, &r->status_loc);
    if (!rc)
        rc = parse_context_expect(p, TOKEN_STRING, "the error message (a string)", &message);
    if (rc)
        return rc;
    r->message = parse_context_string(p, message);
    e->rule_count++;
    return 0;
}
