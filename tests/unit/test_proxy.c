/*
 * test_proxy.c - TRUSTED_PROXIES (rt_proxy): parsing addresses and CIDR
 * networks, matching IPv4, IPv6 and IPv4-mapped addresses against them,
 * and reading the client out of X-Forwarded-For right to left.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_proxy.h"

static void test_parse_accepts_addresses_and_networks(void **state)
{
    rt_proxy_list list;
    char err[160];
    (void)state;
    assert_int_equal(
        rt_proxy_parse(" 10.0.0.0/8,127.0.0.1 , ::1, fd00::/8,", &list, err, sizeof err), 0);
    assert_int_equal(list.count, 4);
    rt_proxy_free(&list);
    assert_int_equal(rt_proxy_parse("", &list, err, sizeof err), 0);
    assert_int_equal(list.count, 0);
    assert_false(rt_proxy_trusts(&list, "127.0.0.1"));
    rt_proxy_free(&list);
}

static void test_parse_names_a_bad_item(void **state)
{
    const char *bad[] = {"10.0.0.0/33", "example.com", "10.0.0.0/", "::1/129", "1.2.3.4/8x"};
    rt_proxy_list list;
    char err[160];
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(rt_proxy_parse(bad[i], &list, err, sizeof err), RT_EINVAL);
        assert_non_null(strstr(err, "TRUSTED_PROXIES"));
    }
}

static void test_trusts_only_inside_the_networks(void **state)
{
    rt_proxy_list list;
    char err[160];
    (void)state;
    assert_int_equal(
        rt_proxy_parse("10.1.0.0/16, 192.168.1.128/25, fd00::/8", &list, err, sizeof err), 0);
    assert_true(rt_proxy_trusts(&list, "10.1.255.3"));
    assert_false(rt_proxy_trusts(&list, "10.2.0.1"));
    assert_true(rt_proxy_trusts(&list, "192.168.1.200"));
    assert_false(rt_proxy_trusts(&list, "192.168.1.127"));
    assert_true(rt_proxy_trusts(&list, "fd12::1"));
    assert_false(rt_proxy_trusts(&list, "fe80::1"));
    assert_true(rt_proxy_trusts(&list, "::ffff:10.1.0.9")); /* IPv4-mapped */
    assert_false(rt_proxy_trusts(&list, "not an address"));
    assert_false(rt_proxy_trusts(NULL, "10.1.0.1"));
    rt_proxy_free(&list);
}

static void test_client_is_the_rightmost_untrusted_address(void **state)
{
    rt_proxy_list list;
    char err[160], client[64];
    (void)state;
    assert_int_equal(rt_proxy_parse("127.0.0.1, 10.0.0.0/8", &list, err, sizeof err), 0);
    rt_proxy_client_ip(&list, "127.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.7", client, sizeof client);
    assert_string_equal(client, "203.0.113.5");
    /* an untrusted peer's header is ignored */
    rt_proxy_client_ip(&list, "198.51.100.1", "203.0.113.5", client, sizeof client);
    assert_string_equal(client, "198.51.100.1");
    /* no header: the peer */
    rt_proxy_client_ip(&list, "127.0.0.1", NULL, client, sizeof client);
    assert_string_equal(client, "127.0.0.1");
    /* all trusted: the left-most */
    rt_proxy_client_ip(&list, "127.0.0.1", "10.0.0.1,10.0.0.2", client, sizeof client);
    assert_string_equal(client, "10.0.0.1");
    /* garbage stops the walk at the address before it */
    rt_proxy_client_ip(&list, "127.0.0.1", "<script>, 10.0.0.3", client, sizeof client);
    assert_string_equal(client, "10.0.0.3");
    rt_proxy_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts_addresses_and_networks),
        cmocka_unit_test(test_parse_names_a_bad_item),
        cmocka_unit_test(test_trusts_only_inside_the_networks),
        cmocka_unit_test(test_client_is_the_rightmost_untrusted_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
