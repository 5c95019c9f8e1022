#include "core/validation.hpp"

#include <cmath>

#include "core/errors.hpp"
#include "core/log_rules.hpp"
#include "core/text.hpp"

namespace qself::core {
namespace {

enum class LineBreaks { refused, allowed };

// How many bytes of `text`, from `i`, make a control character (C0, DEL or C1)
// or a line or paragraph separator (U+2028, U+2029); 0 when they make none.
// Tab, LF, CR and the separators count as none when line breaks are allowed.
std::size_t control_at(std::string_view text, std::size_t i, LineBreaks breaks) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x20) return breaks == LineBreaks::allowed && (byte == '\t' || byte == '\n' || byte == '\r') ? 0 : 1;
  if (byte == 0x7F) return 1;
  const auto next = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
  if (byte == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return 2;  // U+0080..U+009F
  if (breaks == LineBreaks::refused && byte == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
    return 3;  // U+2028, U+2029
  }
  return 0;
}

bool has_control(std::string_view text, LineBreaks breaks) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (control_at(text, i, breaks) > 0) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> number_problem(double number) {
  if (!std::isfinite(number)) return "must be a finite number";
  if (std::fabs(number) >= kMaxNumber) {
    return "must have at most " + std::to_string(kMaxNumberDigits) + " digits before the decimal point";
  }
  return std::nullopt;
}

std::optional<std::string> name_problem(std::string_view text) {
  if (!is_valid_utf8(text)) return "must be valid UTF-8 text";
  if (has_control(text, LineBreaks::refused)) return "must be one line, without tabs or control characters";
  return std::nullopt;
}

std::optional<std::string> free_text_problem(std::string_view text) {
  if (!is_valid_utf8(text)) return "must be valid UTF-8 text";
  if (has_control(text, LineBreaks::allowed))
    return "must not contain control characters other than tabs and line breaks";
  return std::nullopt;
}

std::string read_note(std::string_view raw) {
  std::string note = trim(raw);
  if (utf8_length(note) > kMaxNote) {
    throw ValidationError("note", "must be at most " + std::to_string(kMaxNote) + " characters");
  }
  if (auto problem = free_text_problem(note)) throw ValidationError("note", *problem);
  return note;
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t size = control_at(text, i, LineBreaks::refused)) {
      out += ' ';
      i += size;
    } else {
      out += text[i++];
    }
  }
  return out;
}

CheckedLog check_log(const Tracker& tracker, const NaturalValue& value, util::Timestamp logged_at,
                     std::string_view note, util::Timestamp now) {
  ValidationError::Fields problems;
  CheckedLog checked;
  try {
    checked.value = read_value(tracker, value);
  } catch (const ValidationError& error) {
    problems.insert(error.fields().begin(), error.fields().end());
  }
  if (auto problem = logged_at_problem(logged_at, now)) problems["logged_at"] = *problem;
  try {
    checked.note = read_note(note);
  } catch (const ValidationError& error) {
    problems.insert(error.fields().begin(), error.fields().end());
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return checked;
}

}  // namespace qself::core
