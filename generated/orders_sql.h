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
    const char *user_uid;     /* $1 uuid */
    const char *product_name; /* $2 text */
    const char *quantity;     /* $3 int */
    const char *amount;       /* $4 numeric(12,2) */
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

/* ---- AddOrderLine :exec (spec/orders.sql:9) */

extern const rt_query api_orders__add_order_line_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__add_order_line_params {
    const char *order_id;     /* $1 bigint */
    const char *product_name; /* $2 text */
    const char *quantity;     /* $3 int */
    const char *amount;       /* $4 numeric(12,2) */
} api_orders__add_order_line_params;

int api_orders__add_order_line(rt_db_conn *conn, const api_orders__add_order_line_params *params,
                               rt_db_result *result);

/* ---- ListOrders :page (spec/orders.sql:15) */

extern const rt_query api_orders__list_orders_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__list_orders_params {
    const char *owner;          /* $1 uuid */
    const char *user;           /* $2 uuid */
    const char *status;         /* $3 order_status */
    const char *created_after;  /* $4 timestamptz */
    const char *created_before; /* $5 timestamptz */
    const char *min_amount;     /* $6 numeric(12,2) */
    const char *max_amount;     /* $7 numeric(12,2) */
    const char *limit;          /* $8 bigint */
    const char *offset;         /* $9 bigint */
} api_orders__list_orders_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__list_orders_row {
    const char *uid;          /* uuid */
    const char *product_name; /* text */
    int64_t quantity;         /* int */
    const char *amount;       /* numeric(12,2) */
    const char *status;       /* order_status */
    const char *created_at;   /* timestamptz */
    const char *updated_at;   /* timestamptz */
    const char *lines;        /* jsonb, nullable */
    int64_t total;            /* bigint */
};

int api_orders__list_orders(rt_db_conn *conn, const api_orders__list_orders_params *params,
                            rt_db_result *result);
int api_orders__list_orders_row(const rt_db_result *result, int row,
                                struct api_orders__list_orders_row *out);

/* ---- GetOrder :one (spec/orders.sql:33) */

extern const rt_query api_orders__get_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__get_order_params {
    const char *uid;   /* $1 uuid */
    const char *owner; /* $2 uuid */
} api_orders__get_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__get_order_row {
    int64_t id;                /* bigint */
    const char *uid;           /* uuid */
    const char *product_name;  /* text */
    int64_t quantity;          /* int */
    const char *amount;        /* numeric(12,2) */
    const char *status;        /* order_status */
    const char *cancel_reason; /* text, nullable */
    const char *created_at;    /* timestamptz */
    const char *updated_at;    /* timestamptz */
};

int api_orders__get_order(rt_db_conn *conn, const api_orders__get_order_params *params,
                          rt_db_result *result);
int api_orders__get_order_row(const rt_db_result *result, int row,
                              struct api_orders__get_order_row *out);

/* ---- ListOrderLines :many (spec/orders.sql:40) */

extern const rt_query api_orders__list_order_lines_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__list_order_lines_params {
    const char *order_id; /* $1 bigint */
} api_orders__list_order_lines_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__list_order_lines_row {
    const char *sku;          /* text, nullable */
    const char *product_name; /* text */
    int64_t quantity;         /* int */
    const char *unit_price;   /* numeric(12,2) */
    const char *amount;       /* numeric(12,2) */
};

int api_orders__list_order_lines(rt_db_conn *conn,
                                 const api_orders__list_order_lines_params *params,
                                 rt_db_result *result);
int api_orders__list_order_lines_row(const rt_db_result *result, int row,
                                     struct api_orders__list_order_lines_row *out);

/* ---- ListOrderHistory :many (spec/orders.sql:46) */

extern const rt_query api_orders__list_order_history_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__list_order_history_params {
    const char *order_id; /* $1 bigint */
} api_orders__list_order_history_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__list_order_history_row {
    const char *from;   /* order_status, nullable */
    const char *to;     /* order_status */
    const char *actor;  /* text */
    const char *reason; /* text, nullable */
    const char *at;     /* timestamptz */
};

int api_orders__list_order_history(rt_db_conn *conn,
                                   const api_orders__list_order_history_params *params,
                                   rt_db_result *result);
int api_orders__list_order_history_row(const rt_db_result *result, int row,
                                       struct api_orders__list_order_history_row *out);

