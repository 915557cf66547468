/*
 * test_static.c - unit tests for rt_static (runtime/rt_static.h): a site
 * is loaded from its manifest with each file's name, content type and
 * cache policy; a malformed manifest line (a name with a slash, a path
 * leaving the folder, an unknown cache word), a missing manifest or a
 * missing file leave the site unavailable rather than failing start-up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rt_static.h"

/* --------------------------------------------------------------- fixtures */

typedef struct folder {
    char path[64];
} folder;

static void write_file(const folder *dir, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir->path, name);
    FILE *stream = fopen(path, "w");
    assert_non_null(stream);
    fputs(text, stream);
    fclose(stream);
}

static int folder_setup(void **state)
{
    folder *dir = malloc(sizeof *dir);
    if (dir == NULL)
        return -1;
    snprintf(dir->path, sizeof dir->path, "/tmp/test_static.XXXXXX");
    if (mkdtemp(dir->path) == NULL) {
        free(dir);
        return -1;
    }
    write_file(dir, "index.html", "<!doctype html>");
    write_file(dir, "app.0123abcd.js", "console.log(1)");
    *state = dir;
    return 0;
}

static int folder_teardown(void **state)
{
    folder *dir = *state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", dir->path);
    int rc = system(command);
    free(dir);
    return rc == 0 ? 0 : -1;
}

static void load(const folder *dir, rt_static_site *site)
{
    rt_static_source source = {"test", dir->path, "site.manifest", "hint"};
    assert_int_equal(rt_static_load(&source, site), 0);
}

/* ------------------------------------------------------------------ tests */

static void test_a_manifest_loads_its_files_with_their_policies(void **state)
{
    rt_static_site site;
    write_file(*state, "site.manifest",
               "# a comment\n\nno-cache index.html index.html\r\n"
               "immutable app.0123abcd.js app.0123abcd.js\n");
    load(*state, &site);
    assert_true(rt_static_available(&site));
    assert_int_equal(site.count, 2);
    const rt_static_file *index = rt_static_find(&site, "");
    assert_non_null(index);
    assert_string_equal(index->name, "index.html");
    assert_string_equal(index->content_type, "text/html; charset=utf-8");
    assert_string_equal(index->cache_control, "no-cache");
    assert_int_equal(index->size, strlen("<!doctype html>"));
    const rt_static_file *script = rt_static_find(&site, "app.0123abcd.js");
    assert_non_null(script);
    assert_string_equal(script->content_type, "text/javascript; charset=utf-8");
    assert_string_equal(script->cache_control, "public, max-age=31536000, immutable");
    assert_memory_equal(script->data, "console.log(1)", script->size);
    assert_null(rt_static_find(&site, "site.manifest"));
    assert_null(rt_static_find(&site, "../index.html"));
    rt_static_free(&site);
    assert_false(rt_static_available(&site));
}

static void test_bad_lines_leave_the_site_unavailable(void **state)
{
    static const char *const manifests[] = {
        "no-cache sub/index.html index.html\n", /* a slash in the name */
        "no-cache .hidden index.html\n",        /* a leading dot */
        "no-cache index.html ../index.html\n",  /* leaving the folder */
        "no-cache index.html a/../../index.html\n",
        "no-cache index.html /etc/passwd\n",      /* an absolute path */
        "forever index.html index.html\n",        /* an unknown cache word */
        "no-cache index.html\n",                  /* a word short */
        "no-cache index.html index.html extra\n", /* a word over */
        "no-cache missing.js missing.js\n",       /* a file that is not there */
        "# only a comment\n",                     /* no file at all */
    };
    for (size_t i = 0; i < sizeof manifests / sizeof manifests[0]; i++) {
        rt_static_site site;
        write_file(*state, "site.manifest", manifests[i]);
        load(*state, &site);
        if (rt_static_available(&site))
            fail_msg("loaded: %s", manifests[i]);
        assert_null(rt_static_find(&site, "index.html"));
    }
}

static void test_a_missing_manifest_leaves_the_site_unavailable(void **state)
{
    rt_static_site site;
    load(*state, &site);
    assert_false(rt_static_available(&site));
    rt_static_free(&site);
}

static void test_content_types_come_from_the_extension(void **state)
{
    (void)state;
    assert_string_equal(rt_static_content_type("a.css"), "text/css; charset=utf-8");
    assert_string_equal(rt_static_content_type("a.png"), "image/png");
    assert_string_equal(rt_static_content_type("a.svg"), "image/svg+xml");
    assert_string_equal(rt_static_content_type("js"), "application/octet-stream");
    assert_string_equal(rt_static_content_type("a.js.map"), "application/octet-stream");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_manifest_loads_its_files_with_their_policies,
                                        folder_setup, folder_teardown),
        cmocka_unit_test_setup_teardown(test_bad_lines_leave_the_site_unavailable, folder_setup,
                                        folder_teardown),
        cmocka_unit_test_setup_teardown(test_a_missing_manifest_leaves_the_site_unavailable,
                                        folder_setup, folder_teardown),
        cmocka_unit_test(test_content_types_come_from_the_extension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
