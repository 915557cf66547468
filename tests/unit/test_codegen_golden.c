/*
 * test_codegen_golden.c - the generator's output, byte for byte.
 *
 * Each tests/golden/<case>/ holds inputs (migrations/NAME.sql,
 * spec/NAME.sql, spec/NAME.api) and expected/ (the files specc must
 * write). The test regenerates into a temporary folder and compares every
 * file both ways; SPECC_UPDATE_GOLDEN=1 rewrites expected/ instead. It
 * also checks that two runs give the same bytes, that the expected C
 * compiles with the house flags (when a C compiler is found), and - when
 * SPECC_TEST_PG holds a libpq conninfo such as
 * "host=127.0.0.1 port=15498 user=postgres" - that `verify` accepts the
 * features case on a freshly migrated database and catches a changed type.
 */
#include <dirent.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "compile.h"
#include "rt_error.h"

#define MAX_INPUTS 64

typedef struct golden_case {
    char dir[512];
    char *inputs[MAX_INPUTS];
    int input_count;
} golden_case;

static const char *golden_root(void)
{
    const char *root = getenv("SPECC_GOLDEN_DIR");
    return root ? root : "tests/golden";
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir ending with suffix, sorted; returns the count. */
static int list_files(const char *dir, const char *suffix, char **out, int max)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    int n = 0;

    if (!d)
        return 0;
    while ((entry = readdir(d)) != NULL && n < max) {
        size_t length = strlen(entry->d_name);
        if (entry->d_name[0] == '.' || length < strlen(suffix) ||
            strcmp(entry->d_name + length - strlen(suffix), suffix) != 0)
            continue;
        out[n++] = strdup(entry->d_name);
    }
    closedir(d);
    qsort(out, (size_t)n, sizeof *out, compare_names);
    return n;
}

/* Inputs in the Makefile's order: migrations, spec SQL, spec endpoints. */
static void load_case(golden_case *c, const char *name)
{
    static const struct {
        const char *folder;
        const char *suffix;
    } kinds[] = {{"migrations", ".sql"}, {"spec", ".sql"}, {"spec", ".api"}};

    memset(c, 0, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "%s/%s", golden_root(), name);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char folder[600];
        char *names[MAX_INPUTS];
        int n;
        snprintf(folder, sizeof folder, "%s/%s", c->dir, kinds[k].folder);
        n = list_files(folder, kinds[k].suffix, names, MAX_INPUTS);
        for (int i = 0; i < n; i++) {
            char path[600];
            snprintf(path, sizeof path, "%s/%s", kinds[k].folder, names[i]);
            assert_true(c->input_count < MAX_INPUTS);
            c->inputs[c->input_count++] = strdup(path);
            free(names[i]);
        }
    }
    assert_true(c->input_count > 0);
}

static void free_case(golden_case *c)
{
    for (int i = 0; i < c->input_count; i++)
        free(c->inputs[i]);
}

static char *read_all(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    *length = (size_t)size;
    return text;
}

static void write_all(const char *path, const char *text, size_t length)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, length, f), length);
    assert_int_equal(fclose(f), 0);
}

static void remove_tree(const char *dir)
{
    char *names[256];
    int n = list_files(dir, "", names, 256);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
        free(names[i]);
    }
    rmdir(dir);
}

static int generate(const golden_case *c, const char *out_dir, FILE *diagnostics)
{
    compile_options options;
    memset(&options, 0, sizeof options);
    options.mode = COMPILE_GEN;
    options.inputs = (const char *const *)c->inputs;
    options.input_count = c->input_count;
    options.root = c->dir;
    options.out_dir = out_dir;
    return compile_run(&options, diagnostics);
}

/* The first differing line of two texts, for a readable failure. */
static void report_difference(const char *name, const char *expected, const char *actual)
{
    int line = 1;
    const char *e = expected;
    const char *a = actual;
    while (*e && *a && *e == *a) {
        if (*e == '\n')
            line++;
        e++;
        a++;
    }
    fprintf(stderr, "%s differs at line %d\n  expected: %.80s\n  actual:   %.80s\n", name, line, e,
            a);
}

