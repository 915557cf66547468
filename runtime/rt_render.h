/*
 * rt_render.h - writing results as JSON: a value of an rt_type, the rows of
 * a query step, and the members of a response or of a spec log event.
 *
 * The renderer reads what the steps of a program left (rt_step_state) and
 * asks its caller, through rt_render_source.evaluate, for the text of a
 * value member; it never runs steps itself. The interpreter (rt_program)
 * fills a source with rt_program_render_source.
 */
#ifndef RT_RENDER_H
#define RT_RENDER_H

#include <stdbool.h>

#include "rt_api.h"
#include "rt_buf.h"
#include "rt_db.h"

/* What one step of a program left behind. */
typedef struct rt_step_state {
    bool has_result;      /* a query ran: result is valid */
    rt_db_result result;  /* RT_STEP_QUERY */
    bool absent;          /* optional step without a row: columns are null */
    const char **columns; /* RT_STEP_LET: one text per column */
    /* a :page step (README, "Pages and counts") */
    int64_t count;          /* matching rows: exact up to LIST_COUNT_EXACT_LIMIT */
    bool count_is_estimate; /* above it: the planner's estimate */
} rt_step_state;

/* The text of a value (NULL for SQL NULL): 0, or a negative code with the
 * caller's failure answer recorded. */
typedef int (*rt_render_evaluator)(void *context, const rt_value *value, const char **out);

typedef struct rt_render_source {
    const rt_step *steps;
    const rt_step_state *states; /* one per step */
    rt_render_evaluator evaluate;
    void *context; /* evaluate's */
} rt_render_source;

/* Writes text of a type as a JSON value (NULL -> null). */
void rt_render_value(rt_buf *out, rt_type type, const char *text);

/* The text of a step's column in a row, NULL when null or absent. */
const char *rt_render_column(const rt_render_source *source, int step, int row, int column);

/* Which rows of a page step are shown: the first `rows` (a page reads one
 * more than it shows), in reverse for a page read backwards, without the
 * last hidden_columns columns (a keyset page's page_tiebreak). */
typedef struct rt_render_window {
    int rows;
    bool reversed;
    int hidden_columns;
} rt_render_window;

/* Writes the rows of a query step as a JSON array of objects; window NULL:
 * all rows and columns. */
void rt_render_rows(const rt_render_source *source, int step, const rt_render_window *window,
                    rt_buf *out);

/* Writes members as the inside of a JSON object (no braces); *first tracks
 * commas. RT_MEMBER_PAGE is the caller's: it is skipped here. Returns 0 or
 * evaluate's error. */
int rt_render_members(const rt_render_source *source, const rt_member *members, int count,
                      rt_buf *out, bool *first);

#endif /* RT_RENDER_H */
