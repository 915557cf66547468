/*
 * compile.c - the compiler pipeline (see compile.h):
 *
 *   read inputs -> catalog_parse (migrations, by file name; a mistake in
 *                  them stops the compile there)
 *               -> sqlquery_declare_tables (the tables spec SQL creates)
 *               -> sqlquery_parse_file (spec SQL)
 *               -> parse_api_file (spec endpoints)
 *               -> check_model
 *               -> emit_* and write (gen) | verify_model (verify)
 *
 * Every stage runs even after errors in earlier files (so one run reports
 * as much as it can), except that queries and endpoints are not checked
 * against a schema whose migrations have errors (every use of a table the
 * mistake left out would repeat it), and nothing is emitted or verified
 * when there was any error. A file that cannot be read or is not UTF-8
 * stops the compile after reading the inputs.
 */
#include "compile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "catalog.h"
#include "check.h"
#include "check_openapi.h"
#include "diag.h"
#include "emit_c.h"
#include "emit_openapi.h"
#include "emit_postman.h"
#include "model.h"
#include "parse_api.h"
#include "rt_alloc.h"
#include "rt_arena.h"
#include "rt_buf.h"
#include "rt_error.h"
#include "rt_json.h"
#include "sqlquery.h"
#include "verify.h"

typedef enum compile_kind {
    COMPILE_MIGRATION = 0,
    COMPILE_QUERIES,
    COMPILE_ENDPOINTS,
} compile_kind;

typedef struct compile_input {
    diag_source source;
    compile_kind kind;
    const char *stem;
} compile_input;

/* ------------------------------------------------------------------ files */

static char *compile_join(rt_arena *a, const char *root, const char *path)
{
    if (!root || path[0] == '/')
        return rt_arena_strdup(a, path);
    return rt_arena_printf(a, "%s/%s", root, path);
}

/* Reads a whole file, NUL-terminated, into the arena. */
static int compile_read_file(rt_arena *a, const char *path, char **text, size_t *length)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *buffer = NULL;
    int rc = 0;

    if (!f)
        return RT_EIO;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        rc = RT_EIO;
        goto done;
    }
    buffer = rt_arena_alloc(a, (size_t)size + 1);
    if (size > 0 && fread(buffer, 1, (size_t)size, f) != (size_t)size) {
        rc = RT_EIO;
        goto done;
    }
    buffer[size] = '\0';
    *text = buffer;
    *length = (size_t)size;
done:
    fclose(f);
    return rc;
}

/* Writes text to path unless the file already holds exactly that. */
static int compile_write_file(rt_arena *a, const char *path, const char *text, size_t length)
{
    char *old = NULL;
    size_t old_length = 0;
    char *temporary = NULL;
    FILE *f = NULL;
    int rc = 0;

    if (compile_read_file(a, path, &old, &old_length) == 0 && old_length == length &&
        memcmp(old, text, length) == 0)
        goto done;
    temporary = rt_arena_printf(a, "%s.tmp%ld", path, (long)getpid());
    f = fopen(temporary, "wb");
    if (!f) {
        rc = RT_EIO;
        goto done;
    }
    if (fwrite(text, 1, length, f) != length) {
        rc = RT_EIO;
        goto done;
    }
    if (fclose(f) != 0) {
        f = NULL;
        rc = RT_EIO;
        goto done;
    }
    f = NULL;
    if (rename(temporary, path) != 0)
        rc = RT_EIO;
done:
    if (f)
        fclose(f);
    if (rc == RT_EIO && temporary)
        unlink(temporary);
    return rc;
}

/* Input hygiene, in place: a leading UTF-8 byte order mark is dropped and
 * every CRLF becomes LF, so a Windows checkout reads (and generates) the
 * same as any other: names, `-- name:` / `-- filter` / `-- ordering:`
 * markers, columns and excerpts never see a '\r'. A lone CR stays. */
static void compile_normalize(char **text, size_t *length)
{
    char *in = *text;
    char *out;
    size_t n = *length;

    if (n >= 3 && (unsigned char)in[0] == 0xEF && (unsigned char)in[1] == 0xBB &&
        (unsigned char)in[2] == 0xBF) {
        in += 3;
        n -= 3;
    }
    out = in;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
            continue;
        *out++ = in[i];
    }
    *out = '\0';
    *length = (size_t)(out - in);
    *text = in;
}

