/* generated from spec/jobs.api by specc — do not edit. */
#include <stddef.h>
#include <stdint.h>

#include "api.h"

/* ---- job order_created (spec/jobs.api:4) */

/* spec/jobs.api:7 */
static const rt_field job_order_created_payload[] = {
    {.name = "order_id", .kind = RT_FIELD_INT, .type = RT_TYPE_INT, .required = true,
     .spec_line = 7},
};

/* spec/jobs.api:9: RecordNotification(...) */
static const rt_value job_order_created_step0_args[] = {
    {.kind = RT_VALUE_BODY, .type = RT_TYPE_INT, .index = 0},
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_TEXT, .literal = "order_created"},
};

/* spec/jobs.api:9 */
static const rt_step job_order_created_steps[] = {
    {.kind = RT_STEP_QUERY, .name = NULL, .query = &api_orders__record_notification_query,
     .args = job_order_created_step0_args, .arg_count = 2, .optional = false, .outcomes = NULL,
     .outcome_count = 0, .spec_line = 9},
};

/* spec/jobs.api:4 */
const rt_job api_jobs__job_order_created = {
    .kind = "order_created",
    .summary = "Record the order-created notification",
    .payload_fields = job_order_created_payload,
    .payload_field_count = 1,
    .steps = job_order_created_steps,
    .step_count = 1,
    .max_attempts = 5,
    .spec_file = "spec/jobs.api",
    .spec_line = 4,
};

/* ---- job process_pending_orders (spec/jobs.api:12) */

/* spec/jobs.api:15: ClaimPendingOrders(...) */
static const rt_value job_process_pending_orders_step0_args[] = {
    {.kind = RT_VALUE_JOB, .type = RT_TYPE_BIGINT, .index = 0},
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_INT, .literal = "1000"},
};

/* spec/jobs.api:19: OrdersToComplete(...) */
static const rt_value job_process_pending_orders_step1_args[] = {
    {.kind = RT_VALUE_JOB, .type = RT_TYPE_BIGINT, .index = 0},
};

/* spec/jobs.api:21 */
static const rt_member job_process_pending_orders_step3_members[] = {
    {.key = "uids", .kind = RT_MEMBER_EACH, .step = 1, .column = 0, .type = RT_TYPE_UUID},
};

/* spec/jobs.api:22: sleep(...) */
static const rt_value job_process_pending_orders_step4_args[] = {
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_PROCESSING_WORK_SECONDS},
};

/* spec/jobs.api:24: CompleteClaimedOrders(...) */
static const rt_value job_process_pending_orders_step5_args[] = {
    {.kind = RT_VALUE_JOB, .type = RT_TYPE_BIGINT, .index = 0},
};

/* spec/jobs.api:26 */
static const rt_member job_process_pending_orders_step6_members[] = {
    {.key = "uids", .kind = RT_MEMBER_EACH, .step = 8, .column = 0, .type = RT_TYPE_UUID},
};

/* spec/jobs.api:15 */
static const rt_step job_process_pending_orders_steps[] = {
    {.kind = RT_STEP_BEGIN, .spec_line = 14},
    {.kind = RT_STEP_QUERY, .name = "claimed", .query = &api_orders__claim_pending_orders_query,
     .args = job_process_pending_orders_step0_args, .arg_count = 2, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 15},
    {.kind = RT_STEP_COMMIT, .spec_line = 16},
    {.kind = RT_STEP_QUERY, .name = "to_complete", .query = &api_orders__orders_to_complete_query,
     .args = job_process_pending_orders_step1_args, .arg_count = 1, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 19},
    {.kind = RT_STEP_STOP, .name = NULL, .stop_step = 3, .spec_line = 20},
    {.kind = RT_STEP_LOG, .name = "orders_processing",
     .members = job_process_pending_orders_step3_members, .member_count = 1, .spec_line = 21},
    {.kind = RT_STEP_SLEEP, .name = NULL, .args = job_process_pending_orders_step4_args,
     .arg_count = 1, .spec_line = 22},
    {.kind = RT_STEP_BEGIN, .spec_line = 23},
    {.kind = RT_STEP_QUERY, .name = "completed",
     .query = &api_orders__complete_claimed_orders_query,
     .args = job_process_pending_orders_step5_args, .arg_count = 1, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 24},
    {.kind = RT_STEP_COMMIT, .spec_line = 25},
    {.kind = RT_STEP_LOG, .name = "orders_completed",
     .members = job_process_pending_orders_step6_members, .member_count = 1, .spec_line = 26},
    {.kind = RT_STEP_QUERY, .name = "more", .query = &api_orders__more_orders_pending_query,
     .args = NULL, .arg_count = 0, .optional = false, .outcomes = NULL, .outcome_count = 0,
     .spec_line = 29},
    {.kind = RT_STEP_STOP, .name = NULL, .stop_step = 11, .spec_line = 30},
    {.kind = RT_STEP_BEGIN, .spec_line = 31},
    {.kind = RT_STEP_ENQUEUE, .name = NULL, .job = &api_jobs__job_process_pending_orders,
     .args = NULL, .arg_count = 0, .spec_line = 32},
    {.kind = RT_STEP_COMMIT, .spec_line = 33},
};

/* spec/jobs.api:12 */
const rt_job api_jobs__job_process_pending_orders = {
    .kind = "process_pending_orders",
    .summary = "Take pending orders through processing to completed",
    .payload_fields = NULL,
    .payload_field_count = 0,
    .steps = job_process_pending_orders_steps,
    .step_count = 16,
    .max_attempts = 3,
    .spec_file = "spec/jobs.api",
    .spec_line = 12,
};

/* ---- job purge_idempotency_keys (spec/jobs.api:42) */

/* spec/jobs.api:44: PurgeIdempotencyKeys(...) */
static const rt_value job_purge_idempotency_keys_step0_args[] = {
    {.kind = RT_VALUE_CONFIG, .type = RT_TYPE_INT, .index = RT_CONFIG_IDEMPOTENCY_TTL_SECONDS},
    {.kind = RT_VALUE_LITERAL, .type = RT_TYPE_INT, .literal = "10000"},
};

/* spec/jobs.api:44 */
static const rt_step job_purge_idempotency_keys_steps[] = {
    {.kind = RT_STEP_QUERY, .name = "full", .query = &api_runtime__purge_idempotency_keys_query,
     .args = job_purge_idempotency_keys_step0_args, .arg_count = 2, .optional = false,
     .outcomes = NULL, .outcome_count = 0, .spec_line = 44},
    {.kind = RT_STEP_STOP, .name = NULL, .stop_step = 0, .spec_line = 45},
    {.kind = RT_STEP_BEGIN, .spec_line = 46},
    {.kind = RT_STEP_ENQUEUE, .name = NULL, .job = &api_jobs__job_purge_idempotency_keys,
     .args = NULL, .arg_count = 0, .spec_line = 47},
    {.kind = RT_STEP_COMMIT, .spec_line = 48},
};

/* spec/jobs.api:42 */
const rt_job api_jobs__job_purge_idempotency_keys = {
    .kind = "purge_idempotency_keys",
    .summary = "Delete idempotency keys older than their time to live",
    .payload_fields = NULL,
    .payload_field_count = 0,
    .steps = job_purge_idempotency_keys_steps,
    .step_count = 5,
    .max_attempts = 3,
    .spec_file = "spec/jobs.api",
    .spec_line = 42,
};
