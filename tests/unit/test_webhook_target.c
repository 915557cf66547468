/*
 * test_webhook_target.c - unit tests of rt_webhook_target: URL parsing
 * (schemes, ports, IPv6 brackets, user info refused), the classification
 * of addresses (every refused IPv4 and IPv6 range, mapped and NAT64
 * addresses by their IPv4 part), and the check after resolution, with
 * names that resolve to loopback (localhost) refused.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "rt_error.h"
#include "rt_webhook_target.h"

static void test_parse(void **state)
{
    rt_webhook_target target;
    (void)state;
    assert_int_equal(rt_webhook_target_parse("https://hooks.example.com/in?x=1", &target), 0);
    assert_true(target.https);
    assert_string_equal(target.host, "hooks.example.com");
    assert_int_equal(target.port, 443);
    assert_int_equal(rt_webhook_target_parse("http://10.0.0.1:8080", &target), 0);
    assert_false(target.https);
    assert_string_equal(target.host, "10.0.0.1");
    assert_int_equal(target.port, 8080);
    assert_int_equal(rt_webhook_target_parse("http://[::1]:81/x", &target), 0);
    assert_string_equal(target.host, "::1");
    assert_int_equal(target.port, 81);
    assert_int_equal(rt_webhook_target_parse("http://[::1]/", &target), 0);
    assert_int_equal(target.port, 80);
}

static void test_parse_refusals(void **state)
{
    static const char *const bad[] = {
        "ftp://example.com/",
        "example.com",
        "http://",
        "http:///x",
        "http://user@example.com/",
        "http://a:b@example.com/",
        "http://example.com:0/",
        "http://example.com:65536/",
        "http://example.com:8x/",
        "http://[::1/",
        "http://[::1]x/",
        "http://::1/",
        "http://exa mple.com/",
        "http://example.com/\n",
        "http://ex_ample.com/",
        "javascript:alert(1)",
    };
    rt_webhook_target target;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(rt_webhook_target_parse(bad[i], &target), RT_EINVAL);
}

static bool is_public(const char *text)
{
    struct sockaddr_in in = {.sin_family = AF_INET};
    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
    if (inet_pton(AF_INET, text, &in.sin_addr) == 1)
        return rt_webhook_address_is_public((const struct sockaddr *)&in);
    assert_int_equal(inet_pton(AF_INET6, text, &in6.sin6_addr), 1);
    return rt_webhook_address_is_public((const struct sockaddr *)&in6);
}

static void test_classification(void **state)
{
    static const char *const refused[] = {
        "127.0.0.1",
        "127.255.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "192.0.2.1",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2001:db8::1",
        "::127.0.0.1",
    };
    static const char *const allowed[] = {
        "93.184.216.34",   "8.8.8.8",        "172.32.0.1",       "100.128.0.1",
        "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808",
    };
    (void)state;
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_false(is_public(refused[i]));
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        assert_true(is_public(allowed[i]));
    assert_false(rt_webhook_address_is_public(NULL));
}

static void test_check_after_resolution(void **state)
{
    rt_webhook_target target;
    const char *reason = NULL;
    (void)state;
    assert_int_equal(rt_webhook_target_check("http://localhost:8080/x", false, &target, &reason),
                     RT_EINVAL);
    assert_non_null(strstr(reason, "loopback"));
    assert_int_equal(rt_webhook_target_check("http://localhost:8080/x", true, &target, &reason), 0);
    assert_true(strcmp(target.address, "127.0.0.1") == 0 || strcmp(target.address, "::1") == 0);
    assert_int_equal(rt_webhook_target_check("http://93.184.216.34/", false, &target, &reason), 0);
    assert_string_equal(target.address, "93.184.216.34");
    assert_int_equal(rt_webhook_target_check("gopher://x/", true, &target, &reason), RT_EINVAL);
    assert_non_null(strstr(reason, "URL"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_refusals),
        cmocka_unit_test(test_classification),
        cmocka_unit_test(test_check_after_resolution),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
