#pragma once
// The rules of an account: what an email, a password and a name must be.

#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace qself::core {

// Trimmed and lower-cased; adds a problem to `errors` under "email" when it is
// not a plausible address, or not plain ASCII (which qself's mailer cannot
// deliver to).
std::string normalize_email(std::string_view email, ValidationError::Fields& errors);

// 8 to 128 characters; any characters. Adds a problem under `field`.
void check_password(std::string_view password, ValidationError::Fields& errors, const std::string& field = "password");

// Trimmed, at most 100 characters, one line (core/validation.hpp name_problem).
std::string normalize_name(std::string_view name, ValidationError::Fields& errors);

}  // namespace qself::core
