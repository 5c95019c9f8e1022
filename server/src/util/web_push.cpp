#include "util/web_push.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

namespace qself::util::web_push {
namespace {

using Bytes = std::string;  // raw bytes

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using BnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;
using Group = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using Point = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using Sig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

constexpr std::size_t kPublicKeyBytes = 65;
constexpr std::size_t kPrivateKeyBytes = 32;
constexpr std::size_t kAuthBytes = 16;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kTagBytes = 16;
constexpr std::uint32_t kRecordSize = 4096;
constexpr std::size_t kHeaderBytes = kSaltBytes + 4 + 1 + kPublicKeyBytes;

const unsigned char* data(const Bytes& bytes) { return reinterpret_cast<const unsigned char*>(bytes.data()); }

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("web push: ") + what);
}

Bytes decode_key(std::string_view text, std::size_t size, const char* what) {
  auto bytes = from_base64url(text);
  if (!bytes || bytes->size() != size) throw std::invalid_argument(std::string(what) + " is not a valid key");
  return *bytes;
}

Group p256() {
  Group group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  check(group != nullptr, "no P-256");
  return group;
}

// The uncompressed point of a scalar, after checking it is in [1, n - 1].
Bytes public_point(const Bytes& private_key) {
  const auto group = p256();
  BnCtx ctx(BN_CTX_new());
  Bignum scalar(BN_bin2bn(data(private_key), static_cast<int>(private_key.size()), nullptr));
  check(ctx && scalar, "out of memory");
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), EC_GROUP_get0_order(group.get())) >= 0) {
    throw std::invalid_argument("the private key is not a P-256 scalar");
  }
  Point point(EC_POINT_new(group.get()));
  check(point && EC_POINT_mul(group.get(), point.get(), scalar.get(), nullptr, nullptr, ctx.get()) == 1,
        "point multiplication");
  Bytes out(kPublicKeyBytes, '\0');
  check(EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
                           reinterpret_cast<unsigned char*>(out.data()), out.size(), ctx.get()) == kPublicKeyBytes,
        "point encoding");
  return out;
}

// An EVP key of P-256 from raw bytes: a key pair when `private_key` is given.
Pkey make_key(const Bytes& public_key, const Bytes* private_key) {
  ParamBld bld(OSSL_PARAM_BLD_new());
  check(bld != nullptr, "out of memory");
  Bignum scalar;
  check(OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) == 1 &&
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key.data(),
                                             public_key.size()) == 1,
        "key parameters");
  if (private_key) {
    scalar.reset(BN_bin2bn(data(*private_key), static_cast<int>(private_key->size()), nullptr));
    check(scalar && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) == 1, "key parameters");
  }
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  check(params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1, "key context");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, private_key ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    throw std::invalid_argument("not a P-256 key");
  }
  Pkey key(raw);
  // A point off the curve would leak the private key through ECDH (an invalid-curve attack).
  PkeyCtx checker(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!checker || EVP_PKEY_public_check(checker.get()) != 1) throw std::invalid_argument("not a point of P-256");
  return key;
}

Bytes ecdh(const Bytes& private_key, const Bytes& own_public, const Bytes& peer_public) {
  const auto own = make_key(own_public, &private_key);
  const auto peer = make_key(peer_public, nullptr);
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own.get(), nullptr));
  check(ctx && EVP_PKEY_derive_init(ctx.get()) == 1 && EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) == 1, "ECDH");
  std::size_t size = 0;
  check(EVP_PKEY_derive(ctx.get(), nullptr, &size) == 1, "ECDH");
  Bytes secret(size, '\0');
  check(EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &size) == 1, "ECDH");
  secret.resize(size);
  return secret;
}

Bytes hmac_sha256(const Bytes& key, const Bytes& message) {
  unsigned char out[32];
  unsigned int size = 0;
  check(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data(message), message.size(), out, &size) !=
            nullptr,
        "HMAC");
  return Bytes(reinterpret_cast<const char*>(out), size);
}

// HKDF (RFC 5869) with one block of output, cut to `size`: all Web Push needs.
Bytes hkdf(const Bytes& salt, const Bytes& ikm, const Bytes& info, std::size_t size) {
  const Bytes prk = hmac_sha256(salt, ikm);
  return hmac_sha256(prk, info + '\x01').substr(0, size);
}

// The content-encryption key and nonce of RFC 8291 §3.4 / RFC 8188 §2.2.
struct Derived {
  Bytes key, nonce;
};
Derived derive(const Bytes& ecdh_secret, const Bytes& auth, const Bytes& ua_public, const Bytes& as_public,
               const Bytes& salt) {
  const Bytes key_info = std::string("WebPush: info") + '\0' + ua_public + as_public;
  const Bytes ikm = hkdf(auth, ecdh_secret, key_info, 32);
  return {hkdf(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16),
          hkdf(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12)};
}

