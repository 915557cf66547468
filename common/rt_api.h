/*
 * rt_api.h - the contract between generated/ and runtime/. In common/:
 * the compiler that writes these tables includes it as well.
 *
 * The spec compiler (codegen/, build/specc) turns spec/ and migrations/ into
 * static, read-only descriptor tables of the types below; the runtime
 * interprets them (kore-style: routes, validators and programs are data).
 * Nothing here is mutable at run time; every pointer in a descriptor points
 * at other static data or string literals emitted into generated/.
 *
 * Invariants the compiler guarantees (and the runtime asserts where cheap):
 *   - every rt_value of kind RT_VALUE_STEP names an earlier step whose
 *     result has that column;
 *   - every query argument's type is compatible with its parameter type;
 *   - every route pattern is unique per method, and path fields appear in
 *     the pattern in the order of endpoint.path_fields;
 *   - arrays are NULL exactly when their count is 0.
 */
#ifndef RT_API_H
#define RT_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most parameters one query may have: its @names and, for a :page
 * query, the limit and offset the compiler adds. specc refuses a query
 * with more (an error at its "-- name:" line); the runtime sizes its
 * per-query argument arrays by it. */
#define RT_API_MAX_QUERY_PARAMS 64

/* Value types, as the compiler sees SQL and spec values. Every value moves
 * through the runtime as UTF-8 text in PostgreSQL's text format; the type
 * decides how it is validated on input and written on output (JSON). */
typedef enum rt_type {
    RT_TYPE_TEXT = 0,    /* text, varchar(n), char(n): JSON string */
    RT_TYPE_INT,         /* smallint, integer: JSON number */
    RT_TYPE_BIGINT,      /* bigint, bigserial: JSON number */
    RT_TYPE_NUMERIC,     /* numeric(p,s): JSON string with s decimals */
    RT_TYPE_BOOL,        /* boolean: JSON true/false */
    RT_TYPE_UUID,        /* uuid: JSON string */
    RT_TYPE_TIMESTAMPTZ, /* timestamptz: JSON string, ISO 8601 UTC ("...Z") */
    RT_TYPE_DATE,        /* date: JSON string YYYY-MM-DD */
    RT_TYPE_ENUM,        /* a CREATE TYPE ... AS ENUM type: JSON string */
    RT_TYPE_JSON,        /* json/jsonb: written through verbatim */
} rt_type;

/* ---------------------------------------------------------------- queries */

typedef enum rt_cardinality {
    RT_CARD_ONE = 0, /* :one  - at most one row; none is the no_row outcome */
    RT_CARD_MANY,    /* :many - any number of rows */
    RT_CARD_EXEC,    /* :exec - no rows expected */
    RT_CARD_PAGE,    /* :page - rows plus a total, for DRF-style pages */
} rt_cardinality;

typedef struct rt_column {
    const char *name;
    rt_type type;
    const char *type_name; /* SQL spelling: "uuid", "numeric(12,2)", "user_role" */
    bool nullable;
} rt_column;

typedef struct rt_param {
    const char *name; /* as written after '@' in the spec */
    rt_type type;
    const char *type_name; /* SQL spelling, as for rt_column */
} rt_param;

/* Dynamic queries are a list of parts. A filter part (a line marked
 * `-- filter` in the spec) is present only when every parameter it uses is
 * non-NULL; an order part (the line marked `-- ordering: a, b`) is
 * replaced by the chosen ordering. Part texts are fixed at compile time:
 * request text never enters SQL. Parameters in part texts are $n with the
 * query's numbering; the runtime renumbers the present ones and prepares
 * each (filter mask, ordering) variant once per connection. */
typedef enum rt_part_kind {
    RT_PART_TEXT = 0, /* always present */
    RT_PART_FILTER,   /* present iff all of params[] are non-NULL */
    RT_PART_ORDER,    /* "ORDER BY <chosen>, <tiebreak>" */
    RT_PART_KEYSET,   /* `:page keyset`: the cursor's condition, present iff its
                         params (the cursor's key and tiebreak) are non-NULL; the
                         text is the chosen ordering's `after` or `before` */
    RT_PART_PAGE,     /* :page: "LIMIT $l OFFSET $o" (left out when counting) */
} rt_part_kind;

typedef struct rt_sql_part {
    rt_part_kind kind;
    const char *text; /* RT_PART_ORDER: the default, e.g. "ORDER BY o.created_at DESC, o.id DESC" */
    const int *params; /* RT_PART_FILTER: 0-based parameter indexes it uses */
    int param_count;
} rt_sql_part;

