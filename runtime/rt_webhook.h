/*
 * rt_webhook.h - the webhook worker: delivers the outbox's deliveries
 * (migrations/0012_webhooks.sql, spec/webhooks.sql) as signed JSON POSTs
 * (rt_webhook_sign, rt_webhook_deliver), one at a time, in order per
 * subscription, and records every attempt; and `orderd webhooks replay`.
 *
 * A delivery is claimed with FOR UPDATE SKIP LOCKED and leased (its
 * attempt counted) in a committed statement before the HTTP request, so
 * two workers never make the same attempt; a worker killed mid-attempt
 * leaves the lease to expire and the delivery is tried again (at least
 * once: receivers de-duplicate by event id). Failed attempts are retried
 * with exponential backoff and jitter up to WEBHOOK_MAX_ATTEMPTS, then the
 * delivery is dead (retry endpoint, replay).
 *
 * Ownership: rt_webhook_start borrows config, which must outlive the
 * worker; rt_webhook_stop joins its thread and frees it.
 */
#ifndef RT_WEBHOOK_H
#define RT_WEBHOOK_H

#include <stdint.h>

#include "rt_config.h"
#include "rt_db.h"

/* The channel new deliveries notify (migrations/0012_webhooks.sql). */
#define RT_WEBHOOK_CHANNEL "orderd_webhooks"

typedef struct rt_webhook_worker rt_webhook_worker;

/* Starts one delivery thread named `name` in logs. 0, RT_ENOMEM or RT_EINVAL
 * (libcurl could not be initialised). */
int rt_webhook_start(const rt_config *config, const char *name, rt_webhook_worker **out);
/* Asks the thread to stop after its current attempt, joins it. NULL-safe. */
void rt_webhook_stop(rt_webhook_worker *worker);

/* orderd webhooks replay --since T: every delivered or dead delivery of an
 * event created at or after since (a timestamp PostgreSQL reads) is sent
 * again. *count: how many. 0 or rt_db_run's codes. */
int rt_webhook_replay(rt_db_conn *conn, const char *since, int64_t *count);

#endif /* RT_WEBHOOK_H */
