#include "http/server.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <variant>

#include "core/errors.hpp"
#include "http/client_address.hpp"
#include "http/errors.hpp"
#include "http/http_cache.hpp"
#include "http/request_metrics.hpp"
#include "http/static_files.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"
#include "util/metrics.hpp"

namespace qself::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

constexpr std::string_view kApiPrefix = "/api/v1";
// Outside the API, where Prometheus looks by default; never the SPA's (docs/metrics.md).
constexpr std::string_view kMetricsPath = "/metrics";

// Limits of one request (docs/security.md lists them all).
constexpr std::uint32_t kMaxHeader = 16 * 1024;              // request line + headers → 431 past it
constexpr std::uint64_t kMaxBody = 1 << 20;                  // a JSON body → 413 past it
constexpr std::uint64_t kMaxFile = std::uint64_t{64} << 20;  // an upload (imports) → 413 past it
constexpr std::uint64_t kMinBytesPerSecond = 16 * 1024;      // a body or response slower than this is cut off
constexpr std::size_t kMaxDrain = 16 << 20;                  // read (and dropped) after refusing a body
constexpr seconds kDrainTime{2};
// Request bodies held in memory by every connection together. Each body
// reserves its declared length (a chunked one its limit) before it is read;
// past this a request is answered 503 busy instead of read.
constexpr std::uint64_t kBodyMemory = std::uint64_t{256} << 20;
// Requests waiting to hash a password; past it 503 busy.
constexpr std::size_t kMaxQueuedPassword = 64;
constexpr std::size_t kMaxQueuedPasswordPerClient = 4;  // one client cannot fill the password lane

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

// Everything a request needs, shared by all threads (read-only).
struct Context {
  Services& services;
  Router router;
  StaticFiles files;
  bool access_log;
  std::string metrics_token;  // empty: GET /metrics is 404
  RequestMetrics requests{router};
};

// DELETE too: deleting the account sends the password.
bool has_body(std::string_view method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

std::string bearer_token(std::string_view header) {
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), header.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    throw Unauthorized("Send your token as Authorization: Bearer <token>.");
  }
  return std::string(header.substr(kBearer.size()));
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

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

std::string http_date() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &parts);
  return text;
}

// ---------------------------------------------------------------------------
// The password lane: a fixed set of threads and a bounded queue, so that
// argon2id (tens of milliseconds of CPU each) never holds the threads every
// other request needs. A request is queued only if there is room (in total
// and for its client); else it is answered 503 busy at once, never left to hang.
class WorkQueue {
 public:
  WorkQueue(int threads, std::size_t max_queued, std::size_t max_per_client)
      : m_max_queued(max_queued), m_max_per_client(max_per_client) {
    for (int i = 0; i < threads; ++i) m_threads.emplace_back([this] { run(); });
  }
  ~WorkQueue() { stop(); }

  bool submit(const std::string& client, std::function<void()> task) {
    std::lock_guard lock(m_mutex);
    if (m_stopped || m_queue.size() >= m_max_queued) return false;
    if (m_max_per_client && m_per_client[client] >= m_max_per_client) return false;
    ++m_per_client[client];
    m_queue.push_back(Task{client, std::move(task)});
    m_ready.notify_one();
    return true;
  }

  // Finishes the task each thread is running; queued ones are dropped.
  void stop() {
    std::deque<Task> dropped;
    {
      std::lock_guard lock(m_mutex);
      m_stopped = true;
      dropped.swap(m_queue);
    }
    m_ready.notify_all();
    for (auto& thread : m_threads) {
      if (thread.joinable()) thread.join();
    }
  }

 private:
  struct Task {
    std::string client;
    std::function<void()> run;
  };

  void run() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_stopped || !m_queue.empty(); });
        if (m_stopped) return;
        task = std::move(m_queue.front());
        m_queue.pop_front();
        if (--m_per_client[task.client] == 0) m_per_client.erase(task.client);
      }
      task.run();  // never throws: the request path catches everything
    }
  }

  const std::size_t m_max_queued;
  const std::size_t m_max_per_client;  // 0: no per-client bound
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<Task> m_queue;
  std::unordered_map<std::string, std::size_t> m_per_client;
  bool m_stopped = false;
  std::vector<std::thread> m_threads;
};

