#pragma once
// The background side of /metrics, read by `qself serve` at each scrape: the
// queue from the jobs table (the truth; one indexed query) and what the
// workers did from their counters in Redis (one HGETALL). Workers are other
// processes, often on other machines: counting in Redis adds them up without
// a port per worker for Prometheus to find (docs/metrics.md).

#include "redis/client.hpp"
#include "store/database.hpp"

namespace qself::jobs {

// Adds the section to util::metrics(). `db` must outlive every later render.
void add_queue_metrics(store::Database& db, const redis::Config& redis);

}  // namespace qself::jobs