/* One whitelisted ordering: `name` (as the client writes it, "-amount" for
 * descending) and the complete ORDER BY clause it stands for. */
typedef struct rt_ordering {
    const char *name; /* "amount", "-amount" (NULL: a keyset query's default) */
    const char *sql;  /* "ORDER BY o.amount ASC, o.id ASC" */
    /* `:page keyset` queries only (else NULL / -1): */
    const char *reverse_sql; /* the same keys the other way: a page before a
                                cursor is read backwards, then reversed */
    const char *after;       /* the cursor condition for rows after it */
    const char *before;      /* ... and before it */
    int key_column;          /* result column holding the first key's value */
} rt_ordering;

/* A named SQL query from spec/<file>.sql. `sql` is the text PostgreSQL
 * prepares: the spec's text with @name replaced by $n. Prepared once per
 * connection under the statement name `name` (variants:
 * "name/mask/order/read"). A :page query is always dynamic, with two extra
 * trailing parameters, limit and offset (its last part, RT_PART_PAGE); a
 * `:page keyset` one has two more before them, the cursor's key and
 * tiebreak, and a last column "page_tiebreak" that is not rendered
 * (docs/spec-language.md, "Pages"). */
typedef struct rt_query {
    int id;           /* dense index into api_queries[], 0..api_query_count-1 */
    const char *name; /* "CreateUser" */
    const char *sql;
    rt_cardinality cardinality;
    const rt_param *params;
    int param_count;
    const rt_column *columns;
    int column_count;
    const rt_sql_part *parts; /* NULL: `sql` is the whole, static text */
    int part_count;
    const rt_ordering *orderings; /* whitelisted orderings, or NULL */
    int ordering_count;
    const rt_ordering *keyset_default; /* `:page keyset`: the default ordering, else NULL */
    bool reads_only;       /* a SELECT that writes and locks nothing (specc: codegen/sqlwrites.c) */
    const char *spec_file; /* "spec/users.sql" */
    int spec_line;         /* line of the "-- name:" comment */
} rt_query;

/* ----------------------------------------------------- request validation */

typedef enum rt_field_kind {
    RT_FIELD_TEXT = 0, /* string; min/max_len count code points */
    RT_FIELD_PASSWORD, /* string; min/max_len count UTF-8 bytes; never logged */
    RT_FIELD_EMAIL,    /* string shaped like an address; len in code points */
    RT_FIELD_INT,      /* JSON integer (or decimal digits in a query string) */
    RT_FIELD_DECIMAL,  /* JSON string or number, at most `scale` decimals */
    RT_FIELD_BOOL,
    RT_FIELD_UUID,
    RT_FIELD_TIMESTAMP, /* ISO 8601 date-time string */
    RT_FIELD_DATE,      /* YYYY-MM-DD */
    RT_FIELD_ENUM,      /* one of enum_values */
    RT_FIELD_ARRAY,     /* JSON array of objects described by item_fields, or
                           of values of item_fields[0] (item_scalar); binds
                           as jsonb */
} rt_field_kind;

/* One field of a body, a query string or a path. Validated values are kept
 * as canonical text: integers in decimal, decimals with exactly `scale`
 * digits after the point, booleans "true"/"false", uuids lower case. */
typedef struct rt_field {
    const char *name;
    rt_field_kind kind;
    rt_type type; /* the SQL-side type this field binds as */
    bool required;
    bool nullable; /* JSON null is accepted (as SQL NULL); without it a null
                      is "This field may not be null.", optional or not */
    bool has_len;  /* len min..max (text kinds) or items min..max (arrays) */
    int64_t min_len, max_len;
    bool has_range;                 /* int: min..max; decimal: scaled by 10^scale */
    int64_t min, max;               /* money 0.01..9999999999.99 -> 1..999999999999 */
    int precision, scale;           /* RT_FIELD_DECIMAL */
    const char *const *enum_values; /* RT_FIELD_ENUM, in declaration order */
    int enum_count;
    const char *default_value;          /* canonical text, or NULL */
    const struct rt_field *item_fields; /* RT_FIELD_ARRAY */
    int item_field_count;
    bool item_scalar;  /* RT_FIELD_ARRAY: items are values of item_fields[0]
                          (one field), not objects */
    bool unique_items; /* RT_FIELD_ARRAY of values: no value twice */
    int alternative;   /* 0: always; k >= 1: the body's `either` alternative k
                          (rt_validate.h) */
    int spec_line;
} rt_field;

/* ----------------------------------------------------------------- values */

