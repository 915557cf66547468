/*
 * rt_error.h - error codes of the runtime and the one JSON error shape.
 * In common/: the compiler's functions return the same codes.
 *
 * Every runtime function returns 0 or a negative RT_E* code; results go
 * through out-parameters. HTTP errors are always written in one shape
 * (README, The API) by rt_respond_error_body() (runtime/rt_respond.h), whose codes
 * default to rt_error_default_code() below.
 */
#ifndef RT_ERROR_H
#define RT_ERROR_H

enum {
    RT_OK = 0,
    RT_ENOMEM = -1,       /* allocation failed */
    RT_EINVAL = -2,       /* invalid argument or input */
    RT_EUNAVAILABLE = -3, /* a service (PostgreSQL, Redis) cannot be reached */
    RT_EDB = -4,          /* a statement failed; details in rt_db_result */
    RT_ENOROW = -5,       /* a :one query returned no row */
    RT_ETOOBIG = -6,      /* input over a configured limit */
    RT_EIO = -7,          /* file or socket error */
    RT_EAUTH = -8,        /* token or credentials rejected */
    RT_EBUSY = -9,        /* a resource is taken (a listen port in use) */
};

/* A short, stable English name for an RT_E* code ("unavailable"). */
const char *rt_error_name(int code);

/* The default error code string for an HTTP status: 400 "validation_error"
 * is not implied; 400 -> "bad_request", 401 -> "not_authenticated",
 * 403 -> "permission_denied", 404 -> "not_found", 405
 * "method_not_allowed", 409 "conflict", 412 "precondition_failed", 413 "payload_too_large", 415
 * "unsupported_media_type", 429 "throttled", 500 "internal_error", 503
 * "service_unavailable"; anything else "error". */
const char *rt_error_default_code(int status);

#endif /* RT_ERROR_H */
