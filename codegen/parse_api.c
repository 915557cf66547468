/*
 * parse_api.c - recursive-descent parser of .api files (see parse_api.h).
 *
 * Every parse_api_* function returns 0 or RT_EINVAL after reporting a
 * syntax error (the caller abandons the endpoint and resynchronizes); out
 * of memory ends specc (rt_alloc.h). Invariant: p->pos < p->count, and tokens[count - 1] is
 * TOKEN_EOF, so peeking never runs off the array.
 */
#include "parse_api.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parse_context.h"
#include "parse_hint.h"
#include "parse_path.h"
#include "parse_rule.h"
#include "parse_value.h"
#include "rt_error.h"

static int parse_api_members(parse_api_parser *p, api_member **members, int *count, int *capacity);
static int parse_api_response_body(parse_api_parser *p, api_endpoint *e);

/* ---------------------------------------------------------------- helpers */

/* Reads the "{" of the block called name (which must outlive the parse). */
static int parse_api_open(parse_api_parser *p, const char *what, const char *name)
{
    const token *open = parse_context_peek(p, 0);
    if (!parse_context_at(p, TOKEN_LBRACE))
        return parse_context_expected(p, what);
    parse_context_advance(p);
    parse_hint_open(&p->blocks, open, name);
    return 0;
}

/* Reads the "}" of the innermost block. */
static void parse_api_close(parse_api_parser *p)
{
    parse_context_advance(p);
    parse_hint_close(&p->blocks);
}

/* ------------------------------------------------------------------ values */

/* ------------------------------------------------------------------ fields */

static int parse_api_fields(parse_api_parser *p, api_field **fields, int *count, int *capacity);

/* [MIN] .. [MAX] at the current position. */
static int parse_api_range(parse_api_parser *p, const char **min, const char **max)
{
    int rc;
    *min = NULL;
    *max = NULL;
    if (parse_context_at(p, TOKEN_NUMBER)) {
        *min = parse_context_text(p, parse_context_advance(p));
    }
    rc = parse_context_expect(p, TOKEN_DOTDOT, "\"..\" in a range", NULL);
    if (rc)
        return rc;
    if (parse_context_at(p, TOKEN_NUMBER)) {
        *max = parse_context_text(p, parse_context_advance(p));
    }
    return 0;
}

static int parse_api_field_shape(parse_api_parser *p, api_field *f);

/* `[ { FIELD... } ]` (objects) or `[ TYPE CONSTRAINT... ]` (values, the one
 * item field named as the array), after the "[". */
static int parse_api_array_items(parse_api_parser *p, api_field *f)
{
    int rc;

    f->is_array = true;
    if (parse_context_at(p, TOKEN_LBRACE)) {
        rc = parse_api_open(p, "\"{\"", rt_arena_printf(p->arena, "the items of %s", f->name));
        if (!rc)
            rc = parse_api_fields(p, &f->items, &f->item_count, &f->item_capacity);
    } else {
        api_field *item;
        f->items =
            rt_arena_grow(p->arena, f->items, f->item_count, &f->item_capacity, sizeof *f->items);
        item = &f->items[f->item_count++];
        memset(item, 0, sizeof *item);
        item->name = f->name;
        item->loc = parse_context_loc(p, parse_context_peek(p, 0));
        f->scalar_items = true;
        if (parse_context_at(p, TOKEN_LBRACKET)) {
            diag_error(p->diag, item->loc, "arrays do not nest: an item is an object or a value");
            return RT_EINVAL;
        }
        rc = parse_api_field_shape(p, item);
    }
    if (!rc)
        rc = parse_context_expect(p, TOKEN_RBRACKET, "\"]\"", NULL);
    return rc;
}

static int parse_api_field(parse_api_parser *p, api_field *f)
{
    int rc;

    memset(f, 0, sizeof *f);
    rc = parse_context_ident(p, "a field name or \"}\"", &f->name, &f->loc);
    if (rc)
        return rc;
    return parse_api_field_shape(p, f);
}

