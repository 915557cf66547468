/*
 * test_http.c - unit tests of rt_http against a real server on 127.0.0.1
 * (a free port in 18100..18199) with a small echo handler, driven by a raw
 * socket client: GET with query args, POST with a body, bodies over the
 * limit (by Content-Length and by chunks), X-Request-ID echoed or
 * generated, keep-alive, handler status and headers, the request log line,
 * a graceful stop, and listening on "::".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "rt_error.h"
#include "rt_http.h"
#include "rt_log.h"

#define FIRST_PORT 18100
#define LAST_PORT 18199
#define MAX_BODY 64

/* ------------------------------------------------------------ the server */

/* Echoes what the handler saw as JSON. Special paths: /teapot (418,
 * text/plain, an extra header), /user (sets user_id), /nostatus (leaves
 * the status unset), /slow (sleeps 300 ms). */
static void echo_handler(void *context, rt_request *req, rt_response *resp)
{
    (void)context;
    rt_buf *b = &resp->body;
    if (strcmp(req->path, "/slow") == 0) {
        struct timespec pause = {0, 300 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    if (strcmp(req->path, "/nostatus") == 0)
        return;
    if (strcmp(req->path, "/user") == 0)
        snprintf(req->user_id, sizeof req->user_id, "user-123");
    resp->status = 200;
    if (strcmp(req->path, "/teapot") == 0) {
        resp->status = 418;
        resp->content_type = "text/plain";
        rt_response_header(resp, "X-Extra", "yes");
        rt_buf_puts(b, "short and stout");
        return;
    }
    rt_buf_puts(b, "{\"method\":");
    rt_buf_json_string(b, req->method);
    rt_buf_puts(b, ",\"path\":");
    rt_buf_json_string(b, req->path);
    rt_buf_puts(b, ",\"query\":[");
    for (int i = 0; i < req->query_count; i++) {
        rt_buf_puts(b, i > 0 ? ",[" : "[");
        rt_buf_json_string(b, req->query_keys[i]);
        rt_buf_puts(b, ",");
        rt_buf_json_string(b, req->query_values[i]);
        rt_buf_puts(b, "]");
    }
    rt_buf_printf(b, "],\"query_overflow\":%s,\"body\":", req->query_overflow ? "true" : "false");
    if (req->body == NULL)
        rt_buf_puts(b, "null");
    else
        rt_buf_json_string_n(b, req->body, req->body_len);
    rt_buf_printf(b, ",\"body_len\":%zu,\"body_too_large\":%s", req->body_len,
                  req->body_too_large ? "true" : "false");
    const char *names[] = {"content_type", "authorization", "host", "forwarded_proto"};
    const char *values[] = {req->content_type, req->authorization, req->host, req->forwarded_proto};
    for (size_t i = 0; i < 4; i++) {
        rt_buf_printf(b, ",\"%s\":", names[i]);
        if (values[i] == NULL)
            rt_buf_puts(b, "null");
        else
            rt_buf_json_string(b, values[i]);
    }
    rt_buf_puts(b, ",\"request_id\":");
    rt_buf_json_string(b, req->request_id);
    rt_buf_puts(b, ",\"client_ip\":");
    rt_buf_json_string(b, req->client_ip);
    rt_buf_puts(b, "}");
}

typedef struct http_fixture {
    rt_http_server *server;
    int port;
    char log_path[64];
    int log_fd;
} http_fixture;

/* Starts a server on the first free port of the test range. */
static int start_server(const char *host, rt_http_server **server, int *port)
{
    for (int candidate = FIRST_PORT; candidate <= LAST_PORT; candidate++) {
        rt_http_options options = {
            .host = host,
            .port = candidate,
            .threads = 2,
            .max_body_bytes = MAX_BODY,
            .handler = echo_handler,
            .context = NULL,
        };
        if (rt_http_start(&options, server) == 0) {
            *port = candidate;
            return 0;
        }
    }
    return -1;
}

static int group_setup(void **state)
{
    http_fixture *fixture = calloc(1, sizeof *fixture);
    if (fixture == NULL)
        return -1;
    snprintf(fixture->log_path, sizeof fixture->log_path, "/tmp/test_http_log.XXXXXX");
    fixture->log_fd = mkstemp(fixture->log_path);
    if (fixture->log_fd < 0)
        return -1;
    rt_log_init(RT_LOG_INFO, fixture->log_fd);
    if (start_server("127.0.0.1", &fixture->server, &fixture->port) != 0)
        return -1;
    *state = fixture;
    return 0;
}

static int group_teardown(void **state)
{
    http_fixture *fixture = *state;
    rt_http_stop(fixture->server);
    rt_log_init(RT_LOG_INFO, 2);
    close(fixture->log_fd);
    unlink(fixture->log_path);
    free(fixture);
    return 0;
}

/* ------------------------------------------------------------ the client */

typedef struct client {
    int fd;
    char buf[65536];
    size_t len;
} client;

typedef struct reply {
    int status;
    char headers[8192];
    char body[32768];
    size_t body_len;
} reply;

static void client_open(client *c, int family, const char *address, int port)
{
    memset(c, 0, sizeof *c);
    c->fd = socket(family, SOCK_STREAM, 0);
    assert_true(c->fd >= 0);
    struct timeval timeout = {5, 0};
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    int rc;
    if (family == AF_INET) {
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        assert_int_equal(inet_pton(AF_INET, address, &sa.sin_addr), 1);
        rc = connect(c->fd, (struct sockaddr *)&sa, sizeof sa);
    } else {
        struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
        assert_int_equal(inet_pton(AF_INET6, address, &sa.sin6_addr), 1);
        rc = connect(c->fd, (struct sockaddr *)&sa, sizeof sa);
    }
    assert_int_equal(rc, 0);
}

static void client_close(client *c)
{
    close(c->fd);
    c->fd = -1;
}

static void client_send(client *c, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t sent = send(c->fd, data, len, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        assert_true(sent > 0);
        data += sent;
        len -= (size_t)sent;
    }
}

static void client_send_str(client *c, const char *text)
{
    client_send(c, text, strlen(text));
}

/* Reads more bytes into c->buf; false on EOF, timeout or error. */
static bool client_fill(client *c)
{
    assert_true(c->len < sizeof c->buf);
    ssize_t got = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
    if (got <= 0)
        return false;
    c->len += (size_t)got;
    return true;
}

/* The value of a response header (case-insensitive name), or NULL. */
static const char *header(const reply *r, const char *name, char *out, size_t out_len)
{
    const char *line = strstr(r->headers, "\r\n");
    size_t name_len = strlen(name);
    while (line != NULL && line[2] != '\0') {
        line += 2;
        if (strncasecmp(line, name, name_len) == 0 && line[name_len] == ':') {
            const char *value = line + name_len + 1;
            while (*value == ' ')
                value++;
            const char *end = strstr(value, "\r\n");
            size_t len = end != NULL ? (size_t)(end - value) : strlen(value);
            assert_true(len < out_len);
            memcpy(out, value, len);
            out[len] = '\0';
            return out;
        }
        line = strstr(line, "\r\n");
    }
    return NULL;
}

/* Reads one response (headers, then Content-Length bytes of body). */
static void client_read(client *c, reply *r)
{
    char *end;
    memset(r, 0, sizeof *r);
    for (;;) {
        c->buf[c->len] = '\0';
        end = strstr(c->buf, "\r\n\r\n");
        if (end != NULL)
            break;
        assert_true(client_fill(c));
    }
    size_t header_len = (size_t)(end - c->buf) + 2; /* keep the last "\r\n" */
    assert_true(header_len < sizeof r->headers);
    memcpy(r->headers, c->buf, header_len);
    assert_int_equal(sscanf(r->headers, "HTTP/1.1 %d", &r->status), 1);
    char length_text[32];
    assert_non_null(header(r, "Content-Length", length_text, sizeof length_text));
    size_t body_len = (size_t)strtoul(length_text, NULL, 10);
    assert_true(body_len < sizeof r->body);
    size_t total = header_len + 2 + body_len;
    while (c->len < total)
        assert_true(client_fill(c));
    memcpy(r->body, c->buf + header_len + 2, body_len);
    r->body_len = body_len;
    memmove(c->buf, c->buf + total, c->len - total);
    c->len -= total;
}

/* One request on a fresh connection; parses the JSON body (caller
 * decrefs). */
static json_t *exchange(http_fixture *fixture, const char *request, reply *r)
{
    client c;
    client_open(&c, AF_INET, "127.0.0.1", fixture->port);
    client_send_str(&c, request);
    client_read(&c, r);
    client_close(&c);
    json_error_t error;
    json_t *body = json_loadb(r->body, r->body_len, 0, &error);
    if (body == NULL)
        fail_msg("response body is not JSON (%s): %.*s", error.text, (int)r->body_len, r->body);
    return body;
}

static const char *member(json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

static bool is_hex32(const char *s)
{
    if (s == NULL || strlen(s) != 32)
        return false;
    for (size_t i = 0; i < 32; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

/* ----------------------------------------------------------------- tests */

static void test_get_with_query_args(void **state)
{
    http_fixture *fixture = *state;
    char request[256], expected_host[64], value[128];
    reply r;
    snprintf(request, sizeof request,
             "GET /hello/world?x=1&y=two%%20words&flag&x=2 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n",
             fixture->port);
    json_t *body = exchange(fixture, request, &r);

    assert_int_equal(r.status, 200);
    assert_string_equal(header(&r, "Content-Type", value, sizeof value), "application/json");
    assert_string_equal(member(body, "method"), "GET");
    assert_string_equal(member(body, "path"), "/hello/world");
    json_t *query = json_object_get(body, "query");
    assert_int_equal(json_array_size(query), 4);
    const char *expected[4][2] = {{"x", "1"}, {"y", "two words"}, {"flag", ""}, {"x", "2"}};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(json_string_value(json_array_get(json_array_get(query, i), 0)),
                            expected[i][0]);
        assert_string_equal(json_string_value(json_array_get(json_array_get(query, i), 1)),
                            expected[i][1]);
    }
    assert_true(json_is_false(json_object_get(body, "query_overflow")));
    assert_true(json_is_null(json_object_get(body, "body")));
    assert_true(json_is_null(json_object_get(body, "content_type")));
    assert_true(json_is_null(json_object_get(body, "authorization")));
    snprintf(expected_host, sizeof expected_host, "127.0.0.1:%d", fixture->port);
    assert_string_equal(member(body, "host"), expected_host);
    assert_string_equal(member(body, "client_ip"), "127.0.0.1");
    json_decref(body);
}

static void test_too_many_query_args_overflow(void **state)
{
    http_fixture *fixture = *state;
    char request[1024];
    size_t len = (size_t)snprintf(request, sizeof request, "GET /q?");
    for (int i = 0; i < RT_HTTP_MAX_QUERY_ARGS + 5; i++)
        len += (size_t)snprintf(request + len, sizeof request - len, "a%d=%d&", i, i);
    snprintf(request + len, sizeof request - len, " HTTP/1.1\r\nHost: x\r\n\r\n");
    reply r;
    json_t *body = exchange(fixture, request, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(body, "query")), RT_HTTP_MAX_QUERY_ARGS);
    assert_true(json_is_true(json_object_get(body, "query_overflow")));
    json_decref(body);
}

static void test_post_with_body_and_headers(void **state)
{
    http_fixture *fixture = *state;
    const char *payload = "{\"name\":\"Ann\",\"qty\":2}";
    char request[512];
    snprintf(request, sizeof request,
             "POST /orders HTTP/1.1\r\nHost: api.example.com\r\n"
             "Content-Type: application/json\r\nAuthorization: Bearer abc.def\r\n"
             "X-Forwarded-Proto: https\r\nContent-Length: %zu\r\n\r\n%s",
             strlen(payload), payload);
    reply r;
    json_t *body = exchange(fixture, request, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(member(body, "method"), "POST");
    assert_string_equal(member(body, "body"), payload);
    assert_int_equal(json_integer_value(json_object_get(body, "body_len")), strlen(payload));
    assert_true(json_is_false(json_object_get(body, "body_too_large")));
    assert_string_equal(member(body, "content_type"), "application/json");
    assert_string_equal(member(body, "authorization"), "Bearer abc.def");
    assert_string_equal(member(body, "host"), "api.example.com");
    /* not from a trusted proxy (the server trusts none): ignored */
    assert_true(json_is_null(json_object_get(body, "forwarded_proto")));
    assert_string_equal(member(body, "client_ip"), "127.0.0.1");
    json_decref(body);
}

/* A server that trusts 127.0.0.0/8 believes X-Forwarded-*: the client is
 * the right-most untrusted X-Forwarded-For address. */
static void test_forwarded_headers_from_a_trusted_proxy(void **state)
{
    http_fixture fixture = *(http_fixture *)*state;
    rt_proxy_list proxies;
    char err[128];
    rt_http_server *server = NULL;
    assert_int_equal(rt_proxy_parse("127.0.0.0/8, 10.0.0.0/8", &proxies, err, sizeof err), 0);
    for (int candidate = LAST_PORT; candidate >= FIRST_PORT && server == NULL; candidate--) {
        rt_http_options options = {
            .host = "127.0.0.1",
            .port = candidate,
            .threads = 1,
            .max_body_bytes = MAX_BODY,
            .handler = echo_handler,
            .trusted_proxies = &proxies,
        };
        if (rt_http_start(&options, &server) == 0)
            fixture.port = candidate;
    }
    assert_non_null(server);
    reply r;
    json_t *body = exchange(&fixture,
                            "GET /x HTTP/1.1\r\nHost: internal\r\nX-Forwarded-Proto: https\r\n"
                            "X-Forwarded-Host: api.example.com\r\n"
                            "X-Forwarded-For: 192.0.2.1, 198.51.100.7, 10.0.0.2\r\n\r\n",
                            &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(member(body, "forwarded_proto"), "https");
    assert_string_equal(member(body, "client_ip"), "198.51.100.7");
    json_decref(body);
    rt_http_stop(server);
    rt_proxy_free(&proxies);
}

static void test_body_at_the_limit_is_accepted(void **state)
{
    http_fixture *fixture = *state;
    char payload[MAX_BODY + 1], request[512];
    memset(payload, 'a', MAX_BODY);
    payload[MAX_BODY] = '\0';
    snprintf(request, sizeof request, "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s",
             MAX_BODY, payload);
    reply r;
    json_t *body = exchange(fixture, request, &r);
    assert_true(json_is_false(json_object_get(body, "body_too_large")));
    assert_int_equal(json_integer_value(json_object_get(body, "body_len")), MAX_BODY);
    json_decref(body);
}

static void test_body_over_limit_by_content_length(void **state)
{
    http_fixture *fixture = *state;
    char payload[MAX_BODY + 2], request[512];
    memset(payload, 'b', MAX_BODY + 1);
    payload[MAX_BODY + 1] = '\0';
    client c;
    reply r;
    client_open(&c, AF_INET, "127.0.0.1", fixture->port);
    snprintf(request, sizeof request,
             "POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", MAX_BODY + 1,
             payload);
    client_send_str(&c, request);
    client_read(&c, &r);
    json_t *body = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(body);
    assert_true(json_is_true(json_object_get(body, "body_too_large")));
    assert_true(json_is_null(json_object_get(body, "body")));
    assert_int_equal(json_integer_value(json_object_get(body, "body_len")), 0);
    json_decref(body);

    /* The body was consumed: the same connection serves the next request. */
    client_send_str(&c, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    body = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(body);
    assert_string_equal(member(body, "path"), "/after");
    json_decref(body);
    client_close(&c);
}

static void test_body_over_limit_by_chunks(void **state)
{
    http_fixture *fixture = *state;
    char chunk[41], request[512];
    memset(chunk, 'c', 40);
    chunk[40] = '\0';
    /* No Content-Length: 40 + 40 bytes in chunks, over the 64-byte limit. */
    snprintf(request, sizeof request,
             "POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
             "28\r\n%s\r\n28\r\n%s\r\n0\r\n\r\n",
             chunk, chunk);
    reply r;
    json_t *body = exchange(fixture, request, &r);
    assert_int_equal(r.status, 200);
    assert_true(json_is_true(json_object_get(body, "body_too_large")));
    assert_true(json_is_null(json_object_get(body, "body")));
    json_decref(body);

    /* One chunk under the limit arrives whole. */
    snprintf(request, sizeof request,
             "POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
             "28\r\n%s\r\n0\r\n\r\n",
             chunk);
    body = exchange(fixture, request, &r);
    assert_true(json_is_false(json_object_get(body, "body_too_large")));
    assert_string_equal(member(body, "body"), chunk);
    json_decref(body);
}

static void test_request_id_echoed_or_generated(void **state)
{
    http_fixture *fixture = *state;
    char value[128], request[512];
    reply r;

    json_t *body =
        exchange(fixture, "GET /id HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc-123._XYZ\r\n\r\n", &r);
    assert_string_equal(header(&r, "X-Request-ID", value, sizeof value), "abc-123._XYZ");
    assert_string_equal(member(body, "request_id"), "abc-123._XYZ");
    json_decref(body);

    /* Exactly 64 allowed characters: echoed. */
    char longest[65];
    memset(longest, 'z', 64);
    longest[64] = '\0';
    snprintf(request, sizeof request, "GET /id HTTP/1.1\r\nHost: x\r\nX-Request-ID: %s\r\n\r\n",
             longest);
    body = exchange(fixture, request, &r);
    assert_string_equal(header(&r, "X-Request-ID", value, sizeof value), longest);
    json_decref(body);

    /* Missing, 65 characters, or a bad character: a fresh 32-hex id. */
    const char *bad[] = {NULL, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                         "has space", "semi;colon", "quote\"d"};
    char previous[128] = "";
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (bad[i] == NULL)
            snprintf(request, sizeof request, "GET /id HTTP/1.1\r\nHost: x\r\n\r\n");
        else
            snprintf(request, sizeof request,
                     "GET /id HTTP/1.1\r\nHost: x\r\nX-Request-ID: %s\r\n\r\n", bad[i]);
        body = exchange(fixture, request, &r);
        const char *id = header(&r, "X-Request-ID", value, sizeof value);
        assert_true(is_hex32(id));
        assert_string_equal(member(body, "request_id"), id);
        assert_string_not_equal(id, previous);
        snprintf(previous, sizeof previous, "%s", id);
        json_decref(body);
    }
}

static void test_keep_alive_two_requests_one_socket(void **state)
{
    http_fixture *fixture = *state;
    client c;
    reply r;
    char value[64];
    client_open(&c, AF_INET, "127.0.0.1", fixture->port);
    client_send_str(&c, "GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    assert_int_equal(r.status, 200);
    const char *connection = header(&r, "Connection", value, sizeof value);
    assert_true(connection == NULL || strcasecmp(connection, "close") != 0);
    assert_non_null(strstr(r.body, "\"/first\""));

    client_send_str(&c, "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"/second\""));

    /* Pipelined: two requests in one write, two responses in order. */
    client_send_str(
        &c, "GET /third HTTP/1.1\r\nHost: x\r\n\r\nGET /fourth HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    assert_non_null(strstr(r.body, "\"/third\""));
    client_read(&c, &r);
    assert_non_null(strstr(r.body, "\"/fourth\""));
    client_close(&c);
}

static void test_handler_status_content_type_and_headers(void **state)
{
    http_fixture *fixture = *state;
    client c;
    reply r;
    char value[64];
    client_open(&c, AF_INET, "127.0.0.1", fixture->port);
    client_send_str(&c, "GET /teapot HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    assert_int_equal(r.status, 418);
    assert_string_equal(header(&r, "Content-Type", value, sizeof value), "text/plain");
    assert_string_equal(header(&r, "X-Extra", value, sizeof value), "yes");
    assert_non_null(header(&r, "X-Request-ID", value, sizeof value));
    assert_int_equal(r.body_len, strlen("short and stout"));
    assert_memory_equal(r.body, "short and stout", r.body_len);

    /* A handler that sets no status: the generic 500 in the error shape. */
    client_send_str(&c, "GET /nostatus HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    assert_int_equal(r.status, 500);
    json_t *body = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(body);
    json_t *error = json_object_get(body, "error");
    assert_int_equal(json_integer_value(json_object_get(error, "status")), 500);
    assert_string_equal(member(error, "code"), "internal_error");
    assert_string_equal(header(&r, "Content-Type", value, sizeof value), "application/json");
    json_decref(body);
    client_close(&c);
}

/* The log line of request_id from the log file, parsed (caller decrefs). */
static json_t *find_log_line(http_fixture *fixture, const char *request_id)
{
    FILE *file = fopen(fixture->log_path, "r");
    assert_non_null(file);
    char line[4096];
    json_t *found = NULL;
    while (found == NULL && fgets(line, sizeof line, file) != NULL) {
        json_t *object = json_loads(line, 0, NULL);
        assert_non_null(object); /* every line is JSON */
        const char *event = member(object, "event");
        const char *id = member(object, "request_id");
        if (event != NULL && strcmp(event, "request") == 0 && id != NULL &&
            strcmp(id, request_id) == 0)
            found = object;
        else
            json_decref(object);
    }
    fclose(file);
    return found;
}

static void test_request_log_line(void **state)
{
    http_fixture *fixture = *state;
    reply r;
    json_t *body = exchange(
        fixture, "GET /user?secret=1 HTTP/1.1\r\nHost: x\r\nX-Request-ID: log-test-1\r\n\r\n", &r);
    json_decref(body);
    json_t *line = find_log_line(fixture, "log-test-1");
    assert_non_null(line);
    assert_string_equal(member(line, "level"), "info");
    assert_string_equal(member(line, "method"), "GET");
    assert_string_equal(member(line, "path"), "/user");
    assert_int_equal(json_integer_value(json_object_get(line, "status")), 200);
    assert_string_equal(member(line, "user"), "user-123");
    assert_string_equal(member(line, "client_ip"), "127.0.0.1");
    assert_int_equal(json_integer_value(json_object_get(line, "bytes")), r.body_len);
    json_t *duration = json_object_get(line, "duration_ms");
    assert_true(json_is_number(duration));
    assert_true(json_number_value(duration) >= 0.0 && json_number_value(duration) < 5000.0);
    json_decref(line);

    /* Anonymous requests log user null. */
    body =
        exchange(fixture, "GET /anon HTTP/1.1\r\nHost: x\r\nX-Request-ID: log-test-2\r\n\r\n", &r);
    json_decref(body);
    line = find_log_line(fixture, "log-test-2");
    assert_non_null(line);
    assert_true(json_is_null(json_object_get(line, "user")));
    json_decref(line);
}

static void test_second_server_on_same_port_fails(void **state)
{
    http_fixture *fixture = *state;
    rt_http_server *other = NULL;
    rt_http_options options = {
        .host = "127.0.0.1",
        .port = fixture->port,
        .threads = 1,
        .max_body_bytes = MAX_BODY,
        .handler = echo_handler,
    };
    assert_int_equal(rt_http_start(&options, &other), RT_EBUSY);
    assert_null(other);
    options.host = "no-such-host.invalid";
    assert_int_equal(rt_http_start(&options, &other), RT_EIO);
    assert_null(other);
}

typedef struct slow_call {
    int port;
    int status;
} slow_call;

/* Runs on its own thread, so no cmocka assertions here: status -1 on any
 * failure. */
static void *slow_client(void *arg)
{
    slow_call *call = arg;
    char response[4096];
    size_t len = 0;
    const char *request = "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)call->port)};
    struct timeval timeout = {5, 0};
    call->status = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return NULL;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        send(fd, request, strlen(request), MSG_NOSIGNAL) == (ssize_t)strlen(request)) {
        ssize_t got;
        while (len < sizeof response - 1 &&
               (got = recv(fd, response + len, sizeof response - 1 - len, 0)) > 0)
            len += (size_t)got;
        response[len] = '\0';
        if (sscanf(response, "HTTP/1.1 %d", &call->status) != 1)
            call->status = -1;
    }
    close(fd);
    return NULL;
}

static void test_stop_finishes_requests_in_flight(void **state)
{
    (void)state;
    rt_http_server *server = NULL;
    slow_call call = {0, 0};
    pthread_t thread;
    assert_int_equal(start_server("127.0.0.1", &server, &call.port), 0);
    assert_int_equal(pthread_create(&thread, NULL, slow_client, &call), 0);
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL); /* the handler is now sleeping */
    rt_http_stop(server);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(call.status, 200);
}

static void test_listen_on_any_ipv6_serves_ipv4_too(void **state)
{
    (void)state;
    rt_http_server *server = NULL;
    int port = 0;
    if (start_server("::", &server, &port) != 0)
        skip(); /* no IPv6 in this environment */
    client c;
    reply r;
    client_open(&c, AF_INET, "127.0.0.1", port);
    client_send_str(&c, "GET /v4 HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    client_close(&c);
    json_t *body = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(body);
    assert_string_equal(member(body, "client_ip"), "127.0.0.1"); /* not ::ffff:127.0.0.1 */
    json_decref(body);

    client_open(&c, AF_INET6, "::1", port);
    client_send_str(&c, "GET /v6 HTTP/1.1\r\nHost: x\r\n\r\n");
    client_read(&c, &r);
    client_close(&c);
    body = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(body);
    assert_string_equal(member(body, "client_ip"), "::1");
    json_decref(body);
    rt_http_stop(server);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_with_query_args),
        cmocka_unit_test(test_too_many_query_args_overflow),
        cmocka_unit_test(test_post_with_body_and_headers),
        cmocka_unit_test(test_body_at_the_limit_is_accepted),
        cmocka_unit_test(test_body_over_limit_by_content_length),
        cmocka_unit_test(test_body_over_limit_by_chunks),
        cmocka_unit_test(test_request_id_echoed_or_generated),
        cmocka_unit_test(test_keep_alive_two_requests_one_socket),
        cmocka_unit_test(test_handler_status_content_type_and_headers),
        cmocka_unit_test(test_request_log_line),
        cmocka_unit_test(test_second_server_on_same_port_fails),
        cmocka_unit_test(test_forwarded_headers_from_a_trusted_proxy),
        cmocka_unit_test(test_stop_finishes_requests_in_flight),
        cmocka_unit_test(test_listen_on_any_ipv6_serves_ipv4_too),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
