/*
 * rt_docs.h - the interactive API docs at /api/docs/: Swagger UI from the
 * npm package swagger-ui-dist (web/node_modules, installed by
 * scripts/deps.sh) with our own web/swagger-initializer.js, which points
 * it at /api/schema/.
 *
 * The files are read into memory once at start-up (rt_docs_load), so a
 * request for them is answered on the HTTP server's own thread without
 * touching the disk. When they are missing the server still starts: a
 * docs_unavailable warning is logged and /api/docs/ answers 503 in the
 * error shape, saying how to install them (README, Operations).
 *
 * Ownership: rt_docs owns the file contents; read-only after loading.
 */
#ifndef RT_DOCS_H
#define RT_DOCS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rt_docs_file {
    const char *name;         /* as requested: "index.html" */
    const char *content_type; /* "text/html; charset=utf-8" */
    char *data;
    size_t size;
} rt_docs_file;

typedef struct rt_docs {
    rt_docs_file *files; /* NULL when unavailable */
    int count;
} rt_docs;

/* Reads the docs from dir (DOCS_DIR): dir/swagger-initializer.js and the
 * Swagger UI files of dir/node_modules/swagger-ui-dist/. Returns 0 (loaded
 * or, with a docs_unavailable warning logged, unavailable) or RT_ENOMEM. */
int rt_docs_load(const char *dir, rt_docs *out);
void rt_docs_free(rt_docs *docs);

bool rt_docs_available(const rt_docs *docs);

/* The file served as /api/docs/<name> ("" is index.html), or NULL. */
const rt_docs_file *rt_docs_find(const rt_docs *docs, const char *name);

#endif /* RT_DOCS_H */