/* "spec/users.api" -> "users" (arena). */
static const char *compile_stem(rt_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    return rt_arena_strndup(a, base, dot ? (size_t)(dot - base) : strlen(base));
}

/* Whether the source is UTF-8 text (what PostgreSQL, the JSON documents
 * and the C string literals take); if not, reports its first bad byte. */
static bool compile_utf8(diag *d, const diag_source *source)
{
    const unsigned char *text = (const unsigned char *)source->text;
    int line = 1;
    size_t line_start = 0;

    for (size_t i = 0; i < source->length; i++) {
        size_t n = text[i] < 0x80 ? 1 : text[i] >= 0xf0 ? 4 : text[i] >= 0xe0 ? 3 : 2;
        if (n > source->length - i || !rt_json_utf8_valid(source->text + i, n)) {
            diag_loc loc = {source, line, (int)(i - line_start) + 1, 1};
            diag_error(d, loc, "not UTF-8 text (byte 0x%02x): a spec file is UTF-8", text[i]);
            return false;
        }
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
        i += n - 1;
    }
    return true;
}

/* Where an error about a whole file goes: its first line and column. */
static diag_loc compile_whole_file(const diag_source *source)
{
    diag_loc loc = {source, 1, 1, 1};
    return loc;
}

static bool compile_is_identifier(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
        return false;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    }
    return true;
}

static bool compile_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether the path's parent folder is named "migrations". */
static bool compile_in_migrations(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *start;

    if (!slash)
        return false;
    start = slash;
    while (start > path && start[-1] != '/')
        start--;
    return (size_t)(slash - start) == strlen("migrations") &&
           strncmp(start, "migrations", (size_t)(slash - start)) == 0;
}

static int compile_compare_migrations(const void *a, const void *b)
{
    const compile_input *ia = *(const compile_input *const *)a;
    const compile_input *ib = *(const compile_input *const *)b;
    const char *na = strrchr(ia->source.path, '/');
    const char *nb = strrchr(ib->source.path, '/');
    return strcmp(na ? na + 1 : ia->source.path, nb ? nb + 1 : ib->source.path);
}

/* ------------------------------------------------------------------- emit */

static int compile_emit_file(rt_arena *a, diag *d, const char *out_dir, const char *name,
                             const rt_buf *text)
{
    char *path = rt_arena_printf(a, "%s/%s", out_dir, name);
    int rc = compile_write_file(a, path, text->data ? text->data : "", text->len);
    if (rc == RT_EIO)
        diag_error(d, (diag_loc){0}, "cannot write %s: %s", path, strerror(errno));
    return rc;
}

static int compile_emit(rt_arena *a, diag *d, const model *m, const char *out_dir)
{
    rt_buf buffer;
    char *openapi = NULL;
    char *postman = NULL;
    char *name;
    int rc = 0;

    rt_buf_init(&buffer);
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        diag_error(d, (diag_loc){0}, "cannot create %s: %s", out_dir, strerror(errno));
        rc = RT_EIO;
        goto done;
    }
    for (int i = 0; i < m->sql_file_count; i++) {
        const sql_file *file = &m->sql_files[i];
        rt_buf_free(&buffer);
        emit_c_sql_header(m, file, &buffer);
        name = rt_arena_printf(a, "%s_sql.h", file->stem);
        rc = compile_emit_file(a, d, out_dir, name, &buffer);
        if (rc)
            goto done;
        rt_buf_free(&buffer);
        emit_c_sql_source(m, file, &buffer);
        name = rt_arena_printf(a, "%s_sql.c", file->stem);
        rc = compile_emit_file(a, d, out_dir, name, &buffer);
        if (rc)
            goto done;
    }
    for (int i = 0; i < m->api_file_count; i++) {
        const api_file *file = &m->api_files[i];
        rt_buf_free(&buffer);
        emit_c_api_source(m, file, &buffer);
        name = rt_arena_printf(a, "%s_api.c", file->stem);
        rc = compile_emit_file(a, d, out_dir, name, &buffer);
        if (rc)
            goto done;
    }
    rt_buf_free(&buffer);
    emit_c_api_header(m, &buffer);
    rc = compile_emit_file(a, d, out_dir, "api.h", &buffer);
    if (rc)
        goto done;
    rc = emit_openapi_document(m, d, &openapi);
    if (rc)
        goto done;
    rt_buf_free(&buffer);
    rt_buf_puts(&buffer, openapi);
    rc = compile_emit_file(a, d, out_dir, "openapi.json", &buffer);
    if (rc)
        goto done;
    emit_postman_collection(m, openapi, &postman);
    rt_buf_free(&buffer);
    rt_buf_puts(&buffer, postman);
    rc = compile_emit_file(a, d, out_dir, "postman_collection.json", &buffer);
    if (rc)
        goto done;
    rt_buf_free(&buffer);
    emit_c_registry(m, &buffer);
    rc = compile_emit_file(a, d, out_dir, "registry.c", &buffer);
