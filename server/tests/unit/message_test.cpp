// Specifies mail/message.cpp (compose), the encodings it relies on
// (mail/encoding.cpp) and parse_smtp_url from mail/smtp_client.cpp.

#include "mail/message.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "mail/encoding.hpp"
#include "mail/smtp_client.hpp"

namespace qself::mail {
namespace {

using namespace std::chrono_literals;

// ---- decoders, written independently of the encoders under test ----

std::string base64_decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value(c);
    if (v < 0) continue;  // padding and line breaks
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string quoted_printable_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

// CRLF line breaks back to "\n", as a reader of the decoded text sees them.
std::string to_lf(std::string text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

std::string unfold(std::string value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 2, "\r\n") == 0) {
      ++i;
      continue;
    }
    out += value[i];
  }
  return out;
}

// An unfolded header value with its RFC 2047 words decoded; white space
// between two adjacent encoded words is dropped, as the RFC says.
std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  bool previous_was_word = false;
  while (pos < value.size()) {
    const auto start = value.find("=?UTF-8?B?", pos);
    if (start == std::string::npos) {
      out += value.substr(pos);
      break;
    }
    const std::string between = value.substr(pos, start - pos);
    if (!(previous_was_word && between.find_first_not_of(" \t") == std::string::npos)) out += between;
    const auto end = value.find("?=", start + 10);
    out += base64_decode(value.substr(start + 10, end - start - 10));
    pos = end + 2;
    previous_was_word = true;
  }
  return out;
}

struct Parsed {
  std::map<std::string, std::string> headers;  // raw (still folded) values
  std::string body;
};

Parsed parse(const std::string& message) {
  Parsed parsed;
  const auto blank = message.find("\r\n\r\n");
  std::string head = message.substr(0, blank + 2);
  parsed.body = message.substr(blank + 4);
  std::string name;
  std::size_t pos = 0;
  while (pos < head.size()) {
    const auto end = head.find("\r\n", pos);
    const std::string line = head.substr(pos, end - pos);
    pos = end + 2;
    if (line.starts_with(" ") || line.starts_with("\t")) {
      parsed.headers[name] += "\r\n" + line;
    } else {
      const auto colon = line.find(": ");
      name = line.substr(0, colon);
      parsed.headers[name] = line.substr(colon + 2);
    }
  }
  return parsed;
}

struct Part {
  Parsed parsed;
  std::string decoded;
};

// Splits a multipart body at `boundary`; requires the closing delimiter.
std::vector<Part> split_parts(const std::string& body, const std::string& boundary) {
  std::vector<Part> parts;
  const std::string delimiter = "--" + boundary;
  EXPECT_TRUE(body.starts_with(delimiter + "\r\n"));
  std::size_t pos = delimiter.size() + 2;
  while (true) {
    const auto next = body.find("\r\n" + delimiter, pos);
    if (next == std::string::npos) {
      ADD_FAILURE() << "no closing delimiter";
      break;
    }
    Parsed part = parse(body.substr(pos, next - pos));
    const std::string decoded = quoted_printable_decode(part.body);
    parts.push_back({part, decoded});
    pos = next + 2 + delimiter.size();
    if (body.compare(pos, 4, "--\r\n") == 0) {
      EXPECT_EQ(pos + 4, body.size()) << "text after the closing delimiter";
      break;
    }
    EXPECT_EQ(body.compare(pos, 2, "\r\n"), 0);
    pos += 2;
  }
  return parts;
}

std::string boundary_of(const std::string& content_type) {
  const auto start = content_type.find("boundary=\"");
  if (start == std::string::npos) return "";
  const auto end = content_type.find('"', start + 10);
  return content_type.substr(start + 10, end - start - 10);
}

