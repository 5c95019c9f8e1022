#pragma once
// What anything a person writes must be, on every path it can arrive by: the
// API, an import from the web app and `qself import`. Numbers are finite and of
// a sane size, names are one line, free text holds no control characters, notes
// have a length. Values meet their tracker in core/values.hpp and times in
// core/log_rules.hpp, both built on these; `check_log` puts the three together
// for a whole log, as an import has it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "core/values.hpp"
#include "util/time.hpp"

namespace qself::core {

// The largest size of a number a value, a bound or a target may have: 15
// digits before the point. Sums and squares over millions of logs stay finite
// (1e308 would round to infinity and be stored as such).
inline constexpr int kMaxNumberDigits = 15;
inline constexpr double kMaxNumber = 1e15;

// The longest note a log may have, in characters.
inline constexpr std::size_t kMaxNote = 10000;

// Why `number` cannot be stored: not finite, or kMaxNumber or more in size.
std::optional<std::string> number_problem(double number);

// Why `text` cannot be a name — of a tracker, a choice, a rating step, a unit,
// an icon, a person, a token: names are one line of UTF-8, so none holds a
// control character (tab and line breaks included) or a line or paragraph
// separator. A name goes into emails' subjects, where a line break would end
// the header.
std::optional<std::string> name_problem(std::string_view text);

// Why `text` cannot be free text (a note, a description, a text value): it
// must be UTF-8 and may hold tabs and line breaks, but no other control
// character.
std::optional<std::string> free_text_problem(std::string_view text);

// A note as it is stored: trimmed. Throws ValidationError on "note" when it is
// longer than kMaxNote characters or not free text.
std::string read_note(std::string_view note);

// `text` on one line: each control character, line or paragraph separator
// becomes a space. For text stored before names were checked that goes where a
// line break would do harm, such as an email's subject.
std::string one_line(std::string_view text);

// A log's value and note as stored.
struct CheckedLog {
  StoredValue value;
  std::string note;
};

// Checks a log's value (read_value), time (logged_at_problem, against `now`)
// and note (read_note) for `tracker`, as the API checks them. Throws
// ValidationError naming each part that is wrong: "value", "logged_at", "note".
CheckedLog check_log(const Tracker& tracker, const NaturalValue& value, util::Timestamp logged_at,
                     std::string_view note, util::Timestamp now);

}  // namespace qself::core
