#pragma once
// The route table: method + path pattern ("/trackers/{id}") → handler. {id} and
// {…_id} match a positive whole number; other {names} one segment of at most 64
// bytes, left to the handler to read.

#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace qself::http {

using Handler = std::function<Response(Request&)>;

// Who may call a route: anyone; a signed-in user, by a login session or a
// personal API token; or only a login session (`account`: tokens, sessions, the
// password, deleting the account — what a leaked token must never reach).
enum class Access { anyone, user, account };

// What a route's body is: JSON (up to 1 MiB) or an uploaded file of any type (up to 64 MiB).
enum class Body { json, file };

// Where a route's handler runs: on the request workers, or (the few routes that
// hash a password, ~150 ms of argon2id each) on a small lane of their own, so a
// flood of logins can never take the workers every other request needs.
enum class Lane { workers, password };

struct Route {
  std::string method;
  std::string pattern;  // relative to /api/v1
  Access access;
  Handler handler;
  Body body = Body::json;
  Lane lane = Lane::workers;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler, Body body = Body::json,
           Lane lane = Lane::workers);

  struct Match {
    const Route* route = nullptr;
    bool path_known = false;  // some route has this path, with another method
  };
  // Fills request.path_params on a match. `{name}` segments match positive integers only.
  Match match(const std::string& method, const std::string& path, Request& request) const;
  const std::vector<Route>& routes() const { return m_routes; }

 private:
  std::vector<Route> m_routes;
};

}  // namespace qself::http
