// push/endpoint: which URLs qself sends notifications to, and which addresses
// count as inside the operator's network.

#include "push/endpoint.hpp"

#include <gtest/gtest.h>

using qself::push::is_private_address;
using qself::push::parse_endpoint;

namespace {

bool is_private(const std::string& address) { return is_private_address(Poco::Net::IPAddress(address)); }

}  // namespace

TEST(Endpoint, ReadsTheOriginAndTargetOfAPushServicesUrl) {
  const auto fcm = parse_endpoint("https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b?x=1");
  ASSERT_TRUE(fcm);
  EXPECT_EQ(fcm->host, "fcm.googleapis.com");
  EXPECT_EQ(fcm->port, 443);
  EXPECT_EQ(fcm->target, "/fcm/send/dGVzdA:APA91b?x=1");
  EXPECT_EQ(fcm->origin, "https://fcm.googleapis.com");
  const auto mozilla = parse_endpoint("https://Updates.Push.Services.Mozilla.com:8443/wpush/v2/abc");
  ASSERT_TRUE(mozilla);
  EXPECT_EQ(mozilla->origin, "https://updates.push.services.mozilla.com:8443");
  const auto v6 = parse_endpoint("http://[2001:4860::8888]:8080");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "2001:4860::8888");
  EXPECT_EQ(v6->target, "/");
  EXPECT_EQ(v6->origin, "http://[2001:4860::8888]:8080");
}

TEST(Endpoint, RefusesWhatIsNotAnAbsoluteHttpUrlWithAHost) {
  for (const auto* url :
       {"", "fcm.googleapis.com/x", "ftp://host/x", "https://", "https:///x", "https://u:p@host/x", "https://host/x#y",
        "https://host:0/x", "https://host:65536/x", "https://host:/x", "https://host:8a/x", "https://ho st/x",
        "https://host/\x01", "https://[::1/x", "https://[not-v6]/x", "https://[::1]x/"}) {
    EXPECT_FALSE(parse_endpoint(url)) << url;
  }
  EXPECT_FALSE(parse_endpoint("https://host/" + std::string(1100, 'a')));
}

TEST(Endpoint, AddressesInsideTheNetworkArePrivate) {
  for (const auto* address : {"127.0.0.1",
                              "127.5.6.7",
                              "10.0.0.1",
                              "172.16.0.1",
                              "172.31.255.255",
                              "192.168.0.1",
                              "169.254.169.254",
                              "100.64.0.1",
                              "0.0.0.0",
                              "224.0.0.1",
                              "255.255.255.255",
                              "192.0.2.1",
                              "::1",
                              "::",
                              "fd12:3456::1",
                              "fe80::1",
                              "ff02::1",
                              "::ffff:10.0.0.1",
                              "::ffff:127.0.0.1",
                              "64:ff9b::a00:1",
                              "2002:a00:1::1",
                              "2001:db8::1"}) {
    EXPECT_TRUE(is_private(address)) << address;
  }
  for (const auto* address : {"8.8.8.8", "142.250.74.42", "172.32.0.1", "100.128.0.1", "2a00:1450:4007:80e::200a",
                              "2606:4700::6810:84e5", "::ffff:8.8.8.8"}) {
    EXPECT_FALSE(is_private(address)) << address;
  }
}
