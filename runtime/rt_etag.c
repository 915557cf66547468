/*
 * rt_etag.c - formats entity tags from row versions and compares them with
 * If-Match / If-None-Match lists, as RFC 9110 (8.8.3, 13.1.1, 13.1.2) says.
 *
 * Grammar read: `*`, or 1#entity-tag where entity-tag = [ "W/" ] DQUOTE
 * *etagc DQUOTE and etagc is %x21 / %x23-7E / obs-text; list elements are
 * separated by commas with optional spaces and tabs, and empty elements
 * are allowed (RFC 9110 5.6.1). Anything else makes the list malformed.
 */
#include "rt_etag.h"

#include <stdio.h>
#include <string.h>

#include "rt_error.h"

int rt_etag_format(const char *version, char *out, size_t size)
{
    const char *digits = version;
    int written;

    if (version == NULL || out == NULL)
        return RT_EINVAL;
    if (*digits == '-')
        digits++;
    if (*digits == '\0' || strspn(digits, "0123456789") != strlen(digits))
        return RT_EINVAL;
    written = snprintf(out, size, "\"%s\"", version);
    return written < 0 || (size_t)written >= size ? RT_EINVAL : 0;
}

static bool etag_is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool etag_is_etagc(unsigned char c)
{
    return c == 0x21 || (c >= 0x23 && c <= 0x7e) || c >= 0x80;
}

/* Reads one entity tag at *cursor: *out_weak, the opaque tag (quotes
 * included) at *out_start for *out_length bytes. Returns false when the
 * text there is not an entity tag. */
static bool etag_read_tag(const char **cursor, bool *out_weak, const char **out_start,
                          size_t *out_length)
{
    const char *at = *cursor;

    *out_weak = false;
    if (at[0] == 'W' && at[1] == '/') {
        *out_weak = true;
        at += 2;
    }
    if (*at != '"')
        return false;
    *out_start = at++;
    while (etag_is_etagc((unsigned char)*at))
        at++;
    if (*at != '"')
        return false;
    at++;
    *out_length = (size_t)(at - *out_start);
    *cursor = at;
    return true;
}

static bool etag_tag_matches(const char *etag, bool weak, const char *start, size_t length,
                             rt_etag_compare compare)
{
    bool etag_weak = strncmp(etag, "W/", 2) == 0;
    const char *opaque = etag_weak ? etag + 2 : etag;

    if (compare == RT_ETAG_STRONG && (weak || etag_weak))
        return false;
    return strlen(opaque) == length && memcmp(opaque, start, length) == 0;
}

int rt_etag_list_matches(const char *header, const char *etag, rt_etag_compare compare,
                         bool *out_match)
{
    const char *at = header;
    bool found = false;

    if (header == NULL || etag == NULL || out_match == NULL)
        return RT_EINVAL;
    *out_match = false;
    while (etag_is_space(*at))
        at++;
    if (*at == '*') {
        at++;
        while (etag_is_space(*at))
            at++;
        *out_match = *at == '\0';
        return 0;
    }
    while (*at != '\0') {
        bool weak = false;
        const char *start = NULL;
        size_t length = 0;
        if (*at == ',' || etag_is_space(*at)) {
            at++;
            continue;
        }
        if (!etag_read_tag(&at, &weak, &start, &length))
            return 0; /* malformed: matches nothing */
        found = found || etag_tag_matches(etag, weak, start, length, compare);
        while (etag_is_space(*at))
            at++;
        if (*at != '\0' && *at != ',')
            return 0;
    }
    *out_match = found;
    return 0;
}
