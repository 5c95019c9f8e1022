#pragma once
// Test support: a scriptable SMTP server on 127.0.0.1 for failure injection.
// It listens on a free port and serves one connection at a time on a
// background thread until it is destroyed.

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace qself::testing {

class FakeSmtpServer {
 public:
  // How the server behaves. Build one with the functions below.
  struct Script {
    bool greet = true;                   // false: accept the connection, then say nothing at all
    int rcpt_reply = 250;                // the answer to RCPT TO
    std::vector<int> final_dot_replies;  // answers to the final "." of successive transactions; 250 after them
    bool answer_final_dot = true;        // false: read the whole message, then never answer
    std::string starttls_reply = "502 5.5.1 STARTTLS not available";  // the whole reply to STARTTLS
  };

  // Answers 250 to everything and keeps each message it accepts.
  static Script accept() { return {}; }
  // Answers the final "." of the first transactions with `codes` (451 → "try later"), later ones with 250.
  static Script reply_to_data(std::vector<int> codes) {
    Script script;
    script.final_dot_replies = std::move(codes);
    return script;
  }
  // Answers RCPT TO with `code` (550 → "no such user").
  static Script reject(int code) {
    Script script;
    script.rcpt_reply = code;
    return script;
  }
  // Accepts the TCP connection and never sends a greeting.
  static Script silent() {
    Script script;
    script.greet = false;
    return script;
  }
  // Receives the whole message and never answers the final ".".
  static Script stall_after_data() {
    Script script;
    script.answer_final_dot = false;
    return script;
  }

  explicit FakeSmtpServer(Script script = accept());
  ~FakeSmtpServer();
  FakeSmtpServer(const FakeSmtpServer&) = delete;
  FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

  int port() const { return m_port; }
  // The messages answered with 250, as received after DATA with the
  // dot-stuffing undone; lines end in CRLF.
  std::vector<std::string> messages() const;
  std::size_t message_count() const;
  // Every command line received, in order (AUTH lines included: it is a test).
  std::vector<std::string> commands() const;
  // How many final "." lines arrived, whatever the answer.
  int final_dots() const;

 private:
  void serve();
  void converse(Poco::Net::StreamSocket& connection);
  // Reads one line (without CRLF); false when the client is gone or the server stops.
  bool read_line(Poco::Net::StreamSocket& connection, std::string& buffer, std::string& line);
  void record_command(const std::string& line);

  Script m_script;
  Poco::Net::ServerSocket m_listener;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  mutable std::mutex m_mutex;
  std::vector<std::string> m_messages;
  std::vector<std::string> m_commands;
  int m_final_dots = 0;
  std::size_t m_transactions = 0;  // touched by the server thread only
  std::thread m_thread;            // started by the constructor, joined by the destructor
};

}  // namespace qself::testing
