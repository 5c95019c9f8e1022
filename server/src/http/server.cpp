#include "http/server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <istream>
#include <sstream>

#include "core/errors.hpp"
#include "http/errors.hpp"
#include "http/http_cache.hpp"
#include "http/static_files.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

namespace qself::http {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr std::string_view kApiPrefix = "/api/v1";
constexpr std::streamsize kMaxBody = 1 << 20;
constexpr std::streamsize kMaxFile = std::streamsize{64} << 20;
constexpr std::streamsize kMaxDrain = 16 << 20;
// Each open connection holds a thread (Poco), so threads are many and small.
constexpr int kThreadStackBytes = 256 * 1024;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

// Everything a request needs, shared by all handler threads (read-only).
struct Context {
  Services& services;
  Router router;
  StaticFiles files;
  bool access_log;
};

// DELETE too: deleting the account sends the password.
bool has_body(const std::string& method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

std::string read_body(HTTPServerRequest& request, std::streamsize limit) {
  if (request.hasContentLength() && request.getContentLength64() > limit) {
    throw std::length_error("body too large");
  }
  std::string body;
  std::istream& in = request.stream();
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (static_cast<std::streamsize>(body.size()) > limit) throw std::length_error("body too large");
  }
  return body;
}

std::string bearer_token(const HTTPServerRequest& request) {
  const std::string header = request.get("Authorization", "");  // a copy: the default is a temporary
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), header.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    throw Unauthorized("Send your token as Authorization: Bearer <token>.");
  }
  return header.substr(kBearer.size());
}

// Throws Forbidden when the caller's credential may not use `route`: a
// read-only token anything but GET and HEAD (and signing itself out), any
// personal token the routes that manage the account.
void check_powers(const Route& route, const Request& request) {
  if (!request.caller) return;
  const bool reads = request.method == "GET" || request.method == "HEAD" || route.pattern == "/auth/logout";
  if (request.caller->scope == core::TokenScope::read && !reads) {
    throw Forbidden("This personal API token can only read; create one that can write to change anything.");
  }
  if (route.access == Access::account && request.caller->kind == core::TokenKind::personal) {
    throw Forbidden(
        "A personal API token cannot manage the account (its tokens, sessions, password or deletion);"
        " sign in with your password to do that.");
  }
}

