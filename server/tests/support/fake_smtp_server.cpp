#include "support/fake_smtp_server.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <sys/socket.h>

#include <cctype>

namespace qself::testing {
namespace {

// How often the server thread looks at the stop flag while it waits.
const Poco::Timespan kTick(0, 50'000);

std::string verb_of(const std::string& line) {
  std::string verb = line.substr(0, line.find_first_of(" :"));
  for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return verb;
}

void reply(Poco::Net::StreamSocket& connection, const std::string& text) {
  const std::string line = text + "\r\n";
  std::size_t sent = 0;
  while (sent < line.size()) {
    const int n = connection.sendBytes(line.data() + sent, static_cast<int>(line.size() - sent), MSG_NOSIGNAL);
    if (n <= 0) throw Poco::IOException("client went away");
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

FakeSmtpServer::FakeSmtpServer(Script script)
    : m_script(std::move(script)), m_listener(Poco::Net::SocketAddress("127.0.0.1", 0)) {
  m_port = m_listener.address().port();
  m_thread = std::thread([this] { serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
  m_stopping = true;
  m_thread.join();
}

std::vector<std::string> FakeSmtpServer::messages() const {
  std::lock_guard lock(m_mutex);
  return m_messages;
}

std::size_t FakeSmtpServer::message_count() const {
  std::lock_guard lock(m_mutex);
  return m_messages.size();
}

std::vector<std::string> FakeSmtpServer::commands() const {
  std::lock_guard lock(m_mutex);
  return m_commands;
}

int FakeSmtpServer::final_dots() const {
  std::lock_guard lock(m_mutex);
  return m_final_dots;
}

void FakeSmtpServer::record_command(const std::string& line) {
  std::lock_guard lock(m_mutex);
  m_commands.push_back(line);
}

void FakeSmtpServer::serve() {
  while (!m_stopping) {
    try {
      if (!m_listener.poll(kTick, Poco::Net::Socket::SELECT_READ)) continue;
      Poco::Net::StreamSocket connection = m_listener.acceptConnection();
      connection.setReceiveTimeout(kTick);
      converse(connection);
    } catch (const Poco::Exception&) {
      // The client hung up or misbehaved: on to the next connection.
    }
  }
}

bool FakeSmtpServer::read_line(Poco::Net::StreamSocket& connection, std::string& buffer, std::string& line) {
  while (true) {
    const auto newline = buffer.find("\r\n");
    if (newline != std::string::npos) {
      line = buffer.substr(0, newline);
      buffer.erase(0, newline + 2);
      return true;
    }
    if (m_stopping) return false;
    char chunk[4096];
    int n = 0;
    try {
      n = connection.receiveBytes(chunk, sizeof chunk);
    } catch (const Poco::TimeoutException&) {
      continue;  // nothing yet; look at the stop flag again
    }
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

void FakeSmtpServer::converse(Poco::Net::StreamSocket& connection) {
  std::string buffer;
  std::string line;
  if (!m_script.greet) {
    while (read_line(connection, buffer, line)) {
    }
    return;
  }
  reply(connection, "220 fake.test ESMTP ready");
  while (read_line(connection, buffer, line)) {
    record_command(line);
    const std::string verb = verb_of(line);
    if (verb == "EHLO") {
      reply(connection, "250-fake.test greets you\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10485760");
    } else if (verb == "HELO" || verb == "RSET" || verb == "NOOP" || verb == "MAIL") {
      reply(connection, "250 2.0.0 OK");
    } else if (verb == "STARTTLS") {
      reply(connection, m_script.starttls_reply);
    } else if (verb == "AUTH") {
      if (line.size() >= 10 && verb_of(line.substr(5)) == "LOGIN") {
        reply(connection, "334 VXNlcm5hbWU6");
        if (!read_line(connection, buffer, line)) return;
        record_command(line);
        reply(connection, "334 UGFzc3dvcmQ6");
        if (!read_line(connection, buffer, line)) return;
        record_command(line);
      }
      reply(connection, "235 2.7.0 Authentication successful");
    } else if (verb == "RCPT") {
      const int code = m_script.rcpt_reply;
      reply(connection, std::to_string(code) + (code == 250 ? " 2.1.5 OK" : " 5.1.1 <nobody@example.org>: refused"));
    } else if (verb == "DATA") {
      reply(connection, "354 End data with <CR><LF>.<CR><LF>");
      std::string message;
      while (true) {
        if (!read_line(connection, buffer, line)) return;
        if (line == ".") break;
        message += (line.starts_with('.') ? line.substr(1) : line) + "\r\n";
      }
      int code = 250;
      {
        std::lock_guard lock(m_mutex);
        ++m_final_dots;
      }
      if (!m_script.answer_final_dot) {
        while (read_line(connection, buffer, line)) {
        }
        return;
      }
      if (m_transactions < m_script.final_dot_replies.size()) code = m_script.final_dot_replies[m_transactions];
      ++m_transactions;
      if (code == 250) {
        std::lock_guard lock(m_mutex);
        m_messages.push_back(message);
      }
      reply(connection, std::to_string(code) + (code == 250 ? " 2.0.0 queued" : " 4.3.0 refused"));
    } else if (verb == "QUIT") {
      reply(connection, "221 2.0.0 bye");
      return;
    } else {
      reply(connection, "502 5.5.2 command not recognized");
    }
  }
}

}  // namespace qself::testing
