#include "util/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace qself::util {
namespace {

// A counting semaphore with a timed acquire and a capacity that can be set at start-up.
class HashSlots {
 public:
  void configure(int capacity, std::chrono::milliseconds wait) {
    std::lock_guard lock(m_mutex);
    m_capacity = capacity < 1 ? 1 : capacity;
    m_wait = wait;
  }
  void acquire() {
    std::unique_lock lock(m_mutex);
    if (!m_free.wait_for(lock, m_wait, [&] { return m_in_use < m_capacity; })) throw HashingBusy{};
    ++m_in_use;
  }
  void release() {
    {
      std::lock_guard lock(m_mutex);
      --m_in_use;
    }
    m_free.notify_one();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_free;
  int m_capacity = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  int m_in_use = 0;
  std::chrono::milliseconds m_wait{10000};
};

HashSlots g_slots;

class SlotGuard {
 public:
  SlotGuard() { g_slots.acquire(); }
  ~SlotGuard() { g_slots.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
};

const std::string& dummy_hash() {
  static const std::string hash = [] {
    char out[crypto_pwhash_STRBYTES];
    const std::string password = random_token(16);
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
      throw std::runtime_error("password hashing ran out of memory");
    }
    return std::string(out);
  }();
  return hash;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2, '\0');
  sodium_bin2hex(hex.data(), hex.size() + 1, data, size);
  return hex;
}

}  // namespace

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string text(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.find('\0'));
  return text;
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return to_hex(raw.data(), raw.size());
}

namespace {

// 16 bytes as a UUID of `version`, "8-4-4-4-12" lower-case hex digits.
std::string uuid_text(unsigned char (&raw)[16], int version) {
  raw[6] = static_cast<unsigned char>((raw[6] & 0x0f) | (version << 4));
  raw[8] = static_cast<unsigned char>((raw[8] & 0x3f) | 0x80);  // the RFC 9562 variant
  const std::string hex = to_hex(raw, sizeof raw);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
         hex.substr(20);
}

}  // namespace

std::int64_t random_below_2_62() {
  std::uint64_t raw = 0;
  randombytes_buf(&raw, sizeof raw);
  return static_cast<std::int64_t>(raw >> 2);
}

std::int64_t copied_data_version_jump() { return (std::int64_t{1} << 40) + (random_below_2_62() >> 22); }

std::string random_uuid() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  return uuid_text(raw, 4);
}

std::string time_ordered_uuid(std::chrono::sys_time<std::chrono::milliseconds> at) {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  const auto millis = static_cast<std::uint64_t>(std::max<std::int64_t>(0, at.time_since_epoch().count()));
  for (int i = 0; i < 6; ++i) raw[i] = static_cast<unsigned char>(millis >> (40 - 8 * i));  // 48 bits, big-endian
  return uuid_text(raw, 7);
}

std::array<unsigned char, 32> sha256(std::string_view text) {
  static_assert(crypto_hash_sha256_BYTES == 32);
  std::array<unsigned char, 32> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return digest;
}

std::string sha256_hex(std::string_view text) {
  const auto digest = sha256(text);
  return to_hex(digest.data(), digest.size());
}

bool secrets_equal(std::string_view a, std::string_view b) {
  unsigned char digest_a[crypto_hash_sha256_BYTES];
  unsigned char digest_b[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest_a, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_hash_sha256(digest_b, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  return sodium_memcmp(digest_a, digest_b, sizeof digest_a) == 0;
}

std::string hash_password(std::string_view password) {
  SlotGuard slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void burn_password_check(std::string_view password) {
  const std::string& hash = dummy_hash();
  SlotGuard slot;
  // The answer is always "no"; only the time spent matters.
  [[maybe_unused]] const int ignored = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size());
}

void set_max_concurrent_hashes(int count, std::chrono::milliseconds wait) { g_slots.configure(count, wait); }

}  // namespace qself::util
