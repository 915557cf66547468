/*
 * rt_webhook_target.c - parses webhook URLs and refuses targets inside
 * private networks (see rt_webhook_target.h). Addresses are classified by
 * their bytes; every address a name resolves to must pass, so a name with
 * one public and one private record is refused.
 */
#include "rt_webhook_target.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_error.h"

/* Reads the scheme; *rest is what follows "://". */
static int target_scheme(const char *url, rt_webhook_target *out, const char **rest)
{
    if (strncmp(url, "http://", 7) == 0) {
        out->https = false;
        *rest = url + 7;
    } else if (strncmp(url, "https://", 8) == 0) {
        out->https = true;
        *rest = url + 8;
    } else {
        return RT_EINVAL;
    }
    return 0;
}

/* Reads the port of "PORT" (count characters). */
static int target_port(const char *text, size_t count, rt_webhook_target *out)
{
    char digits[8] = "";

    if (count == 0 || count > 5)
        return RT_EINVAL;
    memcpy(digits, text, count);
    if (strspn(digits, "0123456789") != count)
        return RT_EINVAL;
    out->port = atoi(digits);
    return out->port >= 1 && out->port <= 65535 ? 0 : RT_EINVAL;
}

/* Reads "host[:port]" or "[v6][:port]" of length length. */
static int target_authority(const char *text, size_t length, rt_webhook_target *out)
{
    size_t host_start = 0;
    size_t host_end;
    size_t port_start = length + 1; /* past the end: no port */

    if (text[0] == '[') {
        const char *close = memchr(text, ']', length);
        if (close == NULL)
            return RT_EINVAL;
        host_start = 1;
        host_end = (size_t)(close - text);
        if (host_end + 1 < length) {
            if (text[host_end + 1] != ':')
                return RT_EINVAL;
            port_start = host_end + 2;
        }
    } else {
        const char *colon = memchr(text, ':', length);
        host_end = colon ? (size_t)(colon - text) : length;
        if (colon != NULL)
            port_start = host_end + 1;
    }
    if (host_end <= host_start || host_end - host_start >= sizeof out->host)
        return RT_EINVAL;
    memcpy(out->host, text + host_start, host_end - host_start);
    out->host[host_end - host_start] = '\0';
    if (strspn(out->host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") !=
        host_end - host_start)
        return RT_EINVAL;
    if (host_start == 0 && strchr(out->host, ':') != NULL)
        return RT_EINVAL; /* an IPv6 address needs its brackets */
    out->port = out->https ? 443 : 80;
    return port_start <= length ? target_port(text + port_start, length - port_start, out) : 0;
}

int rt_webhook_target_parse(const char *url, rt_webhook_target *out)
{
    const char *rest = NULL;
    size_t length;

    if (url == NULL || out == NULL)
        return RT_EINVAL;
    memset(out, 0, sizeof *out);
    if (target_scheme(url, out, &rest) != 0)
        return RT_EINVAL;
    length = strcspn(rest, "/?#");
    if (length == 0 || memchr(rest, '@', length) != NULL)
        return RT_EINVAL;
    for (const char *c = url; *c != '\0'; c++)
        if ((unsigned char)*c <= 0x20 || *c == 0x7f)
            return RT_EINVAL;
    return target_authority(rest, length, out);
}

static bool ipv4_in(uint32_t address, uint32_t network, int bits)
{
    uint32_t mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
    return (address & mask) == (network & mask);
}

/* address in host byte order */
static bool ipv4_is_public(uint32_t address)
{
    static const struct {
        uint32_t network;
        int bits;
    } refused[] = {
        {0x00000000u, 8},  /* 0.0.0.0/8 "this network" */
        {0x0a000000u, 8},  /* 10/8 private */
        {0x64400000u, 10}, /* 100.64/10 shared (CGNAT) */
        {0x7f000000u, 8},  /* 127/8 loopback */
        {0xa9fe0000u, 16}, /* 169.254/16 link-local (cloud metadata) */
        {0xac100000u, 12}, /* 172.16/12 private */
        {0xc0000000u, 24}, /* 192.0.0/24 IETF protocol assignments */
        {0xc0000200u, 24}, /* 192.0.2/24 documentation */
        {0xc0a80000u, 16}, /* 192.168/16 private */
        {0xc6120000u, 15}, /* 198.18/15 benchmarking */
        {0xc6336400u, 24}, /* 198.51.100/24 documentation */
        {0xcb007100u, 24}, /* 203.0.113/24 documentation */
        {0xe0000000u, 4},  /* 224/4 multicast */
        {0xf0000000u, 4},  /* 240/4 reserved, broadcast */
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (ipv4_in(address, refused[i].network, refused[i].bits))
            return false;
    return true;
}

static uint32_t ipv4_at(const uint8_t *bytes)
{
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 |
           (uint32_t)bytes[3];
}

static bool ipv6_is_public(const uint8_t *b)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t zeros[12] = {0};

    if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0)
        return ipv4_is_public(ipv4_at(b + 12));
    if (memcmp(b, zeros, 12) == 0) /* ::, ::1 and IPv4-compatible */
        return false;
    if ((b[0] & 0xfe) == 0xfc) /* fc00::/7 unique-local */
        return false;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) /* fe80::/10 link-local */
        return false;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) /* fec0::/10 site-local (deprecated) */
        return false;
    if (b[0] == 0xff) /* multicast */
        return false;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) /* 2001:db8::/32 */
        return false;
    return true;
}

bool rt_webhook_address_is_public(const struct sockaddr *address)
{
    if (address == NULL)
        return false;
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)address;
        return ipv4_is_public(ntohl(in->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)address;
        return ipv6_is_public(in6->sin6_addr.s6_addr);
    }
    return false;
}

int rt_webhook_target_check(const char *url, bool allow_private, rt_webhook_target *out,
                            const char **reason)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *found = NULL;
    int rc = RT_EINVAL;

    *reason = "not an http(s) URL";
    if (rt_webhook_target_parse(url, out) != 0)
        goto done;
    *reason = "the host does not resolve";
    if (getaddrinfo(out->host, NULL, &hints, &found) != 0 || found == NULL)
        goto done;
    *reason = "the host resolves to a loopback, private, link-local or reserved address";
    for (const struct addrinfo *a = found; a != NULL; a = a->ai_next)
        if (!allow_private && !rt_webhook_address_is_public(a->ai_addr))
            goto done;
    *reason = "the address cannot be written";
    if (getnameinfo(found->ai_addr, found->ai_addrlen, out->address, sizeof out->address, NULL, 0,
                    NI_NUMERICHOST) != 0)
        goto done;
    *reason = NULL;
    rc = 0;
done:
    if (found != NULL)
        freeaddrinfo(found);
    return rc;
}