Response dispatch_api(Context& context, HTTPServerRequest& http_request, Request& request) {
  const std::string relative = request.path.substr(kApiPrefix.size());
  // HEAD is GET without the body (write() leaves it out): every GET route answers it.
  const auto match = context.router.match(request.method == "HEAD" ? "GET" : request.method,
                                          relative.empty() ? "/" : relative, request);
  if (!match.route) {
    return match.path_known ? error_response(405, "method_not_allowed",
                                             "This route does not accept " + request.method + ".", request.request_id)
                            : error_response(404, "not_found", "No such route.", request.request_id);
  }
  const bool file = match.route->body == Body::file;
  if (file && match.route->access != Access::anyone) {
    // Uploads are large: nobody gets to send one before showing a token.
    try {
      request.caller = context.services.sessions.authenticate(bearer_token(http_request));
      check_powers(*match.route, request);  // a read-only token is refused before its upload is read
    } catch (...) {
      auto refused = error_response(std::current_exception(), request.request_id);
      // Discard (not keep) what was sent, so the client sees the answer, then close.
      http_request.stream().ignore(kMaxDrain);
      refused.close_connection = true;
      return refused;
    }
  }
  if (has_body(request.method)) {
    try {
      request.body = read_body(http_request, file ? kMaxFile : kMaxBody);
    } catch (const std::length_error&) {
      // Read what is left (up to a bound) so the client sees the answer instead of a reset.
      http_request.stream().ignore(kMaxDrain);
      return error_response(413, "payload_too_large",
                            file ? "The file must be at most 64 MiB." : "The body must be at most 1 MiB.",
                            request.request_id);
    }
    request.content_type = http_request.getContentType();
    if (!file && !request.body.empty() && request.content_type.find("application/json") != 0) {
      return error_response(415, "unsupported_media_type", "Send the body as application/json.", request.request_id);
    }
  }
  if (match.route->access != Access::anyone && !request.caller) {
    request.caller = context.services.sessions.authenticate(bearer_token(http_request));
  }
  check_powers(*match.route, request);
  return match.route->handler(request);
}

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Context& context) : m_context(context) {}

  void handleRequest(HTTPServerRequest& http_request, HTTPServerResponse& http_response) override {
    const auto started = std::chrono::steady_clock::now();
    Request request;
    request.request_id = util::random_hex(8);
    request.method = http_request.getMethod();
    Response response;
    bool api = false;
    try {
      const Poco::URI uri(http_request.getURI());
      request.path = uri.getPath();
      api = request.path == kApiPrefix || request.path.starts_with(std::string(kApiPrefix) + "/");
      for (auto& [key, value] : uri.getQueryParameters()) request.query[key] = value;
      if (api) {
        response = dispatch_api(m_context, http_request, request);
      } else if (request.path.starts_with("/api/")) {
        response = error_response(404, "not_found", "No such route; the API is under /api/v1.", request.request_id);
      } else if (request.method != "GET" && request.method != "HEAD") {
        response = error_response(405, "method_not_allowed", "Only GET serves the web app.", request.request_id);
      } else {
        response = m_context.files.serve(request.path);
        response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
      }
    } catch (const Poco::SyntaxException&) {
      response = error_response(400, "bad_request", "The request URI is malformed.", request.request_id);
    } catch (...) {
      response = error_response(std::current_exception(), request.request_id);
    }
    write(http_request, http_response, request, response, api);
    if (m_context.access_log) {
      const auto micros =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
      std::ostringstream line;
      line << request.method << ' ' << request.path << ' ' << response.status << ' ' << micros / 1000 << '.'
           << (micros % 1000) / 100 << "ms id=" << request.request_id;
      util::log(util::Level::info, line.str());
    }
  }

 private:
  static void write(HTTPServerRequest& in, HTTPServerResponse& out, const Request& request, Response& response,
                    bool api) {
    const bool readable = request.method == "GET" || request.method == "HEAD";
    out.set("X-Request-Id", request.request_id);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("Referrer-Policy", "no-referrer");
    // User data may be kept by the browser but must be revalidated, never by shared caches.
    if (api) out.set("Cache-Control", readable && response.status == 200 ? "private, no-cache" : "no-store");
    if (response.status == 413 || response.close_connection) out.setKeepAlive(false);  // a body may be unread
    for (const auto& [name, value] : response.headers) out.set(name, value);
    if (readable && response.status == 200) {
      if (response.etag.empty()) response.etag = etag_of(response.body);
      out.set("ETag", response.etag);
      if (etag_matches(in.get("If-None-Match", ""), response.etag)) {
        out.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        out.setContentLength(0);
        out.send();
        return;
      }
    }
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    if (response.status == 204) {
      out.setContentLength(0);
      out.send();
      return;
    }
    if (!response.file.empty()) {
      out.sendFile(response.file, response.content_type);  // streamed from disk, not held in memory
      return;
    }
    if (!response.content_type.empty()) out.setContentType(response.content_type);
    const std::string* body = &response.body;
    std::string compressed;
    if (is_compressible(response.content_type) && response.body.size() >= kGzipFrom) {
      out.set("Vary", "Accept-Encoding");
      if (accepts_gzip(in.get("Accept-Encoding", ""))) {
        if (response.gzipped) {
          body = response.gzipped.get();
        } else {
          compressed = gzip(response.body, 1);  // fast: a request waits for it
          body = &compressed;
        }
        out.set("Content-Encoding", "gzip");
      }
    }
    out.setContentLength64(static_cast<Poco::Int64>(body->size()));
    auto& stream = out.send();
    if (request.method != "HEAD") stream.write(body->data(), static_cast<std::streamsize>(body->size()));
  }

  Context& m_context;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(Context& context) : m_context(context) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new RequestHandler(m_context);  // Poco takes ownership
  }

 private:
  Context& m_context;
};

}  // namespace

struct Server::Impl {
  Context context;
  Poco::ThreadPool pool;
  Poco::Net::ServerSocket socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;

  Impl(const util::Config& config, Services& services)
      : context{services, make_api_router(services), StaticFiles(config.web_dir), config.access_log},
        pool(4, config.max_threads, 60, kThreadStackBytes) {
    socket.bind(Poco::Net::SocketAddress(config.bind, static_cast<Poco::UInt16>(config.port)), true);
    socket.listen(1024);
    auto* params = new Poco::Net::HTTPServerParams;  // Poco takes ownership
    params->setMaxThreads(config.max_threads);
    params->setMaxQueued(4096);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config.keep_alive_seconds, 0));
    params->setMaxKeepAliveRequests(100000);
    params->setServerName("qself");
    server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(context), pool, socket, params);
  }
};

Server::Server(const util::Config& config, Services& services) : m_impl(std::make_unique<Impl>(config, services)) {}

Server::~Server() { stop(); }

void Server::start() { m_impl->server->start(); }

void Server::stop() {
  if (m_impl && m_impl->server) m_impl->server->stopAll(true);
}

int Server::port() const { return m_impl->socket.address().port(); }

}  // namespace qself::http
