/* generated from spec/products.sql by specc — do not edit. */
#ifndef API_PRODUCTS_SQL_H
#define API_PRODUCTS_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_db.h"

/* ---- CreateProduct :one (spec/products.sql:4) */

extern const rt_query api_products__create_product_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__create_product_params {
    const char *sku;                 /* $1 text */
    const char *name;                /* $2 text */
    const char *description;         /* $3 text */
    const char *price;               /* $4 numeric(12,2) */
    const char *low_stock_threshold; /* $5 int */
    const char *active;              /* $6 bool */
} api_products__create_product_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__create_product_row {
    int64_t id;      /* bigint */
    const char *uid; /* uuid */
};

int api_products__create_product(rt_db_conn *conn,
                                 const api_products__create_product_params *params,
                                 rt_db_result *result);
int api_products__create_product_row(const rt_db_result *result, int row,
                                     struct api_products__create_product_row *out);

/* ---- RecordInitialStock :exec (spec/products.sql:11) */

extern const rt_query api_products__record_initial_stock_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__record_initial_stock_params {
    const char *product_id; /* $1 bigint */
    const char *delta;      /* $2 int */
} api_products__record_initial_stock_params;

int api_products__record_initial_stock(rt_db_conn *conn,
                                       const api_products__record_initial_stock_params *params,
                                       rt_db_result *result);

/* ---- GetProduct :one (spec/products.sql:15) */

extern const rt_query api_products__get_product_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__get_product_params {
    const char *uid; /* $1 uuid */
} api_products__get_product_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__get_product_row {
    const char *uid;             /* uuid */
    const char *sku;             /* text */
    const char *name;            /* text */
    const char *description;     /* text, nullable */
    const char *price;           /* numeric(12,2) */
    int64_t stock;               /* int */
    int64_t low_stock_threshold; /* int */
    bool active;                 /* bool */
    const char *created_at;      /* timestamptz */
    const char *updated_at;      /* timestamptz */
};

int api_products__get_product(rt_db_conn *conn, const api_products__get_product_params *params,
                              rt_db_result *result);
int api_products__get_product_row(const rt_db_result *result, int row,
                                  struct api_products__get_product_row *out);

/* ---- ListProducts :page (spec/products.sql:21) */

extern const rt_query api_products__list_products_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__list_products_params {
    const char *sku;       /* $1 text */
    const char *q;         /* $2 text */
    const char *active;    /* $3 bool */
    const char *min_price; /* $4 numeric(12,2) */
    const char *max_price; /* $5 numeric(12,2) */
    const char *low_stock; /* $6 bool */
    const char *limit;     /* $7 bigint */
    const char *offset;    /* $8 bigint */
} api_products__list_products_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__list_products_row {
    const char *uid;             /* uuid */
    const char *sku;             /* text */
    const char *name;            /* text */
    const char *description;     /* text, nullable */
    const char *price;           /* numeric(12,2) */
    int64_t stock;               /* int */
    int64_t low_stock_threshold; /* int */
    bool active;                 /* bool */
    const char *created_at;      /* timestamptz */
    const char *updated_at;      /* timestamptz */
    int64_t total;               /* bigint */
};

int api_products__list_products(rt_db_conn *conn, const api_products__list_products_params *params,
                                rt_db_result *result);
int api_products__list_products_row(const rt_db_result *result, int row,
                                    struct api_products__list_products_row *out);

/* ---- UpdateProduct :one (spec/products.sql:36) */

extern const rt_query api_products__update_product_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__update_product_params {
    const char *sku;                 /* $1 text */
    const char *name;                /* $2 text */
    const char *description_set;     /* $3 bool */
    const char *description;         /* $4 text */
    const char *price;               /* $5 numeric(12,2) */
    const char *low_stock_threshold; /* $6 int */
    const char *active;              /* $7 bool */
    const char *uid;                 /* $8 uuid */
} api_products__update_product_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__update_product_row {
    const char *uid;             /* uuid */
    const char *sku;             /* text */
    const char *name;            /* text */
    const char *description;     /* text, nullable */
    const char *price;           /* numeric(12,2) */
    int64_t stock;               /* int */
    int64_t low_stock_threshold; /* int */
    bool active;                 /* bool */
    const char *created_at;      /* timestamptz */
    const char *updated_at;      /* timestamptz */
};