void expect_crlf_lines_within(const std::string& message, std::size_t limit) {
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const auto byte = static_cast<unsigned char>(message[i]);
    ASSERT_LT(byte, 128) << "8-bit byte at " << i;
    if (message[i] == '\r') {
      ASSERT_TRUE(i + 1 < message.size() && message[i + 1] == '\n') << "bare CR at " << i;
    }
    if (message[i] == '\n') {
      ASSERT_TRUE(i > 0 && message[i - 1] == '\r') << "bare LF at " << i;
      EXPECT_LE(i - 1 - line_start, limit) << "long line: " << message.substr(line_start, i - 1 - line_start);
      line_start = i + 1;
    }
  }
  EXPECT_TRUE(message.ends_with("\r\n"));
}

// 2026-11-28T08:15:09Z, a Saturday.
const std::chrono::system_clock::time_point kDate =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + 8h + 15min + 9s;

Message reminder() {
  Message message;
  message.from = "qself <noreply@example.org>";
  message.to = "ada@example.org";
  message.subject = "Time to log your mood";
  message.text = "Hello Ada,\n\nhow are you today?\n";
  message.html = "<p>Hello Ada,</p>\n<p>how are you today?</p>\n";
  message.message_id = "reminder-12-2026-11-28@qself";
  return message;
}

// Expects compose to refuse the reminder once `change` has been made to it.
template <typename Change>
void refused(Change change) {
  Message message = reminder();
  change(message);
  EXPECT_THROW(compose(message, kDate), std::invalid_argument);
}

// ---- compose ----

TEST(MessageCompose, WritesTheStandardHeaders) {
  const Parsed parsed = parse(compose(reminder(), kDate));
  EXPECT_EQ(parsed.headers.at("Date"), "Sat, 28 Nov 2026 08:15:09 +0000");
  EXPECT_EQ(parsed.headers.at("From"), "qself <noreply@example.org>");
  EXPECT_EQ(parsed.headers.at("To"), "ada@example.org");
  EXPECT_EQ(parsed.headers.at("Subject"), "Time to log your mood");
  EXPECT_EQ(parsed.headers.at("Message-ID"), "<reminder-12-2026-11-28@qself>");
  EXPECT_EQ(parsed.headers.at("MIME-Version"), "1.0");
  EXPECT_EQ(parsed.headers.at("Auto-Submitted"), "auto-generated");
}

TEST(MessageCompose, FormatsSingleDigitDaysAndEveryWeekday) {
  const auto day = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1};  // a Sunday
  EXPECT_EQ(parse(compose(reminder(), day)).headers.at("Date"), "Sun, 1 Mar 2026 00:00:00 +0000");
  EXPECT_EQ(parse(compose(reminder(), day + std::chrono::days{6} + 23h + 59min + 59s)).headers.at("Date"),
            "Sat, 7 Mar 2026 23:59:59 +0000");
}

TEST(MessageCompose, UsesCrlfEverywhereAndStaysSevenBit) {
  Message message = reminder();
  message.subject = "Grüße — a subject long enough to need folding across more than one header line, surely";
  message.text =
      "Zeile eins\nline two with ünïcödé and a very long line that goes on and on well beyond the "
      "seventy-six characters that quoted-printable allows on one line\r\nend";
  message.html = "<p>" + std::string(300, 'x') + "</p>";
  expect_crlf_lines_within(compose(message, kDate), 76);
}

