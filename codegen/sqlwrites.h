/*
 * sqlwrites.h - whether a named query only reads.
 *
 * The runtime sends a read endpoint's first statement ahead, in one round
 * trip with its user check, before it knows the user may see anything
 * (README, "Speed"); that is safe only for a statement that changes and
 * locks nothing, whatever its result is used for. specc decides it here,
 * from PostgreSQL's parse tree, and generates it as rt_query.reads_only.
 */
#ifndef SQLWRITES_H
#define SQLWRITES_H

#include <jansson.h>
#include <stdbool.h>

#include "model.h"

/* True when statement (a parsed RawStmt's stmt node) is a SELECT with no
 * FOR UPDATE / SHARE, no data-modifying WITH, and no call to a function
 * the migrations create VOLATILE (cat) or to one of PostgreSQL's own
 * functions with effects (nextval, advisory locks, pg_notify, ...). When
 * in doubt, false. */
bool sqlwrites_reads_only(const catalog *cat, const json_t *statement);

#endif /* SQLWRITES_H */
