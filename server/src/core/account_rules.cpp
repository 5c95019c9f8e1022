#include "core/account_rules.hpp"

#include "core/text.hpp"

namespace qself::core {

std::string normalize_email(std::string_view raw, ValidationError::Fields& errors) {
  const std::string email = to_lower(trim(raw));
  const auto at = email.find('@');
  const bool plausible = !email.empty() && email.size() <= 254 && at != std::string::npos && at > 0 &&
                         email.find('@', at + 1) == std::string::npos && email.find('.', at + 2) != std::string::npos &&
                         email.back() != '.' && email.find_first_of(" \t\r\n,;<>()[]\\\"") == std::string::npos;
  if (!plausible) errors["email"] = "must be an email address like ada@example.org";
  return email;
}

void check_password(std::string_view password, ValidationError::Fields& errors, const std::string& field) {
  const std::size_t length = utf8_length(password);
  if (length < 8)
    errors[field] = "must be at least 8 characters";
  else if (length > 128)
    errors[field] = "must be at most 128 characters";
}

std::string normalize_name(std::string_view raw, ValidationError::Fields& errors) {
  std::string name = trim(raw);
  if (utf8_length(name) > 100) errors["name"] = "must be at most 100 characters";
  return name;
}

}  // namespace qself::core
