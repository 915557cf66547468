/*
 * failing_alloc.h - walks an operation through every allocation failure:
 * the runtime's out-of-memory handling exercised, not assumed (rt_alloc.h).
 *
 * failing_alloc_walk(operation, context, error) runs operation with its
 * 1st, 2nd, ... allocation failing (rt_alloc_fail_nth) until a run
 * reaches no failure; each failed run must return `error` (the module's
 * documented out-of-memory code, usually RT_ENOMEM) having cleaned up
 * after itself (make test-asan's LeakSanitizer finds what leaked), and the
 * last run must succeed (0). Returns how many failures were exercised.
 *
 * Header-only (static inline), included after <cmocka.h>.
 */
#ifndef FAILING_ALLOC_H
#define FAILING_ALLOC_H

#include "rt_alloc.h"

/* Runs once and releases whatever it made; returns 0 or a negative code. */
typedef int (*failing_alloc_operation)(void *context);

static inline int failing_alloc_walk(failing_alloc_operation operation, void *context, int error)
{
    for (long n = 1;; n++) {
        int rc;
        bool failed;

        rt_alloc_fail_nth(n);
        rc = operation(context);
        failed = rt_alloc_failure_happened();
        rt_alloc_fail_nth(0);
        if (!failed) {
            if (rc != 0)
                fail_msg("no allocation failed, yet the operation returned %d", rc);
            return (int)n - 1;
        }
        if (rc != error)
            fail_msg("allocation %ld failed: expected %d, got %d", n, error, rc);
    }
}

#endif /* FAILING_ALLOC_H */
