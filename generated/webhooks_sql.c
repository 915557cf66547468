/* generated from spec/webhooks.sql by specc — do not edit. */
#include "webhooks_sql.h"

/* ---- CreateWebhook :one (spec/webhooks.sql:4) */

/* spec/webhooks.sql:4 */
static const char create_webhook_sql[] =
    "INSERT INTO webhook_subscriptions (url, events, active, secret)\n"
    "VALUES ($1, ARRAY(SELECT jsonb_array_elements_text($2::jsonb)),\n"
    "        $3,\n"
    "        'whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))\n"
    "RETURNING uid, url, to_jsonb(events)::jsonb AS events, active, created_at, updated_at, secret";

static const rt_param create_webhook_params[] = {
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "events", .type = RT_TYPE_JSON, .type_name = "jsonb"},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool"},
};

static const rt_column create_webhook_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "events", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "secret", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
};

const rt_query api_webhooks__create_webhook_query = {
    .id = 15,
    .name = "CreateWebhook",
    .sql = create_webhook_sql,
    .cardinality = RT_CARD_ONE,
    .params = create_webhook_params,
    .param_count = 3,
    .columns = create_webhook_columns,
    .column_count = 7,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 4,
};

/* ---- ListWebhooks :page (spec/webhooks.sql:14) */

/* spec/webhooks.sql:14 */
static const char list_webhooks_sql[] =
    "SELECT w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at\n"
    "FROM webhook_subscriptions w\n"
    "WHERE w.deleted_at IS NULL\n"
    "ORDER BY w.created_at DESC, w.id DESC\n"
    "LIMIT $1 OFFSET $2";

static const rt_param list_webhooks_params[] = {
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_webhooks_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "events", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

/* spec/webhooks.sql:14: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_webhooks_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at\n"
         "FROM webhook_subscriptions w\n"
         "WHERE w.deleted_at IS NULL\n"
         "ORDER BY w.created_at DESC, w.id DESC"},
    {.kind = RT_PART_PAGE,
     .text = "\n"
         "LIMIT $1 OFFSET $2"},
};

const rt_query api_webhooks__list_webhooks_query = {
    .id = 42,
    .name = "ListWebhooks",
    .sql = list_webhooks_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_webhooks_params,
    .param_count = 2,
    .columns = list_webhooks_columns,
    .column_count = 6,
    .parts = list_webhooks_parts,
    .part_count = 2,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 14,
};

/* ---- GetWebhook :one (spec/webhooks.sql:20) */

/* spec/webhooks.sql:20 */
static const char get_webhook_sql[] =
    "SELECT w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at\n"
    "FROM webhook_subscriptions w\n"
    "WHERE w.uid = $1 AND w.deleted_at IS NULL";

static const rt_param get_webhook_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column get_webhook_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "events", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

const rt_query api_webhooks__get_webhook_query = {
    .id = 31,
    .name = "GetWebhook",
    .sql = get_webhook_sql,
    .cardinality = RT_CARD_ONE,
    .params = get_webhook_params,
    .param_count = 1,
    .columns = get_webhook_columns,
    .column_count = 6,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 20,
};

/* ---- UpdateWebhook :one (spec/webhooks.sql:25) */

/* spec/webhooks.sql:25 */
static const char update_webhook_sql[] =
    "UPDATE webhook_subscriptions w\n"
    "SET url = coalesce($1::text, w.url),\n"
    "    events = coalesce((SELECT array_agg(e) FROM jsonb_array_elements_text($2::jsonb) e),\n"
    "                      w.events),\n"
    "    active = coalesce($3::bool, w.active),\n"
    "    updated_at = now()\n"
    "WHERE w.uid = $4 AND w.deleted_at IS NULL\n"
    "RETURNING w.uid, w.url, to_jsonb(w.events)::jsonb AS events, w.active, w.created_at, w.updated_at";

static const rt_param update_webhook_params[] = {
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "events", .type = RT_TYPE_JSON, .type_name = "jsonb"},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column update_webhook_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "events", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = true},
    {.name = "active", .type = RT_TYPE_BOOL, .type_name = "bool", .nullable = false},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "updated_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

const rt_query api_webhooks__update_webhook_query = {
    .id = 74,
    .name = "UpdateWebhook",
    .sql = update_webhook_sql,
    .cardinality = RT_CARD_ONE,
    .params = update_webhook_params,
    .param_count = 4,
    .columns = update_webhook_columns,
    .column_count = 6,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 25,
};

/* ---- DeleteWebhook :one (spec/webhooks.sql:36) */

