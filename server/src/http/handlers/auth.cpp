// /auth/* and /me: accounts and sessions.

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {
namespace {

std::string string_field(const nlohmann::json& body, const char* key, ValidationError::Fields& errors, bool required) {
  const auto found = body.find(key);
  if (found == body.end() || found->is_null()) {
    if (required) errors[key] = "is required";
    return {};
  }
  if (!found->is_string()) {
    errors[key] = "must be text";
    return {};
  }
  return found->get<std::string>();
}

}  // namespace

void add_auth_routes(Router& router, Services& services) {
  router.add("POST", "/auth/register", Access::anyone, [&](Request& request) {
    const auto& body = request.json();
    ValidationError::Fields errors;
    services::Registration registration;
    registration.email = string_field(body, "email", errors, true);
    registration.password = string_field(body, "password", errors, true);
    registration.name = string_field(body, "name", errors, false);
    registration.timezone = string_field(body, "timezone", errors, false);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    const auto user = services.auth.register_user(std::move(registration));
    return Response::json(201, {{"user", render(user)}});
  });

  router.add("POST", "/auth/login", Access::anyone, [&](Request& request) {
    const auto& body = request.json();
    ValidationError::Fields errors;
    const std::string email = string_field(body, "email", errors, true);
    const std::string password = string_field(body, "password", errors, true);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    const auto result = services.auth.login(email, password);
    return Response::json(200, {{"token", result.token},
                                {"expires_at", util::format_rfc3339(result.expires_at)},
                                {"user", render(result.user)}});
  });

  router.add("POST", "/auth/logout", Access::user, [&](Request& request) {
    services.auth.logout(*request.caller);
    return Response::no_content();
  });

  router.add("GET", "/me", Access::user, [](Request& request) {
    return Response::json(200, {{"user", render(request.user())}});
  });

  router.add("PATCH", "/me", Access::user, [&](Request& request) {
    const auto user = services.auth.update_profile(*request.caller, parse_profile_changes(request.json()));
    return Response::json(200, {{"user", render(user)}});
  });

  router.add("DELETE", "/me", Access::user, [&](Request& request) {
    services.auth.delete_account(*request.caller);
    return Response::no_content();
  });
}

}  // namespace qself::http
