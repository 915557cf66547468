/*
 * rt_static.h - static files served from memory: Swagger UI at /api/docs/
 * and the staff console at /console/ (README, Console and Operations).
 *
 * A site is a directory and a manifest inside it: one line a file,
 * `CACHE NAME PATH` (CACHE is `immutable` for a content-hashed asset or
 * `no-cache`; NAME is what follows the site's URL prefix; PATH is the file
 * under the directory). The manifest is the whole list: nothing else under
 * the directory can be reached through the URL and no path is ever built
 * from a request. Names are letters, digits, `.`, `-` and `_` (no `/`, no
 * leading dot); the content type comes from the name's extension.
 *
 * The files are read into memory once at start-up (rt_static_load), so a
 * request for them is answered on the HTTP server's own thread without
 * touching the disk. When the manifest or a file is missing the server
 * still starts: one `<site>_unavailable` warning is logged and the site
 * answers 503 (rt_app).
 *
 * Ownership: an rt_static_site owns its names and contents; read-only
 * after loading.
 */
#ifndef RT_STATIC_H
#define RT_STATIC_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rt_static_file {
    char *name;                /* as requested after the prefix: "index.html" */
    const char *content_type;  /* "text/html; charset=utf-8" */
    const char *cache_control; /* "public, max-age=31536000, immutable" or "no-cache" */
    char *data;
    size_t size;
} rt_static_file;

typedef struct rt_static_site {
    rt_static_file *files; /* NULL when unavailable */
    int count;
} rt_static_site;

/* What rt_static_load reads, and what it says when it cannot. */
typedef struct rt_static_source {
    const char *site;     /* "docs", "console": the warning is "<site>_unavailable" */
    const char *dir;      /* DOCS_DIR, CONSOLE_DIR */
    const char *manifest; /* under dir: "docs.manifest" */
    const char *hint;     /* the warning's message: how to install the files */
} rt_static_source;

/* Reads source->dir/source->manifest and every file it lists. Returns 0
 * (loaded or, with a warning logged, unavailable) or RT_ENOMEM. */
int rt_static_load(const rt_static_source *source, rt_static_site *out);
void rt_static_free(rt_static_site *site);

bool rt_static_available(const rt_static_site *site);

/* The file served as <prefix><name> ("" is index.html), or NULL. */
const rt_static_file *rt_static_find(const rt_static_site *site, const char *name);

/* The content type of a file name, from its extension (a fixed table;
 * application/octet-stream for any other). */
const char *rt_static_content_type(const char *name);

#endif /* RT_STATIC_H */