// ---------------------------------------------------------------------------
// What the front shares: the handlers' context, the password lane, and the
// counters behind the connection caps and the body-memory budget.
struct Front {
  Context context;
  const util::Config& config;
  std::vector<std::string> trusted_proxies;  // canonical
  int max_connections;
  WorkQueue password_lane;

  std::mutex mutex;
  int open = 0;
  std::unordered_map<std::string, int> open_per_client;
  std::uint64_t body_bytes = 0;

  Front(const util::Config& config_, Services& services, int max_connections_)
      : context{services, make_api_router(services), StaticFiles(config_.web_dir), config_.access_log,
                config_.metrics_token},
        config(config_),
        max_connections(max_connections_),
        password_lane(config_.max_password_hashes + 1, kMaxQueuedPassword, kMaxQueuedPasswordPerClient) {
    for (const auto& text : config_.trusted_proxies) {
      const auto address = canonical_ip(text);
      if (!address) throw std::invalid_argument("QSELF_TRUSTED_PROXIES: \"" + text + "\" is not an IP address");
      trusted_proxies.push_back(*address);
    }
  }

  // A new connection from `peer` may stay open (counted) or must be refused.
  bool admit(const std::string& peer) {
    std::lock_guard lock(mutex);
    int& mine = open_per_client[peer];
    if (open >= max_connections || mine >= config.max_connections_per_client) {
      if (mine == 0) open_per_client.erase(peer);
      return false;
    }
    ++open;
    ++mine;
    util::metrics().http_connections_open.add(1);
    return true;
  }
  void release(const std::string& peer) {
    std::lock_guard lock(mutex);
    --open;
    if (--open_per_client[peer] <= 0) open_per_client.erase(peer);
    util::metrics().http_connections_open.add(-1);
  }

  bool reserve_body(std::uint64_t bytes) {
    std::lock_guard lock(mutex);
    if (body_bytes + bytes > kBodyMemory) return false;
    body_bytes += bytes;
    return true;
  }
  void return_body(std::uint64_t bytes) {
    std::lock_guard lock(mutex);
    body_bytes -= bytes;
  }

  std::string client_of(const std::string& peer, std::string_view forwarded_for) const {
    return client_address(peer, forwarded_for, trusted_proxies);
  }
};

// ---------------------------------------------------------------------------
// Turning a request into a Response.

using WireRequest = wire::request<wire::string_body>;

// The route of an /api/v1 request (filling its path parameters), matched
// once, when its headers are in: it decides the body limit and the lane too.
Router::Match match_api(const Router& router, Request& request) {
  const std::string relative = request.path.substr(kApiPrefix.size());
  // HEAD is GET without the body (the writer leaves it out): every GET route answers it.
  return router.match(request.method == "HEAD" ? "GET" : request.method, relative.empty() ? "/" : relative, request);
}

// Runs an /api/v1 request on its route (`request.caller` is already set for
// an upload, whose token was checked before its body was read).
Response dispatch_api(Context& context, const WireRequest& wire_request, Request& request, const Router::Match& match) {
  if (!match.route) {
    return match.path_known ? error_response(405, "method_not_allowed",
                                             "This route does not accept " + request.method + ".", request.request_id)
                            : error_response(404, "not_found", "No such route.", request.request_id);
  }
  if (has_body(request.method)) {
    request.content_type = std::string(view(wire_request[wire::field::content_type]));
    if (match.route->body == Body::json && !request.body.empty() &&
        request.content_type.find("application/json") != 0) {
      return error_response(415, "unsupported_media_type", "Send the body as application/json.", request.request_id);
    }
  }
  if (match.route->access != Access::anyone && !request.caller) {
    request.caller =
        context.services.sessions.authenticate(bearer_token(view(wire_request[wire::field::authorization])));
  }
  check_powers(*match.route, request);
  return match.route->handler(request);
}