TEST(MessageCompose, WithHtmlIsMultipartAlternativeTextThenHtml) {
  Message message = reminder();
  message.text = "Grüße, Ada! 🌱\n\n= signs, trailing spaces   \nFrom the start\n.\n..two dots\n" +
                 std::string(200, 'y') + "\nno newline at the end";
  message.html = "<p style=\"color: red\">Grüße 🌱</p>\n<p>" + std::string(180, 'z') + "</p>\n";
  const Parsed parsed = parse(compose(message, kDate));
  const std::string content_type = parsed.headers.at("Content-Type");
  ASSERT_TRUE(content_type.starts_with("multipart/alternative;")) << content_type;
  const std::string boundary = boundary_of(content_type);
  ASSERT_FALSE(boundary.empty());

  const auto parts = split_parts(parsed.body, boundary);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].parsed.headers.at("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(parts[0].parsed.headers.at("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(to_lf(parts[0].decoded), message.text);
  EXPECT_EQ(parts[1].parsed.headers.at("Content-Type"), "text/html; charset=UTF-8");
  EXPECT_EQ(parts[1].parsed.headers.at("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(to_lf(parts[1].decoded), message.html);
}

TEST(MessageCompose, BoundaryCannotBeForgedByTheBody) {
  Message message = reminder();
  const std::string boundary = boundary_of(parse(compose(message, kDate)).headers.at("Content-Type"));
  message.text = "--" + boundary + "\nContent-Type: text/html\n\n<script></script>\n--" + boundary + "--\n";
  const Parsed parsed = parse(compose(message, kDate));
  EXPECT_EQ(boundary_of(parsed.headers.at("Content-Type")), boundary);
  const auto parts = split_parts(parsed.body, boundary);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(to_lf(parts[0].decoded), message.text);
}

TEST(MessageCompose, WithoutHtmlIsPlainText) {
  Message message = reminder();
  message.html.clear();
  const Parsed parsed = parse(compose(message, kDate));
  EXPECT_EQ(parsed.headers.at("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(parsed.headers.at("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(to_lf(quoted_printable_decode(parsed.body)), message.text);
}

TEST(MessageCompose, NonAsciiSubjectBecomesEncodedWordsThatDecodeBack) {
  Message message = reminder();
  message.subject =
      "Grüße: Zeit für dein Stimmungs-Log 🌱 — 今日の記録をつけましょう、忘れずに！ "
      "Ещё немного текста, чтобы заголовок был длинным";
  const std::string composed = compose(message, kDate);
  const std::string raw = parse(composed).headers.at("Subject");
  EXPECT_TRUE(raw.starts_with("=?UTF-8?B?")) << raw;
  EXPECT_NE(raw.find("\r\n "), std::string::npos) << "a long subject is folded";
  EXPECT_EQ(decode_words(unfold(raw)), message.subject);
  expect_crlf_lines_within(composed, 76);
}

TEST(MessageCompose, AsciiSubjectStaysReadableAndFoldsAtSpaces) {
  Message message = reminder();
  message.subject = "Your weekly summary: 7 trackers, 42 logs, a streak of 12 days and a new record for sleep";
  const std::string raw = parse(compose(message, kDate)).headers.at("Subject");
  EXPECT_NE(raw.find("\r\n "), std::string::npos);
  EXPECT_EQ(unfold(raw), message.subject);
}

TEST(MessageCompose, AsciiThatLooksLikeAnEncodedWordIsEncoded) {
  Message message = reminder();
  message.subject = "=?UTF-8?B?SGk=?= is not what it seems";
  const std::string raw = parse(compose(message, kDate)).headers.at("Subject");
  EXPECT_EQ(decode_words(unfold(raw)), message.subject);
}

TEST(MessageCompose, DisplayNamesAreQuotedOrEncodedWhenNeeded) {
  Message message = reminder();
  message.from = "noreply@example.org";
  EXPECT_EQ(parse(compose(message, kDate)).headers.at("From"), "noreply@example.org");
  message.from = "Doe, \"J\" <noreply@example.org>";
  EXPECT_EQ(parse(compose(message, kDate)).headers.at("From"), "\"Doe, \\\"J\\\"\" <noreply@example.org>");
  message.from = "Grüße-Bot <noreply@example.org>";
  const std::string raw = parse(compose(message, kDate)).headers.at("From");
  EXPECT_TRUE(raw.starts_with("=?UTF-8?B?")) << raw;
  EXPECT_EQ(decode_words(unfold(raw)), "Grüße-Bot <noreply@example.org>");
}

TEST(MessageCompose, RefusesHeaderInjection) {
  refused([](Message& m) { m.subject = "Hello\r\nBcc: victim@example.org"; });
  refused([](Message& m) { m.subject = "Hello\nBcc: victim@example.org"; });
  refused([](Message& m) { m.subject = "Hello\rBcc: victim@example.org"; });
  refused([](Message& m) { m.subject = "Grüße\r\nBcc: victim@example.org"; });
  refused([](Message& m) { m.to = "ada@example.org\r\nBcc: victim@example.org"; });
  refused([](Message& m) { m.to = "ada@example.org\n"; });
  refused([](Message& m) { m.from = "qself <noreply@example.org>\r\nBcc: victim@example.org"; });
  refused([](Message& m) { m.from = "qs\nelf <noreply@example.org>"; });
  refused([](Message& m) { m.message_id = "id@qself>\r\nBcc: victim@example.org"; });
}

TEST(MessageCompose, RefusesWhatIsNotAPlainAddressOrMessageId) {
  refused([](Message& m) { m.to = ""; });
  refused([](Message& m) { m.to = "ada"; });
  refused([](Message& m) { m.to = "Ada <ada@example.org>"; });
  refused([](Message& m) { m.to = "ada@example.org, eve@example.org"; });
  refused([](Message& m) { m.to = "adä@example.org"; });
  refused([](Message& m) { m.from = "qself <noreply@example.org"; });
  refused([](Message& m) { m.from = "qself <>"; });
  refused([](Message& m) { m.message_id = ""; });
  refused([](Message& m) { m.message_id = "no-at-sign"; });
  refused([](Message& m) { m.message_id = "<id@qself>"; });
  refused([](Message& m) { m.message_id = "id with space@qself"; });
}

TEST(MessageCompose, EnvelopeAddressIsTheAddressInsideFrom) {
  EXPECT_EQ(envelope_address("qself <noreply@example.org>"), "noreply@example.org");
  EXPECT_EQ(envelope_address("  noreply@example.org "), "noreply@example.org");
  EXPECT_THROW(envelope_address("qself"), std::invalid_argument);
}

// ---- the encodings ----

TEST(MessageEncoding, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\0user\0pass", 10)), "AHVzZXIAcGFzcw==");
}

TEST(MessageEncoding, QuotedPrintableEscapesWhatMustBeEscaped) {
  EXPECT_EQ(quoted_printable_encode("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable_encode("trailing \nspace"), "trailing=20\r\nspace");
  EXPECT_EQ(quoted_printable_encode("tab\t"), "tab=09");
  EXPECT_EQ(quoted_printable_encode("é"), "=C3=A9");
  EXPECT_EQ(quoted_printable_encode("From here\n.dot"), "=46rom here\r\n.dot");
  EXPECT_EQ(quoted_printable_encode("crlf\r\nlf\nlone\rcr"), "crlf\r\nlf\r\nlone=0Dcr");
}

TEST(MessageEncoding, QuotedPrintableSoftBreaksLongLinesWithoutSplittingEscapes) {
  const std::string text = std::string(70, 'a') + "éééééé" + std::string(100, 'b');
  const std::string encoded = quoted_printable_encode(text);
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string line = encoded.substr(start, end - start);
    EXPECT_LE(line.size(), 76u) << line;
    const auto last_escape = line.rfind('=');
    if (last_escape != std::string::npos && last_escape + 1 != line.size()) {
      EXPECT_LE(last_escape + 3, line.size()) << "escape split: " << line;
    }
    start = end + 2;
  }
  EXPECT_EQ(quoted_printable_decode(encoded), text);
}

TEST(MessageEncoding, EncodedWordsNeverSplitACharacter) {
  const std::string text = std::string(37, 'a') + "🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱";
  const std::string encoded = encode_header_text(text, 9);
  std::size_t pos = 0;
  while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const auto end = encoded.find("?=", pos + 10);
    const std::string bytes = base64_decode(encoded.substr(pos + 10, end - pos - 10));
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(static_cast<unsigned char>(bytes.front()) & 0xC0, 0x80) << "word starts inside a character";
    EXPECT_LE(end + 2 - pos, 75u) << "an encoded word is at most 75 characters";
    pos = end;
  }
  EXPECT_EQ(decode_words(unfold(encoded)), text);
}

// ---- smtp:// URLs ----

TEST(SmtpUrl, PlainSmtpDefaultsToPort25WithoutTls) {
  const SmtpConfig config = parse_smtp_url("smtp://mail.example.org");
  EXPECT_EQ(config.host, "mail.example.org");
  EXPECT_EQ(config.port, 25);
  EXPECT_EQ(config.security, SmtpConfig::Security::none);
  EXPECT_TRUE(config.username.empty());
  EXPECT_TRUE(config.password.empty());
  EXPECT_EQ(config.timeout, SmtpConfig{}.timeout);
  EXPECT_EQ(config.helo_name, "qself");
}

TEST(SmtpUrl, TakesAnExplicitPortAndATrailingSlash) {
  const SmtpConfig config = parse_smtp_url("SMTP://127.0.0.1:1025/");
  EXPECT_EQ(config.host, "127.0.0.1");
  EXPECT_EQ(config.port, 1025);
}

TEST(SmtpUrl, PercentDecodesUserAndPassword) {
  const SmtpConfig config = parse_smtp_url("smtp://us%40er%2B1:p%3Ass%2Fw%25rd%20x@mail.example.org:587?starttls=1");
  EXPECT_EQ(config.username, "us@er+1");
  EXPECT_EQ(config.password, "p:ss/w%rd x");
  EXPECT_EQ(config.host, "mail.example.org");
  EXPECT_EQ(config.port, 587);
  EXPECT_EQ(config.security, SmtpConfig::Security::starttls);
}

TEST(SmtpUrl, UserWithoutPasswordAndAnUnencodedAtInThePassword) {
  EXPECT_EQ(parse_smtp_url("smtp://apikey@mail.example.org").username, "apikey");
  const SmtpConfig config = parse_smtp_url("smtp://user:p@ss@mail.example.org");
  EXPECT_EQ(config.password, "p@ss");
  EXPECT_EQ(config.host, "mail.example.org");
}

TEST(SmtpUrl, StarttlsCanBeSpelledOutOrTurnedOff) {
  EXPECT_EQ(parse_smtp_url("smtp://h?starttls=true").security, SmtpConfig::Security::starttls);
  EXPECT_EQ(parse_smtp_url("smtp://h?starttls").security, SmtpConfig::Security::starttls);
  EXPECT_EQ(parse_smtp_url("smtp://h?starttls=0").security, SmtpConfig::Security::none);
}

TEST(SmtpUrl, SmtpsIsImplicitTlsOnPort465) {
  const SmtpConfig config = parse_smtp_url("smtps://user:secret@smtp.example.org");
  EXPECT_EQ(config.security, SmtpConfig::Security::tls);
  EXPECT_EQ(config.port, 465);
  EXPECT_EQ(parse_smtp_url("smtps://smtp.example.org:2465").port, 2465);
}

TEST(SmtpUrl, TakesAnIpv6HostInBrackets) {
  const SmtpConfig config = parse_smtp_url("smtp://[::1]:2525");
  EXPECT_EQ(config.host, "::1");
  EXPECT_EQ(config.port, 2525);
}

TEST(SmtpUrl, RefusesMalformedUrls) {
  for (const char* url : {"",
                          "mail.example.org",
                          "http://mail.example.org",
                          "smtp://",
                          "smtp://:25",
                          "smtp://host:0",
                          "smtp://host:65536",
                          "smtp://host:99999999",
                          "smtp://host:abc",
                          "smtp://host:",
                          "smtp://host/path",
                          "smtp://host#frag",
                          "smtp://host?foo=1",
                          "smtp://host?starttls=maybe",
                          "smtps://host?starttls=1",
                          "smtp://us%4ger@host",
                          "smtp://user%@host",
                          "smtp://[::1",
                          "smtp://[::1]x",
                          "smtp://[]",
                          "smtp://ho st",
                          "smtp://@host",
                          "smtp://a:b:c@host:1:2"}) {
    EXPECT_THROW(parse_smtp_url(url), std::invalid_argument) << url;
  }
}

TEST(SmtpUrl, ErrorsNeverRepeatThePassword) {
  try {
    parse_smtp_url("smtp://user:s3cr3t%zz@host");
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()).find("s3cr3t"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace qself::mail
