// /auth/register, /auth/verify, /auth/login, /auth/logout, /me/sessions and
// /me/tokens: signing up (and confirming the address), in and out, and the
// sessions and personal tokens a user has.

#include "core/errors.hpp"
#include "http/api.hpp"
#include "http/parse.hpp"
#include "http/render.hpp"

namespace qself::http {
namespace {

// The one answer to a sign-up and to "send the link again" while verification
// is required, whether the address is new, taken or unknown.
Response check_email() {
  return Response::json(202, {{"status", "check_email"},
                              {"message",
                               "Check your email: a link to confirm the address and sign in is on its way. "
                               "It works once, for 24 hours."}});
}

nlohmann::json render_login(const services::LoginResult& result) {
  return {
      {"token", result.token}, {"expires_at", util::format_rfc3339(result.expires_at)}, {"user", render(result.user)}};
}

}  // namespace

void add_session_routes(Router& router, Services& services) {
  router.add(
      "POST", "/auth/register", Access::anyone,
      [&](Request& request) {
        const auto& body = request.json();
        ValidationError::Fields errors;
        services::Registration registration;
        registration.email = text_field(body, "email", errors, Presence::required);
        registration.password = text_field(body, "password", errors, Presence::required);
        registration.name = text_field(body, "name", errors, Presence::optional);
        registration.timezone = text_field(body, "timezone", errors, Presence::optional);
        if (!errors.empty()) throw ValidationError(std::move(errors));
        const auto signed_up = services.sessions.register_user(std::move(registration), request.client);
        if (!signed_up.user) {
          Response response = check_email();
          response.not_before = signed_up.answer_at;
          return response;
        }
        return Response::json(201, {{"user", render(*signed_up.user)}});  // verification is off
      },
      Body::json, Lane::password);

  router.add("POST", "/auth/verify", Access::anyone, [&](Request& request) {
    ValidationError::Fields errors;
    const std::string token = text_field(request.json(), "token", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    return Response::json(200, render_login(services.sessions.verify_email(token)));
  });

  router.add("POST", "/auth/verify/resend", Access::anyone, [&](Request& request) {
    ValidationError::Fields errors;
    const std::string email = text_field(request.json(), "email", errors, Presence::required);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    Response response = check_email();
    response.not_before = services.sessions.resend_verification(email, request.client);
    return response;
  });

  router.add(
      "POST", "/auth/login", Access::anyone,
      [&](Request& request) {
        const auto& body = request.json();
        ValidationError::Fields errors;
        const std::string email = text_field(body, "email", errors, Presence::required);
        const std::string password = text_field(body, "password", errors, Presence::required);
        if (!errors.empty()) throw ValidationError(std::move(errors));
        return Response::json(200, render_login(services.sessions.login(email, password, request.client)));
      },
      Body::json, Lane::password);

  router.add("POST", "/auth/logout", Access::user, [&](Request& request) {
    services.sessions.logout(*request.caller);
    return Response::no_content();
  });

  router.add("GET", "/me/sessions", Access::account, [&](Request& request) {
    auto items = nlohmann::json::array();
    for (const auto& session : services.sessions.sessions(*request.caller)) {
      items.push_back(render_session(session, *request.caller));
    }
    return Response::json(200, {{"items", std::move(items)}});
  });

  router.add("DELETE", "/me/sessions/{id}", Access::account, [&](Request& request) {
    services.sessions.end_session(*request.caller, core::SessionId{request.id("id")});
    return Response::no_content();
  });

  router.add("POST", "/me/sessions/sign-out-others", Access::account, [&](Request& request) {
    services.sessions.sign_out_other_sessions(*request.caller);
    return Response::no_content();
  });

  router.add("GET", "/me/tokens", Access::account, [&](Request& request) {
    auto items = nlohmann::json::array();
    for (const auto& token : services.sessions.personal_tokens(*request.caller)) items.push_back(render_token(token));
    return Response::json(200, {{"items", std::move(items)}});
  });

  router.add("POST", "/me/tokens", Access::account, [&](Request& request) {
    ValidationError::Fields errors;
    const std::string name = text_field(request.json(), "name", errors, Presence::required);
    const std::string scope_text = text_field(request.json(), "scope", errors, Presence::optional);
    const auto scope = scope_text.empty() ? core::TokenScope::write : core::parse_token_scope(scope_text);
    if (!scope) errors["scope"] = "must be read or write";
    if (!errors.empty()) throw ValidationError(std::move(errors));
    const auto created = services.sessions.create_personal_token(*request.caller, name, *scope);
    return Response::json(201, {{"token", created.token}, {"item", render_token(created.item)}});
  });

  router.add("DELETE", "/me/tokens/{id}", Access::account, [&](Request& request) {
    services.sessions.revoke_personal_token(*request.caller, core::SessionId{request.id("id")});
    return Response::no_content();
  });
}

}  // namespace qself::http
