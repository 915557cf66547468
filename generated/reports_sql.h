/* generated from spec/reports.sql by specc — do not edit. */
#ifndef API_REPORTS_SQL_H
#define API_REPORTS_SQL_H

#include "rt_api.h"

/* SummaryReport :one (spec/reports.sql:5) */
extern const rt_query api_reports__summary_report_query;

/* SalesRange :one (spec/reports.sql:24) */
extern const rt_query api_reports__sales_range_query;

/* SalesReport :many (spec/reports.sql:28) */
extern const rt_query api_reports__sales_report_query;

#endif /* API_REPORTS_SQL_H */
