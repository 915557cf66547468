/*
 * fuzz_spec.c - libFuzzer target for the spec compiler: the lexer, the
 * parsers (migrations, queries, endpoints), the SQL analysis and the
 * checker. The input becomes one file of a small project next to the real
 * migrations/ and spec/users.sql: the first byte picks whether it is an
 * endpoint file (spec/fuzz.api), a query file (spec/fuzz.sql) or a
 * migration (migrations/9999_fuzz.sql). The compiler runs in check mode;
 * any outcome but a crash, a sanitizer report or a hang is fine, and a
 * failure must have been reported (compile_run returns RT_EINVAL only with
 * diagnostics).
 *
 * Built with clang's libFuzzer and run from the repository root by `make
 * fuzz` (build/fuzz/fuzz_spec; scripts/fuzz.sh seeds it with the spec, the
 * migrations and the golden tests' inputs, each behind its kind byte).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"

static char root[64];

static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wb") : NULL;
    int rc = in && out ? 0 : -1;

    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    return rc;
}

static void setup_once(void)
{
    char path[256], target[256];
    static const char *const real[] = {"migrations/0001_users.sql", "migrations/0002_orders.sql",
                                       "migrations/0003_jobs.sql", "spec/users.sql"};

    if (root[0])
        return;
    compile_stop_when_out_of_memory(); /* as specc runs */
    snprintf(root, sizeof root, "/tmp/fuzz_spec.%d", (int)getpid());
    snprintf(path, sizeof path, "%s/migrations", root);
    mkdir(root, 0700);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/spec", root);
    mkdir(path, 0700);
    for (size_t i = 0; i < sizeof real / sizeof real[0]; i++) {
        snprintf(target, sizeof target, "%s/%s", root, real[i]);
        if (copy_file(real[i], target) != 0) {
            fprintf(stderr, "fuzz_spec: run from the repository root (%s)\n", real[i]);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const kinds[] = {"spec/fuzz.api", "spec/fuzz.sql",
                                        "migrations/9999_fuzz.sql"};
    const char *inputs[6] = {"migrations/0001_users.sql", "migrations/0002_orders.sql",
                             "migrations/0003_jobs.sql", "spec/users.sql"};
    char path[256];
    FILE *out, *sink;
    const char *fuzzed;
    int count = 4;

    setup_once();
    if (size < 1)
        return 0;
    fuzzed = kinds[data[0] % 3];
    snprintf(path, sizeof path, "%s/%s", root, fuzzed);
    out = fopen(path, "wb");
    if (!out)
        abort();
    fwrite(data + 1, 1, size - 1, out);
    fclose(out);
    inputs[count++] = fuzzed; /* a migration sorts after the real ones */

    compile_options options = {
        .mode = COMPILE_CHECK,
        .inputs = inputs,
        .input_count = count,
        .root = root,
    };
    sink = fopen("/dev/null", "w");
    compile_run(&options, sink);
    fclose(sink);
    unlink(path);
    return 0;
}