// Fills method, path, query and id; false (with `response` set) when the target is malformed.
bool parse_target(const WireRequest& wire_request, Request& request, Response& response) {
  request.request_id = util::random_hex(8);
  request.method = std::string(view(wire_request.method_string()));
  try {
    const Poco::URI uri(std::string(view(wire_request.target())));
    request.path = uri.getPath();
    for (auto& [key, value] : uri.getQueryParameters()) request.query[key] = value;
    return true;
  } catch (const Poco::SyntaxException&) {
    response = error_response(400, "bad_request", "The request URI is malformed.", request.request_id);
    return false;
  }
}

bool is_api(const std::string& path) { return path == kApiPrefix || path.starts_with(std::string(kApiPrefix) + "/"); }

// GET /metrics: the Prometheus text format for a scraper that shows the token,
// and no such route at all while no token is configured.
Response serve_metrics(Context& context, const WireRequest& wire_request, const Request& request) {
  if (context.metrics_token.empty()) return error_response(404, "not_found", "No such route.", request.request_id);
  if (request.method != "GET" && request.method != "HEAD") {
    return error_response(405, "method_not_allowed", "Metrics are read with GET.", request.request_id);
  }
  const auto header = view(wire_request[wire::field::authorization]);
  constexpr std::string_view kBearer = "Bearer ";
  if (!header.starts_with(kBearer) || !util::secrets_equal(header.substr(kBearer.size()), context.metrics_token)) {
    Response refused = error_response(401, "unauthorized", "Send the metrics token as Authorization: Bearer <token>.",
                                      request.request_id);
    refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    return refused;
  }
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = util::metrics().render();
  context.requests.render(response.body);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response handle(Context& context, const WireRequest& wire_request, Request& request, const Router::Match& match) {
  Response response;
  try {
    if (is_api(request.path)) return dispatch_api(context, wire_request, request, match);
    if (request.path == kMetricsPath) return serve_metrics(context, wire_request, request);
    if (request.path.starts_with("/api/")) {
      return error_response(404, "not_found", "No such route; the API is under /api/v1.", request.request_id);
    }
    if (request.method != "GET" && request.method != "HEAD") {
      return error_response(405, "method_not_allowed", "Only GET serves the web app.", request.request_id);
    }
    response = context.files.serve(request.path);
    response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  } catch (...) {
    response = error_response(std::current_exception(), request.request_id);
  }
  return response;
}

// ---------------------------------------------------------------------------
// A Response as bytes on the wire: headers, ETag → 304, gzip, files streamed.

struct Outgoing {
  std::variant<wire::response<wire::string_body>, wire::response<wire::file_body>> message;
  bool keep_alive = false;
  bool linger = false;             // the request's body was not read: drain a little before closing
  Clock::time_point not_before{};  // Response::not_before
};

Outgoing render_wire(const Request& request, Response& response, std::string_view if_none_match,
                     std::string_view accept_encoding, unsigned version, bool keep_alive, bool api) {
  const bool readable = request.method == "GET" || request.method == "HEAD";
  const bool head = request.method == "HEAD";
  Outgoing out;
  out.keep_alive = keep_alive && !response.close_connection && response.status != 413;
  out.linger = response.close_connection || response.status == 413;

  wire::fields fields;
  fields.set(wire::field::server, "qself");
  fields.set(wire::field::date, http_date());
  fields.set("X-Request-Id", request.request_id);
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("Referrer-Policy", "no-referrer");
  // A user's data is never stored by any cache, the browser's included (a
  // shared computer's back button, a disk cache): an API client that wants
  // 304s keeps its own copy and sends If-None-Match. Public answers may be
  // kept if revalidated.
  if (api) {
    const bool keepable = readable && response.status == 200 && !request.caller;
    fields.set(wire::field::cache_control, keepable ? "no-cache" : "no-store");
  }
  for (const auto& [name, value] : response.headers) fields.set(name, value);

  auto text = [&](int status) -> wire::response<wire::string_body>& {
    auto& message = out.message.emplace<wire::response<wire::string_body>>(static_cast<wire::status>(status), version);
    for (const auto& field : fields) message.set(field.name_string(), field.value());
    message.keep_alive(out.keep_alive);
    return message;
  };

  if (readable && response.status == 200) {
    if (response.etag.empty() && response.file.empty()) response.etag = etag_of(response.body);
    if (!response.etag.empty()) {
      fields.set(wire::field::etag, response.etag);
      if (etag_matches(if_none_match, response.etag)) {
        text(304);
        return out;
      }
    }
  }
  if (response.status == 204) {
    text(204);
    return out;
  }
  if (!response.file.empty()) {
    wire::file_body::value_type file;
    beast::error_code error;
    file.open(response.file.c_str(), beast::file_mode::scan, error);
    if (error) {
      Response missing = error_response(404, "not_found", "The file is gone.", request.request_id);
      return render_wire(request, missing, "", "", version, keep_alive, api);
    }
    const std::uint64_t size = file.size();
    auto& message =
        out.message.emplace<wire::response<wire::file_body>>(static_cast<wire::status>(response.status), version);
    for (const auto& field : fields) message.set(field.name_string(), field.value());
    message.set(wire::field::content_type, response.content_type);
    message.keep_alive(out.keep_alive);
    if (head) {
      message.content_length(size);  // the body stays empty
    } else {
      message.body() = std::move(file);  // streamed from disk, not held in memory
      message.prepare_payload();
    }
    return out;
  }
  auto& message = text(response.status);
  if (!response.content_type.empty()) message.set(wire::field::content_type, response.content_type);
  std::string body = std::move(response.body);
  if (is_compressible(response.content_type) && body.size() >= kGzipFrom) {
    message.set(wire::field::vary, "Accept-Encoding");
    if (accepts_gzip(accept_encoding)) {
      body = response.gzipped ? *response.gzipped : gzip(body, 1);  // level 1: a request waits for it
      message.set(wire::field::content_encoding, "gzip");
    }
  }
  message.content_length(body.size());
  if (!head) message.body() = std::move(body);
  return out;
}

// ---------------------------------------------------------------------------
// One TCP connection: reads a request (with deadlines), answers it (or hands
// it to the password lane), writes the answer, and waits for the next one while
// keep-alive lasts. Its operations run on its own strand; a request in the
// password lane holds a reference.

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Front& front, tcp::socket socket, std::string peer)
      : m_front(front), m_stream(std::move(socket)), m_peer(std::move(peer)), m_pace(m_stream.get_executor()) {}
  ~Connection() {
    if (m_reserved) m_front.return_body(m_reserved);
    if (m_counted) m_front.release(m_peer);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start(bool admitted) {
    m_counted = admitted;
    if (!admitted) {
      Request request;
      request.request_id = util::random_hex(8);
      request.method = "GET";
      Response busy = error_response(503, "busy", "The server has too many open connections; try again in a moment.",
                                     request.request_id);
      busy.headers.emplace_back("Retry-After", "5");
      busy.close_connection = true;
      reply(request, busy, 11, false, false);
      return;
    }
    read_header(seconds(m_front.config.request_timeout_seconds));
  }

 private:
  // The whole header must arrive before `deadline`: for a new connection the
  // request timeout, between keep-alive requests the idle timeout.
  void read_header(seconds deadline) {
    m_parser.emplace();
    m_request = Request{};
    m_match = Router::Match{};  // a refusal before routing must not count as the last request's route
    m_parser->header_limit(kMaxHeader);
    // The route's own limit is set once the headers are in; until then the
    // parser must not judge a Content-Length by a smaller one.
    m_parser->body_limit(kMaxFile);
    m_stream.expires_after(deadline);
    wire::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_header(error); });
  }

  void on_header(beast::error_code error) {
    if (error == wire::error::body_limit) {
      refuse(413, "payload_too_large", "The file must be at most 64 MiB.");
      return;
    }
    if (error == wire::error::header_limit) {
      refuse(431, "headers_too_large", "The request line and headers must be at most 16 KiB together.");
      return;
    }
    if (error) {
      if (error != wire::error::end_of_stream && error != wire::error::partial_message &&
          error != beast::error::timeout && error != asio::error::connection_reset &&
          error != asio::error::operation_aborted) {
        refuse(400, "bad_request", "The request is not valid HTTP/1.1.");
        return;
      }
      close();
      return;
    }
    const auto& header = m_parser->get();
    Response failed;
    if (!parse_target(header, m_request, failed)) {
      reply(m_request, failed, header.version(), false, true);
      return;
    }
    m_request.client = m_front.client_of(m_peer, view(header["X-Forwarded-For"]));

    // An API route that takes a file may send up to 64 MiB, and must show a
    // token first; every other request at most 1 MiB.
    m_match = is_api(m_request.path) ? match_api(m_front.context.router, m_request) : Router::Match{};
    const Route* route = m_match.route;
    m_password_lane = route && route->lane == Lane::password;
    const bool file = route && route->body == Body::file;
    const std::uint64_t limit = file ? kMaxFile : kMaxBody;
    if (m_parser->is_done()) {
      dispatch();
      return;
    }
    const auto declared = m_parser->content_length();
    if (declared && *declared > limit) {
      refuse(413, "payload_too_large", file ? "The file must be at most 64 MiB." : "The body must be at most 1 MiB.");
      return;
    }
    const std::uint64_t reserve = declared ? *declared : limit;
    if (!m_front.reserve_body(reserve)) {
      refuse(503, "busy", "The server is receiving too much at once; try again in a moment.");
      return;
    }
    m_reserved = reserve;
    m_parser->body_limit(limit);
    m_body_deadline =
        Clock::now() + seconds(m_front.config.request_timeout_seconds) + seconds(reserve / kMinBytesPerSecond);
    if (file && route->access != Access::anyone) {
      authenticate_upload(*route);
      return;
    }
    continue_and_read_body();
  }

  // Uploads are large: nobody gets to send one before showing a token.
  void authenticate_upload(const Route& route) {
    try {
      m_request.caller = m_front.context.services.sessions.authenticate(
          bearer_token(view(m_parser->get()[wire::field::authorization])));
      check_powers(route, m_request);  // a read-only token is refused before its upload is read
    } catch (...) {
      Response refused = error_response(std::current_exception(), m_request.request_id);
      refused.close_connection = true;
      reply(m_request, refused, m_parser->get().version(), false, true);
      return;
    }
    continue_and_read_body();
  }

  void continue_and_read_body() {
    const auto expect = m_parser->get()[wire::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      m_stream.expires_after(seconds(m_front.config.request_timeout_seconds));
      asio::async_write(m_stream, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code error, std::size_t) {
                          if (error) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    if (m_parser->is_done()) {
      dispatch();
      return;
    }
    const auto now = Clock::now();
    if (now >= m_body_deadline) {
      refuse(408, "request_timeout", "The body came too slowly.");
      return;
    }
    m_stream.expires_at(std::min(now + seconds(m_front.config.request_timeout_seconds), m_body_deadline));
    wire::async_read_some(m_stream, m_buffer, *m_parser,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            if (error == wire::error::body_limit) {
                              self->refuse(413, "payload_too_large", "The body is larger than this route accepts.");
                            } else if (error) {
                              self->close();
                            } else {
                              self->read_body();
                            }
                          });
  }

  // Most requests are answered right here, on the I/O thread that read them:
  // no hand-off, no wake-up of another thread. The few that hash a password
  // wait in their own lane, and the answer comes back to this connection's strand.
  void dispatch() {
    auto wire_request = std::make_shared<WireRequest>(m_parser->release());
    m_request.body = std::move(wire_request->body());
    if (!m_password_lane) {
      auto out = answer(*wire_request);
      return_reserved();
      send(out);
      return;
    }
    const bool queued = m_front.password_lane.submit(m_request.client, [self = shared_from_this(), wire_request] {
      auto out = self->answer(*wire_request);
      asio::dispatch(self->m_stream.get_executor(), [self, out] {
        self->return_reserved();
        self->send(out);
      });
    });
    if (!queued) {
      m_request.body.clear();
      return_reserved();
      refuse(503, "busy", "The server is busy; try again in a moment.", wire_request->keep_alive());
    }
  }

  // Runs the request's handler and renders its answer; never throws.
  std::shared_ptr<Outgoing> answer(const WireRequest& wire_request) {
    const auto started = Clock::now();
    Request& request = m_request;
    Response response = handle(m_front.context, wire_request, request, m_match);
    request.body.clear();
    request.body.shrink_to_fit();
    std::shared_ptr<Outgoing> out;
    try {
      out = std::make_shared<Outgoing>(render_wire(request, response, view(wire_request[wire::field::if_none_match]),
                                                   view(wire_request[wire::field::accept_encoding]),
                                                   wire_request.version(), wire_request.keep_alive(),
                                                   is_api(request.path)));
    } catch (...) {  // a header the wire refuses, gzip out of memory: still an answer
      response = error_response(std::current_exception(), request.request_id);
      out = std::make_shared<Outgoing>(
          render_wire(request, response, "", "", wire_request.version(), false, is_api(request.path)));
    }
    out->not_before = response.not_before;
    log(request, response.status, started);
    return out;
  }

  // Writes the answer, after a timer if it must not leave yet.
  void send(const std::shared_ptr<Outgoing>& out) {
    if (out->not_before <= Clock::now()) return write(out);
    m_pace.expires_at(out->not_before);
    m_pace.async_wait([self = shared_from_this(), out](beast::error_code) { self->write(out); });
  }

  // Answers from the I/O side (limits, timeouts); closes unless `keep_alive`.
  void refuse(int status, const std::string& code, const std::string& message, bool keep_alive = false) {
    if (m_request.request_id.empty()) m_request.request_id = util::random_hex(8);
    if (m_request.method.empty()) m_request.method = "GET";
    Response response = error_response(status, code, message, m_request.request_id);
    if (status == 503) response.headers.emplace_back("Retry-After", "1");
    response.close_connection = !keep_alive;
    const unsigned version = m_parser && m_parser->is_header_done() ? m_parser->get().version() : 11;
    reply(m_request, response, version, keep_alive, true);
  }

  void reply(const Request& request, Response& response, unsigned version, bool keep_alive, bool api) {
    const auto started = Clock::now();
    auto out = std::make_shared<Outgoing>(render_wire(request, response, "", "", version, keep_alive, api));
    log(request, response.status, started);
    write(out);
  }

  void write(const std::shared_ptr<Outgoing>& out) {
    std::visit(
        [this, out](auto& message) {
          const std::uint64_t size = message.payload_size().value_or(0);
          m_stream.expires_after(seconds(30) + seconds(size / kMinBytesPerSecond));
          wire::async_write(m_stream, message, [self = shared_from_this(), out](beast::error_code error, std::size_t) {
            self->on_written(error, *out);
          });
        },
        out->message);
  }

  void on_written(beast::error_code error, const Outgoing& out) {
    if (error) return close();
    if (out.keep_alive) {
      read_header(seconds(m_front.config.keep_alive_seconds));
      return;
    }
    if (out.linger) return linger();
    close();
  }

  // After refusing a body: stop sending, then read (and drop) what the client
  // still sends for a moment, so it sees the answer rather than a reset.
  void linger() {
    beast::error_code ignored;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    m_stream.expires_after(kDrainTime);
    m_drained = 0;
    drain();
  }
  void drain() {
    m_buffer.clear();
    m_stream.async_read_some(m_buffer.prepare(64 * 1024),
                             [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
                               self->m_drained += bytes;
                               if (error || self->m_drained > kMaxDrain) return self->close();
                               self->drain();
                             });
  }

  void close() {
    beast::error_code ignored;
    m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    m_stream.close();
  }

  void return_reserved() {
    if (m_reserved) m_front.return_body(m_reserved);
    m_reserved = 0;
  }

  // Counts every answer under its route template (metrics: no ids, nothing a
  // client chose) and writes the access line — the JSON one by template too;
  // the text one keeps the path, which under /api/v1 holds only ids.
  void log(const Request& request, int status, Clock::time_point started) const {
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    const auto& requests = m_front.context.requests;
    const std::size_t label = route_label(request);
    requests.record(label, request.method, status, elapsed);
    if (!m_front.context.access_log) return;
    const auto micros = elapsed.count();
    if (util::log_format() == util::LogFormat::json) {
      util::log(util::Level::info, "request",
                {{"method", std::string_view(request.method)},
                 {"route", std::string_view(requests.route_name(label))},
                 {"status", std::int64_t{status}},
                 {"ms", static_cast<double>(micros) / 1000.0},
                 {"request_id", std::string_view(request.request_id)}});
      return;
    }
    std::ostringstream line;
    line << request.method << ' ' << request.path << ' ' << status << ' ' << micros / 1000 << '.'
         << (micros % 1000) / 100 << "ms id=" << request.request_id;
    util::log(util::Level::info, line.str());
  }

  std::size_t route_label(const Request& request) const {
    const auto& requests = m_front.context.requests;
    if (m_match.route) return requests.route_label(*m_match.route);
    if (request.path == kMetricsPath) return requests.metrics_label();
    if (request.path.empty() || request.path.starts_with("/api/")) return requests.unmatched_label();
    return requests.static_label();
  }

  Front& m_front;
  beast::tcp_stream m_stream;
  std::string m_peer;         // the address at the other end of the socket
  asio::steady_timer m_pace;  // holds back an answer until its Response::not_before
  bool m_counted = false;
  beast::flat_buffer m_buffer;
  std::optional<wire::request_parser<wire::string_body>> m_parser;
  Request m_request;
  Router::Match m_match;         // m_request's route, if it is an API request
  bool m_password_lane = false;  // m_request hashes a password: it runs in that lane
  std::uint64_t m_reserved = 0;
  Clock::time_point m_body_deadline;
  std::size_t m_drained = 0;
};