done:
    free(openapi);
    free(postman);
    rt_buf_free(&buffer);
    return rc;
}

/* ------------------------------------------------------------------- run */

/* Reads and classifies the inputs; migrations sorted by file name. */
static int compile_load(rt_arena *a, diag *d, const compile_options *options, compile_input **out,
                        const compile_input ***order)
{
    compile_input *inputs = rt_arena_alloc(a, sizeof *inputs * (size_t)(options->input_count + 1));
    const compile_input **sorted =
        rt_arena_alloc(a, sizeof *sorted * (size_t)(options->input_count + 1));
    int migrations = 0;
    int rc = 0;

    for (int i = 0; i < options->input_count; i++) {
        compile_input *in = &inputs[i];
        const char *path = options->inputs[i];
        char *full = compile_join(a, options->root, path);
        char *text = NULL;
        size_t length = 0;
        in->source.path = path;
        in->source.text = "";
        in->source.length = 0;
        if (compile_ends_with(path, ".api"))
            in->kind = COMPILE_ENDPOINTS;
        else if (compile_ends_with(path, ".sql"))
            in->kind = compile_in_migrations(path) ? COMPILE_MIGRATION : COMPILE_QUERIES;
        else {
            diag_error(d, compile_whole_file(&in->source),
                       "an input is a migration (migrations/NAME.sql), queries "
                       "(NAME.sql) or endpoints (NAME.api)");
            continue;
        }
        in->stem = compile_stem(a, path);
        if (in->kind != COMPILE_MIGRATION && !compile_is_identifier(in->stem)) {
            diag_error(d, compile_whole_file(&in->source),
                       "a spec file name must be a C identifier in lower case (users.api)");
            continue;
        }
        rc = compile_read_file(a, full, &text, &length);
        if (rc == RT_EIO) {
            diag_error(d, compile_whole_file(&in->source), "cannot read the file: %s",
                       strerror(errno));
            rc = 0;
            in->kind = -1;
            continue;
        }
        if (rc)
            goto done;
        compile_normalize(&text, &length);
        in->source.text = text;
        in->source.length = length;
        if (!compile_utf8(d, &in->source)) {
            in->kind = -1;
            continue;
        }
        if (in->kind == COMPILE_MIGRATION)
            sorted[migrations++] = in;
    }
    qsort(sorted, (size_t)migrations, sizeof *sorted, compile_compare_migrations);
    sorted[migrations] = NULL;
    *out = inputs;
    *order = sorted;
done:
    return rc;
}

static bool compile_stem_taken(const model *m, const char *stem, bool sql)
{
    if (sql) {
        for (int i = 0; i < m->sql_file_count; i++) {
            if (strcmp(m->sql_files[i].stem, stem) == 0)
                return true;
        }
    } else {
        for (int i = 0; i < m->api_file_count; i++) {
            if (strcmp(m->api_files[i].stem, stem) == 0)
                return true;
        }
    }
    return false;
}

