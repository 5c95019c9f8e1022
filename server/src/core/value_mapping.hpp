#pragma once
// What the values already logged become when a yes/no, choice or rating
// tracker changes its type or options. A stored 0/1, choice id or rating means
// something only through the definition; a change that would read it
// differently (yes/no → choice, a rating's scale, a removed choice, choice →
// number…) needs the user to say, value by value, what each becomes — unless
// every value has an obvious counterpart ("Yes" → the choice "Yes", rating 4 →
// the number 4). Nothing is relabelled silently.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/model.hpp"
#include "core/values.hpp"

namespace qself::core {

// One distinct stored number of a tracker's logs, and how many logs hold it.
struct ValueCount {
  double value = 0;
  std::int64_t count = 0;
};

// What the user decided for one old value: its new value (as a client sends a
// log's value), or nullopt to delete the logs that hold it.
struct ValueDecision {
  NaturalValue from;
  std::optional<NaturalValue> to;
  bool operator==(const ValueDecision&) const = default;
};

// An old value the change cannot carry by itself.
struct ValueQuestion {
  NaturalValue from;  // as the API shows it: true/false, the choice's label, the rating
  std::string label;  // in words: "yes", "Great", "4"
  std::int64_t count = 0;
  std::optional<NaturalValue> suggested;  // a likely new value, for the form to start from
};

// Thrown when a change needs decisions it was not given; carries every value
// the change cannot carry by itself.
class MappingRequired : public Conflict {
 public:
  MappingRequired(const std::string& message, std::vector<ValueQuestion> questions)
      : Conflict("mapping_required", message), m_questions(std::move(questions)) {}
  const std::vector<ValueQuestion>& questions() const { return m_questions; }

 private:
  std::vector<ValueQuestion> m_questions;
};

// True when the change can re-read stored values of `from` (yes/no, choice or
// rating; a number or duration becoming a choice) and so must go value by
// value. A change to text never does: it keeps each value in words.
bool needs_mapping(const Tracker& from, const Tracker& to);

// At most this many different logged values are decided one by one (and read
// to decide them): a change that would need more is refused.
constexpr std::size_t kMaxMappedValues = 1000;

// Each old stored number → its new stored value, or nullopt: delete those logs.
using ValueMap = std::map<double, std::optional<StoredValue>>;

// Decides what each value found becomes: unchanged when its meaning stays (a
// choice kept under its id, the same rating scale), what the user decided,
// else its obvious counterpart when every undecided value has one. Throws
// ValidationError ("mapping") for a decision that names no value found or a
// new value the tracker does not take or when `found` holds more than
// kMaxMappedValues values, MappingRequired when a value is left undecided.
ValueMap plan_mapping(const Tracker& from, const Tracker& to, const std::vector<ValueCount>& found,
                      const std::vector<ValueDecision>& decisions);

}  // namespace qself::core
