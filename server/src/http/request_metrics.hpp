#pragma once
// Requests counted by route template, method and status, and their latency by
// route template (qself_http_requests_total, qself_http_request_duration_seconds;
// docs/metrics.md). The route templates come from the router when the server
// starts, so the table is fixed: a request costs two relaxed atomic adds, and
// no path a client invents can add a series (raw paths would be a memory attack).

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"
#include "util/metrics.hpp"

namespace qself::http {

class RequestMetrics {
 public:
  // `router` must outlive this and not change: its routes are the labels.
  explicit RequestMetrics(const Router& router);

  // The label of a request: its API route, or one of the fixed labels below.
  std::size_t route_label(const Route& route) const;
  std::size_t metrics_label() const { return m_templates; }        // GET /metrics itself
  std::size_t static_label() const { return m_templates + 1; }     // the web app's files
  std::size_t unmatched_label() const { return m_templates + 2; }  // no route: 404, 405, refused before routing

  void record(std::size_t label, std::string_view method, int status, std::chrono::microseconds elapsed) const noexcept;
  // The route template of `label` as it appears in the metrics and the JSON log.
  const std::string& route_name(std::size_t label) const { return m_names[label]; }
  // Appends both families; only the series that counted something.
  void render(std::string& out) const;

 private:
  const Route* m_first;
  std::vector<std::size_t> m_label_of_route;  // routes of one template (GET and POST /trackers) share a label
  std::size_t m_templates = 0;
  std::vector<std::string> m_names;                // per label
  std::unique_ptr<util::Counter[]> m_counts;       // label × method × status
  std::unique_ptr<util::Histogram[]> m_durations;  // per label
};

}  // namespace qself::http
