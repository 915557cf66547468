/* generated from spec/shop.sql by specc — do not edit. */
#ifndef API_SHOP_SQL_H
#define API_SHOP_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_db.h"

/* ---- CreateOrder :one (spec/shop.sql:3) */

extern const rt_query api_shop__create_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__create_order_params {
    const char *amount;   /* $1 numeric(12,2) */
    const char *note;     /* $2 text */
    const char *user_uid; /* $3 uuid */
} api_shop__create_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_shop__create_order_row {
    const char *uid;        /* uuid */
    const char *status;     /* order_status */
    const char *created_at; /* timestamptz */
};

int api_shop__create_order(rt_db_conn *conn, const api_shop__create_order_params *params,
                           rt_db_result *result);
int api_shop__create_order_row(const rt_db_result *result, int row,
                               struct api_shop__create_order_row *out);

/* ---- AddLine :exec (spec/shop.sql:11) */

extern const rt_query api_shop__add_line_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__add_line_params {
    const char *order_uid;  /* $1 uuid */
    const char *product_id; /* $2 int */
    const char *quantity;   /* $3 int */
    const char *gift;       /* $4 bool */
} api_shop__add_line_params;

int api_shop__add_line(rt_db_conn *conn, const api_shop__add_line_params *params,
                       rt_db_result *result);

/* ---- GetOrder :one (spec/shop.sql:15) */

extern const rt_query api_shop__get_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__get_order_params {
    const char *uid; /* $1 uuid */
} api_shop__get_order_params;

/* One result row; text members point into the rt_db_result. */
struct api_shop__get_order_row {
    const char *uid;         /* uuid */
    const char *status;      /* order_status */
    const char *amount;      /* numeric(12,2) */
    const char *note;        /* text, nullable */
    const char *owner_email; /* text */
    int64_t line_count;      /* bigint */
};

int api_shop__get_order(rt_db_conn *conn, const api_shop__get_order_params *params,
                        rt_db_result *result);
int api_shop__get_order_row(const rt_db_result *result, int row,
                            struct api_shop__get_order_row *out);

/* ---- ListLines :many (spec/shop.sql:24) */

extern const rt_query api_shop__list_lines_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__list_lines_params {
    const char *uid; /* $1 uuid */
} api_shop__list_lines_params;

/* One result row; text members point into the rt_db_result. */
struct api_shop__list_lines_row {
    const char *sku;     /* text, nullable */
    const char *name;    /* text, nullable */
    int64_t quantity;    /* int */
    bool gift;           /* bool, nullable */
    bool gift_is_null;   /* gift is SQL NULL */
    int64_t stock;       /* int, nullable */
    bool stock_is_null;  /* stock is SQL NULL */
    bool active;         /* bool, nullable */
    bool active_is_null; /* active is SQL NULL */
};

int api_shop__list_lines(rt_db_conn *conn, const api_shop__list_lines_params *params,
                         rt_db_result *result);
int api_shop__list_lines_row(const rt_db_result *result, int row,
                             struct api_shop__list_lines_row *out);

/* ---- SearchProducts :many (spec/shop.sql:31) */

extern const rt_query api_shop__search_products_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__search_products_params {
    const char *min_stock; /* $1 int */
    const char *pattern;   /* $2 text */
    const char *min_price; /* $3 numeric(12,2) */
    const char *max_price; /* $4 numeric(12,2) */
    const char *max_rows;  /* $5 bigint */
} api_shop__search_products_params;

/* One result row; text members point into the rt_db_result. */
struct api_shop__search_products_row {
    const char *sku;   /* text */
    const char *name;  /* text */
    const char *price; /* numeric(12,2) */
    bool ordered;      /* bool */
};

int api_shop__search_products(rt_db_conn *conn, const api_shop__search_products_params *params,
                              rt_db_result *result);
int api_shop__search_products_row(const rt_db_result *result, int row,
                                  struct api_shop__search_products_row *out);

/* ---- SetStatus :one (spec/shop.sql:41) */

extern const rt_query api_shop__set_status_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__set_status_params {
    const char *status; /* $1 order_status */
    const char *uid;    /* $2 uuid */
} api_shop__set_status_params;

/* One result row; text members point into the rt_db_result. */
struct api_shop__set_status_row {
    const char *uid;    /* uuid */
    const char *status; /* order_status */
};

int api_shop__set_status(rt_db_conn *conn, const api_shop__set_status_params *params,
                         rt_db_result *result);
int api_shop__set_status_row(const rt_db_result *result, int row,
                             struct api_shop__set_status_row *out);

/* ---- DeleteOrder :exec (spec/shop.sql:46) */

extern const rt_query api_shop__delete_order_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__delete_order_params {
    const char *uid; /* $1 uuid */
} api_shop__delete_order_params;

int api_shop__delete_order(rt_db_conn *conn, const api_shop__delete_order_params *params,
                           rt_db_result *result);

/* ---- SetNote :one (spec/shop.sql:49) */

extern const rt_query api_shop__set_note_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_shop__set_note_params {
    const char *note_sent; /* $1 bool */
    const char *note;      /* $2 text */
    const char *uid;       /* $3 uuid */
} api_shop__set_note_params;

/* One result row; text members point into the rt_db_result. */
struct api_shop__set_note_row {
    const char *uid;  /* uuid */
    const char *note; /* text, nullable */
};

int api_shop__set_note(rt_db_conn *conn, const api_shop__set_note_params *params,
                       rt_db_result *result);
int api_shop__set_note_row(const rt_db_result *result, int row, struct api_shop__set_note_row *out);

#endif /* API_SHOP_SQL_H */