// The soft limit on open files, raised to the hard one; connections are capped below it.
int open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur > 1000000 ? 1000000 : static_cast<int>(limit.rlim_cur);
}

int connection_cap(const util::Config& config) {
  // Files the rest of the process needs: the database, Redis, logs, exports.
  const int available = open_file_limit() - 256;
  if (config.max_connections <= available) return config.max_connections;
  util::log(util::Level::warning, "QSELF_MAX_CONNECTIONS is " + std::to_string(config.max_connections) + " but only " +
                                      std::to_string(available) + " files may be open: connections are capped there");
  return std::max(available, 16);
}

}  // namespace

struct Server::Impl {
  Front front;
  // Threads that wait on sockets and run handlers (QSELF_WORKERS): an idle or
  // slow connection holds none of them, only a request being handled does.
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::steady_timer retry{io};
  std::vector<std::thread> threads;

  Impl(const util::Config& config, Services& services)
      : front(config, services, connection_cap(config)), io(config.workers) {
    const tcp::endpoint endpoint(asio::ip::make_address(config.bind), static_cast<unsigned short>(config.port));
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted) return;  // stopping
      if (error) {
        // Out of files (or another passing failure): wait a moment rather than spin.
        retry.expires_after(std::chrono::milliseconds(50));
        retry.async_wait([this](beast::error_code) { accept(); });
        return;
      }
      beast::error_code peer_error;
      const auto peer = socket.remote_endpoint(peer_error);
      if (!peer_error) {
        std::string address = peer.address().to_string();
        const bool admitted = front.admit(address);
        std::make_shared<Connection>(front, std::move(socket), std::move(address))->start(admitted);
      }
      accept();
    });
  }
};

Server::Server(const util::Config& config, Services& services) : m_impl(std::make_unique<Impl>(config, services)) {}

Server::~Server() { stop(); }

void Server::start() {
  m_impl->accept();
  for (int i = 0; i < m_impl->front.config.workers; ++i) m_impl->threads.emplace_back([this] { m_impl->io.run(); });
}

void Server::stop() {
  if (!m_impl) return;
  asio::post(m_impl->io, [this] {
    beast::error_code ignored;
    m_impl->acceptor.close(ignored);
  });
  // Requests being handled finish; their answers are not sent.
  m_impl->front.password_lane.stop();
  m_impl->io.stop();
  for (auto& thread : m_impl->threads) {
    if (thread.joinable()) thread.join();
  }
  m_impl->threads.clear();
}

int Server::port() const { return m_impl->acceptor.local_endpoint().port(); }

}  // namespace qself::http
