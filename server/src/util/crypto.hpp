#pragma once
// Random tokens, digests and password hashing (libsodium).

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qself::util {

// Must run once before any other function here; safe to call again.
void init_crypto();

// `bytes` of randomness, URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);

// Lower-case hex of SHA-256(text). Used to store tokens, never the tokens themselves.
std::string sha256_hex(std::string_view text);
// SHA-256(text) itself.
std::array<unsigned char, 32> sha256(std::string_view text);

// Whether two secrets are equal, in a time that depends on neither: both are
// hashed first, so not even their lengths show in how long it takes.
bool secrets_equal(std::string_view a, std::string_view b);

// Lower-case hex of `bytes` random bytes (request ids).
std::string random_hex(std::size_t bytes);

// A uniformly random number in [0, 2^62): the first data version of an account.
std::int64_t random_below_2_62();

// How far every account's data version jumps in a copy of a database (a
// backup, copy-database): at least 2^40, plus a random amount below 2^40. No
// answer cached for the original since the copy was taken can then be taken
// for one of the copy's, whatever the original went on to write.
std::int64_t copied_data_version_jump();

// A random (version 4) UUID in lower case, "8-4-4-4-12" hex digits.
std::string random_uuid();

// A version 7 UUID (RFC 9562): the Unix time of `at` in milliseconds, then 74
// random bits, in the same text form. The log ids the server makes: ids made
// later sort later, so a new one lands at the end of the uid index instead of
// on a random page of it (a write then touches a few hot pages, not a cold one).
std::string time_ordered_uuid(std::chrono::sys_time<std::chrono::milliseconds> at);

// Thrown when too many password hashes are already running and a slot did not
// free up in time: the caller answers "busy" instead of exhausting memory.
class HashingBusy : public std::runtime_error {
 public:
  HashingBusy() : std::runtime_error("no password hashing slot came free in time") {}
};

// argon2id hashing with libsodium's INTERACTIVE limits (64 MiB, ~150 ms).
// At most `max_concurrent_hashes()` run at once; throws HashingBusy when a
// slot does not free up within the wait.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// Verifies against a fixed dummy hash: spends the same time as a real
// verification so an unknown email cannot be told apart by timing.
void burn_password_check(std::string_view password);

void set_max_concurrent_hashes(int count, std::chrono::milliseconds wait);

}  // namespace qself::util
