// /me/password and /auth/password-reset: changing a password, and resetting a
// forgotten one by an emailed link.

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/parse.hpp"

namespace qself::http {

void add_password_routes(Router& router, Services& services) {
  router.add(
      "POST", "/me/password", Access::account,
      [&](Request& request) {
        const auto& body = request.json();
        ValidationError::Fields errors;
        const std::string current = text_field(body, "current_password", errors, Presence::required);
        const std::string next = text_field(body, "new_password", errors, Presence::required);
        if (!errors.empty()) throw ValidationError(std::move(errors));
        services.passwords.change_password(*request.caller, current, next);
        return Response::no_content();
      },
      Body::json, Lane::password);

  router.add("POST", "/auth/password-reset", Access::anyone, [&](Request& request) {
    ValidationError::Fields errors;
    const std::string email = text_field(request.json(), "email", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    const auto answer_at = services.passwords.request_password_reset(email, request.client);
    // The same answer whether the address belongs to an account or not, at the same time.
    Response response = Response::json(202, {{"message",
                                              "If an account uses this address, an email with a link to choose a "
                                              "new password is on its way. The link works once, for one hour."}});
    response.not_before = answer_at;
    return response;
  });

  router.add(
      "POST", "/auth/password-reset/confirm", Access::anyone,
      [&](Request& request) {
        const auto& body = request.json();
        ValidationError::Fields errors;
        const std::string token = text_field(body, "token", errors, Presence::required);
        const std::string password = text_field(body, "new_password", errors, Presence::required);
        if (!errors.empty()) throw ValidationError(std::move(errors));
        services.passwords.confirm_password_reset(token, password);
        return Response::no_content();
      },
      Body::json, Lane::password);
}

}  // namespace qself::http