int api_products__update_product(rt_db_conn *conn,
                                 const api_products__update_product_params *params,
                                 rt_db_result *result);
int api_products__update_product_row(const rt_db_result *result, int row,
                                     struct api_products__update_product_row *out);

/* ---- DeleteProduct :one (spec/products.sql:52) */

extern const rt_query api_products__delete_product_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__delete_product_params {
    const char *uid; /* $1 uuid */
} api_products__delete_product_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__delete_product_row {
    const char *uid; /* uuid */
};

int api_products__delete_product(rt_db_conn *conn,
                                 const api_products__delete_product_params *params,
                                 rt_db_result *result);
int api_products__delete_product_row(const rt_db_result *result, int row,
                                     struct api_products__delete_product_row *out);

/* ---- AddStockMovement :one (spec/products.sql:58) */

extern const rt_query api_products__add_stock_movement_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__add_stock_movement_params {
    const char *delta;  /* $1 int */
    const char *reason; /* $2 text */
    const char *uid;    /* $3 uuid */
} api_products__add_stock_movement_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__add_stock_movement_row {
    int64_t id; /* bigint */
};

int api_products__add_stock_movement(rt_db_conn *conn,
                                     const api_products__add_stock_movement_params *params,
                                     rt_db_result *result);
int api_products__add_stock_movement_row(const rt_db_result *result, int row,
                                         struct api_products__add_stock_movement_row *out);

/* ---- FindProduct :one (spec/products.sql:68) */

extern const rt_query api_products__find_product_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__find_product_params {
    const char *uid; /* $1 uuid */
} api_products__find_product_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__find_product_row {
    int64_t id; /* bigint */
};

int api_products__find_product(rt_db_conn *conn, const api_products__find_product_params *params,
                               rt_db_result *result);
int api_products__find_product_row(const rt_db_result *result, int row,
                                   struct api_products__find_product_row *out);

/* ---- ListStockMovements :page (spec/products.sql:73) */

extern const rt_query api_products__list_stock_movements_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_products__list_stock_movements_params {
    const char *product_id; /* $1 bigint */
    const char *limit;      /* $2 bigint */
    const char *offset;     /* $3 bigint */
} api_products__list_stock_movements_params;

/* One result row; text members point into the rt_db_result. */
struct api_products__list_stock_movements_row {
    int64_t id;             /* bigint */
    int64_t delta;          /* int */
    const char *reason;     /* inventory_reason */
    const char *order_id;   /* uuid, nullable */
    const char *actor;      /* text */
    const char *created_at; /* timestamptz */
    int64_t total;          /* bigint */
};

int api_products__list_stock_movements(rt_db_conn *conn,
                                       const api_products__list_stock_movements_params *params,
                                       rt_db_result *result);
int api_products__list_stock_movements_row(const rt_db_result *result, int row,
                                           struct api_products__list_stock_movements_row *out);

/* ---- ProductsOffLedger :many (spec/products.sql:81) */

extern const rt_query api_products__products_off_ledger_query;

/* One result row; text members point into the rt_db_result. */
struct api_products__products_off_ledger_row {
    const char *uid; /* uuid */
    const char *sku; /* text */
    int64_t stock;   /* int */
    int64_t ledger;  /* bigint */
};

int api_products__products_off_ledger(rt_db_conn *conn, rt_db_result *result);
int api_products__products_off_ledger_row(const rt_db_result *result, int row,
                                          struct api_products__products_off_ledger_row *out);

#endif /* API_PRODUCTS_SQL_H */
