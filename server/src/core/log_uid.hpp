#pragma once
// A log's stable id: a UUID that the server or a client (an offline phone)
// makes, kept across exports and imports, so that a retried request or a
// re-imported file never doubles a log.

#include <optional>
#include <string>
#include <string_view>

namespace qself::core {

// The log id in `text` in its one stored form, lower case: 36 characters,
// hex digits in groups of 8-4-4-4-12 joined by "-" (any UUID version, upper
// or lower case). nullopt for anything else.
std::optional<std::string> parse_log_uid(std::string_view text);

}  // namespace qself::core
