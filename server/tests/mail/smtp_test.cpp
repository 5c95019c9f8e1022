// Specifies mail/smtp_client.cpp against the real maildev and, for the
// failures maildev cannot produce, against a scripted fake SMTP server.

#include <Poco/Net/ServerSocket.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "mail/encoding.hpp"
#include "mail/smtp_client.hpp"
#include "support/fake_smtp_server.hpp"
#include "support/maildev_process.hpp"
#include "support/ports.hpp"
#include "support/server_process.hpp"

namespace qself::mail {
namespace {

using namespace std::chrono_literals;
using testing::FakeSmtpServer;
using testing::MaildevProcess;

SmtpConfig local(int port) {
  SmtpConfig config;
  config.host = "127.0.0.1";
  config.port = port;
  config.timeout = 5s;
  return config;
}

Message reminder(const std::string& id = "reminder-12-2026-11-28@qself") {
  Message message;
  message.from = "qself <noreply@example.org>";
  message.to = "ada@example.org";
  message.subject = "Time to log your mood";
  message.text = "Hello Ada,\n\nhow are you today?\n";
  message.html = "<p>Hello Ada,</p>\n<p>how are you today?</p>\n";
  message.message_id = id;
  return message;
}

// Runs `action`, which must throw SmtpError, and answers it.
template <typename Action>
std::optional<SmtpError> smtp_error_of(Action&& action) {
  try {
    action();
  } catch (const SmtpError& error) {
    return error;
  }
  ADD_FAILURE() << "expected an SmtpError, nothing was thrown";
  return std::nullopt;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---- against the real maildev ----

class SmtpToMaildev : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_maildev = std::make_unique<MaildevProcess>(); }
  static void TearDownTestSuite() { s_maildev.reset(); }
  void SetUp() override { s_maildev->delete_all(); }

  static MaildevProcess& maildev() { return *s_maildev; }
  static SmtpConfig config() { return local(s_maildev->smtp_port()); }

 private:
  static inline std::unique_ptr<MaildevProcess> s_maildev;
};

TEST_F(SmtpToMaildev, DeliversSubjectBothBodiesAndMessageId) {
  Message message = reminder();
  message.subject = "Zeit für dein Stimmungs-Log 🌱";
  message.text = "Grüße, Ada!\n\nWie geht es dir heute? — 今日\n";
  message.html = "<p>Grüße, <b>Ada</b>!</p>\n<p>Wie geht es dir heute? — 今日</p>\n";
  send(config(), message);

  const auto emails = maildev().wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  const auto& email = emails[0];
  EXPECT_EQ(email["subject"], message.subject);
  EXPECT_EQ(email["text"], message.text);
  EXPECT_EQ(email["html"], message.html);
  EXPECT_EQ(email["messageId"], message.message_id);
  EXPECT_EQ(email["headers"]["message-id"], "<" + message.message_id + ">");
  EXPECT_EQ(email["to"][0]["address"], "ada@example.org");
  EXPECT_EQ(email["from"][0]["address"], "noreply@example.org");
  EXPECT_EQ(email["from"][0]["name"], "qself");
}

TEST_F(SmtpToMaildev, DeliversALongFoldedSubjectAndAnEncodedDisplayName) {
  Message message = reminder();
  message.from = "Grüße-Bot <noreply@example.org>";
  message.subject =
      "Wochenbericht: 7 Tracker, 42 Einträge, eine Serie von 12 Tagen 🌱 — 今日の記録をつけましょう、"
      "忘れずに！ Ещё немного текста";
  send(config(), message);

  const auto emails = maildev().wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["subject"], message.subject);
  EXPECT_EQ(emails[0]["from"][0]["name"], "Grüße-Bot");
}

TEST_F(SmtpToMaildev, DeliversATextOnlyMessage) {
  Message message = reminder();
  message.html.clear();
  send(config(), message);

  const auto emails = maildev().wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["text"], message.text);
  EXPECT_FALSE(emails[0].value("html", nlohmann::json()).is_string()) << "no HTML part";
}

TEST_F(SmtpToMaildev, BeforeFinalDotRunsOnceBeforeTheMessageIsVisible) {
  int calls = 0;
  std::size_t visible_during_call = 99;
  send(config(), reminder(), [&] {
    ++calls;
    visible_during_call = maildev().emails().size();
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(visible_during_call, 0u);
  EXPECT_EQ(maildev().wait_for_emails(1).size(), 1u);
}

TEST_F(SmtpToMaildev, LinesStartingWithADotArriveIntact) {
  Message message = reminder();
  message.html.clear();
  message.text = ".leading dot\n..two dots\n.\nthe line above is a lone dot\n. \nend\n";
  send(config(), message);

  const auto emails = maildev().wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["text"], message.text);
}

TEST_F(SmtpToMaildev, SendsOneConnectionPerMessage) {
  send(config(), reminder("first@qself"));
  send(config(), reminder("second@qself"));
  const auto emails = maildev().wait_for_emails(2);
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[0]["messageId"], "first@qself");
  EXPECT_EQ(emails[1]["messageId"], "second@qself");
}