int compile_run(const compile_options *options, FILE *diag_stream)
{
    rt_arena *a = NULL;
    diag d;
    model m;
    compile_input *inputs = NULL;
    const compile_input **migrations = NULL;
    int rc;

    rt_arena_create(&a); /* specc stops when out of memory (specc.c) */
    diag_init(&d, diag_stream);
    memset(&m, 0, sizeof m);
    catalog_init(&m.catalog);
    rc = compile_load(a, &d, options, &inputs, &migrations);
    if (rc || d.error_count > 0)
        goto done; /* a file missing or not UTF-8: what uses it would only repeat that */
    m.inputs = rt_arena_alloc(a, sizeof *m.inputs * (size_t)(options->input_count + 1));
    m.sql_files = rt_arena_alloc(a, sizeof *m.sql_files * (size_t)(options->input_count + 1));
    m.api_files = rt_arena_alloc(a, sizeof *m.api_files * (size_t)(options->input_count + 1));
    for (int i = 0; i < options->input_count; i++)
        m.inputs[m.input_count++] = &inputs[i].source;
    rc = catalog_parse_system(&m.catalog, a, &d);
    for (int i = 0; rc == 0 && migrations[i]; i++) {
        rc = catalog_parse(&m.catalog, a, &d, &migrations[i]->source);
        if (rc)
            goto done;
    }
    if (d.error_count > 0) {
        /* the schema is unknowable: checking queries against it would
         * only repeat the mistake */
        diag_note(&d, (diag_loc){0}, "queries and endpoints are checked once the migrations are");
        goto done;
    }
    for (int i = 0; rc == 0 && i < options->input_count; i++) {
        if (inputs[i].kind == COMPILE_QUERIES && inputs[i].source.length)
            rc = sqlquery_declare_tables(&m.catalog, a, &d, &inputs[i].source);
    }
    if (rc)
        goto done;
    for (int i = 0; i < options->input_count; i++) {
        compile_input *in = &inputs[i];
        if (in->kind != COMPILE_QUERIES || !in->source.length)
            continue;
        if (compile_stem_taken(&m, in->stem, true)) {
            diag_error(&d, compile_whole_file(&in->source),
                       "another query file is also named %s.sql", in->stem);
            continue;
        }
        rc = sqlquery_parse_file(&m.catalog, a, &d, &in->source, in->stem,
                                 &m.sql_files[m.sql_file_count]);
        if (rc)
            goto done;
        m.sql_file_count++;
    }
    for (int i = 0; i < m.sql_file_count; i++) {
        for (int q = 0; q < m.sql_files[i].query_count; q++)
            m.sql_files[i].queries[q].file = &m.sql_files[i];
    }
    for (int i = 0; i < options->input_count; i++) {
        compile_input *in = &inputs[i];
        if (in->kind != COMPILE_ENDPOINTS || !in->source.length)
            continue;
        if (compile_stem_taken(&m, in->stem, false)) {
            diag_error(&d, compile_whole_file(&in->source),
                       "another endpoint file is also named %s.api", in->stem);
            continue;
        }
        rc = parse_api_file(a, &d, &in->source, in->stem, &m.api_files[m.api_file_count]);
        if (rc)
            goto done;
        m.api_file_count++;
    }
    rc = check_model(&m, a, &d);
    if (!rc && d.error_count == 0)
        rc = check_openapi(&m, a, &d);
    if (rc)
        goto done;
    if (d.error_count > 0) {
        rc = RT_EINVAL;
        goto done;
    }
    if (options->mode == COMPILE_GEN) {
        rc = compile_emit(a, &d, &m, options->out_dir ? options->out_dir : "generated");
    } else if (options->mode == COMPILE_CHECK) {
        char *openapi = NULL;
        rc = emit_openapi_document(&m, &d, &openapi); /* one schema name, two shapes */
        free(openapi);
    } else if (options->mode == COMPILE_VERIFY) {
        rc = verify_model(&m, options->database_url, &d, stdout);
        if (!rc && d.error_count > 0)
            rc = RT_EINVAL;
    }
done:
    if (d.error_count > 0) {
        fprintf(diag_stream, "%d error%s\n", d.error_count, d.error_count == 1 ? "" : "s");
        if (rc == 0)
            rc = RT_EINVAL;
    }
    rt_arena_destroy(a);
    return rc;
}

void compile_stop_when_out_of_memory(void)
{
    rt_alloc_exit_on_failure("specc");
    json_set_alloc_funcs(rt_alloc_malloc, free);
}
