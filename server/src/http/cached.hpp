#pragma once
// Rendered JSON bodies kept per user under their data version
// (core::User::data_version, services/user_cache.hpp), which comes with the
// caller from the database: a user's GET is served from here when their data
// has not changed since, and fills the cache otherwise. Finding out whether an
// entry is current asks nothing of Redis: an in-process copy answers alone.
//
// Memory is bounded in bytes, not entries: a body larger than kMaxCachedBody is
// never kept (in this process or in Redis), and the in-process copy holds at
// most a fixed number of bytes, dropping the least recently used. Concurrent
// misses of one key compute it once.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/model.hpp"
#include "http/request.hpp"
#include "util/time.hpp"

namespace qself::http {

// A body larger than this is sent as computed and never cached: a few such
// bodies would otherwise fill the cache, and they are rare (pages of logs with
// long notes).
inline constexpr std::size_t kMaxCachedBody = 1024 * 1024;
// How many bytes a process keeps in its in-process copy of cached bodies
// (keys, bodies, ETags and gzipped copies, see BodyLru::cost).
inline constexpr std::size_t kLocalCacheBytes = 64 * 1024 * 1024;
// How long a request waits for another request computing the same body before
// computing it itself.
inline constexpr std::chrono::milliseconds kSingleFlightWait{5000};

// A body as it is sent: with its ETag, and gzipped once when it is large enough.
struct CachedBody {
  std::string body;
  std::string etag;
  std::shared_ptr<const std::string> gzipped;
};

// Concurrent calls of run() with the same key compute once: the first caller
// computes, the others wait for its result (or its exception) for at most
// `max_wait`, and then compute on their own. Nothing is kept once a call ends.
template <typename T>
class SingleFlight {
 public:
  explicit SingleFlight(std::chrono::milliseconds max_wait) : m_max_wait(max_wait) {}

  T run(const std::string& key, const std::function<T()>& compute) {
    std::unique_lock lock(m_mutex);
    if (const auto found = m_flights.find(key); found != m_flights.end()) {
      const std::shared_ptr<Flight> flight = found->second;
      ++m_waiting;
      const bool finished = flight->done.wait_for(lock, m_max_wait, [&] { return flight->finished; });
      --m_waiting;
      if (finished) {
        if (flight->error) std::rethrow_exception(flight->error);
        return flight->result;
      }
      lock.unlock();
      return compute();  // waited long enough: the first one may be stuck
    }
    const auto flight = std::make_shared<Flight>();
    m_flights.emplace(key, flight);
    lock.unlock();
    std::optional<T> result;
    std::exception_ptr error;
    try {
      result.emplace(compute());
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (result) flight->result = *result;
    flight->error = error;
    flight->finished = true;
    m_flights.erase(key);
    lock.unlock();
    flight->done.notify_all();
    if (error) std::rethrow_exception(error);
    return std::move(*result);
  }

  // How many keys are being computed now, and how many callers wait for one.
  std::size_t in_flight() const {
    std::lock_guard lock(m_mutex);
    return m_flights.size();
  }
  std::size_t waiting() const {
    std::lock_guard lock(m_mutex);
    return m_waiting;
  }

 private:
  struct Flight {
    std::condition_variable done;
    bool finished = false;
    T result{};
    std::exception_ptr error;
  };
  std::chrono::milliseconds m_max_wait;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, std::shared_ptr<Flight>> m_flights;
  std::size_t m_waiting = 0;
};

// A least-recently-used set of bodies by key whose total cost stays at or
// under a number of bytes. Safe to share between threads.
class BodyLru {
 public:
  explicit BodyLru(std::size_t max_bytes) : m_max_bytes(max_bytes) {}

  // What an entry counts against the bound: its key, body, ETag and gzipped
  // copy, and a fixed amount for the bookkeeping around them.
  static std::size_t cost(std::string_view key, const CachedBody& body);

  std::shared_ptr<const CachedBody> find(const std::string& key);
  // Keeps `body` under `key` (replacing what was there), dropping the least
  // recently used entries until the total fits. An entry costing more than a
  // quarter of the bound is not kept.
  void insert(const std::string& key, std::shared_ptr<const CachedBody> body);
  void erase_prefix(std::string_view prefix);
  void clear();

  std::size_t bytes() const;
  std::size_t size() const;
  std::size_t max_bytes() const { return m_max_bytes; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedBody> body;
    std::size_t cost = 0;
  };
  void erase(std::list<Entry>::iterator entry);  // m_mutex held

  std::size_t m_max_bytes;
  mutable std::mutex m_mutex;
  std::size_t m_bytes = 0;
  std::list<Entry> m_order;                                                  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> m_index;  // keys point into m_order
};

// Entries by account, data version and key. A version names one state of the
// account's data, so an entry is never stale for its version: only unused.
// Implementations must never throw; a miss or an unavailable store just means computing.
class ResponseCache {
 public:
  virtual ~ResponseCache() = default;
  virtual std::shared_ptr<const CachedBody> get(std::int64_t user_id, std::int64_t version,
                                                const std::string& key) noexcept = 0;
  virtual void put(std::int64_t user_id, std::int64_t version, const std::string& key,
                   std::shared_ptr<const CachedBody> body) noexcept = 0;

  // The computations of missing entries under way in this process, by full key.
  SingleFlight<std::shared_ptr<const CachedBody>>& flights() { return m_flights; }

 private:
  SingleFlight<std::shared_ptr<const CachedBody>> m_flights{kSingleFlightWait};
};

// No cache at all: every read computes.
class NoResponseCache final : public ResponseCache {
 public:
  std::shared_ptr<const CachedBody> get(std::int64_t, std::int64_t, const std::string&) noexcept override {
    return nullptr;
  }
  void put(std::int64_t, std::int64_t, const std::string&, std::shared_ptr<const CachedBody>) noexcept override {}
};

// A body as sent, from its text: its ETag, and the gzipped copy when it is
// large enough to gain from it and small enough to be cached.
std::shared_ptr<CachedBody> make_cached_body(std::string body);

// An optional instant as a part of a cache key: empty when absent, else its
// canonical RFC 3339 form in UTC.
std::string cache_key_part(const std::optional<util::Timestamp>& instant);

// `key` names the resource and its parameters, each in one canonical form
// (defaults applied, values parsed and written back, unknown parameters left
// out), so that equal requests share one entry; `render` computes the JSON body
// of `user`'s data (at least as new as user.data_version: it reads after it).
Response cached_json(ResponseCache& cache, const core::User& user, const std::string& key,
                     const std::function<std::string()>& render);

}  // namespace qself::http
