/*
 * model.h - what the compiler knows: the schema catalog (from migrations),
 * the named queries (from spec/<name>.sql) and the endpoints (from
 * spec/<name>.api). Parsers fill these, check.c resolves them, the emitters
 * read them.
 *
 * Ownership: everything hangs off one arena (arena.h) and lives for the
 * whole compile. Arrays are (pointer, count, capacity) triples grown with
 * rt_arena_grow(); pointers into them are taken only after parsing is done.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "rt_api.h"

/* ------------------------------------------------------------------ types */

/* A SQL-side type. `name` is the canonical spelling used in generated
 * tables and messages: "text", "int", "bigint", "numeric(12,2)",
 * "numeric", "bool", "uuid", "timestamptz", "date", "json", "jsonb", or an
 * enum type's name. */
typedef struct sqltype {
    rt_type type;
    const char *name;
    int precision; /* numeric(p,s); 0 when unconstrained */
    int scale;
    bool opaque; /* a type specc does not model (inet, text[]): an error
                    where a query would need to bind or read it */
} sqltype;

/* ---------------------------------------------------------------- catalog */

typedef struct catalog_column {
    const char *name;
    sqltype type;
    bool not_null;
    bool has_default;
    diag_loc loc;
} catalog_column;

typedef struct catalog_table {
    const char *name;
    catalog_column *columns;
    int column_count, column_capacity;
    bool dropped;
    diag_loc loc;
} catalog_table;

typedef struct catalog_enum {
    const char *name;
    const char **labels;
    int label_count, label_capacity;
    diag_loc loc;
} catalog_enum;

typedef enum catalog_constraint_kind {
    CATALOG_PRIMARY_KEY = 0,
    CATALOG_UNIQUE, /* a UNIQUE constraint or a unique index */
    CATALOG_CHECK,
    CATALOG_FOREIGN_KEY,
    CATALOG_EXCLUDE,
} catalog_constraint_kind;

typedef struct catalog_constraint {
    const char *name;
    const char *table;
    catalog_constraint_kind kind;
    diag_loc loc;
} catalog_constraint;

/* An index: CREATE INDEX, or the one a PRIMARY KEY or UNIQUE constraint
 * makes. The compiler only asks which column leads it: whether an
 * ordering or a filter of a list can be served by it (a warning when none
 * can; docs/spec-language.md, "Pages"). */
typedef struct catalog_index {
    const char *name;
    const char *table;
    const char *first_column; /* NULL: an expression leads it */
    bool partial;             /* has a WHERE clause */
} catalog_index;

typedef struct catalog {
    catalog_table *tables;
    int table_count, table_capacity;
    catalog_enum *enums;
    int enum_count, enum_capacity;
    catalog_constraint *constraints;
    int constraint_count, constraint_capacity;
    catalog_index *indexes;
    int index_count, index_capacity;
    /* functions the migrations create VOLATILE (PostgreSQL's default):
     * a query calling one may write (sqlwrites.c) */
    const char **volatile_functions;
    int volatile_function_count, volatile_function_capacity;
} catalog;

/* ---------------------------------------------------------------- queries */

typedef struct sql_param {
    const char *name; /* without '@' */
    sqltype type;
    bool typed;
    diag_loc loc; /* first use */
} sql_param;

typedef struct sql_column {
    const char *name;
    sqltype type;
    bool nullable;
    diag_loc loc;
} sql_column;

typedef struct sql_file sql_file;

/* A piece of a dynamic query (rt_sql_part): lines marked `-- filter` are
 * present only when their parameters are non-NULL; the line marked
 * `-- ordering: a, b` is replaced by the chosen ordering. */
typedef struct sql_part {
    rt_part_kind kind;
    const char *text; /* with $n; ends with a newline unless last */
    int *params;      /* RT_PART_FILTER: 0-based parameter indexes */
    int param_count;
    int line;
} sql_part;