typedef enum rt_value_kind {
    RT_VALUE_NULL = 0,
    RT_VALUE_LITERAL,              /* literal: canonical text of a string or number */
    RT_VALUE_BODY,                 /* index: body field */
    RT_VALUE_BODY_PRESENT,         /* index: body field: bool, true when its key is in the
                                      body (null included): `body.f?` */
    RT_VALUE_QUERY,                /* index: query-string field */
    RT_VALUE_PATH,                 /* index: path field */
    RT_VALUE_AUTH,                 /* index: rt_auth_key */
    RT_VALUE_CONFIG,               /* index: rt_config_key */
    RT_VALUE_STEP,                 /* index: step, column: column of its (first) row */
    RT_VALUE_CALL,                 /* index: rt_builtin_id, args/arg_count */
    RT_VALUE_JOB,                  /* inside a job: index 0 = job id, 1 = attempt number */
    RT_VALUE_PAGE_LIMIT,           /* page size of the endpoint's `page` query fields */
    RT_VALUE_PAGE_OFFSET,          /* (page - 1) * page size; 0 with a cursor */
    RT_VALUE_PAGE_CURSOR_KEY,      /* the cursor's key value, or NULL (no cursor) */
    RT_VALUE_PAGE_CURSOR_TIEBREAK, /* the cursor's tiebreak value, or NULL */
} rt_value_kind;

typedef struct rt_value {
    rt_value_kind kind;
    rt_type type; /* type of the value, decided by the compiler */
    int index;
    int column;
    const char *literal;
    const struct rt_value *args;
    int arg_count;
    /* `VALUE unless role a, b [else OTHER]`: when the caller's role is one
     * of unless_roles the value is `otherwise` (NULL pointer: SQL NULL). */
    const char *const *unless_roles;
    int unless_role_count;
    const struct rt_value *otherwise;
} rt_value;

/* Names the spec may use after `auth.` and `config.`, and the built-in
 * functions it may call. One list, shared by compiler and runtime. */
typedef enum rt_auth_key {
#define RT_AUTH_KEY(id, name, type) RT_AUTH_##id,
#include "rt_names.def"
    RT_AUTH_KEY_COUNT
} rt_auth_key;

typedef enum rt_config_key {
#define RT_CONFIG_KEY(id, name, type) RT_CONFIG_##id,
#include "rt_names.def"
    RT_CONFIG_KEY_COUNT
} rt_config_key;

typedef enum rt_builtin_id {
#define RT_BUILTIN(id, name, result, nargs, arg_types, columns) RT_BUILTIN_##id,
#include "rt_names.def"
    RT_BUILTIN_COUNT
} rt_builtin_id;

/* ------------------------------------------------------------------ steps */

/* A database outcome a step may map to an HTTP answer. */
typedef enum rt_outcome {
    RT_OUTCOME_NO_ROW = 0,            /* :one returned no row */
    RT_OUTCOME_UNIQUE_VIOLATION,      /* SQLSTATE 23505 */
    RT_OUTCOME_CHECK_VIOLATION,       /* SQLSTATE 23514 */
    RT_OUTCOME_FOREIGN_KEY_VIOLATION, /* SQLSTATE 23503 */
    RT_OUTCOME_NOT_NULL_VIOLATION,    /* SQLSTATE 23502 */
    RT_OUTCOME_RAISE,                 /* SQLSTATE P0001 (RAISE EXCEPTION) */
} rt_outcome;

typedef struct rt_outcome_map {
    rt_outcome outcome;
    const char *constraint; /* only when this constraint (or NULL: any) */
    int status;
    const char *code;        /* error code in the error shape, e.g. "conflict" */
    const char *message;     /* message in the error shape; NULL (only for
                                raise): the database's own message, which the
                                generated lifecycle guard writes for clients */
    bool fields_from_detail; /* raise only: the RAISE's DETAIL is the answer's
                                "fields", as JSON (rt_detail_fields.h) */
} rt_outcome_map;

typedef enum rt_step_kind {
    RT_STEP_QUERY = 0, /* run [name =] Query(args) [optional] [on ...] */
    RT_STEP_CHECK,     /* check builtin(args) else status "message" */
    RT_STEP_LET,       /* let name = builtin(args): a one-row record */
    RT_STEP_BEGIN,     /* `tx {`: begin a transaction */
    RT_STEP_COMMIT,    /* `}` of tx: commit it (any failure before: rollback) */
    RT_STEP_ENQUEUE,   /* enqueue job(args): a jobs row in the same transaction */
    RT_STEP_SLEEP,     /* sleep VALUE (seconds): simulated work in jobs */
    RT_STEP_LOG,       /* log event { members }: one structured log line */
    RT_STEP_STOP,      /* stop if empty STEP: a job ends here (done) when STEP has no row */
} rt_step_kind;

