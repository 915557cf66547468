/*
 * specc_fixture.h - the fixture of the compiler's error tests
 * (test_checker.c, test_sql.c, test_diagnostics.c): a temporary folder
 * with migrations/ and spec/, the test file's base spec (a migration, a
 * query file and an .api file), the compiler run in-process (compile_run,
 * mode check) on the base with some files replaced, and its diagnostics
 * kept for exact assertions.
 *
 * Header-only (static inline), included after <cmocka.h> by each test
 * binary, which defines its bases and its setup:
 *   static int setup(void **state)
 *   { return fixture_setup(state, base_migration, base_sql, base_api); }
 */
#ifndef SPECC_FIXTURE_H
#define SPECC_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "rt_error.h"

typedef struct fixture {
    char dir[64];
    char *diagnostics;
    size_t length;
    const char *base_migration, *base_sql, *base_api;
} fixture;

static inline int fixture_setup(void **state, const char *migration, const char *sql,
                                const char *api)
{
    fixture *f = calloc(1, sizeof *f);
    char path[128];

    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/specc-test-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(path, sizeof path, "%s/migrations", f->dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/spec", f->dir);
    mkdir(path, 0777);
    f->base_migration = migration;
    f->base_sql = sql;
    f->base_api = api;
    *state = f;
    return 0;
}

static inline int fixture_remove(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes the folder and whatever a test wrote into it. */
static inline int teardown(void **state)
{
    fixture *f = *state;
    nftw(f->dir, fixture_remove, 8, FTW_DEPTH | FTW_PHYS);
    free(f->diagnostics);
    free(f);
    return 0;
}

static inline void write_file(const fixture *f, const char *name, const char *text)
{
    char path[128];
    FILE *file;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

/* Compiles the base files, replacing those given; returns compile_run's
 * code and keeps the diagnostics in f. */
static inline int check(fixture *f, const char *migration, const char *sql, const char *api)
{
    static const char *const inputs[] = {"migrations/0001_base.sql", "spec/shop.sql",
                                         "spec/shop.api"};
    compile_options options;
    FILE *stream;
    int rc;

    write_file(f, inputs[0], migration ? migration : f->base_migration);
    write_file(f, inputs[1], sql ? sql : f->base_sql);
    write_file(f, inputs[2], api ? api : f->base_api);
    memset(&options, 0, sizeof options);
    options.mode = COMPILE_CHECK;
    options.inputs = inputs;
    options.input_count = 3;
    options.root = f->dir;
    free(f->diagnostics);
    f->diagnostics = NULL;
    stream = open_memstream(&f->diagnostics, &f->length);
    assert_non_null(stream);
    rc = compile_run(&options, stream);
    fclose(stream);
    return rc;
}

/* Line n (0-based) of the diagnostics, without its newline. */
static inline const char *line_of(const fixture *f, int n, char *buffer, size_t size)
{
    const char *p = f->diagnostics ? f->diagnostics : "";
    const char *end;
    for (int i = 0; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        p = "";
    end = strchr(p, '\n');
    snprintf(buffer, size, "%.*s", end ? (int)(end - p) : (int)strlen(p), p);
    return buffer;
}

static inline void expect_line(const fixture *f, int n, const char *expected)
{
    char buffer[512];
    line_of(f, n, buffer, sizeof buffer);
    if (strcmp(buffer, expected) != 0)
        fail_msg("diagnostic line %d:\n  expected: %s\n  actual:   %s\nall:\n%s", n, expected,
                 buffer, f->diagnostics);
}

/* Compiles and expects an error whose first line is `first`. */
static inline void expect_error(fixture *f, const char *migration, const char *sql, const char *api,
                                const char *first)
{
    int rc = check(f, migration, sql, api);
    if (rc != RT_EINVAL)
        fail_msg("expected errors (RT_EINVAL), got %d:\n%s", rc, f->diagnostics);
    expect_line(f, 0, first);
}

#endif /* SPECC_FIXTURE_H */
