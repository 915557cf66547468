/* generated from spec/orders.sql by specc — do not edit. */
#ifndef API_ORDERS_SQL_H
#define API_ORDERS_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_db.h"

/* ---- CreateOrder :one (spec/orders.sql:3) */

extern const rt_query api_orders__create_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__create_order_params {
    const char *product_name; /* $1 text */
    const char *quantity;     /* $2 int */
    const char *amount;       /* $3 numeric(12,2) */
    const char *user_uid;     /* $4 uuid */
} api_orders__create_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__create_order_row {
    int64_t id;      /* bigint */
    const char *uid; /* uuid */
};

int api_orders__create_order(rt_db_conn *conn, const api_orders__create_order_params *params,
                             rt_db_result *result);
int api_orders__create_order_row(const rt_db_result *result, int row,
                                 struct api_orders__create_order_row *out);

/* ---- ListOrders :page (spec/orders.sql:10) */

extern const rt_query api_orders__list_orders_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__list_orders_params {
    const char *owner;         /* $1 uuid */
    const char *status;        /* $2 order_status */
    const char *created_after; /* $3 timestamptz */
    const char *max_amount;    /* $4 numeric(12,2) */
    const char *limit;         /* $5 bigint */
    const char *offset;        /* $6 bigint */
} api_orders__list_orders_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__list_orders_row {
    const char *uid;          /* uuid */
    const char *product_name; /* text */
    int64_t quantity;         /* int */
    const char *amount;       /* numeric(12,2) */
    const char *status;       /* order_status */
    const char *created_at;   /* timestamptz */
    int64_t total;            /* bigint */
};

int api_orders__list_orders(rt_db_conn *conn, const api_orders__list_orders_params *params,
                            rt_db_result *result);
int api_orders__list_orders_row(const rt_db_result *result, int row,
                                struct api_orders__list_orders_row *out);

/* ---- CancelOrder :one (spec/orders.sql:22) */

extern const rt_query api_orders__cancel_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__cancel_order_params {
    const char *uid;   /* $1 uuid */
    const char *owner; /* $2 uuid */
} api_orders__cancel_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__cancel_order_row {
    const char *uid;    /* uuid */
    const char *status; /* order_status */
};

int api_orders__cancel_order(rt_db_conn *conn, const api_orders__cancel_order_params *params,
                             rt_db_result *result);
int api_orders__cancel_order_row(const rt_db_result *result, int row,
                                 struct api_orders__cancel_order_row *out);

/* ---- RecordNotification :exec (spec/orders.sql:28) */

extern const rt_query api_orders__record_notification_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__record_notification_params {
    const char *kind;      /* $1 text */
    const char *order_uid; /* $2 uuid */
} api_orders__record_notification_params;

int api_orders__record_notification(rt_db_conn *conn,
                                    const api_orders__record_notification_params *params,
                                    rt_db_result *result);

/* ---- StartPending :many (spec/orders.sql:33) */

extern const rt_query api_orders__start_pending_query;

/* One result row; text members point into the rt_db_result. */
struct api_orders__start_pending_row {
    const char *uid; /* uuid */
};

int api_orders__start_pending(rt_db_conn *conn, rt_db_result *result);
int api_orders__start_pending_row(const rt_db_result *result, int row,
                                  struct api_orders__start_pending_row *out);

/* ---- CompleteProcessing :many (spec/orders.sql:36) */

extern const rt_query api_orders__complete_processing_query;

/* One result row; text members point into the rt_db_result. */
struct api_orders__complete_processing_row {
    const char *uid; /* uuid */
};

int api_orders__complete_processing(rt_db_conn *conn, rt_db_result *result);
int api_orders__complete_processing_row(const rt_db_result *result, int row,
                                        struct api_orders__complete_processing_row *out);

#endif /* API_ORDERS_SQL_H */
