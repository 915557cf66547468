/*
 * specc.c - the spec compiler's command line (the work is in compile.c).
 *
 *   specc gen [--out DIR] INPUT...             write generated/ (default DIR)
 *   specc check INPUT...                       report errors, write nothing
 *   specc verify --database URL INPUT...       compare queries with PostgreSQL
 *   specc --help
 *
 * Exit status: 0 success, 1 errors in the inputs (or a mismatch found by
 * verify), 2 bad usage or an I/O / connection failure, or out of memory:
 * specc then prints "specc: out of memory" and stops at once
 * (compile_stop_when_out_of_memory), so the compiler itself never checks
 * an allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "rt_error.h"

static void specc_usage(FILE *out)
{
    fputs("usage: specc gen [--out DIR] INPUT...\n"
          "       specc check INPUT...\n"
          "       specc verify --database URL INPUT...\n"
          "\n"
          "INPUTs are migrations (migrations/NAME.sql, applied in file-name order),\n"
          "named queries (spec/NAME.sql) and endpoints (spec/NAME.api).\n"
          "\n"
          "  gen     check, then write NAME_sql.h/.c, NAME_api.c, api.h, registry.c,\n"
          "          openapi.json and postman_collection.json into DIR (default:\n"
          "          generated); a file whose content is unchanged is not rewritten\n"
          "  check   check only; print errors like a compiler\n"
          "  verify  check, then prepare every query on a migrated database and compare\n"
          "          parameter and column types and nullability with the compiler's model\n"
          "          (URL defaults to $DATABASE_URL)\n",
          out);
}

int main(int argc, char **argv)
{
    compile_options options;
    int first_input = 2;
    int rc;

    compile_stop_when_out_of_memory();
    memset(&options, 0, sizeof options);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        specc_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "gen") == 0) {
        options.mode = COMPILE_GEN;
        options.out_dir = "generated";
    } else if (strcmp(argv[1], "check") == 0) {
        options.mode = COMPILE_CHECK;
    } else if (strcmp(argv[1], "verify") == 0) {
        options.mode = COMPILE_VERIFY;
        options.database_url = getenv("DATABASE_URL");
    } else {
        fprintf(stderr, "specc: unknown command \"%s\"\n", argv[1]);
        specc_usage(stderr);
        return 2;
    }
    while (first_input < argc && strncmp(argv[first_input], "--", 2) == 0) {
        const char *flag = argv[first_input];
        if (first_input + 1 >= argc) {
            fprintf(stderr, "specc: %s needs a value\n", flag);
            return 2;
        }
        if (strcmp(flag, "--out") == 0 && options.mode == COMPILE_GEN) {
            options.out_dir = argv[first_input + 1];
        } else if (strcmp(flag, "--database") == 0 && options.mode == COMPILE_VERIFY) {
            options.database_url = argv[first_input + 1];
        } else {
            fprintf(stderr, "specc: unknown option %s for %s\n", flag, argv[1]);
            return 2;
        }
        first_input += 2;
    }
    if (first_input >= argc) {
        fprintf(stderr, "specc: no inputs\n");
        return 2;
    }
    if (options.mode == COMPILE_VERIFY && !options.database_url) {
        fprintf(stderr, "specc: verify needs --database URL (or DATABASE_URL)\n");
        return 2;
    }
    options.inputs = (const char *const *)&argv[first_input];
    options.input_count = argc - first_input;
    rc = compile_run(&options, stderr);
    if (rc == 0)
        return 0;
    return rc == RT_EINVAL ? 1 : 2;
}