typedef struct sql_ordering {
    const char *name; /* "amount", "-amount"; NULL for a keyset query's default */
    const char *sql;  /* "ORDER BY amount ASC, o.id ASC" */
    /* `:page keyset` queries (rt_ordering): */
    const char *reverse_sql; /* the same keys the other way */
    const char *after;       /* "  AND (o.amount, o.id) > ($8, $9)\n" */
    const char *before;      /* "  AND (o.amount, o.id) < ($8, $9)\n" */
    int key_column;          /* the result column holding the first key */
} sql_ordering;

/* `SET column = value` of an UPDATE (or of INSERT ... ON CONFLICT DO
 * UPDATE) on a table of the catalog: what the checker needs to see which
 * lifecycle transitions a query fires (check.c). */
typedef struct sql_assignment {
    const char *table;   /* catalog table name */
    const char *column;  /* the assigned column */
    const char *literal; /* the value when it is a string literal
                            ('cancelled', also 'cancelled'::order_status);
                            NULL for any other expression */
    diag_loc loc;        /* the value */
    int *where_params;   /* 0-based indexes of the parameters used in the
                            statement's WHERE clause (its row filter) */
    int where_param_count;
} sql_assignment;

typedef struct sql_query {
    const char *name;       /* "CreateUser" */
    const char *snake_name; /* "create_user" */
    rt_cardinality cardinality;
    diag_loc loc;    /* the name in the "-- name:" line */
    int line;        /* line of the "-- name:" comment */
    const char *sql; /* with $n for @name */
    sql_param *params;
    int param_count, param_capacity;
    sql_column *columns;
    int column_count, column_capacity;
    int id; /* position among all queries sorted by name */
    const sql_file *file;
    sql_part *parts; /* NULL: a static query */
    int part_count, part_capacity;
    sql_ordering *orderings;
    int ordering_count, ordering_capacity;
    int page_params;              /* :page: the last 2 params are limit and offset (added);
                                     `:page keyset`: 4, the cursor's key and tiebreak first */
    bool keyset;                  /* `:page keyset`: cursors, and a last hidden column
                                     page_tiebreak (the ORDER BY's last key) */
    sql_ordering *keyset_default; /* keyset: the spec's own ORDER BY as an ordering */
    bool has_errors;              /* reported: its columns and types are incomplete */
    bool reads_only;              /* nothing in it writes or locks (sqlwrites.c) */
    sql_assignment *assignments;  /* in source order */
    int assignment_count, assignment_capacity;
} sql_query;

struct sql_file {
    const diag_source *source;
    const char *stem; /* "users" for spec/users.sql */
    sql_query *queries;
    int query_count, query_capacity;
};

/* -------------------------------------------------------------- endpoints */

typedef enum api_value_kind {
    API_VALUE_NULL = 0,
    API_VALUE_STRING, /* text: unescaped */
    API_VALUE_NUMBER, /* text: as written */
    API_VALUE_BOOL,   /* text: "true" / "false" */
    API_VALUE_REF,    /* text.member: body.email, user.id */
    API_VALUE_CALL,   /* text(args) */
} api_value_kind;

typedef struct api_value {
    api_value_kind kind;
    diag_loc loc; /* the whole value's first token (the name for refs) */
    const char *text;
    const char *member; /* API_VALUE_REF */
    diag_loc member_loc;
    bool present; /* `body.f?`: whether the key was in the body */
    struct api_value *args;
    int arg_count, arg_capacity;
    /* VALUE unless auth.role in (a, b) [else OTHER] */
    const char **unless_roles;
    diag_loc *unless_role_locs;
    int unless_role_count, unless_role_capacity, unless_loc_capacity;
    struct api_value *otherwise; /* NULL: SQL NULL */
    /* resolved by check.c */
    rt_value_kind rt_kind;
    sqltype type;
    bool nullable;
    int index;  /* field / auth key / config key / step / builtin */
    int column; /* RT_VALUE_STEP */
} api_value;

