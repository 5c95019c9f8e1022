#include "mail/smtp_client.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "mail/encoding.hpp"
#include "util/time.hpp"
#include "util/tls.hpp"

namespace qself::mail {
namespace {

using Clock = std::chrono::steady_clock;

// A reply larger than this is not an SMTP server talking.
constexpr std::size_t kMaxReplyLineBytes = 64 * 1024;
constexpr std::size_t kMaxReplyLines = 1000;
// QUIT is a courtesy: it never holds a finished send up for long.
constexpr std::chrono::milliseconds kQuitTimeout{2000};

std::string to_upper(std::string_view text) {
  std::string upper(text);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// ---- smtp:// URLs ----

[[noreturn]] void bad_url(const std::string& why) {
  // Never echo the URL: it may hold a password.
  throw std::invalid_argument("SMTP URL: " + why);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text, const char* what) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) bad_url(std::string("bad percent-encoding in the ") + what);
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

bool is_host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'; }

int parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) bad_url("the port must be a number from 1 to 65535");
  int port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') bad_url("the port must be a number from 1 to 65535");
    port = port * 10 + (c - '0');
  }
  if (port < 1 || port > 65535) bad_url("the port must be a number from 1 to 65535");
  return port;
}

void apply_query(std::string_view query, SmtpConfig& config) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string value = eq == std::string_view::npos ? "1" : to_upper(pair.substr(eq + 1));
    if (key != "starttls") bad_url("unknown parameter (only starttls is understood)");
    if (value == "1" || value == "TRUE" || value == "YES") {
      if (config.security == SmtpConfig::Security::tls) bad_url("starttls does not go with smtps");
      config.security = SmtpConfig::Security::starttls;
    } else if (value != "0" && value != "FALSE" && value != "NO") {
      bad_url("starttls must be 1 or 0");
    }
  }
}

// ---- the SMTP conversation ----

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // the text after "250-" / "250 "
};

// "5.1.1" from "5.1.1 <someone@example.org>: user unknown" (RFC 3463), or "".
std::string enhanced_status(const Reply& reply) {
  if (reply.lines.empty()) return "";
  const std::string_view text = reply.lines.front();
  std::size_t i = 0;
  int dots = 0;
  while (i < text.size() && i < 12 && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
    dots += text[i] == '.';
    ++i;
  }
  const bool complete = dots == 2 && i >= 5 && (i == text.size() || text[i] == ' ');
  return complete ? std::string(text.substr(0, i)) : "";
}

// Throws unless the reply code is one of `accepted`. The server's free text
// stays out of the message: it often quotes the recipient's address.
void expect(const Reply& reply, std::initializer_list<int> accepted, std::string_view stage) {
  if (std::find(accepted.begin(), accepted.end(), reply.code) != accepted.end()) return;
  const std::string status = enhanced_status(reply);
  throw SmtpError(reply.code, "SMTP server refused " + std::string(stage) + ": " + std::to_string(reply.code) +
                                  (status.empty() ? "" : " " + status));
}

struct Extensions {
  std::map<std::string, std::string> keywords;  // "AUTH" → "PLAIN LOGIN"

  static Extensions from_ehlo(const Reply& reply) {
    Extensions extensions;
    for (std::size_t i = 1; i < reply.lines.size(); ++i) {
      const std::string& line = reply.lines[i];
      const auto space = line.find_first_of(" =");  // "AUTH=LOGIN" is an old spelling of "AUTH LOGIN"
      extensions.keywords[to_upper(line.substr(0, space))] =
          space == std::string::npos ? "" : to_upper(line.substr(space + 1));
    }
    return extensions;
  }

