#include "http/client_address.hpp"

#include <gtest/gtest.h>

using qself::http::canonical_ip;
using qself::http::client_address;

TEST(CanonicalIp, ReadsIpv4AndIpv6AndNothingElse) {
  EXPECT_EQ(canonical_ip("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(canonical_ip(" 203.0.113.7 "), "203.0.113.7");
  EXPECT_EQ(canonical_ip("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_FALSE(canonical_ip(""));
  EXPECT_FALSE(canonical_ip("unknown"));
  EXPECT_FALSE(canonical_ip("203.0.113.7:443"));
  EXPECT_FALSE(canonical_ip("1.2.3.4.5"));
}

TEST(ClientAddress, IsThePeerUnlessThePeerIsATrustedProxy) {
  EXPECT_EQ(client_address("198.51.100.1", "203.0.113.7", {}), "198.51.100.1");
  EXPECT_EQ(client_address("198.51.100.1", "203.0.113.7", {"10.0.0.1"}), "198.51.100.1");
  EXPECT_EQ(client_address("10.0.0.1", "", {"10.0.0.1"}), "10.0.0.1");
}

TEST(ClientAddress, BehindTrustedProxiesIsTheNearestUntrustedHop) {
  const std::vector<std::string> proxies{"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.7", proxies), "203.0.113.7");
  // A client cannot pick its address by sending its own X-Forwarded-For: the
  // entries left of the first untrusted one are its own words.
  EXPECT_EQ(client_address("10.0.0.1", "1.1.1.1, 203.0.113.7", proxies), "203.0.113.7");
  EXPECT_EQ(client_address("10.0.0.1", "1.1.1.1, 203.0.113.7, 10.0.0.2", proxies), "203.0.113.7");
  EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", proxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.1", "2001:DB8::1", proxies), "2001:db8::1");
}

TEST(ClientAddress, AMalformedHopEndsTheTrust) {
  const std::vector<std::string> proxies{"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(client_address("10.0.0.1", "203.0.113.7, garbage", proxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "garbage, 10.0.0.2", proxies), "10.0.0.2");
}
