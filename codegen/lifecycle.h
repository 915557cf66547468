/*
 * lifecycle.h - `lifecycle NAME on TABLE.COLUMN history TABLE(COLUMN)`:
 * the allowed transitions of an enum column, checked against the catalog,
 * and the database guard generated from them: an AFTER INSERT OR UPDATE
 * trigger that refuses any other transition (RAISE, SQLSTATE P0001, with a
 * message meant for clients) and writes one history row per change
 * (who: the session's orderd.actor setting; when; from; to). Because the
 * guard lives in the database, no path - not even hand-written SQL - can
 * make an invalid transition.
 *
 * The history table must have: the named column (the row's id), from_COLUMN
 * (nullable: a new row has no "from"), to_COLUMN, and actor (text); any
 * further columns need defaults (e.g. created_at DEFAULT now()).
 */
#ifndef LIFECYCLE_H
#define LIFECYCLE_H

#include "diag.h"
#include "model.h"
#include "rt_arena.h"

/* Checks the lifecycle and sets l->guard_sql. Returns 0 (errors reported
 * through d). */
int lifecycle_check(const model *m, rt_arena *a, diag *d, api_lifecycle *l);

#endif /* LIFECYCLE_H */
