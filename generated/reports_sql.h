/* generated from spec/reports.sql by specc — do not edit. */
#ifndef API_REPORTS_SQL_H
#define API_REPORTS_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_api.h"
#include "rt_db.h"

/* ---- SummaryReport :one (spec/reports.sql:5) */

extern const rt_query api_reports__summary_report_query;

/* One result row; text members point into the rt_db_result. */
struct api_reports__summary_report_row {
    int64_t total_orders;           /* bigint, nullable */
    bool total_orders_is_null;      /* total_orders is SQL NULL */
    const char *total_revenue;      /* numeric(14,2), nullable */
    const char *orders_by_status;   /* jsonb, nullable */
    const char *low_stock_products; /* jsonb, nullable */
};

int api_reports__summary_report(rt_db_conn *conn, rt_db_result *result);
int api_reports__summary_report_row(const rt_db_result *result, int row,
                                    struct api_reports__summary_report_row *out);

/* ---- SalesRange :one (spec/reports.sql:24) */

extern const rt_query api_reports__sales_range_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_reports__sales_range_params {
    const char *to;   /* $1 date */
    const char *from; /* $2 date */
} api_reports__sales_range_params;

/* One result row; text members point into the rt_db_result. */
struct api_reports__sales_range_row {
    bool valid;         /* bool, nullable */
    bool valid_is_null; /* valid is SQL NULL */
};

int api_reports__sales_range(rt_db_conn *conn, const api_reports__sales_range_params *params,
                             rt_db_result *result);
int api_reports__sales_range_row(const rt_db_result *result, int row,
                                 struct api_reports__sales_range_row *out);

/* ---- SalesReport :many (spec/reports.sql:28) */

extern const rt_query api_reports__sales_report_query;

/* Parameters in PostgreSQL text format; NULL is SQL NULL. */
typedef struct api_reports__sales_report_params {
    const char *group_by; /* $1 text */
    const char *from;     /* $2 date */
    const char *to;       /* $3 date */
} api_reports__sales_report_params;

/* One result row; text members point into the rt_db_result. */
struct api_reports__sales_report_row {
    const char *day;          /* date, nullable */
    const char *sku;          /* text, nullable */
    const char *product_name; /* text, nullable */
    int64_t orders;           /* bigint */
    int64_t units;            /* bigint, nullable */
    bool units_is_null;       /* units is SQL NULL */
    const char *revenue;      /* numeric(14,2), nullable */
};

int api_reports__sales_report(rt_db_conn *conn, const api_reports__sales_report_params *params,
                              rt_db_result *result);
int api_reports__sales_report_row(const rt_db_result *result, int row,
                                  struct api_reports__sales_report_row *out);

#endif /* API_REPORTS_SQL_H */