struct rt_job;
struct rt_member;

typedef struct rt_step {
    rt_step_kind kind;
    const char *name;      /* result name, or NULL */
    const rt_query *query; /* RT_STEP_QUERY */
    const rt_value *args;  /* query arguments in parameter order, or builtin args */
    int arg_count;
    bool optional; /* no row is not an error: later references are null */
    const rt_outcome_map *outcomes;
    int outcome_count;
    rt_builtin_id builtin; /* RT_STEP_CHECK, RT_STEP_LET */
    int else_status;       /* RT_STEP_CHECK */
    const char *else_code;
    const char *else_message;
    const char *else_event;          /* RT_STEP_CHECK: logged with members when it fails, or NULL */
    int stop_step;                   /* RT_STEP_STOP: the index of the query step it tests */
    const struct rt_job *job;        /* RT_STEP_ENQUEUE: args in payload field order */
    const struct rt_member *members; /* RT_STEP_LOG (name is the event), else_event's */
    int member_count;
    rt_value ordering; /* RT_STEP_QUERY with orderings: the chosen name
                          (kind RT_VALUE_NULL: the default) */
    int spec_line;
} rt_step;

/* --------------------------------------------------------------- response */

typedef enum rt_member_kind {
    RT_MEMBER_VALUE = 0, /* key: value */
    RT_MEMBER_ROW,       /* key: step -> object of the step's first row
                            (key NULL: spread its columns into the parent) */
    RT_MEMBER_ROWS,      /* key: step -> array of objects, one per row */
    RT_MEMBER_EACH,      /* key: each step.column -> array of that column */
    RT_MEMBER_PAGE,      /* key NULL: a :page step as DRF's page:
                            {count, count_is_estimate, next, previous, results} */
} rt_member_kind;

typedef struct rt_member {
    const char *key;
    rt_member_kind kind;
    rt_value value; /* RT_MEMBER_VALUE */
    int step;       /* RT_MEMBER_ROW / ROWS / EACH / PAGE */
    int column;     /* RT_MEMBER_EACH */
    rt_type type;   /* RT_MEMBER_EACH: the column's type */
} rt_member;

/* --------------------------------------------------------------- endpoint */

/* Idempotency keys (rt_endpoint.idempotent; README, The API): the request
 * header, its longest value, the header marking a replayed answer, and the
 * errors, shared by the runtime (rt_idempotency.c) and the OpenAPI
 * document (codegen/emit_openapi.c). */
#define RT_IDEMPOTENCY_HEADER "Idempotency-Key"
#define RT_IDEMPOTENCY_MAX_KEY 255
#define RT_IDEMPOTENCY_REPLAYED_HEADER "Idempotent-Replayed"
#define RT_IDEMPOTENCY_BAD_KEY_MESSAGE                                                             \
    "Idempotency-Key must be 1 to 255 printable ASCII characters."
#define RT_IDEMPOTENCY_REUSED_CODE "idempotency_key_reused"
#define RT_IDEMPOTENCY_REUSED_MESSAGE "This Idempotency-Key was already used for another request."
#define RT_IDEMPOTENCY_IN_PROGRESS_CODE "idempotency_in_progress"
#define RT_IDEMPOTENCY_IN_PROGRESS_MESSAGE                                                         \
    "A request with this Idempotency-Key is still being processed; try again later."

typedef enum rt_auth_mode {
    RT_AUTH_PUBLIC = 0, /* no token needed (one is ignored) */
    RT_AUTH_ANY_USER,   /* a valid access token */
    RT_AUTH_ROLES,      /* a valid access token whose role is in roles[] */
} rt_auth_mode;

typedef enum rt_limit_mode {
    RT_LIMIT_NONE = 0,
    RT_LIMIT_PER_IP,   /* bucket: endpoint id + client address */
    RT_LIMIT_PER_USER, /* bucket: endpoint id + user id */
} rt_limit_mode;

/* A cross-field rule of an endpoint (`check query.a <= query.b else 400
 * "message"`), run after validation and before the steps. */
typedef enum rt_compare {
    RT_COMPARE_LT = 0, /* < */
    RT_COMPARE_LE,     /* <= */
    RT_COMPARE_GT,     /* > */
    RT_COMPARE_GE,     /* >= */
    RT_COMPARE_EQ,     /* = */
    RT_COMPARE_NE,     /* <> */
} rt_compare;

/* Both operands are request fields (RT_VALUE_QUERY, _BODY or _PATH) of one
 * comparable type (int/bigint, numeric, date, timestamptz, in their
 * validated canonical text). An absent operand passes; a failure is a
 * field error under `field` (the left operand's name). */
