/*
 * check_rule.c - rules between request fields (see check_rule.h and
 * docs/spec-language.md, "Rules between fields"). The runtime compares
 * the fields' validated text (runtime/rt_rule.c), so a rule is limited to
 * what it can compare: numbers, dates and instants, two of one kind.
 */
#include "check_rule.h"

#include "check_value.h"
#include "rt_error.h"

/* The comparable kinds: int and bigint are one; 0 is not comparable. */
static int check_rule_kind(rt_type type)
{
    switch (type) {
    case RT_TYPE_INT:
    case RT_TYPE_BIGINT:
        return 1;
    case RT_TYPE_NUMERIC:
        return 2;
    case RT_TYPE_DATE:
        return 3;
    case RT_TYPE_TIMESTAMPTZ:
        return 4;
    default:
        return 0;
    }
}

/* One operand: a request field of a comparable type. Returns false after
 * reporting it. */
static bool check_rule_operand(check_ctx *c, const api_value *v)
{
    bool field = v->kind == API_VALUE_REF && !v->present &&
                 (v->rt_kind == RT_VALUE_QUERY || v->rt_kind == RT_VALUE_BODY ||
                  v->rt_kind == RT_VALUE_PATH);

    if (!field) {
        diag_error(c->diag, v->loc,
                   "a rule compares two request fields (query.x, body.x or path.x), not %s",
                   check_value_describe(c, v));
        return false;
    }
    if (check_rule_kind(v->type.type) == 0) {
        diag_error(c->diag, v->loc,
                   "%s is %s: a rule compares int, bigint, numeric, date or timestamp fields",
                   check_value_describe(c, v), v->type.name);
        return false;
    }
    return true;
}

static int check_rule_one(check_ctx *c, api_rule *r)
{
    int errors = c->diag->error_count;
    int rc = check_value_resolve(c, &r->left, 0);

    if (!rc)
        rc = check_value_resolve(c, &r->right, 0);
    if (rc || c->diag->error_count > errors)
        return rc;
    if (!check_rule_operand(c, &r->left) || !check_rule_operand(c, &r->right))
        return 0;
    if (check_rule_kind(r->left.type.type) != check_rule_kind(r->right.type.type))
        diag_error(c->diag, r->right.loc,
                   "%s is %s and %s is %s: a rule compares fields of one type",
                   check_value_describe(c, &r->left), r->left.type.name,
                   check_value_describe(c, &r->right), r->right.type.name);
    if (r->status != 400)
        diag_error(c->diag, r->status_loc,
                   "a rule answers 400 (a field error in the validation_error answer), not %d",
                   r->status);
    return 0;
}

int check_rule_list(check_ctx *c, api_endpoint *e)
{
    int rc = 0;

    for (int i = 0; !rc && i < e->rule_count; i++)
        rc = check_rule_one(c, &e->rules[i]);
    return rc;
}