Bytes random_bytes(std::size_t size) {
  Bytes out(size, '\0');
  check(RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(size)) == 1, "randomness");
  return out;
}

Bytes private_of(const Pkey& key) {
  BIGNUM* raw = nullptr;
  check(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &raw) == 1, "private key");
  Bignum scalar(raw);
  Bytes out(kPrivateKeyBytes, '\0');
  check(BN_bn2binpad(scalar.get(), reinterpret_cast<unsigned char*>(out.data()), kPrivateKeyBytes) ==
            static_cast<int>(kPrivateKeyBytes),
        "private key");
  return out;
}

// ES256 over `message`: r || s, 32 bytes each (JWS, RFC 7518 §3.4).
Bytes sign_es256(const Bytes& message, const Bytes& private_key) {
  const auto key = make_key(public_point(private_key), &private_key);
  MdCtx ctx(EVP_MD_CTX_new());
  check(ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1, "signing");
  std::size_t size = 0;
  check(EVP_DigestSign(ctx.get(), nullptr, &size, data(message), message.size()) == 1, "signing");
  std::vector<unsigned char> der(size);
  check(EVP_DigestSign(ctx.get(), der.data(), &size, data(message), message.size()) == 1, "signing");
  const unsigned char* cursor = der.data();
  Sig sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(size)));
  check(sig != nullptr, "signature encoding");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  Bytes out(64, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  check(BN_bn2binpad(r, bytes, 32) == 32 && BN_bn2binpad(s, bytes + 32, 32) == 32, "signature encoding");
  return out;
}

bool verify_es256(const Bytes& message, const Bytes& signature, const Bytes& public_key) {
  if (signature.size() != 64) return false;
  Pkey key;
  try {
    key = make_key(public_key, nullptr);
  } catch (const std::invalid_argument&) {
    return false;
  }
  Sig sig(ECDSA_SIG_new());
  Bignum r(BN_bin2bn(data(signature), 32, nullptr));
  Bignum s(BN_bin2bn(data(signature) + 32, 32, nullptr));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return false;
  r.release();  // owned by sig now
  s.release();
  unsigned char* der = nullptr;
  const int size = i2d_ECDSA_SIG(sig.get(), &der);
  if (size <= 0) return false;
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> owned(der, [](unsigned char* p) { OPENSSL_free(p); });
  MdCtx ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(size), data(message), message.size()) == 1;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  const std::size_t size = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), size, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(size - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);  // some clients pad
  std::string out(text.size(), '\0');
  std::size_t size = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &size, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

KeyPair generate_key_pair() {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  check(key != nullptr, "key generation");
  const Bytes private_key = private_of(key);
  return {base64url(public_point(private_key)), base64url(private_key)};
}

std::string public_key_of(std::string_view private_key) {
  return base64url(public_point(decode_key(private_key, kPrivateKeyBytes, "the private key")));
}

std::string encrypt(std::string_view plaintext, std::string_view p256dh, std::string_view auth,
                    std::optional<std::string_view> salt, std::optional<std::string_view> sender_private_key) {
  if (plaintext.size() > kMaxPlaintext) throw std::invalid_argument("a push message holds at most 3993 bytes");
  const Bytes ua_public = decode_key(p256dh, kPublicKeyBytes, "p256dh");
  const Bytes secret = decode_key(auth, kAuthBytes, "auth");
  const Bytes salt_bytes = salt ? decode_key(*salt, kSaltBytes, "the salt") : random_bytes(kSaltBytes);
  Bytes as_private;
  if (sender_private_key) {
    as_private = decode_key(*sender_private_key, kPrivateKeyBytes, "the sender key");
  } else {
    Pkey one_time(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    check(one_time != nullptr, "key generation");
    as_private = private_of(one_time);
  }
  const Bytes as_public = public_point(as_private);
  const auto derived = derive(ecdh(as_private, as_public, ua_public), secret, ua_public, as_public, salt_bytes);

  // One record, the last: the plaintext, then the delimiter 0x02 and no padding.
  const Bytes record = std::string(plaintext) + '\x02';
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  check(ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, data(derived.key), data(derived.nonce)) == 1,
        "AES-GCM");
  Bytes sealed(record.size() + kTagBytes, '\0');
  int size = 0;
  int final_size = 0;
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  check(EVP_EncryptUpdate(ctx.get(), out, &size, data(record), static_cast<int>(record.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), out + size, &final_size) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, out + record.size()) == 1,
        "AES-GCM");

  Bytes body = salt_bytes;
  for (int shift = 24; shift >= 0; shift -= 8) body += static_cast<char>((kRecordSize >> shift) & 0xff);
  body += static_cast<char>(kPublicKeyBytes);
  body += as_public;
  body += sealed;
  return body;
}

