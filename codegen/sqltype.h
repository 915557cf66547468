/*
 * sqltype.h - SQL types as the compiler sees them: parsing a type's
 * spelling, naming it, and the compatibility rules of the spec language
 * (docs/spec-language.md, "Types flow").
 *
 * Ownership: returned names are static strings or arena copies.
 */
#ifndef SQLTYPE_H
#define SQLTYPE_H

#include <stdbool.h>

#include "model.h"
#include "rt_arena.h"

/* Maps a base type word ("integer", "varchar", "timestamptz", "bool") to a
 * type; precision/scale apply to numeric. Enum names are looked up in the
 * catalog by the caller (catalog_type_from_name). Returns false for an unknown word. */
bool sqltype_from_word(rt_arena *a, const char *word, int precision, int scale, sqltype *out);

/* Whether a value of type `value` may bind where `target` is expected
 * (a query parameter or a built-in argument). */
bool sqltype_compatible(const sqltype *value, const sqltype *target);

/* The C enumerator for a type: "RT_TYPE_TEXT". */
const char *sqltype_enumerator(rt_type type);

#endif /* SQLTYPE_H */
