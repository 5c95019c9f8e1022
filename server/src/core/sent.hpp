#pragma once
// One field of a request as it was sent, once read from its wire format
// (http/parse.cpp, core/json_forms.hpp). A change (PATCH) tells the states
// apart: a field left out changes nothing, null clears it, a value sets it.
// Malformed is a value of the wrong kind (a string where a number belongs):
// the reader sees it, and the rule for the field words the problem, so that a
// wrong kind and a wrong value read the same to the client.

#include <optional>
#include <utility>

namespace qself::core {

template <class T>
class Sent {
 public:
  Sent() = default;  // left out
  Sent(T value) : m_state(State::value), m_value(std::move(value)) {}
  static Sent null() { return Sent(State::null); }
  static Sent malformed() { return Sent(State::malformed); }

  bool was_sent() const { return m_state != State::absent; }
  bool is_null() const { return m_state == State::null; }
  bool is_malformed() const { return m_state == State::malformed; }
  // The value, when one of the right kind was sent.
  const std::optional<T>& value() const { return m_value; }

  bool operator==(const Sent&) const = default;

 private:
  enum class State { absent, null, value, malformed };
  explicit Sent(State state) : m_state(state) {}

  State m_state = State::absent;
  std::optional<T> m_value;
};

}  // namespace qself::core
