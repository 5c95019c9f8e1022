// /auth/* and /me: accounts and sessions.

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {
void add_auth_routes(Router& router, Services& services) {
  router.add("POST", "/auth/register", Access::anyone, [&](Request& request) {
    const auto& body = request.json();
    ValidationError::Fields errors;
    services::Registration registration;
    registration.email = text_field(body, "email", errors, Presence::required);
    registration.password = text_field(body, "password", errors, Presence::required);
    registration.name = text_field(body, "name", errors, Presence::optional);
    registration.timezone = text_field(body, "timezone", errors, Presence::optional);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    const auto user = services.auth.register_user(std::move(registration));
    return Response::json(201, {{"user", render(user)}});
  });

  router.add("POST", "/auth/login", Access::anyone, [&](Request& request) {
    const auto& body = request.json();
    ValidationError::Fields errors;
    const std::string email = text_field(body, "email", errors, Presence::required);
    const std::string password = text_field(body, "password", errors, Presence::required);
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
