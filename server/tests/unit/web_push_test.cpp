// util/web_push: message encryption against the worked example of RFC 8291
// (Appendix A), both ways, and VAPID tokens a push service would accept.

#include "util/web_push.hpp"

#include <gtest/gtest.h>

namespace wp = qself::util::web_push;

namespace {

// RFC 8291, Appendix A.
constexpr const char* kPlaintext = "When I grow up, I want to be a watermelon";
constexpr const char* kSenderPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr const char* kSenderPublic =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
constexpr const char* kReceiverPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
constexpr const char* kReceiverPublic =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr const char* kAuth = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr const char* kSalt = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr const char* kMessage =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
    "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
    "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

std::chrono::sys_seconds at(long long seconds) { return std::chrono::sys_seconds{std::chrono::seconds{seconds}}; }

}  // namespace

TEST(WebPush, EncryptsTheRfc8291ExampleByteForByte) {
  EXPECT_EQ(wp::public_key_of(kSenderPrivate), kSenderPublic);
  EXPECT_EQ(wp::public_key_of(kReceiverPrivate), kReceiverPublic);
  const auto body =
      wp::encrypt(kPlaintext, kReceiverPublic, kAuth, std::string_view(kSalt), std::string_view(kSenderPrivate));
  EXPECT_EQ(wp::base64url(body), kMessage);
}

TEST(WebPush, TheBrowsersSideReadsTheExampleAndRefusesATamperedOne) {
  const auto body = *wp::from_base64url(kMessage);
  EXPECT_EQ(wp::decrypt(body, kReceiverPrivate, kAuth), kPlaintext);
  for (std::size_t i : {std::size_t{0}, std::size_t{20}, std::size_t{90}, body.size() - 1}) {
    auto tampered = body;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_EQ(wp::decrypt(tampered, kReceiverPrivate, kAuth), std::nullopt) << "byte " << i;
  }
  EXPECT_EQ(wp::decrypt(body.substr(0, body.size() - 1), kReceiverPrivate, kAuth), std::nullopt);
  EXPECT_EQ(wp::decrypt(body, kReceiverPrivate, "AAAAAAAAAAAAAAAAAAAAAA"), std::nullopt) << "another secret";
  EXPECT_EQ(wp::decrypt(body, wp::generate_key_pair().private_key, kAuth), std::nullopt) << "another key";
}

TEST(WebPush, EachMessageHasItsOwnSaltAndKeyAndOnlyItsReceiverReadsIt) {
  const auto browser = wp::generate_key_pair();
  const std::string auth = wp::base64url(std::string(16, '\x07'));
  const auto first = wp::encrypt(R"({"title":"Water","body":"Time to log"})", browser.public_key, auth);
  const auto second = wp::encrypt(R"({"title":"Water","body":"Time to log"})", browser.public_key, auth);
  EXPECT_NE(first, second);
  EXPECT_EQ(first.substr(0, 16) == second.substr(0, 16), false) << "a salt is never reused";
  EXPECT_EQ(wp::decrypt(first, browser.private_key, auth), R"({"title":"Water","body":"Time to log"})");
  EXPECT_EQ(wp::decrypt(second, browser.private_key, auth), R"({"title":"Water","body":"Time to log"})");
  EXPECT_EQ(wp::decrypt(first, wp::generate_key_pair().private_key, auth), std::nullopt);
  // The largest message one record holds, and one byte more.
  EXPECT_EQ(
      wp::decrypt(wp::encrypt(std::string(wp::kMaxPlaintext, 'x'), browser.public_key, auth), browser.private_key, auth)
          ->size(),
      wp::kMaxPlaintext);
  EXPECT_THROW(wp::encrypt(std::string(wp::kMaxPlaintext + 1, 'x'), browser.public_key, auth), std::invalid_argument);
}

TEST(WebPush, KeysThatAreNotKeysAreRefused) {
  const std::string auth = wp::base64url(std::string(16, '\x07'));
  EXPECT_THROW(wp::encrypt("hi", "not base64!", auth), std::invalid_argument);
  EXPECT_THROW(wp::encrypt("hi", wp::base64url(std::string(65, '\x04')), auth), std::invalid_argument)
      << "not a point on the curve";
  EXPECT_THROW(wp::encrypt("hi", kReceiverPublic, wp::base64url("short")), std::invalid_argument);
  EXPECT_THROW(wp::public_key_of(wp::base64url(std::string(32, '\0'))), std::invalid_argument);
  EXPECT_THROW(wp::public_key_of(wp::base64url(std::string(32, '\xff'))), std::invalid_argument) << "above n";
}

TEST(WebPush, AVapidTokenIsAcceptedForItsAudienceAndTimeOnly) {
  const auto vapid = wp::generate_key_pair();
  const auto now = at(1'800'000'000);
  const auto header = wp::vapid_authorization("https://push.example.net", "mailto:admin@qself.example",
                                              now + std::chrono::hours(12), vapid);
  EXPECT_TRUE(header.starts_with("vapid t=ey")) << header;
  EXPECT_NE(header.find(", k=" + vapid.public_key), std::string::npos);
  EXPECT_EQ(wp::verify_vapid(header, "https://push.example.net", now), vapid.public_key);
  EXPECT_EQ(wp::verify_vapid(header, "https://push.example.org", now), std::nullopt) << "another audience";
  EXPECT_EQ(wp::verify_vapid(header, "https://push.example.net", now + std::chrono::hours(13)), std::nullopt)
      << "expired";
  const auto too_long =
      wp::vapid_authorization("https://push.example.net", "mailto:a@b.c", now + std::chrono::hours(25), vapid);
  EXPECT_EQ(wp::verify_vapid(too_long, "https://push.example.net", now), std::nullopt) << "more than 24 hours";

  // Another key in k=, or a changed claim, breaks the signature.
  auto swapped = header.substr(0, header.find(", k=")) + ", k=" + wp::generate_key_pair().public_key;
  EXPECT_EQ(wp::verify_vapid(swapped, "https://push.example.net", now), std::nullopt);
  auto forged = header;
  forged[forged.find('.') + 3] = forged[forged.find('.') + 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(wp::verify_vapid(forged, "https://push.example.net", now), std::nullopt);
  EXPECT_EQ(wp::verify_vapid("Bearer x", "https://push.example.net", now), std::nullopt);
}