typedef struct api_field {
    const char *name;
    diag_loc loc;
    const char *type_name; /* as written: "text", "decimal", "user_role"; NULL for arrays */
    diag_loc type_loc;
    int precision, scale; /* decimal(p,s) as written */
    bool question;        /* `?` */
    bool nullable;        /* `nullable`: JSON null accepted */
    diag_loc nullable_loc;
    bool has_len;
    const char *len_min, *len_max; /* number text or NULL */
    diag_loc len_loc;
    bool has_range;
    const char *range_min, *range_max;
    diag_loc range_loc;
    const char **choices; /* in ("a", "b") */
    int choice_count, choice_capacity;
    diag_loc choices_loc;
    bool has_default;
    api_value default_value;
    bool is_array;
    bool scalar_items; /* `[ TYPE ... ]`: items[0] describes every item (named as the
                          array); else `[ { FIELD... } ]`: items are the objects' fields */
    struct api_field *items;
    int item_count, item_capacity;
    bool unique; /* `unique`: an array of values holds no value twice */
    diag_loc unique_loc;
    int alternative;          /* 0, or k: the field is in alternative k of the block's
                                 `either { ... } or { ... }` */
    diag_loc alternative_loc; /* the `either` or `or` that opened it */
    /* resolved by check.c */
    rt_field_kind kind;
    sqltype type;
    bool required;
    int64_t min_len, max_len, min, max;
    const char *default_text;
    const catalog_enum *enumeration;
    bool used;
} api_field;

typedef struct api_arg {
    const char *name;
    diag_loc loc;
    api_value value;
    int param_index; /* resolved */
} api_arg;

typedef struct api_outcome {
    const char *outcome_name;
    diag_loc loc;
    const char *constraint; /* or NULL */
    diag_loc constraint_loc;
    int status;
    diag_loc status_loc;
    const char *code; /* or NULL: the status's default */
    const char *message;
    bool fields_from_detail; /* `fields from detail` (raise only) */
    diag_loc fields_loc;
    rt_outcome outcome; /* resolved */
} api_outcome;

struct api_member;
struct api_job;

/* `COLUMN: [Name]` inside `as Name(...)`: the shape of a json or jsonb
 * result column, which the compiler cannot see in SQL, as a named schema
 * (an array of them with brackets). */
typedef struct api_json_shape {
    const char *column;
    diag_loc loc;
    const char *schema;
    diag_loc schema_loc;
    bool is_array;
} api_json_shape;

/* `as Name[(column: [Other], ...)]` after a response or a member: the
 * OpenAPI component schema that names the object (emit_openapi.c). */
typedef struct api_schema_name {
    const char *name; /* NULL: named by the default rule */
    diag_loc loc;
    api_json_shape *json_shapes;
    int json_shape_count, json_shape_capacity;
} api_schema_name;
struct api_lifecycle;

/* A lifecycle transition a step fires: its query sets the lifecycle's
 * column to the literal state `to` (resolved by check.c). */
typedef struct api_firing {
    const struct api_lifecycle *lifecycle;
    const char *to;
} api_firing;

