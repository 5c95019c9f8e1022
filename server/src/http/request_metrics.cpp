#include "http/request_metrics.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace qself::http {
namespace {

constexpr std::array<std::string_view, 8> kMethods{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"};

// The statuses the server answers; anything else is counted by its class
// ("4xx"), so the table stays fixed.
constexpr std::array<int, 25> kStatuses{200, 201, 202, 204, 206, 301, 302, 304, 400, 401, 403, 404, 405,
                                        408, 409, 410, 413, 415, 422, 429, 431, 500, 502, 503, 504};
constexpr std::array<std::string_view, 5> kStatusClasses{"1xx", "2xx", "3xx", "4xx", "5xx"};
constexpr std::size_t kStatusSlots = kStatuses.size() + kStatusClasses.size();
constexpr std::size_t kFixedLabels = 3;  // metrics, static, unmatched

std::size_t method_slot(std::string_view method) {
  const auto found = std::find(kMethods.begin(), kMethods.end() - 1, method);
  return static_cast<std::size_t>(std::distance(kMethods.begin(), found));
}

std::size_t status_slot(int status) {
  const auto found = std::lower_bound(kStatuses.begin(), kStatuses.end(), status);
  if (found != kStatuses.end() && *found == status) return static_cast<std::size_t>(found - kStatuses.begin());
  return kStatuses.size() + static_cast<std::size_t>(std::clamp(status / 100, 1, 5) - 1);
}

std::string status_text(std::size_t slot) {
  return slot < kStatuses.size() ? std::to_string(kStatuses[slot])
                                 : std::string(kStatusClasses[slot - kStatuses.size()]);
}

}  // namespace

RequestMetrics::RequestMetrics(const Router& router) : m_first(router.routes().data()) {
  for (const Route& route : router.routes()) {
    const std::string name = "/api/v1" + route.pattern;
    const auto known = std::find(m_names.begin(), m_names.end(), name);
    m_label_of_route.push_back(static_cast<std::size_t>(known - m_names.begin()));
    if (known == m_names.end()) m_names.push_back(name);
  }
  m_templates = m_names.size();
  m_counts = std::make_unique<util::Counter[]>((m_templates + kFixedLabels) * kMethods.size() * kStatusSlots);
  m_durations = std::make_unique<util::Histogram[]>(m_templates + kFixedLabels);
  m_names.emplace_back("/metrics");
  m_names.emplace_back("static");
  m_names.emplace_back("unmatched");
}

std::size_t RequestMetrics::route_label(const Route& route) const {
  const auto index = static_cast<std::size_t>(&route - m_first);
  return index < m_label_of_route.size() ? m_label_of_route[index] : unmatched_label();
}

void RequestMetrics::record(std::size_t label, std::string_view method, int status,
                            std::chrono::microseconds elapsed) const noexcept {
  if (label >= m_names.size()) label = unmatched_label();
  m_counts[(label * kMethods.size() + method_slot(method)) * kStatusSlots + status_slot(status)].add();
  m_durations[label].observe(elapsed);
}

void RequestMetrics::render(std::string& out) const {
  constexpr std::string_view kRequests = "qself_http_requests_total";
  util::append_help(out, kRequests, "counter", "HTTP requests answered, by route template, method and status.");
  for (std::size_t label = 0; label < m_names.size(); ++label) {
    for (std::size_t method = 0; method < kMethods.size(); ++method) {
      for (std::size_t status = 0; status < kStatusSlots; ++status) {
        const auto count = m_counts[(label * kMethods.size() + method) * kStatusSlots + status].value();
        if (count == 0) continue;
        util::append_sample(out, kRequests,
                            util::label_pair("route", m_names[label]) + "," +
                                util::label_pair("method", kMethods[method]) + "," +
                                util::label_pair("status", status_text(status)),
                            count);
      }
    }
  }
  constexpr std::string_view kDuration = "qself_http_request_duration_seconds";
  util::append_help(out, kDuration, "histogram",
                    "Time from a complete request to its rendered answer, by route template, in seconds.");
  for (std::size_t label = 0; label < m_names.size(); ++label) {
    if (m_durations[label].cumulative().back() == 0) continue;
    util::append_histogram(out, kDuration, util::label_pair("route", m_names[label]), m_durations[label]);
  }
}

}  // namespace qself::http
