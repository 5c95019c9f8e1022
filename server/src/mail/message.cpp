#include "mail/message.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include "mail/encoding.hpp"

namespace qself::mail {
namespace {

constexpr std::string_view kAddressSpecials = "<>()[]\\,;:\"@";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_visible_ascii(char c) { return c >= 33 && c <= 126; }

// A plain ASCII addr-spec, local@domain, without quoting or comments: all
// qself ever sends to or from. Internationalised addresses would need SMTPUTF8.
void check_address(std::string_view address, std::string_view what) {
  const auto at = address.find('@');
  bool plausible =
      !address.empty() && address.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < address.size();
  for (std::size_t i = 0; plausible && i < address.size(); ++i) {
    const char c = address[i];
    plausible = is_visible_ascii(c) && (i == at || kAddressSpecials.find(c) == std::string_view::npos);
  }
  if (!plausible) throw std::invalid_argument("mail: " + std::string(what) + " is not a plain email address");
}

bool is_atext_phrase(std::string_view name) {
  static constexpr std::string_view kAtextSymbols = "!#$%&'*+-/=?^_`{|}~ ";
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && kAtextSymbols.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

struct Mailbox {
  std::string_view name;
  std::string_view address;
};

Mailbox parse_mailbox(std::string_view from) {
  from = trim(from);
  const auto open = from.find('<');
  if (open == std::string_view::npos) {
    check_address(from, "from");
    return {{}, from};
  }
  if (!from.ends_with('>')) throw std::invalid_argument("mail: from must be \"Name <address>\" or an address");
  const Mailbox mailbox{trim(from.substr(0, open)), from.substr(open + 1, from.size() - open - 2)};
  check_address(mailbox.address, "from");
  return mailbox;
}

// A display name as an atom phrase when it is one, a quoted string when it is
// other ASCII, and encoded words otherwise.
std::string format_display_name(std::string_view name, std::size_t used) {
  if (!is_ascii(name) || name.find("=?") != std::string_view::npos || is_atext_phrase(name)) {
    return encode_header_text(name, used);
  }
  check_header_text(name);
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void check_message_id(std::string_view id) {
  const auto at = id.find('@');
  bool plausible = !id.empty() && id.size() <= 900 && at != std::string_view::npos && at > 0 && at + 1 < id.size();
  for (const char c : id) {
    plausible = plausible && is_visible_ascii(c) && c != '<' && c != '>';
  }
  if (!plausible) throw std::invalid_argument("mail: message_id must look like left@right, without <> or spaces");
}

// RFC 5322 date-time in UTC, spelled out here rather than with strftime so
// that no locale can change the day and month names.
std::string format_date(std::chrono::system_clock::time_point date) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto seconds = std::chrono::floor<std::chrono::seconds>(date);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %u %s %d %02d:%02d:%02d +0000",
                kDays[std::chrono::weekday{day}.c_encoding()], unsigned(ymd.day()), kMonths[unsigned(ymd.month()) - 1],
                int(ymd.year()), int(time.hours().count()), int(time.minutes().count()), int(time.seconds().count()));
  return buffer;
}

// The multipart boundary. Quoted-printable writes every "=" as "=3D", so a
// body can never contain "=_" and a boundary starting with it cannot collide
// with body text; the hash only makes it differ between messages.
std::string boundary_for(std::string_view message_id) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (const char c : message_id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "=_qself_%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

void append_part_headers(std::string& out, std::string_view type) {
  append_header(out, "Content-Type", std::string(type) + "; charset=UTF-8");
  append_header(out, "Content-Transfer-Encoding", "quoted-printable");
}

}  // namespace

std::string envelope_address(const std::string& from) { return std::string(parse_mailbox(from).address); }

std::string compose(const Message& message, std::chrono::system_clock::time_point date) {
  const Mailbox from = parse_mailbox(message.from);
  check_address(message.to, "to");
  check_message_id(message.message_id);

  std::string out;
  out.reserve(1024 + 2 * (message.text.size() + message.html.size()));
  append_header(out, "Date", format_date(date));
  if (from.name.empty()) {
    append_header(out, "From", from.address);
  } else {
    constexpr std::size_t kUsed = std::string_view("From: ").size();
    append_header(out, "From", format_display_name(from.name, kUsed) + " <" + std::string(from.address) + ">");
  }
  append_header(out, "To", message.to);
  append_header(out, "Subject", encode_header_text(message.subject, std::string_view("Subject: ").size()));
  append_header(out, "Message-ID", "<" + message.message_id + ">");
  append_header(out, "MIME-Version", "1.0");
  append_header(out, "Auto-Submitted", "auto-generated");

  if (message.html.empty()) {
    append_part_headers(out, "text/plain");
    out += "\r\n";
    out += quoted_printable_encode(message.text);
    if (!out.ends_with("\r\n")) out += "\r\n";
    return out;
  }
  const std::string boundary = boundary_for(message.message_id);
  append_header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  out += "\r\n";
  // The CRLF before each "--boundary" belongs to the delimiter, so each body
  // decodes back to exactly the text it was made from.
  out += "--" + boundary + "\r\n";
  append_part_headers(out, "text/plain");
  out += "\r\n";
  out += quoted_printable_encode(message.text);
  out += "\r\n--" + boundary + "\r\n";
  append_part_headers(out, "text/html");
  out += "\r\n";
  out += quoted_printable_encode(message.html);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace qself::mail
