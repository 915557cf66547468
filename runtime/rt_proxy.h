/*
 * rt_proxy.h - which peers are trusted reverse proxies (TRUSTED_PROXIES),
 * and the client address behind them.
 *
 * X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host are believed
 * only when the connection comes from one of these networks; from anyone
 * else they are ignored, so a client cannot choose the address its rate
 * limit is counted under (README, Operations).
 *
 * Ownership: an rt_proxy_list owns its networks; rt_proxy_free releases
 * them. It is read-only after rt_proxy_parse, so threads may share it.
 */
#ifndef RT_PROXY_H
#define RT_PROXY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rt_proxy_network {
    int family;                /* AF_INET or AF_INET6 */
    unsigned char address[16]; /* network byte order; 4 bytes used for IPv4 */
    int prefix_bits;
} rt_proxy_network;

typedef struct rt_proxy_list {
    rt_proxy_network *networks;
    int count;
} rt_proxy_list;

/* Parses a comma-separated list of addresses and CIDR networks
 * ("10.0.0.0/8, 127.0.0.1, ::1, fd00::/8"); blanks around items are
 * allowed, an empty list trusts nobody. Returns 0, RT_EINVAL (the bad item
 * named in err) or RT_ENOMEM. */
int rt_proxy_parse(const char *text, rt_proxy_list *out, char *err, size_t err_len);
void rt_proxy_free(rt_proxy_list *list);

/* True if address (textual IPv4 or IPv6) is inside one of the networks. */
bool rt_proxy_trusts(const rt_proxy_list *list, const char *address);

/* The client address of a request from peer with this X-Forwarded-For
 * (NULL: none): peer itself unless it is trusted; else the right-most
 * address of the header that is not a trusted proxy (or the left-most,
 * when all are). An item that is not an address stops the walk at the
 * address before it. Writes at most out_len bytes (NUL included). */
void rt_proxy_client_ip(const rt_proxy_list *list, const char *peer, const char *forwarded_for,
                        char *out, size_t out_len);

#endif /* RT_PROXY_H */