static void run_golden_case(const char *name)
{
    golden_case c;
    char out_dir[] = "/tmp/specc-golden-XXXXXX";
    char again_dir[] = "/tmp/specc-golden-again-XXXXXX";
    char expected_dir[700];
    char *produced[64];
    char *expected[64];
    int produced_count;
    int expected_count;
    bool update = getenv("SPECC_UPDATE_GOLDEN") && strcmp(getenv("SPECC_UPDATE_GOLDEN"), "1") == 0;

    load_case(&c, name);
    assert_non_null(mkdtemp(out_dir));
    assert_non_null(mkdtemp(again_dir));
    assert_int_equal(generate(&c, out_dir, stderr), 0);
    assert_int_equal(generate(&c, again_dir, stderr), 0);
    snprintf(expected_dir, sizeof expected_dir, "%s/expected", c.dir);
    produced_count = list_files(out_dir, "", produced, 64);
    assert_true(produced_count >= 4); /* X_sql.h, X_sql.c, api.h, registry.c, openapi.json... */
    if (update)
        mkdir(expected_dir, 0777);
    for (int i = 0; i < produced_count; i++) {
        char path[1024];
        char again_path[1024];
        char expected_path[1024];
        size_t length = 0;
        size_t again_length = 0;
        size_t expected_length = 0;
        snprintf(path, sizeof path, "%s/%s", out_dir, produced[i]);
        snprintf(again_path, sizeof again_path, "%s/%s", again_dir, produced[i]);
        snprintf(expected_path, sizeof expected_path, "%s/%s", expected_dir, produced[i]);
        char *text = read_all(path, &length);
        char *again = read_all(again_path, &again_length);
        assert_non_null(text);
        assert_non_null(again);
        /* deterministic: the same input gives the same bytes */
        assert_int_equal(length, again_length);
        assert_memory_equal(text, again, length);
        if (update) {
            write_all(expected_path, text, length);
        } else {
            char *want = read_all(expected_path, &expected_length);
            if (!want)
                fail_msg("%s: specc wrote %s, which expected/ does not have", name, produced[i]);
            if (expected_length != length || memcmp(want, text, length) != 0) {
                report_difference(produced[i], want, text);
                fail_msg("%s/%s differs from the golden file (SPECC_UPDATE_GOLDEN=1 rewrites it)",
                         name, produced[i]);
            }
            free(want);
        }
        free(text);
        free(again);
    }
    expected_count = list_files(expected_dir, "", expected, 64);
    for (int i = 0; i < expected_count; i++) {
        bool found = false;
        for (int k = 0; k < produced_count; k++)
            found = found || strcmp(expected[i], produced[k]) == 0;
        if (!found)
            fail_msg("%s: expected/%s was not generated", name, expected[i]);
        free(expected[i]);
    }
    for (int i = 0; i < produced_count; i++)
        free(produced[i]);
    remove_tree(out_dir);
    remove_tree(again_dir);
    free_case(&c);
}

static void test_golden_users(void **state)
{
    (void)state;
    run_golden_case("users");
}

static void test_golden_features(void **state)
{
    (void)state;
    run_golden_case("features");
}

/* The generated C compiles with the house flags. */
static void compile_expected(const char *name)
{
    char command[4096];
    char expected_dir[700];
    char *sources[64];
    int n;
    int status;

    if (system("command -v cc >/dev/null 2>&1") != 0)
        skip();
    snprintf(expected_dir, sizeof expected_dir, "%s/%s/expected", golden_root(), name);
    n = list_files(expected_dir, ".c", sources, 64);
    assert_true(n >= 2);
    for (int i = 0; i < n; i++) {
        snprintf(command, sizeof command,
                 "cc -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow "
                 "-Wstrict-prototypes -Wmissing-prototypes -fsyntax-only -Iruntime -I%s "
                 "$(pkg-config --cflags libpq) %s/%s",
                 expected_dir, expected_dir, sources[i]);
        status = system(command);
        if (status != 0)
            fail_msg("%s/%s does not compile: %s", name, sources[i], command);
        free(sources[i]);
    }
}

static void test_golden_orders(void **state)
{
    (void)state;
    run_golden_case("orders");
}

static void test_golden_users_compiles(void **state)
{
    (void)state;
    compile_expected("users");
}

static void test_golden_features_compiles(void **state)
{
    (void)state;
    compile_expected("features");
}

static void test_golden_orders_compiles(void **state)
{
    (void)state;
    compile_expected("orders");
}

/* ------------------------------------------------------------ verify */

/* Runs every statement of a migration file on conn. */
/* The edit loop (README, Speed of the edit loop): a second run leaves a
 * file whose content did not change untouched, so its time is kept and
 * make recompiles nothing for it; a file whose content differs is
 * rewritten. */
