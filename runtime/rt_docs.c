/*
 * rt_docs.c - loads the files of /api/docs/ (rt_docs.h) into memory and
 * finds them by name. Only the files listed in docs_sources are served,
 * with the content type listed there: nothing else under DOCS_DIR can be
 * reached through the URL (no path is ever built from a request).
 */
#include "rt_docs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"
#include "rt_log.h"

/* Where swagger-ui-dist's files are, under DOCS_DIR. */
#define DOCS_PACKAGE_DIR "node_modules/swagger-ui-dist/"
/* The largest file accepted (swagger-ui-bundle.js is about 1.7 MB). */
#define DOCS_FILE_MAX_BYTES (16 * 1024 * 1024)

typedef struct docs_source {
    const char *name;         /* under /api/docs/ */
    const char *path;         /* under DOCS_DIR */
    const char *content_type; /* sent with it */
} docs_source;

static const docs_source docs_sources[] = {
    {"index.html", DOCS_PACKAGE_DIR "index.html", "text/html; charset=utf-8"},
    {"swagger-initializer.js", "swagger-initializer.js", "text/javascript; charset=utf-8"},
    {"swagger-ui-bundle.js", DOCS_PACKAGE_DIR "swagger-ui-bundle.js",
     "text/javascript; charset=utf-8"},
    {"swagger-ui-standalone-preset.js", DOCS_PACKAGE_DIR "swagger-ui-standalone-preset.js",
     "text/javascript; charset=utf-8"},
    {"swagger-ui.css", DOCS_PACKAGE_DIR "swagger-ui.css", "text/css; charset=utf-8"},
    {"index.css", DOCS_PACKAGE_DIR "index.css", "text/css; charset=utf-8"},
    {"favicon-32x32.png", DOCS_PACKAGE_DIR "favicon-32x32.png", "image/png"},
    {"favicon-16x16.png", DOCS_PACKAGE_DIR "favicon-16x16.png", "image/png"},
    {"oauth2-redirect.html", DOCS_PACKAGE_DIR "oauth2-redirect.html", "text/html; charset=utf-8"},
    {"oauth2-redirect.js", DOCS_PACKAGE_DIR "oauth2-redirect.js", "text/javascript; charset=utf-8"},
};

#define DOCS_SOURCE_COUNT ((int)(sizeof docs_sources / sizeof docs_sources[0]))

/* Reads path whole into *data (malloc'd) and *size. RT_EIO when it cannot
 * be read or is too large, RT_ENOMEM. */
static int docs_read_file(const char *path, char **data, size_t *size)
{
    int rc = RT_EIO;
    FILE *stream = fopen(path, "rb");
    char *buffer = NULL;
    long length;

    *data = NULL;
    *size = 0;
    if (stream == NULL || fseek(stream, 0, SEEK_END) != 0 || (length = ftell(stream)) < 0 ||
        length > DOCS_FILE_MAX_BYTES || fseek(stream, 0, SEEK_SET) != 0)
        goto done;
    buffer = malloc((size_t)length + 1);
    if (buffer == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    if (fread(buffer, 1, (size_t)length, stream) != (size_t)length)
        goto done;
    buffer[length] = '\0';
    *data = buffer;
    *size = (size_t)length;
    buffer = NULL;
    rc = 0;
done:
    free(buffer);
    if (stream != NULL)
        fclose(stream);
    return rc;
}

static void docs_log_unavailable(const char *dir, const char *missing)
{
    rt_log_line line;
    rt_log_begin(&line, RT_LOG_WARN, "docs_unavailable");
    rt_log_str(&line, "docs_dir", dir);
    rt_log_str(&line, "missing", missing);
    rt_log_str(&line, "message",
               "/api/docs/ answers 503: install Swagger UI with `make deps` (npm ci in web/) "
               "or set DOCS_DIR");
    rt_log_end(&line);
}

int rt_docs_load(const char *dir, rt_docs *out)
{
    int rc = 0;
    rt_docs docs = {NULL, 0};
    char path[4096];

    memset(out, 0, sizeof *out);
    docs.files = calloc((size_t)DOCS_SOURCE_COUNT, sizeof *docs.files);
    if (docs.files == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    for (int i = 0; i < DOCS_SOURCE_COUNT; i++) {
        rt_docs_file *file = &docs.files[i];
        snprintf(path, sizeof path, "%s/%s", dir, docs_sources[i].path);
        file->name = docs_sources[i].name;
        file->content_type = docs_sources[i].content_type;
        rc = docs_read_file(path, &file->data, &file->size);
        docs.count = i + 1;
        if (rc == RT_EIO) {
            docs_log_unavailable(dir, path);
            rc = 0;
            goto done; /* unavailable, not an error */
        }
        if (rc != 0)
            goto done;
    }
    out->files = docs.files;
    out->count = docs.count;
    docs.files = NULL;
done:
    rt_docs_free(&docs);
    return rc;
}

void rt_docs_free(rt_docs *docs)
{
    if (docs == NULL || docs->files == NULL)
        return;
    for (int i = 0; i < docs->count; i++)
        free(docs->files[i].data);
    free(docs->files);
    docs->files = NULL;
    docs->count = 0;
}

bool rt_docs_available(const rt_docs *docs)
{
    return docs != NULL && docs->files != NULL && docs->count > 0;
}

const rt_docs_file *rt_docs_find(const rt_docs *docs, const char *name)
{
    if (!rt_docs_available(docs))
        return NULL;
    if (name[0] == '\0')
        name = "index.html";
    for (int i = 0; i < docs->count; i++)
        if (strcmp(docs->files[i].name, name) == 0)
            return &docs->files[i];
    return NULL;
}