  std::set<std::string> auth_mechanisms() const {
    std::set<std::string> mechanisms;
    const auto found = keywords.find("AUTH");
    if (found == keywords.end()) return mechanisms;
    std::string_view rest = found->second;
    while (!rest.empty()) {
      const auto space = rest.find(' ');
      if (space != 0) mechanisms.emplace(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    return mechanisms;
  }
};

// The TLS settings for one connection (util/tls.hpp).
Poco::Net::Context::Ptr make_tls_context(const SmtpConfig& config) {
  try {
    return util::verified_client_context(config.host, config.ca_location);
  } catch (const std::invalid_argument&) {
    throw SmtpError(0, "SMTP TLS setup failed: cannot check certificates for this host");
  }
}

// One SMTP connection, plain or TLS. Poco's exceptions pass through; send()
// turns them into SmtpError.
class Session {
 public:
  explicit Session(const SmtpConfig& config) : m_config(config) {
    const Poco::Net::SocketAddress address(config.host, static_cast<Poco::UInt16>(config.port));
    m_socket.connect(address, timespan(config.timeout));
    m_socket.setSendTimeout(timespan(config.timeout));
    m_socket.setReceiveTimeout(timespan(config.timeout));
    m_socket.setNoDelay(true);
  }

  // Wraps the connection in TLS: at once for smtps, after "220" to STARTTLS otherwise.
  void start_tls() {
    // Anything the server sent after its "220" would later be read as if it
    // had come through TLS: the way a meddler injects replies (STARTTLS
    // response injection).
    if (!m_buffer.empty()) throw SmtpError(0, "SMTP server sent data before the TLS handshake");
    // The handshake runs on a non-blocking socket so that all of it fits in
    // one timeout; Poco's blocking handshake waits a full timeout per read.
    m_socket.setBlocking(false);
    Poco::Net::SecureStreamSocket secure =
        Poco::Net::SecureStreamSocket::attach(m_socket, m_config.host, make_tls_context(m_config));
    const auto deadline = Clock::now() + m_config.timeout;
    for (int state = secure.completeHandshake(); state != 1; state = secure.completeHandshake()) {
      const bool wants_read = state == Poco::Net::SecureStreamSocket::ERR_SSL_WANT_READ;
      if (!wants_read && state != Poco::Net::SecureStreamSocket::ERR_SSL_WANT_WRITE) {
        throw SmtpError(0, "SMTP TLS handshake failed: the server closed the connection");
      }
      const auto left = time_left(deadline);
      if (left.count() <= 0) throw Poco::TimeoutException();
      m_socket.poll(timespan(left), wants_read ? Poco::Net::Socket::SELECT_READ : Poco::Net::Socket::SELECT_WRITE);
    }
    m_socket.setBlocking(true);
    m_socket = secure;
  }

  void write(std::string_view data) {
    while (!data.empty()) {
      const int chunk = static_cast<int>(std::min<std::size_t>(data.size(), 64 * 1024));
      // MSG_NOSIGNAL: a server that hangs up gives an error here, not SIGPIPE.
      const int sent = m_socket.sendBytes(data.data(), chunk, MSG_NOSIGNAL);
      if (sent <= 0) throw SmtpError(0, "SMTP connection closed while writing");
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  Reply command(std::string_view line) {
    write(std::string(line) + "\r\n");
    return read_reply(m_config.timeout);
  }

  // One complete reply, single- or multi-line ("250-..." up to "250 ..."), read
  // within `timeout` from now.
  Reply read_reply(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    Reply reply;
    while (true) {
      const std::string line = read_line(deadline);
      const bool well_formed =
          line.size() >= 3 &&
          std::all_of(line.begin(), line.begin() + 3, [](char c) { return c >= '0' && c <= '9'; }) &&
          (line.size() == 3 || line[3] == ' ' || line[3] == '-');
      if (!well_formed) throw SmtpError(0, "SMTP server sent something that is not a reply");
      const int code = std::stoi(line.substr(0, 3));
      if (!reply.lines.empty() && code != reply.code) throw SmtpError(0, "SMTP server sent a garbled reply");
      reply.code = code;
      reply.lines.push_back(line.size() > 4 ? line.substr(4) : "");
      if (line.size() == 3 || line[3] == ' ') return reply;
      if (reply.lines.size() >= kMaxReplyLines) throw SmtpError(0, "SMTP server sent an endless reply");
    }
  }

  // Says goodbye if the server is still listening; failures do not matter any more.
  void quit_quietly() noexcept {
    try {
      write("QUIT\r\n");
      read_reply(std::min(m_config.timeout, kQuitTimeout));
    } catch (...) {
    }
  }

 private:
  static Poco::Timespan timespan(std::chrono::milliseconds duration) {
    return Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(duration).count());
  }

  static std::chrono::milliseconds time_left(Clock::time_point deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  }

  std::string read_line(Clock::time_point deadline) {
    while (true) {
      const auto newline = m_buffer.find('\n');
      if (newline != std::string::npos) {
        std::string line = m_buffer.substr(0, newline);
        m_buffer.erase(0, newline + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      if (m_buffer.size() > kMaxReplyLineBytes) throw SmtpError(0, "SMTP server sent an overlong reply");
      const auto left = time_left(deadline);
      // (A zero socket timeout would mean "wait forever".)
      if (left.count() <= 0) throw Poco::TimeoutException();
      m_socket.setReceiveTimeout(timespan(left));
      char chunk[4096];
      const int received = m_socket.receiveBytes(chunk, sizeof chunk);
      if (received <= 0) throw SmtpError(0, "SMTP server closed the connection");
      m_buffer.append(chunk, static_cast<std::size_t>(received));
    }
  }

  const SmtpConfig& m_config;
  Poco::Net::StreamSocket m_socket;  // holds a SecureStreamSocketImpl once TLS is on
  std::string m_buffer;              // received bytes not yet consumed as lines
};

// EHLO, or HELO from a server that refuses EHLO; answers the extensions offered.
Extensions say_hello(Session& session, const SmtpConfig& config, std::string& stage) {
  stage = "EHLO";
  const Reply ehlo = session.command("EHLO " + config.helo_name);
  if (ehlo.code == 250) return Extensions::from_ehlo(ehlo);
  if (ehlo.code < 500) expect(ehlo, {250}, stage);
  stage = "HELO";
  expect(session.command("HELO " + config.helo_name), {250}, stage);
  return {};
}

void authenticate(Session& session, const SmtpConfig& config, const Extensions& extensions, std::string& stage) {
  stage = "AUTH";
  const auto mechanisms = extensions.auth_mechanisms();
  // PLAIN unless the server offers only LOGIN. A server that offers neither
  // refuses, which is the right outcome for a misconfiguration.
  if (mechanisms.count("PLAIN") || !mechanisms.count("LOGIN")) {
    const std::string token = std::string(1, '\0') + config.username + '\0' + config.password;
    expect(session.command("AUTH PLAIN " + base64_encode(token)), {235}, stage);
    return;
  }
  expect(session.command("AUTH LOGIN"), {334}, stage);
  expect(session.command(base64_encode(config.username)), {334}, stage);
  expect(session.command(base64_encode(config.password)), {235}, stage);
}

// RFC 5321 4.5.2: a line that starts with "." gets another one, so that only
// the final "." line ends the data. The data always ends with CRLF.
std::string dot_stuff(std::string_view data) {
  std::string out;
  out.reserve(data.size() + data.size() / 64 + 2);
  bool line_start = true;
  for (const char c : data) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

void check_config(const SmtpConfig& config) {
  if (config.port < 1 || config.port > 65535) throw std::invalid_argument("mail: SMTP port must be 1 to 65535");
  if (config.timeout.count() <= 0) throw std::invalid_argument("mail: SMTP timeout must be positive");
  const bool helo_ok = !config.helo_name.empty() && std::all_of(config.helo_name.begin(), config.helo_name.end(),
                                                                [](char c) { return c > 32 && c < 127; });
  if (!helo_ok) throw std::invalid_argument("mail: SMTP helo_name must be a host name");
}

// Runs one step of the conversation with every failure as an SmtpError.
// A refusal (a reply code) still gets a polite QUIT.
template <typename Step>
void run_step(std::optional<Session>& session, const std::string& stage, Step&& step) {
  try {
    step();
  } catch (const SmtpError& error) {
    if (error.code() != 0 && session) session->quit_quietly();
    throw;
  } catch (const Poco::TimeoutException&) {
    throw SmtpError(0, "SMTP timed out during " + stage);
  } catch (const Poco::Net::ConnectionRefusedException&) {
    throw SmtpError(0, "SMTP connection refused");
  } catch (const Poco::Exception& error) {
    throw SmtpError(0, "SMTP failed during " + stage + ": " + error.displayText());
  }
}

}  // namespace

SmtpConfig parse_smtp_url(const std::string& url) {
  SmtpConfig config;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) bad_url("must start with smtp:// or smtps://");
  const std::string scheme = to_upper(url.substr(0, scheme_end));
  if (scheme == "SMTP") {
    config.security = SmtpConfig::Security::none;
    config.port = 25;
  } else if (scheme == "SMTPS") {
    config.security = SmtpConfig::Security::tls;
    config.port = 465;
  } else {
    bad_url("must start with smtp:// or smtps://");
  }
  std::string_view rest = std::string_view(url).substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) bad_url("a fragment (#) is not allowed");
  const auto question = rest.find('?');
  const std::string_view query = question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);
  rest = rest.substr(0, question);
  const auto slash = rest.find('/');
  if (slash != std::string_view::npos && slash + 1 != rest.size()) bad_url("a path is not allowed");
  std::string_view authority = rest.substr(0, slash);

  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    config.username = percent_decode(userinfo.substr(0, colon), "user name");
    if (colon != std::string_view::npos) config.password = percent_decode(userinfo.substr(colon + 1), "password");
    if (config.username.empty()) bad_url("the user name is empty");
    authority = authority.substr(at + 1);
  }

  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) bad_url("unclosed [ in the host");
    config.host = std::string(authority.substr(1, close - 1));
    const bool ipv6_chars = std::all_of(config.host.begin(), config.host.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    });
    if (config.host.empty() || !ipv6_chars) bad_url("the host in [] must be an IPv6 address");
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) bad_url("unexpected text after the host");
    has_port = !after.empty();
    if (has_port) port_text = after.substr(1);
  } else {
    const auto colon = authority.find(':');
    config.host = std::string(authority.substr(0, colon));
    if (config.host.empty() || !std::all_of(config.host.begin(), config.host.end(), is_host_char)) {
      bad_url("the host is missing or not a host name");
    }
    has_port = colon != std::string_view::npos;
    if (has_port) port_text = authority.substr(colon + 1);
  }
  if (has_port) config.port = parse_port(port_text);
  apply_query(query, config);
  return config;
}

