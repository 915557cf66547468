/*
 * rt_webhook_target.h - where a webhook may be sent (README, Webhooks:
 * targets). A URL is http(s)://host[:port][/path] without user info; its
 * host must resolve only to public addresses: loopback, private (RFC 1918,
 * 100.64/10), link-local, unique-local, multicast, documentation and
 * reserved ranges are refused, IPv4-mapped and NAT64 IPv6 addresses by the
 * IPv4 address inside, unless private targets are allowed
 * (WEBHOOK_ALLOW_PRIVATE_TARGETS=true). Checked when a subscription is
 * saved and again at every delivery, whose connection goes only to the
 * address checked here (so DNS rebinding cannot move it).
 */
#ifndef RT_WEBHOOK_TARGET_H
#define RT_WEBHOOK_TARGET_H

#include <stdbool.h>
#include <sys/socket.h>

typedef struct rt_webhook_target {
    bool https;
    char host[256]; /* a name, an IPv4 address, or an IPv6 address without brackets */
    int port;
    char address[64]; /* the checked address (numeric), once resolved */
} rt_webhook_target;

/* Reads scheme, host and port of url. RT_EINVAL when it is not an
 * http(s) URL of that form. */
int rt_webhook_target_parse(const char *url, rt_webhook_target *out);

/* True when the address (AF_INET or AF_INET6) is public. */
bool rt_webhook_address_is_public(const struct sockaddr *address);

/* Parses url, resolves its host and checks every address it resolves to;
 * out->address is the first. Returns 0, or RT_EINVAL with *reason saying
 * why (a static string): not a URL, unresolvable, or a refused address. */
int rt_webhook_target_check(const char *url, bool allow_private, rt_webhook_target *out,
                            const char **reason);

#endif /* RT_WEBHOOK_TARGET_H */
