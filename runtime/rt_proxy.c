/*
 * rt_proxy.c - TRUSTED_PROXIES: parsing the network list, matching an
 * address against it, and reading the client address out of
 * X-Forwarded-For the way a chain of proxies writes it (each appends the
 * address it got the request from, so the right-most entries are the
 * ones our own proxies wrote and only they can be believed).
 */
#include "rt_proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rt_error.h"

#define PROXY_ITEM_MAX 64

/* Parses one textual address into family and bytes. */
static bool proxy_parse_address(const char *text, int *family, unsigned char *bytes)
{
    if (inet_pton(AF_INET, text, bytes) == 1) {
        *family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, text, bytes) == 1) {
        /* An IPv4-mapped IPv6 address is the IPv4 address. */
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(bytes, mapped, sizeof mapped) == 0) {
            memmove(bytes, bytes + 12, 4);
            *family = AF_INET;
        } else {
            *family = AF_INET6;
        }
        return true;
    }
    return false;
}

/* Parses "address" or "address/bits" (item is a NUL-terminated copy). */
static bool proxy_parse_network(char *item, rt_proxy_network *out)
{
    char *slash = strchr(item, '/');
    int max_bits;

    memset(out, 0, sizeof *out);
    if (slash != NULL)
        *slash = '\0';
    if (!proxy_parse_address(item, &out->family, out->address))
        return false;
    max_bits = out->family == AF_INET ? 32 : 128;
    out->prefix_bits = max_bits;
    if (slash == NULL)
        return true;
    const char *digits = slash + 1;
    size_t count = strspn(digits, "0123456789");
    if (count == 0 || count > 3 || digits[count] != '\0')
        return false;
    out->prefix_bits = atoi(digits);
    return out->prefix_bits <= max_bits;
}

int rt_proxy_parse(const char *text, rt_proxy_list *out, char *err, size_t err_len)
{
    int rc = 0;
    rt_proxy_list list = {NULL, 0};
    const char *at = text != NULL ? text : "";

    while (*at != '\0') {
        at += strspn(at, " \t,");
        size_t len = strcspn(at, ",");
        while (len > 0 && (at[len - 1] == ' ' || at[len - 1] == '\t'))
            len--;
        if (len == 0)
            continue;
        char item[PROXY_ITEM_MAX];
        rt_proxy_network network;
        snprintf(item, sizeof item, "%.*s", (int)len, at);
        if (len >= sizeof item || !proxy_parse_network(item, &network)) {
            snprintf(err, err_len,
                     "TRUSTED_PROXIES: \"%.*s\" is not an IP address or CIDR network "
                     "(e.g. 10.0.0.0/8)",
                     (int)(len > PROXY_ITEM_MAX ? PROXY_ITEM_MAX : len), at);
            rc = RT_EINVAL;
            goto done;
        }
        rt_proxy_network *grown = realloc(list.networks, sizeof *grown * (size_t)(list.count + 1));
        if (grown == NULL) {
            snprintf(err, err_len, "TRUSTED_PROXIES: out of memory");
            rc = RT_ENOMEM;
            goto done;
        }
        list.networks = grown;
        list.networks[list.count++] = network;
        at += strcspn(at, ",");
    }
    *out = list;
    list.networks = NULL;
done:
    free(list.networks);
    return rc;
}

void rt_proxy_free(rt_proxy_list *list)
{
    if (list == NULL)
        return;
    free(list->networks);
    list->networks = NULL;
    list->count = 0;
}

static bool proxy_network_holds(const rt_proxy_network *network, int family,
                                const unsigned char *bytes)
{
    if (network->family != family)
        return false;
    int whole = network->prefix_bits / 8, rest = network->prefix_bits % 8;
    if (memcmp(network->address, bytes, (size_t)whole) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (network->address[whole] & mask) == (bytes[whole] & mask);
}

bool rt_proxy_trusts(const rt_proxy_list *list, const char *address)
{
    unsigned char bytes[16];
    int family;

    if (list == NULL || list->count == 0 || address == NULL ||
        !proxy_parse_address(address, &family, bytes))
        return false;
    for (int i = 0; i < list->count; i++)
        if (proxy_network_holds(&list->networks[i], family, bytes))
            return true;
    return false;
}

/* The item of header that ends just before `end` (after trimming blanks
 * and commas), copied into item; *start gets where it begins. */
static bool proxy_previous_item(const char *header, const char *end, const char **start, char *item,
                                size_t item_len)
{
    while (end > header && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == ','))
        end--;
    if (end == header)
        return false;
    const char *begin = end;
    while (begin > header && begin[-1] != ',')
        begin--;
    while (begin < end && (*begin == ' ' || *begin == '\t'))
        begin++;
    snprintf(item, item_len, "%.*s", (int)(end - begin), begin);
    *start = begin;
    return (size_t)(end - begin) < item_len;
}

void rt_proxy_client_ip(const rt_proxy_list *list, const char *peer, const char *forwarded_for,
                        char *out, size_t out_len)
{
    char item[PROXY_ITEM_MAX];
    unsigned char bytes[16];
    int family;
    const char *end = forwarded_for != NULL ? forwarded_for + strlen(forwarded_for) : NULL;
    const char *start = NULL;

    snprintf(out, out_len, "%s", peer);
    if (forwarded_for == NULL || !rt_proxy_trusts(list, peer))
        return;
    /* Walk right to left while the hop that wrote the entry is trusted. */
    while (proxy_previous_item(forwarded_for, end, &start, item, sizeof item)) {
        if (!proxy_parse_address(item, &family, bytes))
            return;
        snprintf(out, out_len, "%s", item);
        if (!rt_proxy_trusts(list, item))
            return;
        end = start;
    }
}
