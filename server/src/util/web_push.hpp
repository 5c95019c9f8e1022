#pragma once
// The cryptography of Web Push, with OpenSSL: a message encrypted for one
// browser subscription (RFC 8291, in the aes128gcm content coding of RFC 8188),
// and the VAPID signature that names the sender to the push service (RFC 8292:
// an ES256 JWT). Both ways of each, so tests can play the push service and the
// browser. Keys travel as URL-safe base64 without padding, as browsers give
// them: a P-256 public key as its 65-byte uncompressed point, a private key as
// its 32-byte scalar.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qself::util::web_push {

// A P-256 key pair, URL-safe base64 (no padding).
struct KeyPair {
  std::string public_key;   // 65 bytes: 0x04 || x || y
  std::string private_key;  // 32 bytes
};

// A new random key pair (the server's VAPID keys; in tests, a browser's).
KeyPair generate_key_pair();
// The public key of a private one; throws std::invalid_argument when it is not a P-256 scalar.
std::string public_key_of(std::string_view private_key);

// URL-safe base64 without padding, both ways; decode answers nullopt for text that is not.
std::string base64url(std::string_view bytes);
std::optional<std::string> from_base64url(std::string_view text);

// Encrypts `plaintext` for the subscription whose keys are `p256dh` (its
// public key) and `auth` (its 16-byte secret), both as the browser gave them
// (base64url). One record (at most 3993 bytes of plaintext, RFC 8291 §4). The
// salt and the sender's one-time key are random unless given (tests give the
// RFC's). Throws std::invalid_argument for keys that are not what they should be.
std::string encrypt(std::string_view plaintext, std::string_view p256dh, std::string_view auth,
                    std::optional<std::string_view> salt = std::nullopt,
                    std::optional<std::string_view> sender_private_key = std::nullopt);

// What a browser does with a message: its plaintext, or nullopt when the body
// is not a message for this key and secret (tampered, cut, another key).
std::optional<std::string> decrypt(std::string_view body, std::string_view private_key, std::string_view auth);

inline constexpr std::size_t kMaxPlaintext = 3993;

// The Authorization header value for a request to a push service at
// `audience` ("https://fcm.googleapis.com": scheme, host and port of the
// endpoint): "vapid t=<JWT>, k=<public key>", the JWT signed with the VAPID
// private key and valid until `expires` (at most 24 hours ahead, RFC 8292 §2).
std::string vapid_authorization(std::string_view audience, std::string_view subject, std::chrono::sys_seconds expires,
                                const KeyPair& vapid);

// What a push service checks of that header: the signature against the key
// it carries, the audience, and that it has not expired at `now` nor lasts
// more than 24 hours. Answers the public key that signed, or nullopt.
std::optional<std::string> verify_vapid(std::string_view authorization, std::string_view audience,
                                        std::chrono::sys_seconds now);

}  // namespace qself::util::web_push
