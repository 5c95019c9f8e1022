#pragma once
// Test support: the real maildev (the local mail catcher in tools/node_modules)
// on free ports bound to 127.0.0.1 with its own mail folder, and a client for
// its REST API. maildev 3 serves that API under /api (/api/email).

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace qself::testing {

class MaildevProcess {
 public:
  // Starts maildev and returns once its web and SMTP ports both answer.
  // `extra_arguments` follow the standard ones, e.g. for implicit TLS:
  // {"--incoming-secure", "--incoming-cert", cert, "--incoming-key", key}.
  // Throws std::runtime_error, with maildev's output, when it does not start.
  explicit MaildevProcess(const std::vector<std::string>& extra_arguments = {});
  // Stops maildev's whole process group.
  ~MaildevProcess();
  MaildevProcess(const MaildevProcess&) = delete;
  MaildevProcess& operator=(const MaildevProcess&) = delete;

  int smtp_port() const { return m_smtp_port; }
  int web_port() const { return m_web_port; }

  // GET /api/email: every email received, oldest first, as maildev's JSON
  // objects (subject, from, to, text, html, headers, ...). maildev 3 keeps the
  // Message-ID only among the headers; each object also gets "messageId"
  // (without <>) so that tests need not know that.
  nlohmann::json emails() const;
  // Polls emails() until there are at least `count` or `timeout` passed; answers the last list.
  nlohmann::json wait_for_emails(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  // The emails received so far addressed to `address`, oldest first.
  std::vector<nlohmann::json> emails_to(const std::string& address) const;
  // The emails received so far whose subject contains `subject`, oldest first.
  std::vector<nlohmann::json> emails_about(const std::string& subject) const;
  // DELETE /api/email/all.
  void delete_all() const;

 private:
  bool try_start(const std::vector<std::string>& extra_arguments, std::string& output);
  void stop();

  TempDir m_dir;
  pid_t m_pid = -1;
  int m_smtp_port = 0;
  int m_web_port = 0;
};

}  // namespace qself::testing