typedef struct api_step {
    rt_step_kind kind; /* QUERY, CHECK, LET, ENQUEUE, SLEEP, LOG */
    diag_loc loc;      /* the keyword */
    const char *name;  /* or NULL */
    diag_loc name_loc;
    /* RT_STEP_QUERY */
    const char *query_name;
    diag_loc query_loc;
    api_arg *args;
    int arg_count, arg_capacity;
    diag_loc close_loc; /* the ')' of the call, for "missing argument" */
    bool has_order_by;  /* order_by VALUE: the client's ordering name */
    api_value order_by;
    bool optional;
    diag_loc optional_loc;
    api_outcome *outcomes;
    int outcome_count, outcome_capacity;
    /* RT_STEP_CHECK, RT_STEP_LET: the call; RT_STEP_SLEEP: the seconds */
    api_value call;
    /* RT_STEP_ENQUEUE: job_name(args) in query_name / args */
    const struct api_job *job;
    /* RT_STEP_LOG: name is the event */
    struct api_member *members;
    int member_count, member_capacity;
    int else_status;
    diag_loc else_loc;
    const char *else_code;
    const char *else_message;
    const char *else_event; /* RT_STEP_CHECK: `else ... log EVENT {...}`, or NULL */
    diag_loc else_event_loc;
    const char *stop_step; /* RT_STEP_STOP: `stop if empty STEP` */
    diag_loc stop_step_loc;
    int stop_index; /* its rt_index, once checked */
    bool in_tx;
    int tx_block;      /* 1, 2, ...: which tx block holds it (0: none) */
    int tx_begin_line; /* lines of its block's `tx {` and `}` */
    int tx_end_line;
    /* resolved by check.c */
    int rt_index; /* index among the emitted rt_step entries (tx adds BEGIN/COMMIT) */
    const sql_query *query;
    const sql_column *columns; /* result columns (query or record built-in) */
    int column_count;
    api_value *ordered_args; /* arguments in parameter order */
    api_firing *firings;     /* lifecycle transitions its query fires */
    int firing_count, firing_capacity;
} api_step;

typedef struct api_member {
    const char *key; /* NULL for `...STEP` and `STATUS STEP` */
    diag_loc loc;
    rt_member_kind kind;
    api_value value; /* RT_MEMBER_VALUE */
    const char *step_name;
    diag_loc step_loc;
    const char *column_name; /* RT_MEMBER_EACH: each STEP.column */
    diag_loc column_loc;
    int step;   /* resolved: rt step index */
    int column; /* resolved: RT_MEMBER_EACH */
    sqltype type;
    api_schema_name schema; /* `as Name` after a row, rows or page member */
} api_member;

/* Steps of an endpoint or a job; each `tx { }` block marks a contiguous
 * run of them (emitted between RT_STEP_BEGIN and RT_STEP_COMMIT). */
typedef struct api_program {
    api_step *steps;
    int step_count, step_capacity;
    int tx_count; /* tx blocks */
} api_program;

/* check query.a <= query.b else 400 "message": a rule between two request
 * fields, run before the steps (rt_rule in rt_api.h). */
typedef struct api_rule {
    diag_loc loc; /* `check` */
    api_value left;
    rt_compare compare;
    diag_loc compare_loc;
    api_value right;
    int status;
    diag_loc status_loc;
    const char *message;
} api_rule;

typedef struct api_endpoint {
    const char *method; /* "POST" */
    diag_loc loc;       /* the method */
    const char *path;   /* as written: "/users/{uid: uuid}/role" */
    diag_loc path_loc;
    const char *pattern; /* "/users/{uid}/role" */
    const char *id;      /* "patch_users_uid_role" */
    const char *summary;
    const char *operation; /* `operation NAME`, or NULL */
    diag_loc operation_loc;
    const char *operation_id; /* resolved: operation, or the default rule's */
    rt_auth_mode auth;
    const char **roles;
    diag_loc *role_locs;
    int role_count, role_capacity, role_loc_capacity;
    rt_limit_mode limit;
    bool limit_given;
    api_field *path_fields;
    int path_field_count, path_field_capacity;
    api_field *query_fields;
    int query_field_count, query_field_capacity;
    bool has_query;
    api_field *body_fields;
    int body_field_count, body_field_capacity;
    bool has_body;
    api_rule *rules;
    int rule_count, rule_capacity;
    api_program program;
    bool hashes_passwords; /* resolved: a step calls an RT_PASSWORD_BUILTIN */
    int page_field;        /* resolved: query field index of page, or -1 */
    int page_size_field;   /* resolved: query field index of page_size, or -1 */
    int cursor_field;      /* resolved: query field index of cursor (keyset pages), or -1 */
    int status;
    diag_loc status_loc;
    bool has_response;
    api_member *members;
    int member_count, member_capacity;
    api_schema_name schema; /* `STATUS { ... } as Name` */
    /* `location "/products/{product.uid}"` after the response: literal
     * parts (API_VALUE_STRING) and values (API_VALUE_REF), in order */
    bool has_location;
    diag_loc location_loc;
    api_value *location;
    int location_count, location_capacity;
    /* `etag STEP.column`: the success answer's ETag (a bigint version) */
    bool has_etag;
    diag_loc etag_loc;
    api_value etag;
    /* `idempotency on|off`; resolved by the checker: on by default for
     * POST, PUT, PATCH and DELETE (rt_endpoint.idempotent) */
    bool idempotent;
    bool idempotency_given;
    diag_loc idempotency_loc;
} api_endpoint;