/* A field's type (or array) and constraints, after its name. */
static int parse_api_field_shape(parse_api_parser *p, api_field *f)
{
    int rc;

    f->type_loc = parse_context_loc(p, parse_context_peek(p, 0));
    if (parse_context_at(p, TOKEN_LBRACKET)) {
        parse_context_advance(p);
        rc = parse_api_array_items(p, f);
        if (rc)
            return rc;
    } else {
        const char *type_start = parse_context_peek(p, 0)->text;
        rc = parse_context_ident(p, "a field type (text, email, int, money, ...)", &f->type_name,
                                 &f->type_loc);
        if (rc)
            return rc;
        if (parse_context_at(p, TOKEN_LPAREN)) {
            const token *precision = NULL;
            const token *scale = NULL;
            parse_context_advance(p);
            rc = parse_context_expect(p, TOKEN_NUMBER, "a precision", &precision);
            if (!rc)
                rc = parse_context_expect(p, TOKEN_COMMA, "\",\"", NULL);
            if (!rc)
                rc = parse_context_expect(p, TOKEN_NUMBER, "a scale", &scale);
            if (!rc)
                rc = parse_context_expect(p, TOKEN_RPAREN, "\")\"", NULL);
            if (rc)
                return rc;
            f->precision = atoi(precision->text);
            f->scale = atoi(scale->text);
            f->type_loc.length = (int)(parse_context_peek(p, -1)->text + 1 - type_start);
        }
    }
    if (parse_context_at(p, TOKEN_QUESTION)) {
        parse_context_advance(p);
        f->question = true;
    }
    for (;;) {
        if (parse_context_at_word(p, "nullable")) {
            f->nullable_loc = parse_context_loc(p, parse_context_advance(p));
            f->nullable = true;
        } else if (parse_context_at_word(p, "unique")) {
            f->unique_loc = parse_context_loc(p, parse_context_advance(p));
            f->unique = true;
        } else if (parse_context_at_word(p, "len")) {
            f->len_loc = parse_context_loc(p, parse_context_advance(p));
            f->has_len = true;
            rc = parse_api_range(p, &f->len_min, &f->len_max);
        } else if (parse_context_at(p, TOKEN_NUMBER) || parse_context_at(p, TOKEN_DOTDOT)) {
            f->range_loc = parse_context_loc(p, parse_context_peek(p, 0));
            f->has_range = true;
            rc = parse_api_range(p, &f->range_min, &f->range_max);
        } else if (parse_context_at_word(p, "in") &&
                   parse_context_peek(p, 1)->kind == TOKEN_LPAREN) {
            f->choices_loc = parse_context_loc(p, parse_context_advance(p));
            parse_context_advance(p);
            while (!rc && !parse_context_at(p, TOKEN_RPAREN)) {
                const token *t = NULL;
                rc = parse_context_expect(p, TOKEN_STRING, "a string", &t);
                if (rc)
                    break;
                f->choices = rt_arena_grow(p->arena, f->choices, f->choice_count,
                                           &f->choice_capacity, sizeof *f->choices);
                f->choices[f->choice_count++] = parse_context_string(p, t);
                if (!parse_context_at(p, TOKEN_RPAREN))
                    rc = parse_context_expect(p, TOKEN_COMMA, "\",\" or \")\"", NULL);
            }
            if (!rc)
                parse_context_advance(p);
        } else if (parse_context_at(p, TOKEN_EQUALS)) {
            parse_context_advance(p);
            f->has_default = true;
            rc = parse_value_read(p, &f->default_value);
        } else {
            break;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Whether a fields block was left open: a field never starts like an
 * endpoint's item (a status, `tx {`, `body {`, `run x = Query(`, `run
 * Query(`, `check builtin(`, `enqueue job(`). Reports it where it opened. */
static bool parse_api_left_open(parse_api_parser *p)
{
    const token *t = parse_context_peek(p, 0);
    token_kind next = parse_context_peek(p, 1)->kind;
    bool item = t->kind == TOKEN_NUMBER;
    const parse_hint_block *block;

    if (t->kind == TOKEN_IDENT && next == TOKEN_LBRACE)
        item = lexer_token_is(t, "tx") || lexer_token_is(t, "body") || lexer_token_is(t, "query") ||
               lexer_token_is(t, "payload");
    if ((lexer_token_is(t, "run") || lexer_token_is(t, "let")) && next == TOKEN_IDENT)
        item = parse_context_peek(p, 2)->kind == TOKEN_LPAREN ||
               (parse_context_peek(p, 2)->kind == TOKEN_EQUALS &&
                parse_context_peek(p, 3)->kind == TOKEN_IDENT &&
                parse_context_peek(p, 4)->kind == TOKEN_LPAREN);
    if ((lexer_token_is(t, "check") || lexer_token_is(t, "enqueue")) && next == TOKEN_IDENT)
        item = parse_context_peek(p, 2)->kind == TOKEN_LPAREN;
    if (!item || p->blocks.count < 1 || p->blocks.count > PARSE_HINT_MAX_BLOCKS)
        return false;
    block = &p->blocks.items[p->blocks.count - 1];
    diag_error(p->diag, parse_context_loc(p, block->open), "the \"{\" of %s is never closed",
               block->name);
    diag_note(p->diag, parse_context_loc(p, t), "the endpoint goes on here");
    return true;
}

/* The list a fields block reads into. */
typedef struct parse_api_field_list {
    api_field **fields;
    int *count, *capacity;
    int either_groups; /* `either` groups seen in the block */
} parse_api_field_list;

static int parse_api_field_run(parse_api_parser *p, parse_api_field_list *list, int alternative,
                               diag_loc alternative_loc);

/* `either { FIELD... } or { FIELD... } [or { ... }]...` at the current
 * position: one alternative per braced block, numbered from 1. */
static int parse_api_either(parse_api_parser *p, parse_api_field_list *list)
{
    int alternative = 0;
    int rc = 0;

    if (list->either_groups++ > 0) {
        diag_error(p->diag, parse_context_loc(p, parse_context_peek(p, 0)),
                   "a fields block holds one either group");
        return RT_EINVAL;
    }
    do {
        diag_loc loc = parse_context_loc(p, parse_context_advance(p)); /* either / or */
        int before = *list->count;
        rc = parse_api_open(p, "\"{\" (either { fields } or { fields })",
                            alternative == 0 ? "the either block" : "the or block");
        if (!rc)
            rc = parse_api_field_run(p, list, ++alternative, loc);
        if (!rc && *list->count == before) {
            diag_error(p->diag, loc, "an alternative of either holds at least one field");
            rc = RT_EINVAL;
        }
    } while (!rc && parse_context_at_word(p, "or") &&
             parse_context_peek(p, 1)->kind == TOKEN_LBRACE);
    if (!rc && alternative < 2) {
        diag_error(p->diag, parse_context_loc(p, parse_context_peek(p, 0)),
                   "either needs a second alternative: either { fields } or { fields }");
        rc = RT_EINVAL;
    }
    return rc;
}

/* FIELD... } into list, each in `alternative` (the '{' already read;
 * reads the '}'). */
static int parse_api_field_run(parse_api_parser *p, parse_api_field_list *list, int alternative,
                               diag_loc alternative_loc)
{
    while (!parse_context_at(p, TOKEN_RBRACE)) {
        int rc;
        if (parse_context_at_word(p, "either") && parse_context_peek(p, 1)->kind == TOKEN_LBRACE) {
            if (alternative != 0) {
                diag_error(p->diag, parse_context_loc(p, parse_context_peek(p, 0)),
                           "either groups do not nest");
                return RT_EINVAL;
            }
            rc = parse_api_either(p, list);
            if (rc)
                return rc;
            continue;
        }
        *list->fields = rt_arena_grow(p->arena, *list->fields, *list->count, list->capacity,
                                      sizeof **list->fields);
        if (parse_api_left_open(p))
            return RT_EINVAL;
        rc = parse_api_field(p, &(*list->fields)[*list->count]);
        if (rc)
            return rc;
        (*list->fields)[*list->count].alternative = alternative;
        (*list->fields)[*list->count].alternative_loc = alternative_loc;
        (*list->count)++;
    }
    parse_api_close(p);
    return 0;
}

/* FIELD... } (the '{' already read; reads the '}'). */
static int parse_api_fields(parse_api_parser *p, api_field **fields, int *count, int *capacity)
{
    parse_api_field_list list = {.fields = fields, .count = count, .capacity = capacity};
    return parse_api_field_run(p, &list, 0, (diag_loc){0});
}

/* ------------------------------------------------------------------ steps */

/* `fields from detail` next (not an error code named fields). */
static bool parse_api_at_fields_from(const parse_api_parser *p)
{
    const token *next = parse_context_peek(p, 1);
    return parse_context_at_word(p, "fields") && next->kind == TOKEN_IDENT && next->length == 4 &&
           memcmp(next->text, "from", 4) == 0;
}

/* `fields from detail` (the word fields already seen). */
static int parse_api_fields_from(parse_api_parser *p, api_outcome *o)
{
    static const char *const words[] = {"detail", NULL};

    o->fields_loc = parse_context_loc(p, parse_context_advance(p));
    parse_context_advance(p); /* from */
    if (!parse_context_at_word(p, "detail"))
        return parse_context_expected_word(
            p, "\"detail\" (the RAISE's DETAIL holds the field errors)", words);
    parse_context_advance(p);
    o->fields_from_detail = true;
    return 0;
}

static int parse_api_outcome(parse_api_parser *p, api_step *s)
{
    api_outcome *o;
    const token *message = NULL;
    int rc;

    s->outcomes = rt_arena_grow(p->arena, s->outcomes, s->outcome_count, &s->outcome_capacity,
                                sizeof *s->outcomes);
    o = &s->outcomes[s->outcome_count];
    memset(o, 0, sizeof *o);
    rc = parse_context_ident(p, "an outcome (no_row, unique_violation, check_violation, ...)",
                             &o->outcome_name, &o->loc);
    if (rc)
        return rc;
    if (parse_context_at(p, TOKEN_IDENT)) {
        rc = parse_context_ident(p, "a constraint name", &o->constraint, &o->constraint_loc);
        if (rc)
            return rc;
    }
    rc = parse_context_status(p, &o->status, &o->status_loc);
    if (rc)
        return rc;
    if (parse_context_at(p, TOKEN_IDENT) && !parse_api_at_fields_from(p)) {
        rc = parse_context_ident(p, "an error code", &o->code, NULL);
        if (rc)
            return rc;
    }
    if (parse_context_at(p, TOKEN_STRING) || strcmp(o->outcome_name, "raise") != 0) {
        /* only `on raise` may leave it out: the guard's own message is for clients */
        rc = parse_context_expect(p, TOKEN_STRING, "the error message (a string)", &message);
        if (rc)
            return rc;
        o->message = parse_context_string(p, message);
    }
    if (parse_api_at_fields_from(p)) {
        rc = parse_api_fields_from(p, o);
        if (rc)
            return rc;
    }
    s->outcome_count++;
    return 0;
}

static int parse_api_named_args(parse_api_parser *p, api_step *s);

static int parse_api_run(parse_api_parser *p, api_step *s)
{
    int rc;

    s->kind = RT_STEP_QUERY;
    if (parse_context_peek(p, 0)->kind == TOKEN_IDENT &&
        parse_context_peek(p, 1)->kind == TOKEN_EQUALS) {
        rc = parse_context_ident(p, "a step name", &s->name, &s->name_loc);
        if (rc)
            return rc;
        parse_context_advance(p);
    }
    rc = parse_context_ident(p, "a query name", &s->query_name, &s->query_loc);
    if (rc)
        return rc;
    rc = parse_api_named_args(p, s);
    if (rc)
        return rc;
    if (parse_context_at_word(p, "order_by")) {
        parse_context_advance(p);
        s->has_order_by = true;
        rc = parse_value_read(p, &s->order_by);
        if (rc)
            return rc;
    }
    if (parse_context_at_word(p, "optional")) {
        s->optional = true;
        s->optional_loc = parse_context_loc(p, parse_context_advance(p));
    }
    while (parse_context_at_word(p, "on")) {
        parse_context_advance(p);
        rc = parse_api_outcome(p, s);
        if (rc)
            return rc;
    }
    return 0;
}

/* (name: VALUE, ...) of a run or an enqueue. */
static int parse_api_named_args(parse_api_parser *p, api_step *s)
{
    int rc = parse_context_expect(p, TOKEN_LPAREN, "\"(\" after the name", NULL);
    if (rc)
        return rc;
    while (!parse_context_at(p, TOKEN_RPAREN)) {
        api_arg *arg;
        s->args = rt_arena_grow(p->arena, s->args, s->arg_count, &s->arg_capacity, sizeof *s->args);
        arg = &s->args[s->arg_count];
        memset(arg, 0, sizeof *arg);
        rc = parse_context_ident(p, "a parameter name (name: value)", &arg->name, &arg->loc);
        if (rc)
            return rc;
        rc = parse_context_expect(p, TOKEN_COLON, "\":\" after the parameter name", NULL);
        if (rc)
            return rc;
        rc = parse_value_read(p, &arg->value);
        if (rc)
            return rc;
        s->arg_count++;
        if (parse_context_at(p, TOKEN_RPAREN))
            break;
        rc = parse_context_expect(p, TOKEN_COMMA, "\",\" or \")\"", NULL);
        if (rc)
            return rc;
    }
    s->close_loc = parse_context_loc(p, parse_context_advance(p));
    return 0;
}

static int parse_api_step(parse_api_parser *p, api_program *program, bool in_tx)
{
    api_step *s;
    const token *keyword = parse_context_advance(p);
    int rc = 0;

    program->steps = rt_arena_grow(p->arena, program->steps, program->step_count,
                                   &program->step_capacity, sizeof *program->steps);
    s = &program->steps[program->step_count];
    memset(s, 0, sizeof *s);
    s->loc = parse_context_loc(p, keyword);
    s->in_tx = in_tx;
    if (lexer_token_is(keyword, "run")) {
        rc = parse_api_run(p, s);
    } else if (lexer_token_is(keyword, "enqueue")) {
        s->kind = RT_STEP_ENQUEUE;
        rc = parse_context_ident(p, "a job kind", &s->query_name, &s->query_loc);
        if (!rc)
            rc = parse_api_named_args(p, s);
    } else if (lexer_token_is(keyword, "sleep")) {
        s->kind = RT_STEP_SLEEP;
        rc = parse_value_read(p, &s->call);
    } else if (lexer_token_is(keyword, "log")) {
        s->kind = RT_STEP_LOG;
        rc = parse_context_ident(p, "an event name", &s->name, &s->name_loc);
        if (!rc)
            rc = parse_api_open(p, "\"{\" after the event name", "the log line");
        if (!rc)
            rc = parse_api_members(p, &s->members, &s->member_count, &s->member_capacity);
    } else if (lexer_token_is(keyword, "stop")) {
        s->kind = RT_STEP_STOP;
        if (!parse_context_at_word(p, "if") ||
            !(parse_context_advance(p), parse_context_at_word(p, "empty")))
            return parse_context_expected(p, "\"if empty STEP\" after \"stop\"");
        parse_context_advance(p);
        rc = parse_context_ident(p, "a step name after \"stop if empty\"", &s->stop_step,
                                 &s->stop_step_loc);
    } else if (lexer_token_is(keyword, "check")) {
        const token *message = NULL;
        s->kind = RT_STEP_CHECK;
        if (!parse_context_at(p, TOKEN_IDENT) || parse_context_peek(p, 1)->kind != TOKEN_LPAREN)
            return parse_context_expected(p, "a built-in call after \"check\"");
        rc = parse_value_read(p, &s->call);
        if (rc)
            return rc;
        if (!parse_context_at_word(p, "else"))
            return parse_context_expected_word(p, "\"else\"", (const char *const[]){"else", NULL});
        parse_context_advance(p);
        rc = parse_context_status(p, &s->else_status, &s->else_loc);
        if (rc)
            return rc;
        if (parse_context_at(p, TOKEN_IDENT)) {
            rc = parse_context_ident(p, "an error code", &s->else_code, NULL);
            if (rc)
                return rc;
        }
        rc = parse_context_expect(p, TOKEN_STRING, "the error message (a string)", &message);
        if (rc)
            return rc;
        s->else_message = parse_context_string(p, message);
        if (parse_context_at_word(p, "log")) {
            /* else ... log EVENT { members }: logged when the check fails */
            parse_context_advance(p);
            rc = parse_context_ident(p, "an event name", &s->else_event, &s->else_event_loc);
            if (!rc)
                rc = parse_api_open(p, "\"{\" after the event name", "the log line");
            if (!rc)
                rc = parse_api_members(p, &s->members, &s->member_count, &s->member_capacity);
        }
    } else {
        assert(lexer_token_is(keyword, "let"));
        s->kind = RT_STEP_LET;
        rc = parse_context_ident(p, "a name after \"let\"", &s->name, &s->name_loc);
        if (rc)
            return rc;
        rc = parse_context_expect(p, TOKEN_EQUALS, "\"=\"", NULL);
        if (rc)
            return rc;
        if (!parse_context_at(p, TOKEN_IDENT) || parse_context_peek(p, 1)->kind != TOKEN_LPAREN)
            return parse_context_expected(p, "a built-in call");
        rc = parse_value_read(p, &s->call);
    }
    if (rc)
        return rc;
    program->step_count++;
    return 0;
}

static const char *const parse_api_step_words[] = {
    "run", "check", "let", "enqueue", "sleep", "log", "stop", "tx", NULL,
};

static bool parse_api_at_step(const parse_api_parser *p)
{
    return parse_context_at_word(p, "run") || parse_context_at_word(p, "check") ||
           parse_context_at_word(p, "let") || parse_context_at_word(p, "enqueue") ||
           parse_context_at_word(p, "sleep") || parse_context_at_word(p, "log") ||
           parse_context_at_word(p, "stop");
}

/* tx { STEP... } (the `tx` already read, at tx_loc) */
static int parse_api_tx(parse_api_parser *p, api_program *program, diag_loc tx_loc)
{
    int first = program->step_count;
    int block = program->tx_count + 1;
    int end_line;
    int rc = parse_api_open(p, "\"{\" after \"tx\"", "the tx block");
    if (rc)
        return rc;
    while (!parse_context_at(p, TOKEN_RBRACE)) {
        if (parse_context_at_word(p, "tx")) {
            diag_error(p->diag, parse_context_loc(p, parse_context_peek(p, 0)),
                       "transactions do not nest");
            return RT_EINVAL;
        }
        if (!parse_api_at_step(p))
            return parse_context_expected_word(
                p, "a step (run, check, let, enqueue, sleep, log, stop) or \"}\"",
                parse_api_step_words);
        rc = parse_api_step(p, program, true);
        if (rc)
            return rc;
    }
    end_line = parse_context_peek(p, 0)->line;
    parse_api_close(p);
    if (program->step_count == first) {
        diag_error(p->diag, tx_loc, "empty tx block");
        return RT_EINVAL;
    }
    program->tx_count = block;
    for (int i = first; i < program->step_count; i++) {
        program->steps[i].tx_block = block;
        program->steps[i].tx_begin_line = tx_loc.line;
        program->steps[i].tx_end_line = end_line;
    }
    return 0;
}

/* A step or a tx block at the current position (a step keyword or tx). */
static int parse_api_program_item(parse_api_parser *p, api_program *program)
{
    if (parse_context_at_word(p, "tx")) {
        diag_loc tx_loc = parse_context_loc(p, parse_context_advance(p));
        return parse_api_tx(p, program, tx_loc);
    }
    return parse_api_step(p, program, false);
}

/* --------------------------------------------------------------- response */

/* COLUMN: Name | COLUMN: [Name] (inside `as Name(...)`). */
static int parse_api_json_shape(parse_api_parser *p, api_schema_name *schema)
{
    api_json_shape *shape;
    int rc;

    schema->json_shapes = rt_arena_grow(p->arena, schema->json_shapes, schema->json_shape_count,
                                        &schema->json_shape_capacity, sizeof *schema->json_shapes);
    shape = &schema->json_shapes[schema->json_shape_count];
    memset(shape, 0, sizeof *shape);
    rc = parse_context_ident(p, "a json column name", &shape->column, &shape->loc);
    if (!rc)
        rc = parse_context_expect(p, TOKEN_COLON, "\":\" after the column", NULL);
    if (rc)
        return rc;
    if (parse_context_at(p, TOKEN_LBRACKET)) {
        parse_context_advance(p);
        shape->is_array = true;
    }
    rc = parse_context_ident(p, "a schema name", &shape->schema, &shape->schema_loc);
    if (!rc && shape->is_array)
        rc = parse_context_expect(p, TOKEN_RBRACKET, "\"]\"", NULL);
    if (rc)
        return rc;
    schema->json_shape_count++;
    return 0;
}

/* [as Name[(COLUMN: [Name], ...)]]: the component schema naming an object. */
static int parse_api_schema_name(parse_api_parser *p, api_schema_name *schema)
{
    int rc;

    if (!parse_context_at_word(p, "as"))
        return 0;
    parse_context_advance(p);
    rc = parse_context_ident(p, "a schema name after \"as\"", &schema->name, &schema->loc);
    if (rc || !parse_context_at(p, TOKEN_LPAREN))
        return rc;
    parse_context_advance(p);
    do {
        if (schema->json_shape_count > 0)
            parse_context_advance(p); /* the comma */
        rc = parse_api_json_shape(p, schema);
        if (rc)
            return rc;
    } while (parse_context_at(p, TOKEN_COMMA));
    return parse_context_expect(p, TOKEN_RPAREN, "\")\" or \",\"", NULL);
}

/* MEMBER... } (the '{' already read; reads the '}'). */
static int parse_api_members(parse_api_parser *p, api_member **members, int *count, int *capacity)
{
    int rc = 0;

    while (!parse_context_at(p, TOKEN_RBRACE)) {
        api_member *m;
        *members = rt_arena_grow(p->arena, *members, *count, capacity, sizeof **members);
        m = &(*members)[*count];
        memset(m, 0, sizeof *m);
        if (parse_context_at(p, TOKEN_ELLIPSIS)) {
            m->loc = parse_context_loc(p, parse_context_advance(p));
            m->kind = RT_MEMBER_ROW;
            rc = parse_context_ident(p, "a step name after \"...\"", &m->step_name, &m->step_loc);
        } else {
            const token *key = parse_context_peek(p, 0);
            if (key->kind == TOKEN_STRING) {
                parse_context_advance(p);
                m->key = parse_context_string(p, key);
            } else {
                rc = parse_context_expect(p, TOKEN_IDENT, "a key or \"}\"", &key);
                if (rc)
                    return rc;
                m->key = parse_context_text(p, key);
            }
            m->loc = parse_context_loc(p, key);
            rc = parse_context_expect(p, TOKEN_COLON, "\":\" after the key", NULL);
            if (rc)
                return rc;
            if ((parse_context_at_word(p, "rows") || parse_context_at_word(p, "each")) &&
                parse_context_peek(p, 1)->kind == TOKEN_IDENT &&
                parse_context_peek(p, 2)->kind != TOKEN_LPAREN &&
                (parse_context_at_word(p, "each") || parse_context_peek(p, 2)->kind != TOKEN_DOT)) {
                bool each = parse_context_at_word(p, "each");
                parse_context_advance(p);
                m->kind = each ? RT_MEMBER_EACH : RT_MEMBER_ROWS;
                rc = parse_context_ident(p, "a step name", &m->step_name, &m->step_loc);
                if (!rc && each) {
                    rc = parse_context_expect(p, TOKEN_DOT, "\".\" (each STEP.column)", NULL);
                    if (!rc)
                        rc = parse_context_ident(p, "a column name", &m->column_name,
                                                 &m->column_loc);
                }
                if (!rc && !each)
                    rc = parse_api_schema_name(p, &m->schema);
            } else if (parse_context_at(p, TOKEN_IDENT) &&
                       parse_context_peek(p, 1)->kind != TOKEN_DOT &&
                       parse_context_peek(p, 1)->kind != TOKEN_LPAREN &&
                       !parse_context_at_word(p, "null") && !parse_context_at_word(p, "true") &&
                       !parse_context_at_word(p, "false")) {
                m->kind = RT_MEMBER_ROW;
                rc = parse_context_ident(p, "a step name", &m->step_name, &m->step_loc);
                if (!rc)
                    rc = parse_api_schema_name(p, &m->schema);
            } else {
                m->kind = RT_MEMBER_VALUE;
                rc = parse_value_read(p, &m->value);
            }
        }
        if (rc)
            return rc;
        (*count)++;
        if (parse_context_at(p, TOKEN_COMMA))
            parse_context_advance(p);
    }
    parse_api_close(p);
    return 0;
}

/* Appends one part of a location template: a literal (API_VALUE_STRING)
 * or a value `{NAME.member}` (API_VALUE_REF); loc is the part's place in
 * the string token. */
static int parse_context_location_part(parse_api_parser *p, api_endpoint *e, const char *text,
                                       size_t length, bool is_value, diag_loc loc)
{
    api_value *v;
    const char *dot = is_value ? memchr(text, '.', length) : NULL;

    e->location = rt_arena_grow(p->arena, e->location, e->location_count, &e->location_capacity,
                                sizeof *e->location);
    v = &e->location[e->location_count++];
    memset(v, 0, sizeof *v);
    v->loc = loc;
    v->loc.length = (int)length;
    if (!is_value) {
        v->kind = API_VALUE_STRING;
        v->text = rt_arena_strndup(p->arena, text, length);
        return 0;
    }
    if (!dot || dot == text || dot + 1 == text + length) {
        diag_error(p->diag, v->loc, "expected {STEP.column} or {path.name} in a location");
        return RT_EINVAL;
    }
    v->kind = API_VALUE_REF;
    v->text = rt_arena_strndup(p->arena, text, (size_t)(dot - text));
    v->member = rt_arena_strndup(p->arena, dot + 1, length - (size_t)(dot - text) - 1);
    v->member_loc = loc;
    v->member_loc.col += (int)(dot - text) + 1;
    v->member_loc.length = (int)(length - (size_t)(dot - text) - 1);
    return 0;
}

/* location "/products/{product.uid}": literal text and {values}; the
 * checker says what the values may be. */
static int parse_context_location(parse_api_parser *p, api_endpoint *e)
{
    const token *t = NULL;
    const char *text;
    diag_loc loc;
    int rc;

    e->location_loc = parse_context_loc(p, parse_context_advance(p));
    e->has_location = true;
    rc = parse_context_expect(p, TOKEN_STRING, "a location template (\"/things/{step.uid}\")", &t);
    if (rc)
        return rc;
    text = parse_context_string(p, t);
    loc = parse_context_loc(p, t);
    for (size_t at = 0; text[at] != '\0' && rc == 0;) {
        diag_loc part_loc = loc;
        part_loc.col += 1 + (int)at; /* after the opening quote */
        if (text[at] == '{') {
            const char *close = strchr(text + at, '}');
            if (!close) {
                part_loc.length = 1;
                diag_error(p->diag, part_loc, "unclosed \"{\" in a location");
                return RT_EINVAL;
            }
            part_loc.col++;
            rc = parse_context_location_part(p, e, text + at + 1, (size_t)(close - text) - at - 1,
                                             true, part_loc);
            at = (size_t)(close - text) + 1;
        } else {
            size_t length = strcspn(text + at, "{");
            rc = parse_context_location_part(p, e, text + at, length, false, part_loc);
            at += length;
        }
    }
    return rc;
}

/* STATUS { MEMBER... } [as Name] | STATUS [page] STEP [as Name[(...)]]
 * [location "TEMPLATE"] */
static int parse_api_response(parse_api_parser *p, api_endpoint *e)
{
    int rc = parse_api_response_body(p, e);
    if (rc == 0 && parse_context_at_word(p, "location"))
        rc = parse_context_location(p, e);
    return rc;
}

/* STATUS { MEMBER... } [as Name] | STATUS [page] STEP [as Name[(...)]] */
static int parse_api_response_body(parse_api_parser *p, api_endpoint *e)
{
    int rc;

    if (e->has_response) {
        diag_error(p->diag, parse_context_loc(p, parse_context_peek(p, 0)),
                   "an endpoint has one response");
        return RT_EINVAL;
    }
    rc = parse_context_status(p, &e->status, &e->status_loc);
    if (rc)
        return rc;
    e->has_response = true;
    if (parse_context_at(p, TOKEN_IDENT)) {
        api_member *m;
        e->members = rt_arena_grow(p->arena, e->members, e->member_count, &e->member_capacity,
                                   sizeof *e->members);
        m = &e->members[e->member_count];
        memset(m, 0, sizeof *m);
        m->kind = RT_MEMBER_ROW;
        if (parse_context_at_word(p, "page") && parse_context_peek(p, 1)->kind == TOKEN_IDENT) {
            parse_context_advance(p);
            m->kind = RT_MEMBER_PAGE;
        }
        rc = parse_context_ident(p, "a step name", &m->step_name, &m->step_loc);
        if (rc)
            return rc;
        m->loc = m->step_loc;
        e->member_count++;
        return parse_api_schema_name(p, &m->schema);
    }
    rc = parse_api_open(p, "\"{\" or a step name after the status", "the response");
    if (!rc)
        rc = parse_api_members(p, &e->members, &e->member_count, &e->member_capacity);
    if (!rc)
        rc = parse_api_schema_name(p, &e->schema);
    return rc;
}

/* --------------------------------------------------------------- endpoint */

static int parse_api_auth(parse_api_parser *p, api_endpoint *e)
{
    int rc;
    if (parse_context_at_word(p, "public")) {
        parse_context_advance(p);
        e->auth = RT_AUTH_PUBLIC;
        return 0;
    }
    if (parse_context_at_word(p, "any")) {
        parse_context_advance(p);
        e->auth = RT_AUTH_ANY_USER;
        return 0;
    }
    if (!parse_context_at_word(p, "role"))
        return parse_context_expected_word(p, "\"public\", \"any\" or \"role NAME, ...\"",
                                           (const char *const[]){"public", "any", "role", NULL});
    parse_context_advance(p);
    e->auth = RT_AUTH_ROLES;
    do {
        if (e->role_count > 0)
            parse_context_advance(p); /* the comma */
        e->roles =
            rt_arena_grow(p->arena, e->roles, e->role_count, &e->role_capacity, sizeof *e->roles);
        e->role_locs = rt_arena_grow(p->arena, e->role_locs, e->role_count, &e->role_loc_capacity,
                                     sizeof *e->role_locs);
        rc = parse_context_ident(p, "a role name", &e->roles[e->role_count],
                                 &e->role_locs[e->role_count]);
        if (rc)
            return rc;
        e->role_count++;
    } while (parse_context_at(p, TOKEN_COMMA));
    return 0;
}

static int parse_api_limit(parse_api_parser *p, api_endpoint *e)
{
    if (parse_context_at_word(p, "none"))
        e->limit = RT_LIMIT_NONE;
    else if (parse_context_at_word(p, "per_ip"))
        e->limit = RT_LIMIT_PER_IP;
    else if (parse_context_at_word(p, "per_user"))
        e->limit = RT_LIMIT_PER_USER;
    else
        return parse_context_expected_word(
            p, "\"none\", \"per_ip\" or \"per_user\"",
            (const char *const[]){"none", "per_ip", "per_user", NULL});
    parse_context_advance(p);
    e->limit_given = true;
    return 0;
}

/* idempotency on|off */
static int parse_api_idempotency(parse_api_parser *p, api_endpoint *e)
{
    if (parse_context_at_word(p, "on"))
        e->idempotent = true;
    else if (parse_context_at_word(p, "off"))
        e->idempotent = false;
    else
        return parse_context_expected_word(p, "\"on\" or \"off\"",
                                           (const char *const[]){"on", "off", NULL});
    parse_context_advance(p);
    e->idempotency_given = true;
    return 0;
}

static const char *const parse_api_endpoint_words[] = {
    "operation", "auth",    "limit", "idempotency", "body", "query", "run",  "check",
    "let",       "enqueue", "log",   "sleep",       "stop", "tx",    "etag", NULL,
};

static int parse_api_endpoint(parse_api_parser *p, api_endpoint *e)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    const token *method = parse_context_peek(p, 0);
    const token *path = NULL;
    bool auth_given = false;
    int rc;

    memset(e, 0, sizeof *e);
    e->auth = RT_AUTH_ANY_USER;
    e->page_field = -1;
    e->page_size_field = -1;
    e->cursor_field = -1;
    e->loc = parse_context_loc(p, method);
    rc = parse_context_ident(p, "an HTTP method", &e->method, NULL);
    if (rc)
        return rc;
    {
        bool known = false;
        for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++)
            known = known || strcmp(e->method, methods[k]) == 0;
        if (!known) {
            diag_error(p->diag, e->loc,
                       "unknown HTTP method \"%s\" (expected GET, POST, PUT, PATCH or DELETE)",
                       e->method);
            return RT_EINVAL;
        }
    }
    rc = parse_context_expect(p, TOKEN_PATH, "a path starting with \"/\"", &path);
    if (rc)
        return rc;
    e->path = parse_context_text(p, path);
    e->path_loc = parse_context_loc(p, path);
    rc = parse_path_read(p->arena, p->diag, e);
    if (rc)
        return rc;
    if (parse_context_at(p, TOKEN_STRING)) {
        e->summary = parse_context_string(p, parse_context_advance(p));
    }
    rc =
        parse_api_open(p, "\"{\"", rt_arena_printf(p->arena, "endpoint %s %s", e->method, e->path));
    if (rc)
        return rc;
    while (!parse_context_at(p, TOKEN_RBRACE)) {
        const token *t = parse_context_peek(p, 0);
        if (t->kind == TOKEN_NUMBER) {
            rc = parse_api_response(p, e);
        } else if (e->has_response && t->kind == TOKEN_IDENT && !parse_hint_is_declaration(t)) {
            diag_error(p->diag, parse_context_loc(p, t), "the response must come last");
            rc = RT_EINVAL;
        } else if (parse_context_at_word(p, "auth")) {
            if (auth_given) {
                diag_error(p->diag, parse_context_loc(p, t), "auth given twice");
                return RT_EINVAL;
            }
            auth_given = true;
            parse_context_advance(p);
            rc = parse_api_auth(p, e);
        } else if (parse_context_at_word(p, "operation")) {
            if (e->operation) {
                diag_error(p->diag, parse_context_loc(p, t), "operation given twice");
                return RT_EINVAL;
            }
            parse_context_advance(p);
            rc = parse_context_ident(p, "an operation name (listOrders)", &e->operation,
                                     &e->operation_loc);
        } else if (parse_context_at_word(p, "etag")) {
            if (e->has_etag) {
                diag_error(p->diag, parse_context_loc(p, t), "etag given twice");
                return RT_EINVAL;
            }
            e->has_etag = true;
            e->etag_loc = parse_context_loc(p, parse_context_advance(p));
            rc = parse_value_read(p, &e->etag);
        } else if (parse_context_at_word(p, "limit")) {
            if (e->limit_given) {
                diag_error(p->diag, parse_context_loc(p, t), "limit given twice");
                return RT_EINVAL;
            }
            parse_context_advance(p);
            rc = parse_api_limit(p, e);
        } else if (parse_context_at_word(p, "idempotency")) {
            if (e->idempotency_given) {
                diag_error(p->diag, parse_context_loc(p, t), "idempotency given twice");
                return RT_EINVAL;
            }
            e->idempotency_loc = parse_context_loc(p, t);
            parse_context_advance(p);
            rc = parse_api_idempotency(p, e);
        } else if (parse_context_at_word(p, "body") || parse_context_at_word(p, "query")) {
            bool body = parse_context_at_word(p, "body");
            if ((body && e->has_body) || (!body && e->has_query)) {
                diag_error(p->diag, parse_context_loc(p, t), "%s given twice",
                           body ? "body" : "query");
                return RT_EINVAL;
            }
            parse_context_advance(p);
            rc = parse_api_open(p, "\"{\"", body ? "the body block" : "the query block");
            if (rc)
                return rc;
            if (body) {
                e->has_body = true;
                rc = parse_api_fields(p, &e->body_fields, &e->body_field_count,
                                      &e->body_field_capacity);
            } else {
                e->has_query = true;
                rc = parse_api_fields(p, &e->query_fields, &e->query_field_count,
                                      &e->query_field_capacity);
            }
        } else if (parse_rule_at(p)) {
            if (e->program.step_count > 0) {
                diag_error(p->diag, parse_context_loc(p, t),
                           "a rule between fields (check query.a <= query.b) comes before the "
                           "steps");
                return RT_EINVAL;
            }
            rc = parse_rule_read(p, e);
        } else if (parse_context_at_word(p, "tx") || parse_api_at_step(p)) {
            rc = parse_api_program_item(p, &e->program);
        } else {
            rc = parse_context_expected_word(
                p,
                "operation, auth, limit, idempotency, body, query, a step (run, check, "
                "let, enqueue, log), tx, etag, a response status or \"}\"",
                parse_api_endpoint_words);
        }
        if (rc)
            return rc;
    }
    parse_api_close(p);
    if (!e->has_response) {
        diag_error(p->diag, e->loc, "endpoint %s %s has no response (e.g. 200 { ... })", e->method,
                   e->path);
        return 0;
    }
    return 0;
}

/* ------------------------------------------------------ jobs, schedules */

/* job KIND ["summary"] { payload { FIELD... } attempts N STEP... } */
static int parse_api_job(parse_api_parser *p, api_job *j)
{
    int rc;

    memset(j, 0, sizeof *j);
    j->max_attempts = 5;
    rc = parse_context_ident(p, "a job kind", &j->kind, &j->loc);
    if (rc)
        return rc;
    if (parse_context_at(p, TOKEN_STRING)) {
        j->summary = parse_context_string(p, parse_context_advance(p));
    }
    rc = parse_api_open(p, "\"{\"", rt_arena_printf(p->arena, "job %s", j->kind));
    if (rc)
        return rc;
    while (!parse_context_at(p, TOKEN_RBRACE)) {
        if (parse_context_at_word(p, "payload")) {
            parse_context_advance(p);
            rc = parse_api_open(p, "\"{\"", "the payload block");
            if (!rc)
                rc = parse_api_fields(p, &j->payload_fields, &j->payload_field_count,
                                      &j->payload_field_capacity);
        } else if (parse_context_at_word(p, "attempts")) {
            const token *n = NULL;
            parse_context_advance(p);
            rc = parse_context_expect(p, TOKEN_NUMBER, "the number of attempts", &n);
            if (!rc) {
                j->max_attempts = atoi(n->text);
                if (j->max_attempts < 1 || j->max_attempts > 100 ||
                    memchr(n->text, '.', (size_t)n->length)) {
                    diag_error(p->diag, parse_context_loc(p, n),
                               "attempts is a whole number from 1 to 100");
                    return RT_EINVAL;
                }
            }
        } else if (parse_context_at_word(p, "tx") || parse_api_at_step(p)) {
            rc = parse_api_program_item(p, &j->program);
        } else {
            rc = parse_context_expected_word(
                p,
                "payload, attempts, a step (run, check, let, enqueue, "
                "sleep, log), tx or \"}\"",
                (const char *const[]){"payload", "attempts", "run", "check", "let", "enqueue",
                                      "sleep", "log", "stop", "tx", NULL});
        }
        if (rc)
            return rc;
    }
    parse_api_close(p);
    return 0;
}

/* schedule JOB every config.KEY */
static int parse_api_schedule(parse_api_parser *p, api_schedule *s)
{
    int rc;

    memset(s, 0, sizeof *s);
    rc = parse_context_ident(p, "a job kind", &s->job_name, &s->loc);
    if (rc)
        return rc;
    if (!parse_context_at_word(p, "every"))
        return parse_context_expected_word(p, "\"every\"", (const char *const[]){"every", NULL});
    parse_context_advance(p);
    if (!parse_context_at_word(p, "config") || parse_context_peek(p, 1)->kind != TOKEN_DOT)
        return parse_context_expected(p, "config.KEY (the interval in seconds)");
    p->pos += 2;
    return parse_context_ident(p, "a config key", &s->interval_key, &s->interval_loc);
}

/* on enter STATE | on leave STATE | on FROM -> TO, then call FUNCTION["argument"]
 * (the lifecycle's `on` has been read). */
static int parse_api_effect(parse_api_parser *p, api_lifecycle *l)
{
    const token *argument = NULL;
    api_effect *e;
    int rc;

    l->effects = rt_arena_grow(p->arena, l->effects, l->effect_count, &l->effect_capacity,
                               sizeof *l->effects);
    e = &l->effects[l->effect_count];
    memset(e, 0, sizeof *e);
    e->loc = parse_context_loc(p, parse_context_peek(p, 0));
    if (parse_context_at_word(p, "enter") || parse_context_at_word(p, "leave")) {
        bool enter = parse_context_at_word(p, "enter");
        parse_context_advance(p);
        e->when = enter ? API_EFFECT_ENTER : API_EFFECT_LEAVE;
        rc = parse_context_ident(p, "a state", enter ? &e->to : &e->from,
                                 enter ? &e->to_loc : &e->from_loc);
    } else {
        e->when = API_EFFECT_TRANSITION;
        rc = parse_context_ident(p, "\"enter\", \"leave\" or a state", &e->from, &e->from_loc);
        if (!rc)
            rc = parse_context_expect(p, TOKEN_ARROW, "\"->\"", NULL);
        if (!rc)
            rc = parse_context_ident(p, "a state", &e->to, &e->to_loc);
    }
    if (rc)
        return rc;
    if (!parse_context_at_word(p, "call"))
        return parse_context_expected_word(p, "\"call\" FUNCTION",
                                           (const char *const[]){"call", NULL});
    parse_context_advance(p);
    rc = parse_context_ident(p, "a SQL function name", &e->function, &e->function_loc);
    if (!rc)
        rc = parse_context_expect(p, TOKEN_LPAREN, "\"(\"", NULL);
    if (!rc && parse_context_at(p, TOKEN_STRING)) {
        argument = parse_context_advance(p);
        e->argument = parse_context_string(p, argument);
    }
    if (!rc)
        rc = parse_context_expect(p, TOKEN_RPAREN, "\")\"", NULL);
    if (rc)
        return rc;
    l->effect_count++;
    return 0;
}

/* lifecycle NAME on TABLE.COLUMN history TABLE(COLUMN) {
 *   [initial STATE] [reason COLUMN]  FROM -> TO [by WHO, ...] ...
 *   on enter STATE | on leave STATE | on FROM -> TO  call FUNCTION(["argument"]) ... } */
static int parse_api_lifecycle(parse_api_parser *p, api_lifecycle *l)
{
    int rc;

    memset(l, 0, sizeof *l);
    rc = parse_context_ident(p, "a lifecycle name", &l->name, &l->loc);
    if (rc)
        return rc;
    if (!parse_context_at_word(p, "on"))
        return parse_context_expected_word(p, "\"on\" TABLE.COLUMN",
                                           (const char *const[]){"on", NULL});
    parse_context_advance(p);
    rc = parse_context_ident(p, "a table name", &l->table, &l->table_loc);
    if (!rc)
        rc = parse_context_expect(p, TOKEN_DOT, "\".\" (TABLE.COLUMN)", NULL);
    if (!rc)
        rc = parse_context_ident(p, "a column name", &l->column, &l->column_loc);
    if (rc)
        return rc;
    if (!parse_context_at_word(p, "history"))
        return parse_context_expected_word(p, "\"history\" TABLE(COLUMN)",
                                           (const char *const[]){"history", NULL});
    parse_context_advance(p);
    rc = parse_context_ident(p, "a history table name", &l->history_table, &l->history_loc);
    if (!rc)
        rc = parse_context_expect(p, TOKEN_LPAREN, "\"(\"", NULL);
    if (!rc)
        rc = parse_context_ident(p, "the history column that points at the row", &l->history_column,
                                 &l->history_column_loc);
    if (!rc)
        rc = parse_context_expect(p, TOKEN_RPAREN, "\")\"", NULL);
    if (!rc)
        rc = parse_api_open(p, "\"{\"", rt_arena_printf(p->arena, "lifecycle %s", l->name));
    if (rc)
        return rc;
    while (!parse_context_at(p, TOKEN_RBRACE)) {
        api_transition *t;
        if (parse_context_at_word(p, "initial")) {
            parse_context_advance(p);
            rc = parse_context_ident(p, "the initial state", &l->initial, &l->initial_loc);
            if (rc)
                return rc;
            continue;
        }
        if (parse_context_at_word(p, "reason")) {
            parse_context_advance(p);
            rc = parse_context_ident(p, "the column holding the reason", &l->reason_column,
                                     &l->reason_loc);
            if (rc)
                return rc;
            continue;
        }
        if (parse_context_at_word(p, "on")) {
            parse_context_advance(p);
            rc = parse_api_effect(p, l);
            if (rc)
                return rc;
            continue;
        }
        l->transitions = rt_arena_grow(p->arena, l->transitions, l->transition_count,
                                       &l->transition_capacity, sizeof *l->transitions);
        t = &l->transitions[l->transition_count];
        memset(t, 0, sizeof *t);
        rc = parse_context_ident(p, "a state, \"initial\", \"reason\", \"on\" or \"}\"", &t->from,
                                 &t->from_loc);
        if (!rc)
            rc = parse_context_expect(p, TOKEN_ARROW, "\"->\"", NULL);
        if (!rc)
            rc = parse_context_ident(p, "a state", &t->to, &t->to_loc);
        if (rc)
            return rc;
        if (parse_context_at_word(p, "by")) {
            do {
                parse_context_advance(p); /* by, or the comma */
                t->by = rt_arena_grow(p->arena, t->by, t->by_count, &t->by_capacity, sizeof *t->by);
                t->by_locs = rt_arena_grow(p->arena, t->by_locs, t->by_count, &t->by_loc_capacity,
                                           sizeof *t->by_locs);
                rc = parse_context_ident(p, "a role, owner or scheduler", &t->by[t->by_count],
                                         &t->by_locs[t->by_count]);
                if (rc)
                    return rc;
                t->by_count++;
            } while (parse_context_at(p, TOKEN_COMMA));
        }
        l->transition_count++;
    }
    parse_api_close(p);
    return 0;
}

/* After an error: the next declaration that starts a line. */
static void parse_api_resync(parse_api_parser *p)
{
    p->blocks.count = 0;
    if (parse_hint_is_declaration(parse_context_peek(p, 0)))
        return; /* the error was an unclosed block: this declaration is whole */
    parse_context_advance(p);
    while (!parse_context_at(p, TOKEN_EOF) && !parse_hint_is_declaration(parse_context_peek(p, 0)))
        parse_context_advance(p);
}

int parse_api_file(rt_arena *a, diag *d, const diag_source *source, const char *stem, api_file *out)
{
    parse_api_parser p;
    token *tokens = NULL;
    int count = 0;
    int rc;

    memset(out, 0, sizeof *out);
    out->source = source;
    out->stem = stem;
    rc = lexer_tokenize(a, source, LEXER_API, false, &tokens, &count);
    if (rc)
        goto done;
    memset(&p, 0, sizeof p);
    p.arena = a;
    p.diag = d;
    p.source = source;
    p.tokens = tokens;
    p.count = count;
    while (!parse_context_at(&p, TOKEN_EOF)) {
        int *declared;
        if (parse_context_at_word(&p, "endpoint")) {
            parse_context_advance(&p);
            out->endpoints = rt_arena_grow(a, out->endpoints, out->endpoint_count,
                                           &out->endpoint_capacity, sizeof *out->endpoints);
            declared = &out->endpoint_count;
            rc = parse_api_endpoint(&p, &out->endpoints[*declared]);
        } else if (parse_context_at_word(&p, "job")) {
            parse_context_advance(&p);
            out->jobs =
                rt_arena_grow(a, out->jobs, out->job_count, &out->job_capacity, sizeof *out->jobs);
            declared = &out->job_count;
            rc = parse_api_job(&p, &out->jobs[*declared]);
            if (rc == 0)
                out->jobs[*declared].stem = stem;
        } else if (parse_context_at_word(&p, "schedule")) {
            parse_context_advance(&p);
            out->schedules = rt_arena_grow(a, out->schedules, out->schedule_count,
                                           &out->schedule_capacity, sizeof *out->schedules);
            declared = &out->schedule_count;
            rc = parse_api_schedule(&p, &out->schedules[*declared]);
        } else if (parse_context_at_word(&p, "lifecycle")) {
            parse_context_advance(&p);
            out->lifecycles = rt_arena_grow(a, out->lifecycles, out->lifecycle_count,
                                            &out->lifecycle_capacity, sizeof *out->lifecycles);
            declared = &out->lifecycle_count;
            rc = parse_api_lifecycle(&p, &out->lifecycles[*declared]);
            if (rc == 0) {
                out->lifecycles[*declared].stem = stem;
                out->lifecycles[*declared].source = source;
            }
        } else {
            int at = p.pos;
            parse_context_expected_word(
                &p, "\"endpoint\", \"job\", \"schedule\" or \"lifecycle\"",
                (const char *const[]){"endpoint", "job", "schedule", "lifecycle", NULL});
            parse_api_resync(&p);
            if (p.pos == at)
                parse_context_advance(&p); /* always make progress */
            continue;
        }
        if (rc == 0) {
            (*declared)++;
        } else {
            rc = 0;
            parse_api_resync(&p);
        }
    }
done:
    return rc;
}