/* ---- CancelOrder :one (spec/orders.sql:52) */

extern const rt_query api_orders__cancel_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__cancel_order_params {
    const char *reason; /* $1 text */
    const char *uid;    /* $2 uuid */
    const char *owner;  /* $3 uuid */
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

/* ---- ConfirmOrder :one (spec/orders.sql:61) */

extern const rt_query api_orders__confirm_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__confirm_order_params {
    const char *uid; /* $1 uuid */
} api_orders__confirm_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__confirm_order_row {
    const char *uid;    /* uuid */
    const char *status; /* order_status */
};

int api_orders__confirm_order(rt_db_conn *conn, const api_orders__confirm_order_params *params,
                              rt_db_result *result);
int api_orders__confirm_order_row(const rt_db_result *result, int row,
                                  struct api_orders__confirm_order_row *out);

/* ---- ShipOrder :one (spec/orders.sql:67) */

extern const rt_query api_orders__ship_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__ship_order_params {
    const char *uid; /* $1 uuid */
} api_orders__ship_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__ship_order_row {
    const char *uid;    /* uuid */
    const char *status; /* order_status */
};

int api_orders__ship_order(rt_db_conn *conn, const api_orders__ship_order_params *params,
                           rt_db_result *result);
int api_orders__ship_order_row(const rt_db_result *result, int row,
                               struct api_orders__ship_order_row *out);

/* ---- DeliverOrder :one (spec/orders.sql:72) */

extern const rt_query api_orders__deliver_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__deliver_order_params {
    const char *uid; /* $1 uuid */
} api_orders__deliver_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__deliver_order_row {
    const char *uid;    /* uuid */
    const char *status; /* order_status */
};

int api_orders__deliver_order(rt_db_conn *conn, const api_orders__deliver_order_params *params,
                              rt_db_result *result);
int api_orders__deliver_order_row(const rt_db_result *result, int row,
                                  struct api_orders__deliver_order_row *out);

/* ---- RecordNotification :exec (spec/orders.sql:77) */

extern const rt_query api_orders__record_notification_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__record_notification_params {
    const char *order_id; /* $1 bigint */
    const char *kind;     /* $2 text */
} api_orders__record_notification_params;

int api_orders__record_notification(rt_db_conn *conn,
                                    const api_orders__record_notification_params *params,
                                    rt_db_result *result);

/* ---- ClaimPendingOrders :many (spec/orders.sql:82) */

extern const rt_query api_orders__claim_pending_orders_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__claim_pending_orders_params {
    const char *job_id; /* $1 bigint */
} api_orders__claim_pending_orders_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__claim_pending_orders_row {
    const char *uid; /* uuid, nullable */
};

int api_orders__claim_pending_orders(rt_db_conn *conn,
                                     const api_orders__claim_pending_orders_params *params,
                                     rt_db_result *result);
int api_orders__claim_pending_orders_row(const rt_db_result *result, int row,
                                         struct api_orders__claim_pending_orders_row *out);

/* ---- OrdersToComplete :many (spec/orders.sql:90) */

extern const rt_query api_orders__orders_to_complete_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__orders_to_complete_params {
    const char *job_id; /* $1 bigint */
} api_orders__orders_to_complete_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__orders_to_complete_row {
    const char *uid; /* uuid */
};

int api_orders__orders_to_complete(rt_db_conn *conn,
                                   const api_orders__orders_to_complete_params *params,
                                   rt_db_result *result);
int api_orders__orders_to_complete_row(const rt_db_result *result, int row,
                                       struct api_orders__orders_to_complete_row *out);

/* ---- CompleteClaimedOrders :many (spec/orders.sql:100) */

extern const rt_query api_orders__complete_claimed_orders_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_orders__complete_claimed_orders_params {
    const char *job_id; /* $1 bigint */
} api_orders__complete_claimed_orders_params;

/* One result row; text members point into the rt_db_result. */
struct api_orders__complete_claimed_orders_row {
    const char *uid; /* uuid */
};

int api_orders__complete_claimed_orders(rt_db_conn *conn,
                                        const api_orders__complete_claimed_orders_params *params,
                                        rt_db_result *result);
int api_orders__complete_claimed_orders_row(const rt_db_result *result, int row,
                                            struct api_orders__complete_claimed_orders_row *out);

#endif /* API_ORDERS_SQL_H */