void send(const SmtpConfig& config, const Message& message, const std::function<void()>& before_final_dot) {
  check_config(config);
  const std::string data = dot_stuff(compose(message, util::now()));
  const std::string from = envelope_address(message.from);

  std::optional<Session> session;
  std::string stage = "connect";
  run_step(session, stage, [&] {
    session.emplace(config);
    if (config.security == SmtpConfig::Security::tls) {
      stage = "TLS handshake";
      session->start_tls();
    }
    stage = "greeting";
    expect(session->read_reply(config.timeout), {220}, stage);
    Extensions extensions = say_hello(*session, config, stage);
    if (config.security == SmtpConfig::Security::starttls) {
      // Sent whether or not the server offers it: a server (or a meddler)
      // that hides STARTTLS gets a refusal, not a plain-text fallback.
      stage = "STARTTLS";
      expect(session->command("STARTTLS"), {220}, stage);
      stage = "TLS handshake";
      session->start_tls();
      extensions = say_hello(*session, config, stage);
    }
    if (!config.username.empty()) authenticate(*session, config, extensions, stage);
    stage = "MAIL FROM";
    expect(session->command("MAIL FROM:<" + from + ">"), {250}, stage);
    stage = "RCPT TO";
    expect(session->command("RCPT TO:<" + message.to + ">"), {250, 251}, stage);
    stage = "DATA";
    expect(session->command("DATA"), {354}, stage);
    stage = "message transfer";
    session->write(data);
  });
  // Outside run_step: the callback's own exceptions pass through untouched,
  // and leaving here drops the connection before the "." can commit anything.
  if (before_final_dot) before_final_dot();
  run_step(session, stage, [&] {
    stage = "end of data";
    session->write(".\r\n");
    expect(session->read_reply(config.timeout), {250}, stage);
  });
  session->quit_quietly();
}

}  // namespace qself::mail