std::optional<std::string> decrypt(std::string_view body, std::string_view private_key, std::string_view auth) {
  try {
    if (body.size() < kHeaderBytes + kTagBytes + 1) return std::nullopt;
    const Bytes ua_private = decode_key(private_key, kPrivateKeyBytes, "the private key");
    const Bytes secret = decode_key(auth, kAuthBytes, "auth");
    const Bytes salt(body.substr(0, kSaltBytes));
    std::uint32_t record_size = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      record_size = (record_size << 8) | static_cast<unsigned char>(body[kSaltBytes + i]);
    }
    if (static_cast<unsigned char>(body[kSaltBytes + 4]) != kPublicKeyBytes) return std::nullopt;
    const Bytes as_public(body.substr(kSaltBytes + 5, kPublicKeyBytes));
    const Bytes sealed(body.substr(kHeaderBytes));
    if (sealed.size() > record_size) return std::nullopt;  // one record only
    const Bytes ua_public = public_point(ua_private);
    const auto derived = derive(ecdh(ua_private, ua_public, as_public), secret, ua_public, as_public, salt);

    const std::size_t text_size = sealed.size() - kTagBytes;
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    Bytes record(text_size, '\0');
    int size = 0;
    int final_size = 0;
    Bytes tag = sealed.substr(text_size);
    if (!ctx ||
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, data(derived.key), data(derived.nonce)) != 1 ||
        EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(record.data()), &size, data(sealed),
                          static_cast<int>(text_size)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(record.data()) + size, &final_size) != 1) {
      return std::nullopt;
    }
    // Padding is zeros after the delimiter, which is 0x02 in the last record.
    while (!record.empty() && record.back() == '\0') record.pop_back();
    if (record.empty() || record.back() != '\x02') return std::nullopt;
    record.pop_back();
    return record;
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

std::string vapid_authorization(std::string_view audience, std::string_view subject, std::chrono::sys_seconds expires,
                                const KeyPair& vapid) {
  const std::string header = base64url(R"({"typ":"JWT","alg":"ES256"})");
  const nlohmann::json claims = {{"aud", audience}, {"exp", expires.time_since_epoch().count()}, {"sub", subject}};
  const std::string signing_input = header + "." + base64url(claims.dump());
  const Bytes private_key = decode_key(vapid.private_key, kPrivateKeyBytes, "the VAPID private key");
  return "vapid t=" + signing_input + "." + base64url(sign_es256(signing_input, private_key)) +
         ", k=" + vapid.public_key;
}

std::optional<std::string> verify_vapid(std::string_view authorization, std::string_view audience,
                                        std::chrono::sys_seconds now) {
  // "vapid t=<jwt>, k=<key>" (the two parameters in either order).
  if (!authorization.starts_with("vapid ")) return std::nullopt;
  std::string token, key;
  std::string_view rest = authorization.substr(6);
  while (!rest.empty()) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ',')) rest.remove_prefix(1);
    const auto end = rest.find(',');
    const std::string_view part = rest.substr(0, end);
    if (part.starts_with("t=")) token = std::string(part.substr(2));
    if (part.starts_with("k=")) key = std::string(part.substr(2));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  while (!token.empty() && token.back() == ' ') token.pop_back();
  while (!key.empty() && key.back() == ' ') key.pop_back();
  const auto first_dot = token.find('.');
  const auto second_dot = first_dot == std::string::npos ? std::string::npos : token.find('.', first_dot + 1);
  if (second_dot == std::string::npos) return std::nullopt;
  const auto header = from_base64url(std::string_view(token).substr(0, first_dot));
  const auto claims_text = from_base64url(std::string_view(token).substr(first_dot + 1, second_dot - first_dot - 1));
  const auto signature = from_base64url(std::string_view(token).substr(second_dot + 1));
  const auto public_key = from_base64url(key);
  if (!header || !claims_text || !signature || !public_key) return std::nullopt;
  const auto head = nlohmann::json::parse(*header, nullptr, false);
  const auto claims = nlohmann::json::parse(*claims_text, nullptr, false);
  if (!head.is_object() || head.value("alg", "") != "ES256" || !claims.is_object()) return std::nullopt;
  if (!verify_es256(token.substr(0, second_dot), *signature, *public_key)) return std::nullopt;
  if (claims.value("aud", "") != audience) return std::nullopt;
  if (!claims.contains("exp") || !claims["exp"].is_number_integer()) return std::nullopt;
  const auto expires = claims["exp"].get<long long>();
  const auto at = now.time_since_epoch().count();
  if (expires <= at || expires > at + 24 * 3600) return std::nullopt;
  return key;
}

}  // namespace qself::util::web_push