// ---- failures, against the fake server ----

TEST(SmtpFailures, TransientReplyToTheFinalDotDeliversNothingAndARetrySucceeds) {
  FakeSmtpServer server(FakeSmtpServer::reply_to_data({451}));
  int calls = 0;
  const auto error = smtp_error_of([&] { send(local(server.port()), reminder(), [&] { ++calls; }); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 451);
  EXPECT_TRUE(error->transient());
  EXPECT_FALSE(error->permanent());
  EXPECT_EQ(calls, 1) << "the message was handed over before the refusal";
  EXPECT_EQ(server.message_count(), 0u);

  send(local(server.port()), reminder(), [&] { ++calls; });
  EXPECT_EQ(calls, 2);
  ASSERT_EQ(server.message_count(), 1u);
  EXPECT_TRUE(contains(server.messages()[0], "Message-ID: <reminder-12-2026-11-28@qself>\r\n"));
}

TEST(SmtpFailures, RefusedRecipientIsPermanent) {
  FakeSmtpServer server(FakeSmtpServer::reject(550));
  bool called = false;
  const auto error = smtp_error_of([&] { send(local(server.port()), reminder(), [&] { called = true; }); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 550);
  EXPECT_TRUE(error->permanent());
  EXPECT_FALSE(error->transient());
  EXPECT_FALSE(called);
  EXPECT_EQ(server.message_count(), 0u);
  EXPECT_FALSE(contains(error->what(), "ada@example.org")) << "no addresses in errors: " << error->what();
  for (const auto& command : server.commands()) EXPECT_NE(command, "DATA");
}

TEST(SmtpFailures, SilentServerTimesOut) {
  FakeSmtpServer server(FakeSmtpServer::silent());
  SmtpConfig config = local(server.port());
  config.timeout = 500ms;
  const auto started = std::chrono::steady_clock::now();
  const auto error = smtp_error_of([&] { send(config, reminder()); });
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 0);
  EXPECT_TRUE(error->transient());
  EXPECT_TRUE(contains(error->what(), "timed out")) << error->what();
  EXPECT_LT(took, 10s) << "the timeout must bound the wait";
}

TEST(SmtpFailures, ServerThatNeverAnswersTheFinalDotLeavesTheOutcomeUnknown) {
  FakeSmtpServer server(FakeSmtpServer::stall_after_data());
  SmtpConfig config = local(server.port());
  config.timeout = 500ms;
  int calls = 0;
  const auto error = smtp_error_of([&] { send(config, reminder(), [&] { ++calls; }); });
  ASSERT_TRUE(error);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(error->code(), 0) << "called, then code 0: the caller must not send it again";
  EXPECT_TRUE(contains(error->what(), "timed out")) << error->what();
}

TEST(SmtpFailures, RefusedConnectionIsTransient) {
  const qself::testing::ClosedPort closed;
  const auto error = smtp_error_of([&] { send(local(closed.port()), reminder()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 0);
  EXPECT_TRUE(error->transient());
}

TEST(SmtpFailures, FailingCallbackStopsBeforeTheFinalDotAndPropagates) {
  FakeSmtpServer server;
  EXPECT_THROW(send(local(server.port()), reminder(), [] { throw std::runtime_error("database is locked"); }),
               std::runtime_error);
  EXPECT_EQ(server.final_dots(), 0);
  EXPECT_EQ(server.message_count(), 0u);
}

TEST(SmtpFailures, InvalidMessageIsRefusedBeforeConnecting) {
  FakeSmtpServer server;
  Message message = reminder();
  message.subject = "Hi\r\nBcc: eve@example.org";
  EXPECT_THROW(send(local(server.port()), message), std::invalid_argument);
  EXPECT_TRUE(server.commands().empty());
}

TEST(SmtpFailures, StarttlsRefusedMeansNoPlainTextFallback) {
  FakeSmtpServer server;  // answers STARTTLS with 502
  SmtpConfig config = local(server.port());
  config.security = SmtpConfig::Security::starttls;
  const auto error = smtp_error_of([&] { send(config, reminder()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 502);
  EXPECT_TRUE(error->permanent());
  for (const auto& command : server.commands()) {
    EXPECT_FALSE(command.starts_with("MAIL") || command.starts_with("AUTH")) << command;
  }
}

TEST(SmtpFailures, RepliesInjectedBeforeTheTlsHandshakeAreRefused) {
  FakeSmtpServer::Script script;
  script.starttls_reply = "220 2.0.0 Ready\r\n250 injected";
  FakeSmtpServer server(script);
  SmtpConfig config = local(server.port());
  config.security = SmtpConfig::Security::starttls;
  const auto error = smtp_error_of([&] { send(config, reminder()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 0);
  EXPECT_TRUE(contains(error->what(), "before the TLS handshake")) << error->what();
}

TEST(SmtpFailures, SilentServerTimesOutDuringTheTlsHandshake) {
  FakeSmtpServer server(FakeSmtpServer::silent());
  SmtpConfig config = local(server.port());
  config.security = SmtpConfig::Security::tls;
  config.timeout = 500ms;
  const auto error = smtp_error_of([&] { send(config, reminder()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 0);
  EXPECT_TRUE(contains(error->what(), "timed out")) << error->what();
}

// ---- the dialogue ----

TEST(SmtpDialogue, UsesTheBareAddressesForTheEnvelope) {
  FakeSmtpServer server;
  send(local(server.port()), reminder());
  const auto commands = server.commands();
  ASSERT_GE(commands.size(), 4u);
  EXPECT_EQ(commands[0], "EHLO qself");
  EXPECT_EQ(commands[1], "MAIL FROM:<noreply@example.org>");
  EXPECT_EQ(commands[2], "RCPT TO:<ada@example.org>");
  EXPECT_EQ(commands[3], "DATA");
}

TEST(SmtpDialogue, AuthenticatesWithPlainWhenCredentialsAreSet) {
  FakeSmtpServer server;
  SmtpConfig config = local(server.port());
  config.username = "ada";
  config.password = "s3cret pass";
  send(config, reminder());
  const auto commands = server.commands();
  ASSERT_GE(commands.size(), 3u);
  EXPECT_EQ(commands[1], "AUTH PLAIN " + base64_encode(std::string("\0ada\0s3cret pass", 16)));
  EXPECT_TRUE(commands[2].starts_with("MAIL FROM:"));
  EXPECT_EQ(server.message_count(), 1u);
}

TEST(SmtpDialogue, DotStuffsLinesThatStartWithADot) {
  FakeSmtpServer server;
  Message message = reminder();
  message.html.clear();
  message.text = ".\n..x\n";
  send(local(server.port()), message);
  ASSERT_EQ(server.message_count(), 1u);
  EXPECT_TRUE(server.messages()[0].ends_with("\r\n\r\n.\r\n..x\r\n")) << server.messages()[0];
}

// ---- TLS, against maildev with a certificate made for the test ----

// A self-signed certificate for the name "localhost" only, made with the
// openssl tool (it comes with ca-certificates); nullopt when that is missing.
struct TestCertificate {
  std::string certificate;
  std::string key;
};

std::optional<TestCertificate> make_certificate(const std::string& dir) {
  const TestCertificate files{dir + "/cert.pem", dir + "/key.pem"};
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
      "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout " +
      files.key + " -out " + files.certificate + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) return std::nullopt;
  return files;
}

class SmtpOverTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // As qself's main does: OpenSSL writes without MSG_NOSIGNAL, and a server
    // that has already hung up must not take the test process down.
    std::signal(SIGPIPE, SIG_IGN);
    s_dir = std::make_unique<testing::TempDir>();
    s_certificate = make_certificate(s_dir->path());
    if (!s_certificate) return;
    s_maildev = std::make_unique<MaildevProcess>(std::vector<std::string>{
        "--incoming-secure", "--incoming-cert", s_certificate->certificate, "--incoming-key", s_certificate->key});
  }
  static void TearDownTestSuite() {
    s_maildev.reset();
    s_dir.reset();
  }
  void SetUp() override {
    if (!s_maildev) GTEST_SKIP() << "the openssl tool is needed to make a test certificate";
    s_maildev->delete_all();
  }

  static SmtpConfig config(const std::string& host, const std::string& ca_location) {
    SmtpConfig config = local(s_maildev->smtp_port());
    config.host = host;
    config.security = SmtpConfig::Security::tls;
    config.ca_location = ca_location;
    return config;
  }

  static inline std::unique_ptr<testing::TempDir> s_dir;
  static inline std::optional<TestCertificate> s_certificate;
  static inline std::unique_ptr<MaildevProcess> s_maildev;
};

TEST_F(SmtpOverTls, DeliversWhenTheCertificateIsTrustedAndNamesTheHost) {
  send(config("localhost", s_certificate->certificate), reminder());
  const auto emails = s_maildev->wait_for_emails(1);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0]["subject"], "Time to log your mood");
}

TEST_F(SmtpOverTls, RefusesACertificateNoTrustedAuthoritySigned) {
  const auto error = smtp_error_of([&] { send(config("localhost", "/etc/ssl/certs"), reminder()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 0);
  EXPECT_TRUE(contains(error->what(), "certificate")) << error->what();
  EXPECT_TRUE(s_maildev->emails().empty());
}

TEST_F(SmtpOverTls, RefusesATrustedCertificateForAnotherName) {
  // The certificate names "localhost", not "127.0.0.1"; the name is checked even on loopback.
  const auto error = smtp_error_of([&] { send(config("127.0.0.1", s_certificate->certificate), reminder()); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), 0);
  EXPECT_TRUE(contains(error->what(), "certificate")) << error->what();
  EXPECT_TRUE(s_maildev->emails().empty());
}

}  // namespace
}  // namespace qself::mail
