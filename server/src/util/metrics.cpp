#include "util/metrics.hpp"

#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>

#include "util/time.hpp"

namespace qself::util {
namespace {

// Resident memory from /proc/self/statm (its second field, in pages): one
// small read, no parsing of /proc/self/status.
std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

void append_value(std::string& out, double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  out += text;
}

void append_value(std::string& out, std::uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "%" PRIu64, value);
  out += text;
}

void append_name(std::string& out, std::string_view name, std::string_view labels) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
}

}  // namespace

void Histogram::observe(std::chrono::microseconds elapsed) noexcept {
  const double seconds = static_cast<double>(elapsed.count()) / 1e6;
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  m_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  m_sum_micros.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(elapsed.count(), 0)),
                         std::memory_order_relaxed);
}

std::array<std::uint64_t, kLatencyBuckets.size() + 1> Histogram::cumulative() const noexcept {
  std::array<std::uint64_t, kLatencyBuckets.size() + 1> counts{};
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    total += m_buckets[i].load(std::memory_order_relaxed);
    counts[i] = total;
  }
  return counts;
}

void append_help(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void append_sample(std::string& out, std::string_view name, std::string_view labels, double value) {
  append_name(out, name, labels);
  append_value(out, value);
  out += '\n';
}

void append_sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t value) {
  append_name(out, name, labels);
  append_value(out, value);
  out += '\n';
}

void append_histogram(std::string& out, std::string_view name, std::string_view labels, const Histogram& histogram) {
  const auto counts = histogram.cumulative();
  const std::string bucket_name = std::string(name) + "_bucket";
  const std::string prefix = labels.empty() ? std::string() : std::string(labels) + ",";
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", kLatencyBuckets[i]);
    append_sample(out, bucket_name, prefix + label_pair("le", bound), counts[i]);
  }
  append_sample(out, bucket_name, prefix + label_pair("le", "+Inf"), counts.back());
  append_sample(out, std::string(name) + "_sum", labels, static_cast<double>(histogram.sum_micros()) / 1e6);
  append_sample(out, std::string(name) + "_count", labels, counts.back());
}

std::string label_pair(std::string_view name, std::string_view value) {
  std::string pair(name);
  pair += "=\"";
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      pair += '\\';
      pair += c;
    } else if (c == '\n') {
      pair += "\\n";
    } else {
      pair += c;
    }
  }
  pair += '"';
  return pair;
}

void Metrics::add_section(std::function<void(std::string&)> section) {
  std::lock_guard lock(m_sections_mutex);
  m_sections.push_back(std::move(section));
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(64 * 1024);
  const auto gauge = [&](std::string_view name, std::string_view help, double value) {
    append_help(out, name, "gauge", help);
    append_sample(out, name, "", value);
  };
  const auto counter = [&](std::string_view name, std::string_view help, std::uint64_t value) {
    append_help(out, name, "counter", help);
    append_sample(out, name, "", value);
  };
  gauge("qself_process_start_time_seconds", "When the process started, in Unix seconds.",
        static_cast<double>(start_time_seconds));
  gauge("qself_process_resident_memory_bytes", "Resident memory of the process (/proc/self/statm).",
        static_cast<double>(resident_bytes()));
  gauge("qself_http_connections_open", "HTTP connections open now.",
        static_cast<double>(http_connections_open.value()));
  gauge("qself_db_pool_size", "Database connections the pool may open.", static_cast<double>(db_pool_size.value()));
  gauge("qself_db_pool_in_use", "Database connections lent out now.", static_cast<double>(db_pool_in_use.value()));
  counter("qself_db_pool_waits_total", "Times a caller found every pooled connection lent out and waited.",
          db_pool_waits.value());
  append_help(out, "qself_db_pool_wait_seconds_total", "counter",
              "Time callers spent waiting for a pooled connection, in seconds.");
  append_sample(out, "qself_db_pool_wait_seconds_total", "", static_cast<double>(db_pool_wait_micros.value()) / 1e6);
  counter("qself_db_busy_answers_total", "Requests answered 503 because the database stayed busy.",
          db_busy_answers.value());
  append_help(out, "qself_cache_lookups_total", "counter",
              "Lookups in the cache of rendered answers, by where they were answered.");
  append_sample(out, "qself_cache_lookups_total", label_pair("result", "local_hit"), cache_local_hits.value());
  append_sample(out, "qself_cache_lookups_total", label_pair("result", "redis_hit"), cache_redis_hits.value());
  append_sample(out, "qself_cache_lookups_total", label_pair("result", "miss"), cache_misses.value());
  std::lock_guard lock(m_sections_mutex);
  for (const auto& section : m_sections) section(out);
  return out;
}

Metrics::Metrics() : start_time_seconds(now().time_since_epoch().count()) {}

Metrics& metrics() {
  static Metrics instance;
  return instance;
}

}  // namespace qself::util
