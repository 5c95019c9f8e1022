#include "core/import_match.hpp"

#include <cstdio>

namespace qself::core {
namespace {

// The offset a time was written in does not matter: the same instant is the same time.
std::string content_of(const Log& log) {
  char number[40] = "";
  if (log.value.number) std::snprintf(number, sizeof number, "%.17g", *log.value.number);
  std::string key = std::to_string(log.logged_at.utc.time_since_epoch().count());
  key += '.';
  key += std::to_string(log.logged_at.millis);
  key += '|';
  key += number;
  key += '|';
  if (log.value.text)
    key += std::to_string(log.value.text->size()) + ':' + *log.value.text;  // sized: no '|' confuses it
  key += '|';
  key += log.note;
  return key;
}

}  // namespace

void ExistingLogs::add(const Log& log) { ++m_unmatched[content_of(log)]; }

bool ExistingLogs::match(const Log& log) {
  const auto found = m_unmatched.find(content_of(log));
  if (found == m_unmatched.end() || found->second == 0) return false;
  --found->second;
  return true;
}

}  // namespace qself::core