/* job KIND "summary" { payload { ... } attempts N  STEP... } */
typedef struct api_job {
    const char *stem; /* of its file: the C name is api_STEM__job_KIND */
    const char *kind;
    diag_loc loc;
    const char *summary;
    api_field *payload_fields;
    int payload_field_count, payload_field_capacity;
    int max_attempts;
    api_program program;
} api_job;

/* schedule JOB every config.KEY */
typedef struct api_schedule {
    const char *job_name;
    diag_loc loc;
    const char *interval_key;
    diag_loc interval_loc;
    const api_job *job; /* resolved */
    int interval;       /* resolved: rt_config_key */
} api_schedule;

typedef struct api_transition {
    const char *from, *to;
    diag_loc from_loc, to_loc;
    const char **by;
    diag_loc *by_locs;
    int by_count, by_capacity, by_loc_capacity;
} api_transition;

/* When a lifecycle effect runs: the row enters `to`, leaves `from`, or
 * makes the transition from -> to. */
typedef enum api_effect_when {
    API_EFFECT_ENTER,
    API_EFFECT_LEAVE,
    API_EFFECT_TRANSITION,
} api_effect_when;

/* on enter STATE | on leave STATE | on FROM -> TO  call FUNCTION["argument"]:
 * the guard trigger runs PERFORM FUNCTION(NEW.id[, 'argument']). */
typedef struct api_effect {
    api_effect_when when;
    const char *from, *to; /* NULL when the kind has no such state */
    diag_loc loc, from_loc, to_loc;
    const char *function;
    diag_loc function_loc;
    const char *argument; /* or NULL */
} api_effect;

/* lifecycle NAME on TABLE.COLUMN history TABLE(COLUMN) { FROM -> TO by WHO...
 *   [reason COLUMN] [on ... call FUNCTION(...)] } */
typedef struct api_lifecycle {
    const char *stem; /* of its file: the C name is api_STEM__lifecycle_NAME */
    const diag_source *source;
    const char *name;
    diag_loc loc;
    const char *table, *column;
    diag_loc table_loc, column_loc;
    const char *history_table, *history_column;
    diag_loc history_loc, history_column_loc;
    const char *initial; /* `initial STATE`, or NULL: the first transition's from */
    diag_loc initial_loc;
    api_transition *transitions;
    int transition_count, transition_capacity;
    const char *reason_column; /* `reason COLUMN`: copied to the history's reason, or NULL */
    diag_loc reason_loc;
    api_effect *effects;
    int effect_count, effect_capacity;
    const char *guard_sql; /* resolved: the trigger */
} api_lifecycle;

typedef struct api_file {
    const diag_source *source;
    const char *stem; /* "users" for spec/users.api */
    api_endpoint *endpoints;
    int endpoint_count, endpoint_capacity;
    api_job *jobs;
    int job_count, job_capacity;
    api_schedule *schedules;
    int schedule_count, schedule_capacity;
    api_lifecycle *lifecycles;
    int lifecycle_count, lifecycle_capacity;
} api_file;

/* The whole program. */
typedef struct model {
    catalog catalog;
    sql_file *sql_files;
    int sql_file_count, sql_file_capacity;
    api_file *api_files;
    int api_file_count, api_file_capacity;
    const sql_query **queries_by_id; /* all queries sorted by name */
    int query_count;
    const diag_source **inputs; /* every input, in command-line order */
    int input_count;
} model;

#endif /* MODEL_H */
