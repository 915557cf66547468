/*
 * rt_etag.h - entity tags (RFC 9110, section 8.8.3) for the spec's `etag`
 * endpoints and the `if_match` built-in (README, The API: ETags).
 *
 * An ETag is a row's version (a bigint the database bumps on every change,
 * migrations/0011_versions.sql) in quotes: "7". These functions format one
 * and compare one with the list a client sends in If-Match (strong
 * comparison: a weak tag never matches) or If-None-Match (weak comparison:
 * W/"7" matches "7"); `*` matches any existing representation.
 */
#ifndef RT_ETAG_H
#define RT_ETAG_H

#include <stdbool.h>
#include <stddef.h>

/* Longest ETag we write: a bigint's 20 characters, the quotes and a NUL. */
#define RT_ETAG_MAX 24

/* out: "\"<version>\"". version must be decimal digits (a bigint's text,
 * possibly with a leading '-'); RT_EINVAL otherwise. */
int rt_etag_format(const char *version, char *out, size_t size);

typedef enum rt_etag_compare {
    RT_ETAG_STRONG = 0, /* If-Match: both tags strong and equal */
    RT_ETAG_WEAK,       /* If-None-Match: opaque parts equal, W/ ignored */
} rt_etag_compare;

/* *out_match: whether header (a comma-separated list of entity tags, or
 * `*`) lists etag under the given comparison. A malformed list matches
 * nothing (a conditional write is then refused, a conditional read
 * answered in full). Returns 0, or RT_EINVAL for NULL arguments. */
int rt_etag_list_matches(const char *header, const char *etag, rt_etag_compare compare,
                         bool *out_match);

#endif /* RT_ETAG_H */