typedef struct rt_rule {
    rt_value left;
    rt_compare compare;
    rt_value right;
    const char *field;
    const char *message;
} rt_rule;

typedef struct rt_endpoint {
    const char *id;      /* "users__register": stable, used in logs and limits */
    const char *method;  /* "POST" */
    const char *pattern; /* "/users/{uid}/role" */
    const char *summary;
    rt_auth_mode auth;
    const char *const *roles; /* RT_AUTH_ROLES */
    int role_count;
    rt_limit_mode limit;
    const rt_field *path_fields;
    int path_field_count;
    const rt_field *query_fields;
    int query_field_count;
    const rt_field *body_fields;
    int body_field_count;
    bool has_body;        /* a JSON object body is expected */
    int page_field;       /* query field index of `page`, or -1 */
    int page_size_field;  /* query field index of `page_size`, or -1 */
    int cursor_field;     /* query field index of `cursor` (keyset pages), or -1 */
    const rt_rule *rules; /* cross-field rules, in spec order */
    int rule_count;
    const rt_step *steps;
    int step_count;
    bool hashes_passwords;     /* a step calls an RT_PASSWORD_BUILTIN: the password lane */
    int status;                /* success status */
    const rt_member *response; /* members of the response object */
    int response_count;
    /* `location "/products/{product.uid}"`: the Location header of the
     * success answer, the parts joined; RT_VALUE_LITERAL parts verbatim,
     * the others URL-encoded. NULL: no Location. */
    const rt_value *location;
    int location_count;
    /* `etag STEP.column`: the success answer's ETag is that bigint version
     * in quotes; a GET whose If-None-Match lists it is answered 304 with no
     * body (rt_etag.h). NULL: no ETag. */
    const rt_value *etag;
    /* An Idempotency-Key header is honoured (rt_idempotency): the spec's
     * `idempotency on|off`, on by default for POST, PUT, PATCH, DELETE. */
    bool idempotent;
    const char *spec_file;
    int spec_line;
} rt_endpoint;

/* ---------------------------------------------------- jobs and schedules */

/* A background job: its payload is validated like a body (values
 * `payload.f` are RT_VALUE_BODY) and its steps run in a worker. */
typedef struct rt_job {
    const char *kind; /* "order_created" */
    const char *summary;
    const rt_field *payload_fields;
    int payload_field_count;
    const rt_step *steps;
    int step_count;
    int max_attempts; /* then the job is dead */
    const char *spec_file;
    int spec_line;
} rt_job;

/* `schedule JOB every config.KEY`: one job per interval, however many
 * scheduler processes run (the jobs table's unique key per tick). */
typedef struct rt_schedule {
    const rt_job *job;
    rt_config_key interval; /* seconds */
    const char *spec_file;
    int spec_line;
} rt_schedule;

/* ------------------------------------------------------------ lifecycles */

typedef struct rt_transition {
    const char *from;
    const char *to;
    const char *const *by; /* roles, "owner", "scheduler" */
    int by_count;
} rt_transition;

/* `lifecycle NAME on TABLE.COLUMN history TABLE(COLUMN) { ... }`. The guard
 * (a trigger refusing any other transition and writing history rows) is
 * SQL applied by `orderd migrate` whenever its text changes. */
typedef struct rt_lifecycle {
    const char *name;
    const char *table;
    const char *column;
    const rt_transition *transitions;
    int transition_count;
    const char *guard_sql;
    const char *spec_file;
    int spec_line;
} rt_lifecycle;

/* ------------------------------------------------- what generated/ exports */

/* Sorted by pattern, then method (see rt_router.c). */
typedef struct rt_route {
    const char *method;
    const char *pattern;
    const rt_endpoint *endpoint;
} rt_route;

extern const rt_route api_routes[];
extern const int api_route_count;
extern const rt_query *const api_queries[]; /* indexed by rt_query.id */
extern const int api_query_count;
extern const rt_job *const api_jobs[]; /* sorted by kind */
extern const int api_job_count;
extern const rt_schedule api_schedules[];
extern const int api_schedule_count;
extern const rt_lifecycle *const api_lifecycles[]; /* sorted by name */
extern const int api_lifecycle_count;
/* The OpenAPI 3.1 document: generated/openapi.json itself, which the
 * Makefile links in as read-only bytes (ld -r -b binary), from
 * api_openapi_json up to api_openapi_json_end (not NUL-terminated). */
extern const char api_openapi_json[];
extern const char api_openapi_json_end[];

#endif /* RT_API_H */
