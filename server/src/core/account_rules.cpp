#include "core/account_rules.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "core/validation.hpp"

namespace qself::core {

std::string normalize_email(std::string_view raw, ValidationError::Fields& errors) {
  const std::string email = to_lower(trim(raw));
  const auto at = email.find('@');
  // What the mailer (mail/message.cpp) sends to: visible ASCII, none of the
  // characters that would need quoting, one "@" and a dot in the domain.
  // Other characters than ASCII are told apart below.
  const auto non_ascii = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
  const auto fits = [&](char c) {
    return non_ascii(c) || (c >= 33 && c <= 126 && std::string_view("<>()[]\\,;:\"").find(c) == std::string_view::npos);
  };
  const bool plausible = !email.empty() && email.size() <= 254 && at != std::string::npos && at > 0 &&
                         email.find('@', at + 1) == std::string::npos && email.find('.', at + 2) != std::string::npos &&
                         email.back() != '.' && std::all_of(email.begin(), email.end(), fits);
  const bool ascii = std::none_of(email.begin(), email.end(), non_ascii);
  if (!plausible) {
    errors["email"] = "must be an email address like ada@example.org";
  } else if (!ascii) {
    // Mail to a non-ASCII address needs SMTPUTF8 from every server on its way;
    // qself's mailer sends plain SMTP, so such an account would never get mail.
    errors["email"] =
        "must be written in ASCII letters only, with an international domain in its xn-- form: qself cannot send "
        "email to other addresses";
  }
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
  if (utf8_length(name) > 100) {
    errors["name"] = "must be at most 100 characters";
  } else if (auto problem = name_problem(name)) {
    errors["name"] = std::move(*problem);
  }
  return name;
}

}  // namespace qself::core
