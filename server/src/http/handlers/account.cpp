// /me/password, /auth/password-reset, /me/tokens and /me/sessions: the
// account lifecycle after registration.

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/parse.hpp"
#include "services/account_service.hpp"

namespace qself::http {
namespace {

nlohmann::json render_token(const store::SessionRecord& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"created_at", util::format_rfc3339(token.created_at)},
          {"last_used_at", util::format_rfc3339(token.last_used_at)},
          {"expires_at", util::format_rfc3339(token.expires_at)}};
}

nlohmann::json render_session(const store::SessionRecord& session, const services::Caller& caller) {
  return {{"id", session.id},
          {"created_at", util::format_rfc3339(session.created_at)},
          {"last_used_at", util::format_rfc3339(session.last_used_at)},
          {"current", session.id == caller.session_id}};
}

}  // namespace

void add_account_routes(Router& router, Services& services) {
  router.add("POST", "/me/password", Access::user, [&](Request& request) {
    const auto& body = request.json();
    ValidationError::Fields errors;
    const std::string current = text_field(body, "current_password", errors, Presence::required);
    const std::string next = text_field(body, "new_password", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    services.account.change_password(*request.caller, current, next);
    return Response::no_content();
  });

  router.add("POST", "/auth/password-reset", Access::anyone, [&](Request& request) {
    ValidationError::Fields errors;
    const std::string email = text_field(request.json(), "email", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    services.account.request_password_reset(email);
    // The same answer whether the address belongs to an account or not.
    return Response::json(202, {{"message",
                                 "If an account uses this address, an email with a link to choose a "
                                 "new password is on its way. The link works once, for one hour."}});
  });

  router.add("POST", "/auth/password-reset/confirm", Access::anyone, [&](Request& request) {
    const auto& body = request.json();
    ValidationError::Fields errors;
    const std::string token = text_field(body, "token", errors, Presence::required);
    const std::string password = text_field(body, "new_password", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    services.account.confirm_password_reset(token, password);
    return Response::no_content();
  });

  router.add("GET", "/me/tokens", Access::user, [&](Request& request) {
    auto items = nlohmann::json::array();
    for (const auto& token : services.account.personal_tokens(*request.caller)) items.push_back(render_token(token));
    return Response::json(200, {{"items", std::move(items)}});
  });

  router.add("POST", "/me/tokens", Access::user, [&](Request& request) {
    ValidationError::Fields errors;
    const std::string name = text_field(request.json(), "name", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    const auto created = services.account.create_personal_token(*request.caller, name);
    return Response::json(201, {{"token", created.token}, {"item", render_token(created.item)}});
  });

  router.add("DELETE", "/me/tokens/{id}", Access::user, [&](Request& request) {
    services.account.revoke_personal_token(*request.caller, request.id("id"));
    return Response::no_content();
  });

  router.add("GET", "/me/sessions", Access::user, [&](Request& request) {
    auto items = nlohmann::json::array();
    for (const auto& session : services.account.sessions(*request.caller)) {
      items.push_back(render_session(session, *request.caller));
    }
    return Response::json(200, {{"items", std::move(items)}});
  });

  router.add("DELETE", "/me/sessions/{id}", Access::user, [&](Request& request) {
    services.account.end_session(*request.caller, request.id("id"));
    return Response::no_content();
  });

  router.add("POST", "/me/sessions/sign-out-others", Access::user, [&](Request& request) {
    services.account.sign_out_other_sessions(*request.caller);
    return Response::no_content();
  });
}

}  // namespace qself::http