static void test_unchanged_outputs_keep_their_times(void **state)
{
    golden_case c;
    char out_dir[] = "/tmp/specc-golden-times-XXXXXX";
    char *produced[64];
    char changed[1024];
    int produced_count;
    const struct timespec old_times[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    struct stat info;

    (void)state;
    load_case(&c, "users");
    assert_non_null(mkdtemp(out_dir));
    assert_int_equal(generate(&c, out_dir, stderr), 0);
    produced_count = list_files(out_dir, "", produced, 64);
    assert_true(produced_count >= 4);
    for (int i = 0; i < produced_count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", out_dir, produced[i]);
        assert_int_equal(utimensat(AT_FDCWD, path, old_times, 0), 0);
    }
    snprintf(changed, sizeof changed, "%s/%s", out_dir, produced[0]);
    write_all(changed, "stale\n", 6);
    assert_int_equal(utimensat(AT_FDCWD, changed, old_times, 0), 0);

    assert_int_equal(generate(&c, out_dir, stderr), 0);
    for (int i = 0; i < produced_count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", out_dir, produced[i]);
        assert_int_equal(stat(path, &info), 0);
        if (i == 0)
            assert_true(info.st_mtim.tv_sec > old_times[1].tv_sec);
        else if (info.st_mtim.tv_sec != old_times[1].tv_sec)
            fail_msg("%s was rewritten although its content did not change", produced[i]);
        free(produced[i]);
    }
    remove_tree(out_dir);
    free_case(&c);
}

static void apply_file(PGconn *conn, const char *path)
{
    size_t length;
    char *sql = read_all(path, &length);
    PGresult *result;

    assert_non_null(sql);
    result = PQexec(conn, sql);
    if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", path, PQerrorMessage(conn));
    PQclear(result);
    free(sql);
}

static void exec_ok(PGconn *conn, const char *sql)
{
    PGresult *result = PQexec(conn, sql);
    if (PQresultStatus(result) != PGRES_COMMAND_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(conn));
    PQclear(result);
}

/* Migrates a fresh database with the case's migrations, verifies the
 * spec against it, then (when drift_sql is given) changes the database
 * and expects verify to report `expected`. */
static void verify_case(const char *name, const char *drift_sql, const char *expected)
{
    const char *server = getenv("SPECC_TEST_PG");
    char database[64];
    char conninfo[512];
    char sql[1024];
    golden_case c;
    compile_options options;
    PGconn *admin;
    PGconn *conn;
    char *diagnostics = NULL;
    size_t diagnostics_length = 0;
    FILE *stream;
    int rc;

    if (!server)
        skip();
    snprintf(database, sizeof database, "specc_golden_%s_%ld", name, (long)getpid());
    snprintf(conninfo, sizeof conninfo, "%s dbname=postgres", server);
    admin = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(admin), CONNECTION_OK);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", database);
    exec_ok(admin, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", database);
    exec_ok(admin, sql);
    snprintf(conninfo, sizeof conninfo, "%s dbname=%s", server, database);
    conn = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(conn), CONNECTION_OK);
    load_case(&c, name);
    for (int i = 0; i < c.input_count; i++) {
        if (strncmp(c.inputs[i], "migrations/", 11) == 0) {
            snprintf(sql, sizeof sql, "%s/%s", c.dir, c.inputs[i]);
            apply_file(conn, sql);
        }
    }

    memset(&options, 0, sizeof options);
    options.mode = COMPILE_VERIFY;
    options.inputs = (const char *const *)c.inputs;
    options.input_count = c.input_count;
    options.root = c.dir;
    options.database_url = conninfo;
    stream = open_memstream(&diagnostics, &diagnostics_length);
    rc = compile_run(&options, stream);
    fclose(stream);
    if (rc != 0)
        fail_msg("verify failed: %s", diagnostics);
    free(diagnostics);

    if (drift_sql) {
        exec_ok(conn, drift_sql);
        diagnostics = NULL;
        stream = open_memstream(&diagnostics, &diagnostics_length);
        rc = compile_run(&options, stream);
        fclose(stream);
        if (rc != RT_EINVAL || !strstr(diagnostics, expected))
            fail_msg("verify missed the drift (rc %d): %s", rc, diagnostics);
        free(diagnostics);
    }

    PQfinish(conn);
    snprintf(sql, sizeof sql, "DROP DATABASE %s", database);
    exec_ok(admin, sql);
    PQfinish(admin);
    free_case(&c);
}

static void test_verify_features(void **state)
{
    (void)state;
    /* The database drifts from the migrations the spec was compiled
     * against: products.stock becomes bigint, the spec still says int. */
    verify_case("features", "ALTER TABLE products ALTER COLUMN stock TYPE bigint",
                "spec/shop.sql:30:10: error: verify: ListLines: column \"stock\" is int8 in the "
                "database, but the spec infers int");
}

static void test_verify_orders(void **state)
{
    (void)state;
    verify_case("orders", "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2)",
                "error: verify: ListOrders: column \"amount\" is numeric(14,2) in the database, "
                "but the spec infers numeric(12,2)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_users),
        cmocka_unit_test(test_golden_features),
        cmocka_unit_test(test_golden_orders),
        cmocka_unit_test(test_golden_users_compiles),
        cmocka_unit_test(test_golden_features_compiles),
        cmocka_unit_test(test_golden_orders_compiles),
        cmocka_unit_test(test_unchanged_outputs_keep_their_times),
        cmocka_unit_test(test_verify_features),
        cmocka_unit_test(test_verify_orders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
