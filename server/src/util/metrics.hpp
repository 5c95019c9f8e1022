#pragma once
// The process's metrics, in the Prometheus text format (version 0.0.4), served
// by `GET /metrics` (docs/metrics.md). Several layers count here (the database
// pool, the cache, the HTTP front), so the registry lives below all of them.
//
// Counting is a relaxed atomic add on a member that exists from start-up: no
// lock, no allocation and no lookup by name on the hot path. Label values are
// fixed when the process starts (route templates, never raw paths), so what a
// client sends can never grow the set of series.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace qself::util {

// A monotonically rising count.
class Counter {
 public:
  void add(std::uint64_t amount = 1) noexcept { m_value.fetch_add(amount, std::memory_order_relaxed); }
  std::uint64_t value() const noexcept { return m_value.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> m_value{0};
};

// A value that goes up and down (connections open, pool connections lent).
class Gauge {
 public:
  void add(std::int64_t amount) noexcept { m_value.fetch_add(amount, std::memory_order_relaxed); }
  void set(std::int64_t value) noexcept { m_value.store(value, std::memory_order_relaxed); }
  std::int64_t value() const noexcept { return m_value.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> m_value{0};
};

// Durations from half a millisecond to ten seconds, in seconds (the upper
// bounds of the buckets; +Inf is implied).
inline constexpr std::array<double, 14> kLatencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

// A latency histogram with the buckets above. Each observation adds to one
// bucket (not to every bucket above it): the cumulative counts, and a _count
// that always equals the +Inf bucket, are made when it is rendered.
class Histogram {
 public:
  void observe(std::chrono::microseconds elapsed) noexcept;
  // Cumulative counts per bucket, +Inf last, and the sum in microseconds.
  std::array<std::uint64_t, kLatencyBuckets.size() + 1> cumulative() const noexcept;
  std::uint64_t sum_micros() const noexcept { return m_sum_micros.load(std::memory_order_relaxed); }

 private:
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> m_buckets{};
  std::atomic<std::uint64_t> m_sum_micros{0};
};

// Writers of the text format. `labels` is the inside of the braces, already
// escaped (label_pair), or empty.
void append_help(std::string& out, std::string_view name, std::string_view type, std::string_view help);
void append_sample(std::string& out, std::string_view name, std::string_view labels, double value);
void append_sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t value);
void append_histogram(std::string& out, std::string_view name, std::string_view labels, const Histogram& histogram);
// `name="value"`, the value escaped as the format asks (\\, \", \n).
std::string label_pair(std::string_view name, std::string_view value);

// The figures every process may count, one instance per process (metrics()).
struct Metrics {
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The database pool (store/): its size, what is lent out, and the waits for
  // a free connection (how many, and how long in all).
  Gauge db_pool_size;
  Gauge db_pool_in_use;
  Counter db_pool_waits;
  Counter db_pool_wait_micros;
  // Requests answered 503 because the database was busy (store::DatabaseBusy).
  Counter db_busy_answers;
  // The cache of rendered bodies (cache/): where a lookup was answered.
  Counter cache_local_hits;
  Counter cache_redis_hits;
  Counter cache_misses;
  // The HTTP front: connections open now.
  Gauge http_connections_open;
  // When the process started (first counted), in Unix seconds.
  const std::int64_t start_time_seconds;

  // Adds a section computed when metrics are rendered (the HTTP request table,
  // the job queue). Sections are added at start-up and render in that order;
  // each must be cheap and must not throw.
  void add_section(std::function<void(std::string&)> section);
  // The whole exposition: the figures above, the process's resident memory,
  // then every section.
  std::string render() const;

 private:
  mutable std::mutex m_sections_mutex;
  std::vector<std::function<void(std::string&)>> m_sections;
};

Metrics& metrics();

}  // namespace qself::util
