#pragma once
// Sending one message over SMTP (RFC 5321), with STARTTLS or implicit TLS
// (RFC 3207, RFC 8314) and AUTH PLAIN / LOGIN (RFC 4954).

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>

#include "mail/message.hpp"

namespace qself::mail {

struct SmtpConfig {
  enum class Security {
    none,      // plain text; credentials, if any, travel in clear
    starttls,  // plain connect, then STARTTLS is required before anything else
    tls,       // TLS from the first byte (smtps, usually port 465)
  };
  std::string host = "127.0.0.1";
  int port = 1025;
  Security security = Security::none;
  std::string username;
  std::string password;
  std::chrono::milliseconds timeout{10000};  // for connecting, and for every read and write
  std::string helo_name = "qself";
  // The trusted certificate authorities for TLS: a directory of hashed
  // certificates or one PEM file. Certificates are always verified.
  std::string ca_location = "/etc/ssl/certs";
};

// smtp://[user:pass@]host[:port][?starttls=1] (port 25 by default) or
// smtps://[user:pass@]host[:port] (implicit TLS, port 465 by default).
// User and password are percent-decoded; an IPv6 host goes in brackets.
// Throws std::invalid_argument on a malformed URL, an unknown query
// parameter, or starttls with smtps.
SmtpConfig parse_smtp_url(const std::string& url);

// An SMTP failure. `code` is the server's reply code, or 0 when there was no
// usable reply: a network error, a timeout, a TLS failure, a reply that is not
// SMTP. The message names the step and the code, never addresses, credentials
// or the server's free text (which often quotes the recipient).
class SmtpError : public std::runtime_error {
 public:
  SmtpError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
  int code() const { return m_code; }
  // 5xx: the server refused for good; sending the same message again will not help.
  bool permanent() const { return m_code >= 500 && m_code <= 599; }
  // Everything else (4xx, network errors, timeouts): worth trying again later.
  bool transient() const { return !permanent(); }

 private:
  int m_code;
};

// Sends one message: connect, EHLO (HELO when EHLO is refused), STARTTLS when
// configured (then EHLO again), AUTH PLAIN (LOGIN when only that is offered)
// when a username is set, MAIL FROM, RCPT TO, DATA, the dot-stuffed message
// from compose() dated now, and the final ".".
//
// `before_final_dot` runs once the whole message is transmitted, just before
// the terminating "." that commits it. The caller records "sending" there, so
// that a message is never sent twice even if the process dies right after:
//  - it was not called: nothing can have been delivered;
//  - it was called and SmtpError has a code: the server answered the final
//    "." with a refusal, so nothing was delivered either;
//  - it was called and SmtpError has code 0: the outcome is unknown (the
//    connection dropped or timed out while the server was deciding).
// If it throws, the "." is never sent, the connection is dropped (the server
// discards the message) and its exception propagates unchanged.
//
// Every connect, read and write honours `config.timeout`: a stalled server
// makes this throw SmtpError(0, "... timed out ...") instead of hanging. A
// reply, like the whole TLS handshake, must be complete within the timeout,
// so a server trickling bytes cannot stretch it either. (Resolving the host
// name is left to the system resolver and its own timeouts.)
//
// Throws SmtpError; std::invalid_argument, before connecting, when the
// message cannot be composed (see compose()) or the config cannot work (a
// port outside 1-65535, a timeout that is not positive, a helo_name with
// spaces or control characters); or whatever `before_final_dot` throws.
// A process that sends over TLS should ignore SIGPIPE (qself's main does):
// OpenSSL writes to the socket without MSG_NOSIGNAL.
void send(const SmtpConfig& config, const Message& message, const std::function<void()>& before_final_dot = {});

}  // namespace qself::mail
