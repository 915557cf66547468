/* generated from spec/webhooks.sql by specc — do not edit. */
#ifndef API_WEBHOOKS_SQL_H
#define API_WEBHOOKS_SQL_H

#include "rt_api.h"

/* CreateWebhook :one (spec/webhooks.sql:4) */
extern const rt_query api_webhooks__create_webhook_query;

/* ListWebhooks :page (spec/webhooks.sql:14) */
extern const rt_query api_webhooks__list_webhooks_query;

/* GetWebhook :one (spec/webhooks.sql:20) */
extern const rt_query api_webhooks__get_webhook_query;

/* UpdateWebhook :one (spec/webhooks.sql:25) */
extern const rt_query api_webhooks__update_webhook_query;

/* DeleteWebhook :one (spec/webhooks.sql:36) */
extern const rt_query api_webhooks__delete_webhook_query;

/* RotateWebhookSecret :one (spec/webhooks.sql:42) */
extern const rt_query api_webhooks__rotate_webhook_secret_query;

/* FindWebhook :one (spec/webhooks.sql:50) */
extern const rt_query api_webhooks__find_webhook_query;

/* ListWebhookDeliveries :page (spec/webhooks.sql:53) */
extern const rt_query api_webhooks__list_webhook_deliveries_query;

/* FindWebhookDelivery :one (spec/webhooks.sql:66) */
extern const rt_query api_webhooks__find_webhook_delivery_query;

/* RetryWebhookDelivery :one (spec/webhooks.sql:71) */
extern const rt_query api_webhooks__retry_webhook_delivery_query;

/* ClaimWebhookDelivery :one (spec/webhooks.sql:80) */
extern const rt_query api_webhooks__claim_webhook_delivery_query;

/* FinishWebhookAttempt :one (spec/webhooks.sql:107) */
extern const rt_query api_webhooks__finish_webhook_attempt_query;

/* ReplayWebhookDeliveries :one (spec/webhooks.sql:133) */
extern const rt_query api_webhooks__replay_webhook_deliveries_query;

#endif /* API_WEBHOOKS_SQL_H */
