/*
 * rt_error.c - names of the runtime's RT_E* codes and the default error
 * code string for each HTTP status (see rt_error.h). In common/: the
 * compiler returns the same codes.
 *
 * Both functions return pointers to string literals: callers never free
 * them, and they are valid for the life of the process.
 */
#include "rt_error.h"

const char *rt_error_name(int code)
{
    switch (code) {
    case RT_OK:
        return "ok";
    case RT_ENOMEM:
        return "out of memory";
    case RT_EINVAL:
        return "invalid";
    case RT_EUNAVAILABLE:
        return "unavailable";
    case RT_EDB:
        return "database error";
    case RT_ENOROW:
        return "no row";
    case RT_ETOOBIG:
        return "too big";
    case RT_EIO:
        return "I/O error";
    case RT_EAUTH:
        return "not authenticated";
    case RT_EBUSY:
        return "in use";
    default:
        return "unknown error";
    }
}

const char *rt_error_default_code(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "not_authenticated";
    case 403:
        return "permission_denied";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 409:
        return "conflict";
    case 412:
        return "precondition_failed";
    case 413:
        return "payload_too_large";
    case 415:
        return "unsupported_media_type";
    case 429:
        return "throttled";
    case 500:
        return "internal_error";
    case 503:
        return "service_unavailable";
    default:
        return "error";
    }
}
