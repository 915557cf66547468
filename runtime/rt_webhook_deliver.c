/*
 * rt_webhook_deliver.c - one webhook attempt over libcurl (see
 * rt_webhook_deliver.h). Against server-side request forgery: the host is
 * resolved and checked here (rt_webhook_target), curl connects only to
 * that address (CURLOPT_RESOLVE) and the open-socket callback refuses any
 * address that is not public (unless private targets are allowed); no
 * redirect is followed, no proxy from the environment is used, only http
 * and https are spoken.
 */
#include "rt_webhook_deliver.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "rt_clock.h"
#include "rt_error.h"
#include "rt_webhook_target.h"

int rt_webhook_deliver_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : RT_EINVAL;
}

/* The answer's body is not kept. */
static size_t deliver_discard(char *data, size_t size, size_t count, void *context)
{
    (void)data;
    (void)context;
    return size * count;
}

/* The last check, on the address curl is about to connect to. */
static curl_socket_t deliver_open_socket(void *context, curlsocktype purpose,
                                         struct curl_sockaddr *address)
{
    const bool *allow_private = context;
    (void)purpose;
    if (!*allow_private && !rt_webhook_address_is_public(&address->addr))
        return CURL_SOCKET_BAD;
    return socket(address->family, address->socktype, address->protocol);
}

/* Header lines of the request; NULL when out of memory. */
static struct curl_slist *deliver_headers(const rt_webhook_request *request)
{
    char line[512];
    struct curl_slist *list = NULL;
    const char *const fixed[] = {"Content-Type: application/json", "User-Agent: orderd-webhooks",
                                 "Expect:"};
    const char *const names[] = {"Orderd-Signature", "Orderd-Event-Id", "Orderd-Event-Type",
                                 "Orderd-Sequence"};
    const char *const values[] = {request->signature, request->event_id, request->event_type,
                                  request->sequence};

    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        struct curl_slist *next = curl_slist_append(list, fixed[i]);
        if (next == NULL)
            goto fail;
        list = next;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(line, sizeof line, "%s: %s", names[i], values[i] ? values[i] : "");
        struct curl_slist *next = curl_slist_append(list, line);
        if (next == NULL)
            goto fail;
        list = next;
    }
    return list;
fail:
    curl_slist_free_all(list);
    return NULL;
}

/* "host:port:address" pinning the name to the checked address; NULL for a
 * literal address (nothing to resolve) or out of memory. */
static struct curl_slist *deliver_pin(const rt_webhook_target *target)
{
    char line[400];
    unsigned char buffer[16];
    bool v6 = strchr(target->address, ':') != NULL;

    if (inet_pton(AF_INET, target->host, buffer) == 1 ||
        inet_pton(AF_INET6, target->host, buffer) == 1)
        return NULL;
    snprintf(line, sizeof line, "%s:%d:%s%s%s", target->host, target->port, v6 ? "[" : "",
             target->address, v6 ? "]" : "");
    return curl_slist_append(NULL, line);
}

static void deliver_configure(CURL *curl, const rt_webhook_request *request,
                              struct curl_slist *headers, struct curl_slist *pin)
{
    curl_easy_setopt(curl, CURLOPT_URL, request->url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (pin != NULL)
        curl_easy_setopt(curl, CURLOPT_RESOLVE, pin);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request->body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_len);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)request->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)request->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, deliver_discard);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, deliver_open_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, (void *)&request->allow_private);
}

int rt_webhook_deliver(const rt_webhook_request *request, rt_webhook_outcome *out)
{
    rt_webhook_target target;
    const char *reason = NULL;
    struct curl_slist *headers = NULL;
    struct curl_slist *pin = NULL;
    CURL *curl = NULL;
    int64_t start = rt_clock_now_ms();
    long code = 0;
    CURLcode result;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (rt_webhook_target_check(request->url, request->allow_private, &target, &reason) != 0) {
        snprintf(out->error, sizeof out->error, "target refused: %s", reason);
        goto done;
    }
    headers = deliver_headers(request);
    pin = deliver_pin(&target);
    curl = curl_easy_init();
    if (headers == NULL || curl == NULL) {
        rc = RT_ENOMEM;
        goto done;
    }
    deliver_configure(curl, request, headers, pin);
    result = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    out->status_code = (int)code;
    if (result != CURLE_OK)
        snprintf(out->error, sizeof out->error, "%s", curl_easy_strerror(result));
    else if (code < 200 || code > 299)
        snprintf(out->error, sizeof out->error, "HTTP %ld", code);
    else
        out->delivered = true;
done:
    out->duration_ms = rt_clock_now_ms() - start;
    curl_easy_cleanup(curl);
    curl_slist_free_all(headers);
    curl_slist_free_all(pin);
    return rc;
}