/* spec/webhooks.sql:36 */
static const char delete_webhook_sql[] =
    "UPDATE webhook_subscriptions w SET deleted_at = now(), active = false, updated_at = now()\n"
    "WHERE w.uid = $1 AND w.deleted_at IS NULL\n"
    "RETURNING w.uid";

static const rt_param delete_webhook_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column delete_webhook_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
};

const rt_query api_webhooks__delete_webhook_query = {
    .id = 17,
    .name = "DeleteWebhook",
    .sql = delete_webhook_sql,
    .cardinality = RT_CARD_ONE,
    .params = delete_webhook_params,
    .param_count = 1,
    .columns = delete_webhook_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 36,
};

/* ---- RotateWebhookSecret :one (spec/webhooks.sql:42) */

/* spec/webhooks.sql:42 */
static const char rotate_webhook_secret_sql[] =
    "UPDATE webhook_subscriptions w\n"
    "SET secret = 'whsec_' || replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),\n"
    "    updated_at = now()\n"
    "WHERE w.uid = $1 AND w.deleted_at IS NULL\n"
    "RETURNING w.uid, w.secret";

static const rt_param rotate_webhook_secret_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column rotate_webhook_secret_columns[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "secret", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
};

const rt_query api_webhooks__rotate_webhook_secret_query = {
    .id = 62,
    .name = "RotateWebhookSecret",
    .sql = rotate_webhook_secret_sql,
    .cardinality = RT_CARD_ONE,
    .params = rotate_webhook_secret_params,
    .param_count = 1,
    .columns = rotate_webhook_secret_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 42,
};

/* ---- FindWebhook :one (spec/webhooks.sql:50) */

/* spec/webhooks.sql:50 */
static const char find_webhook_sql[] =
    "SELECT w.id FROM webhook_subscriptions w WHERE w.uid = $1 AND w.deleted_at IS NULL";

static const rt_param find_webhook_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
};

static const rt_column find_webhook_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_webhooks__find_webhook_query = {
    .id = 23,
    .name = "FindWebhook",
    .sql = find_webhook_sql,
    .cardinality = RT_CARD_ONE,
    .params = find_webhook_params,
    .param_count = 1,
    .columns = find_webhook_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 50,
};

/* ---- ListWebhookDeliveries :page (spec/webhooks.sql:53) */

/* spec/webhooks.sql:53 */
static const char list_webhook_deliveries_sql[] =
    "SELECT d.id, e.uid AS event_id, e.type, d.seq AS sequence, d.status, d.attempts,\n"
    "       d.next_attempt_at, d.last_error, d.delivered_at, d.created_at,\n"
    "       coalesce((SELECT jsonb_agg(jsonb_build_object(\n"
    "                     'attempt', a.attempt, 'status_code', a.status_code,\n"
    "                     'duration_ms', a.duration_ms, 'error', a.error, 'at', a.created_at)\n"
    "                     ORDER BY a.id)\n"
    "                 FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')::jsonb AS history\n"
    "FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id\n"
    "WHERE d.subscription_id = $1\n"
    "ORDER BY d.id DESC\n"
    "LIMIT $2 OFFSET $3";

