#include "jobs/queue.hpp"

namespace qself::jobs {

void JobQueue::publish(std::int64_t job_id) {
  m_redis.command({"XADD", kStream, "MAXLEN", "~", "1000000", "*", "job", std::to_string(job_id)});
}

void JobQueue::ensure_group() {
  try {
    m_redis.command({"XGROUP", "CREATE", kStream, kGroup, "0", "MKSTREAM"});
  } catch (const redis::Error& error) {
    if (std::string(error.what()).find("BUSYGROUP") == std::string::npos) throw;
  }
}

std::vector<Delivery> JobQueue::read_entries(const redis::Value& entries) {
  std::vector<Delivery> deliveries;
  for (const auto& entry : entries.items) {
    if (entry.items.size() < 2) continue;
    Delivery delivery;
    delivery.entry_id = entry.items[0].text;
    const auto& fields = entry.items[1].items;
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
      if (fields[i].text == "job") delivery.job_id = std::atoll(fields[i + 1].text.c_str());
    }
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

std::vector<Delivery> JobQueue::receive(const std::string& consumer, int count, std::chrono::milliseconds block) {
  redis::Value reply;
  try {
    reply = m_redis.command({"XREADGROUP", "GROUP", kGroup, consumer, "COUNT", std::to_string(count), "BLOCK",
                             std::to_string(block.count()), "STREAMS", kStream, ">"},
                            block + std::chrono::seconds{2});
  } catch (const redis::Error& error) {
    if (std::string(error.what()).find("NOGROUP") == std::string::npos) throw;
    ensure_group();  // Redis was restarted or flushed
    return {};
  }
  if (reply.is_nil() || reply.items.empty()) return {};  // BLOCK timed out
  return read_entries(reply.items[0].items.at(1));
}

std::vector<Delivery> JobQueue::unacknowledged(const std::string& consumer, int count) {
  redis::Value reply;
  try {
    // "0" instead of ">": this consumer's own pending entries, without blocking.
    reply = m_redis.command(
        {"XREADGROUP", "GROUP", kGroup, consumer, "COUNT", std::to_string(count), "STREAMS", kStream, "0"});
  } catch (const redis::Error& error) {
    if (std::string(error.what()).find("NOGROUP") == std::string::npos) throw;
    ensure_group();
    return {};
  }
  if (reply.is_nil() || reply.items.empty()) return {};
  return read_entries(reply.items[0].items.at(1));
}

std::vector<Delivery> JobQueue::reclaim(const std::string& consumer, int count, std::chrono::milliseconds min_idle) {
  redis::Value reply;
  try {
    reply = m_redis.command({"XAUTOCLAIM", kStream, kGroup, consumer, std::to_string(min_idle.count()), "0", "COUNT",
                             std::to_string(count)});
  } catch (const redis::Error& error) {
    if (std::string(error.what()).find("NOGROUP") == std::string::npos) throw;
    ensure_group();
    return {};
  }
  if (reply.items.size() < 2) return {};
  return read_entries(reply.items[1]);
}

void JobQueue::count(const char* outcome) noexcept {
  try {
    m_redis.command({"HINCRBY", kOutcomes, outcome, "1"});
  } catch (...) {
    // Redis is away: this outcome goes uncounted, the job's row still says it.
  }
}

void JobQueue::ack(const std::string& entry_id) {
  m_redis.command({"XACK", kStream, kGroup, entry_id});
  m_redis.command({"XDEL", kStream, entry_id});
}

void JobQueue::dead_letter(std::int64_t job_id, const std::string& reason) {
  m_redis.command({"XADD", kDeadStream, "MAXLEN", "~", "100000", "*", "job", std::to_string(job_id), "reason",
                   reason.substr(0, 500)});
}

}  // namespace qself::jobs
