/*
 * sqlinfer.h - the type of each @parameter of a named query, from where
 * it stands in the parse tree (docs/spec-language.md, "Queries"):
 *
 *   1  a cast                      @p::numeric(12,2), CAST(@p AS int)
 *   2  compared with a column      col = @p, @p <= col, LIKE, BETWEEN, IN,
 *                                  and SET col = @p
 *   4  an INSERT value slot        INSERT INTO t (col) VALUES (@p)
 *   5  LIMIT / OFFSET              bigint
 *
 * The lowest number wins (the first use on a tie). A parameter with none
 * of these gets an error asking for a cast - never a guessed type.
 */
#ifndef SQLINFER_H
#define SQLINFER_H

#include <jansson.h>

#include "sqlscope.h"

/* Types every parameter of s->query; errors reported. Run after
 * sqlscope_analyze on the same tree. Returns 0. */
int sqlinfer_params(sqlscope *s, const json_t *statement);

#endif /* SQLINFER_H */