static const rt_param list_webhook_deliveries_params[] = {
    {.name = "subscription_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "limit", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "offset", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column list_webhook_deliveries_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "event_id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "type", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "sequence", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "webhook_delivery_status",
     .nullable = false},
    {.name = "attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "next_attempt_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "last_error", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
    {.name = "delivered_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = true},
    {.name = "created_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
    {.name = "history", .type = RT_TYPE_JSON, .type_name = "jsonb", .nullable = false},
};

/* spec/webhooks.sql:53: lines marked -- filter / -- ordering:, the page */
static const rt_sql_part list_webhook_deliveries_parts[] = {
    {.kind = RT_PART_TEXT,
     .text = "SELECT d.id, e.uid AS event_id, e.type, d.seq AS sequence, d.status, d.attempts,\n"
         "       d.next_attempt_at, d.last_error, d.delivered_at, d.created_at,\n"
         "       coalesce((SELECT jsonb_agg(jsonb_build_object(\n"
         "                     'attempt', a.attempt, 'status_code', a.status_code,\n"
         "                     'duration_ms', a.duration_ms, 'error', a.error, 'at', a.created_at)\n"
         "                     ORDER BY a.id)\n"
         "                 FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')::jsonb AS history\n"
         "FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id\n"
         "WHERE d.subscription_id = $1\n"
         "ORDER BY d.id DESC"},
    {.kind = RT_PART_PAGE,
     .text = "\n"
         "LIMIT $2 OFFSET $3"},
};

const rt_query api_webhooks__list_webhook_deliveries_query = {
    .id = 41,
    .name = "ListWebhookDeliveries",
    .sql = list_webhook_deliveries_sql,
    .cardinality = RT_CARD_PAGE,
    .params = list_webhook_deliveries_params,
    .param_count = 3,
    .columns = list_webhook_deliveries_columns,
    .column_count = 11,
    .parts = list_webhook_deliveries_parts,
    .part_count = 2,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 53,
};

/* ---- FindWebhookDelivery :one (spec/webhooks.sql:66) */

/* spec/webhooks.sql:66 */
static const char find_webhook_delivery_sql[] =
    "SELECT d.id, d.status\n"
    "FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id\n"
    "WHERE w.uid = $1 AND w.deleted_at IS NULL AND d.id = $2";

static const rt_param find_webhook_delivery_params[] = {
    {.name = "uid", .type = RT_TYPE_UUID, .type_name = "uuid"},
    {.name = "delivery_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column find_webhook_delivery_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "webhook_delivery_status",
     .nullable = false},
};

const rt_query api_webhooks__find_webhook_delivery_query = {
    .id = 24,
    .name = "FindWebhookDelivery",
    .sql = find_webhook_delivery_sql,
    .cardinality = RT_CARD_ONE,
    .params = find_webhook_delivery_params,
    .param_count = 2,
    .columns = find_webhook_delivery_columns,
    .column_count = 2,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .reads_only = true,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 66,
};

/* ---- RetryWebhookDelivery :one (spec/webhooks.sql:71) */

/* spec/webhooks.sql:71 */
static const char retry_webhook_delivery_sql[] =
    "UPDATE webhook_deliveries d\n"
    "SET status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = NULL,\n"
    "    last_error = NULL\n"
    "WHERE d.id = $1 AND d.status <> 'pending'\n"
    "RETURNING d.id, d.status, d.attempts, d.next_attempt_at";

static const rt_param retry_webhook_delivery_params[] = {
    {.name = "delivery_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column retry_webhook_delivery_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "webhook_delivery_status",
     .nullable = false},
    {.name = "attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "next_attempt_at", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz",
     .nullable = false},
};

const rt_query api_webhooks__retry_webhook_delivery_query = {
    .id = 59,
    .name = "RetryWebhookDelivery",
    .sql = retry_webhook_delivery_sql,
    .cardinality = RT_CARD_ONE,
    .params = retry_webhook_delivery_params,
    .param_count = 1,
    .columns = retry_webhook_delivery_columns,
    .column_count = 4,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 71,
};

/* ---- ClaimWebhookDelivery :one (spec/webhooks.sql:80) */

/* spec/webhooks.sql:80 */
static const char claim_webhook_delivery_sql[] =
    "UPDATE webhook_deliveries d\n"
    "SET attempts = d.attempts + 1,\n"
    "    leased_until = now() + $1::bigint * interval '1 millisecond'\n"
    "FROM webhook_subscriptions s, webhook_events e\n"
    "WHERE d.id = (\n"
    "        SELECT c.id\n"
    "        FROM webhook_deliveries c JOIN webhook_subscriptions cs ON cs.id = c.subscription_id\n"
    "        WHERE c.status = 'pending' AND c.next_attempt_at <= now()\n"
    "          AND (c.leased_until IS NULL OR c.leased_until < now())\n"
    "          AND cs.deleted_at IS NULL AND cs.active\n"
    "          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p\n"
    "                          WHERE p.subscription_id = c.subscription_id AND p.seq < c.seq\n"
    "                            AND p.status = 'pending')\n"
    "        ORDER BY c.next_attempt_at, c.id\n"
    "        LIMIT 1\n"
    "        FOR UPDATE OF c SKIP LOCKED)\n"
    "  AND s.id = d.subscription_id AND e.id = d.event_id\n"
    "RETURNING d.id, d.attempts, s.url, s.secret, e.uid AS event_id, e.type, d.seq,\n"
    "          jsonb_build_object('id', e.uid, 'type', e.type, 'created_at', e.created_at,\n"
    "                             'sequence', d.seq, 'data', e.data)::text AS body";

static const rt_param claim_webhook_delivery_params[] = {
    {.name = "lease_ms", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column claim_webhook_delivery_columns[] = {
    {.name = "id", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "attempts", .type = RT_TYPE_INT, .type_name = "int", .nullable = false},
    {.name = "url", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "secret", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "event_id", .type = RT_TYPE_UUID, .type_name = "uuid", .nullable = false},
    {.name = "type", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = false},
    {.name = "seq", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
    {.name = "body", .type = RT_TYPE_TEXT, .type_name = "text", .nullable = true},
};

const rt_query api_webhooks__claim_webhook_delivery_query = {
    .id = 7,
    .name = "ClaimWebhookDelivery",
    .sql = claim_webhook_delivery_sql,
    .cardinality = RT_CARD_ONE,
    .params = claim_webhook_delivery_params,
    .param_count = 1,
    .columns = claim_webhook_delivery_columns,
    .column_count = 8,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 80,
};

/* ---- FinishWebhookAttempt :one (spec/webhooks.sql:107) */

/* spec/webhooks.sql:107 */
static const char finish_webhook_attempt_sql[] =
    "WITH kept AS (\n"
    "    INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms, error)\n"
    "    VALUES ($1, $2, $3, $4, $5)\n"
    "    RETURNING delivery_id, attempt\n"
    ")\n"
    "UPDATE webhook_deliveries d\n"
    "SET status = CASE WHEN $6::bool THEN 'delivered'::webhook_delivery_status\n"
    "                  WHEN d.attempts >= $7::int THEN 'dead'::webhook_delivery_status\n"
    "                  ELSE 'pending'::webhook_delivery_status END,\n"
    "    delivered_at = CASE WHEN $6::bool THEN now() ELSE d.delivered_at END,\n"
    "    last_error = CASE WHEN $6::bool THEN NULL ELSE $5 END,\n"
    "    leased_until = NULL,\n"
    "    next_attempt_at = CASE WHEN $6::bool THEN d.next_attempt_at\n"
    "        ELSE now() + interval '1 millisecond' *\n"
    "             (least($8::bigint::float8,\n"
    "                    $9::bigint::float8 * power(2::float8, d.attempts - 1))\n"
    "              * (0.5 + random() / 2)) END\n"
    "FROM kept k\n"
    "WHERE d.id = k.delivery_id AND d.attempts = k.attempt AND d.status = 'pending'\n"
    "RETURNING d.status";

static const rt_param finish_webhook_attempt_params[] = {
    {.name = "delivery_id", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "attempt", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "status_code", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "duration_ms", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "error", .type = RT_TYPE_TEXT, .type_name = "text"},
    {.name = "delivered", .type = RT_TYPE_BOOL, .type_name = "bool"},
    {.name = "max_attempts", .type = RT_TYPE_INT, .type_name = "int"},
    {.name = "backoff_max_ms", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
    {.name = "backoff_base_ms", .type = RT_TYPE_BIGINT, .type_name = "bigint"},
};

static const rt_column finish_webhook_attempt_columns[] = {
    {.name = "status", .type = RT_TYPE_ENUM, .type_name = "webhook_delivery_status",
     .nullable = false},
};

const rt_query api_webhooks__finish_webhook_attempt_query = {
    .id = 26,
    .name = "FinishWebhookAttempt",
    .sql = finish_webhook_attempt_sql,
    .cardinality = RT_CARD_ONE,
    .params = finish_webhook_attempt_params,
    .param_count = 9,
    .columns = finish_webhook_attempt_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 107,
};

/* ---- ReplayWebhookDeliveries :one (spec/webhooks.sql:133) */

/* spec/webhooks.sql:133 */
static const char replay_webhook_deliveries_sql[] =
    "WITH replayed AS (\n"
    "    UPDATE webhook_deliveries d\n"
    "    SET status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = NULL,\n"
    "        last_error = NULL\n"
    "    FROM webhook_events e\n"
    "    WHERE e.id = d.event_id AND e.created_at >= $1::timestamptz AND d.status <> 'pending'\n"
    "    RETURNING d.id\n"
    ")\n"
    "SELECT count(*) AS replayed FROM replayed";

static const rt_param replay_webhook_deliveries_params[] = {
    {.name = "since", .type = RT_TYPE_TIMESTAMPTZ, .type_name = "timestamptz"},
};

static const rt_column replay_webhook_deliveries_columns[] = {
    {.name = "replayed", .type = RT_TYPE_BIGINT, .type_name = "bigint", .nullable = false},
};

const rt_query api_webhooks__replay_webhook_deliveries_query = {
    .id = 56,
    .name = "ReplayWebhookDeliveries",
    .sql = replay_webhook_deliveries_sql,
    .cardinality = RT_CARD_ONE,
    .params = replay_webhook_deliveries_params,
    .param_count = 1,
    .columns = replay_webhook_deliveries_columns,
    .column_count = 1,
    .parts = NULL,
    .part_count = 0,
    .orderings = NULL,
    .ordering_count = 0,
    .spec_file = "spec/webhooks.sql",
    .spec_line = 133,
};
