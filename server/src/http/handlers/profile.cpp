// /me: the signed-in user's profile and settings, and deleting the account.

#include "http/api.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {

void add_profile_routes(Router& router, Services& services) {
  router.add("GET", "/me", Access::user, [](Request& request) {
    return Response::json(200, {{"user", render(request.user())}});
  });

  router.add("PATCH", "/me", Access::user, [&](Request& request) {
    const auto user = services.profile.update_profile(*request.caller, parse_profile_changes(request.json()));
    return Response::json(200, {{"user", render(user)}});
  });

  router.add(
      "DELETE", "/me", Access::account,
      [&](Request& request) {
        // Asked again: a session left open on a shared computer must not be enough.
        ValidationError::Fields errors;
        const std::string password = text_field(request.json(), "password", errors, Presence::required);
        if (!errors.empty()) throw ValidationError(std::move(errors));
        services.passwords.confirm_password(*request.caller, password, "password");
        services.profile.delete_account(*request.caller);
        return Response::no_content();
      },
      Body::json, Lane::password);
}

}  // namespace qself::http
