/*
 * rt_static.c - loads a static site (rt_static.h: a manifest and the files
 * it lists) into memory and finds its files by name. Only the files the
 * manifest lists are served, under the names it gives them: nothing else
 * under the directory can be reached through the URL (no path is ever
 * built from a request).
 */
#include "rt_static.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"
#include "rt_log.h"

/* The largest file accepted (swagger-ui-bundle.js is about 1.7 MB). */
#define STATIC_FILE_MAX_BYTES (16 * 1024 * 1024)
/* The most files a manifest may list. */
#define STATIC_MAX_FILES 256

#define STATIC_CACHE_IMMUTABLE "public, max-age=31536000, immutable"
#define STATIC_CACHE_REVALIDATE "no-cache"

typedef struct static_type {
    const char *extension;
    const char *content_type;
} static_type;

static const static_type static_types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".png", "image/png"},
    {".svg", "image/svg+xml"},
    {".json", "application/json"},
    {".ico", "image/x-icon"},
};

const char *rt_static_content_type(const char *name)
{
    size_t length = strlen(name);
    for (size_t i = 0; i < sizeof static_types / sizeof static_types[0]; i++) {
        size_t n = strlen(static_types[i].extension);
        if (length > n && strcmp(name + length - n, static_types[i].extension) == 0)
            return static_types[i].content_type;
    }
    return "application/octet-stream";
}

/* Reads path whole into *data (malloc'd, NUL-terminated) and *size.
 * RT_EIO when it cannot be read or is too large, RT_ENOMEM. */
static int static_read_file(const char *path, char **data, size_t *size)
{
    int rc = RT_EIO;
    FILE *stream = fopen(path, "rb");
    char *buffer = NULL;
    long length;

    *data = NULL;
    *size = 0;
    if (stream == NULL || fseek(stream, 0, SEEK_END) != 0 || (length = ftell(stream)) < 0 ||
        length > STATIC_FILE_MAX_BYTES || fseek(stream, 0, SEEK_SET) != 0)
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

static void static_log_unavailable(const rt_static_source *source, const char *missing)
{
    char event[64];
    rt_log_line line;
    snprintf(event, sizeof event, "%s_unavailable", source->site);
    rt_log_begin(&line, RT_LOG_WARN, event);
    rt_log_str(&line, "dir", source->dir);
    rt_log_str(&line, "missing", missing);
    rt_log_str(&line, "message", source->hint);
    rt_log_end(&line);
}

/* A served name: letters, digits, '.', '-', '_', not starting with '.'. */
static bool static_name_is_sane(const char *name)
{
    if (name[0] == '\0' || name[0] == '.')
        return false;
    for (const char *c = name; *c != '\0'; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '.' || *c == '-' || *c == '_'))
            return false;
    return true;
}

/* A path under the site's directory: relative, without a ".." part. */
static bool static_path_is_sane(const char *path)
{
    if (path[0] == '\0' || path[0] == '/')
        return false;
    for (const char *part = path; part != NULL;) {
        if (strncmp(part, "..", 2) == 0 && (part[2] == '/' || part[2] == '\0'))
            return false;
        part = strchr(part, '/');
        if (part != NULL)
            part++;
    }
    return true;
}

/* One manifest line, "CACHE NAME PATH", split in place. RT_EINVAL when it
 * is not one. */
static int static_parse_line(char *line, const char **cache, char **name, char **path)
{
    char *save = NULL;
    char *words[3];
    for (int i = 0; i < 3; i++) {
        words[i] = strtok_r(i == 0 ? line : NULL, " \t\r", &save);
        if (words[i] == NULL)
            return RT_EINVAL;
    }
    if (strtok_r(NULL, " \t\r", &save) != NULL || !static_name_is_sane(words[1]) ||
        !static_path_is_sane(words[2]))
        return RT_EINVAL;
    if (strcmp(words[0], "immutable") == 0)
        *cache = STATIC_CACHE_IMMUTABLE;
    else if (strcmp(words[0], "no-cache") == 0)
        *cache = STATIC_CACHE_REVALIDATE;
    else
        return RT_EINVAL;
    *name = words[1];
    *path = words[2];
    return 0;
}

/* Adds the file of one manifest line to site. RT_EINVAL for a bad line,
 * RT_EIO for a file that cannot be read (*missing says which), RT_ENOMEM. */
static int static_add_file(const rt_static_source *source, char *line, rt_static_site *site,
                           char *missing, size_t missing_size)
{
    const char *cache;
    char *name, *path;
    char full[4096];
    rt_static_file *file = &site->files[site->count];

    snprintf(missing, missing_size, "%s/%s: %s", source->dir, source->manifest, line);
    if (site->count >= STATIC_MAX_FILES || static_parse_line(line, &cache, &name, &path) != 0)
        return RT_EINVAL;
    snprintf(full, sizeof full, "%s/%s", source->dir, path);
    snprintf(missing, missing_size, "%s", full);
    memset(file, 0, sizeof *file);
    file->name = strdup(name);
    if (file->name == NULL)
        return RT_ENOMEM;
    file->content_type = rt_static_content_type(name);
    file->cache_control = cache;
    site->count++; /* owned from here, freed with the site */
    return static_read_file(full, &file->data, &file->size);
}

/* Every line of the manifest text, in order. */
static int static_add_files(const rt_static_source *source, char *text, rt_static_site *site,
                            char *missing, size_t missing_size)
{
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || line[strspn(line, " \t\r")] == '\0')
            continue;
        int rc = static_add_file(source, line, site, missing, missing_size);
        if (rc != 0)
            return rc;
    }
    return site->count > 0 ? 0 : RT_EINVAL;
}

int rt_static_load(const rt_static_source *source, rt_static_site *out)
{
    rt_static_site site = {NULL, 0};
    char *manifest = NULL;
    size_t manifest_size;
    char path[4096];
    char missing[4096];

    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/%s", source->dir, source->manifest);
    snprintf(missing, sizeof missing, "%s", path);
    int rc = static_read_file(path, &manifest, &manifest_size);
    if (rc == 0) {
        site.files = calloc(STATIC_MAX_FILES, sizeof *site.files);
        rc = site.files == NULL
                 ? RT_ENOMEM
                 : static_add_files(source, manifest, &site, missing, sizeof missing);
    }
    if (rc == RT_EIO || rc == RT_EINVAL) {
        static_log_unavailable(source, missing);
        rc = 0;
        goto done; /* unavailable, not an error */
    }
    if (rc != 0)
        goto done;
    *out = site;
    site.files = NULL;
    site.count = 0;
done:
    free(manifest);
    rt_static_free(&site);
    return rc;
}

void rt_static_free(rt_static_site *site)
{
    if (site == NULL || site->files == NULL)
        return;
    for (int i = 0; i < site->count; i++) {
        free(site->files[i].name);
        free(site->files[i].data);
    }
    free(site->files);
    site->files = NULL;
    site->count = 0;
}

bool rt_static_available(const rt_static_site *site)
{
    return site != NULL && site->files != NULL && site->count > 0;
}

const rt_static_file *rt_static_find(const rt_static_site *site, const char *name)
{
    if (!rt_static_available(site))
        return NULL;
    if (name[0] == '\0')
        name = "index.html";
    for (int i = 0; i < site->count; i++)
        if (strcmp(site->files[i].name, name) == 0)
            return &site->files[i];
    return NULL;
}
