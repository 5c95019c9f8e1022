#include "mail/encoding.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace qself::mail {
namespace {

// RFC 2045 and RFC 2047 both cap encoded lines at 76 characters.
constexpr std::size_t kMaxLine = 76;
constexpr std::string_view kHex = "0123456789ABCDEF";
constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";

void append_escaped(std::string& out, unsigned char byte) {
  out += '=';
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

// The quoted-printable form of one line (without its line break), with soft
// line breaks ("=" at the end of a line) keeping every line within kMaxLine.
void append_quoted_printable_line(std::string& out, std::string_view line) {
  std::size_t line_length = 0;
  const bool from_line = line.starts_with("From ");
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    std::string token;
    // Trailing white space would be stripped in transit, so it is escaped.
    const bool literal = (byte >= 33 && byte <= 126 && byte != '=' && !(from_line && i == 0)) ||
                         ((byte == ' ' || byte == '\t') && !last);
    if (literal) {
      token = static_cast<char>(byte);
    } else {
      append_escaped(token, byte);
    }
    // The last token may use the whole line; any other must leave room for the "=" of a soft break.
    const std::size_t limit = last ? kMaxLine : kMaxLine - 1;
    if (line_length + token.size() > limit) {
      out += "=\r\n";
      line_length = 0;
    }
    out += token;
    line_length += token.size();
  }
}

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;  // a stray continuation byte or invalid lead: carried alone
}

bool needs_encoded_words(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  // Text that looks like an encoded word would be decoded by the reader.
  if (text.find("=?") != std::string_view::npos) return true;
  // A run without spaces cannot be folded; past a point it would break the
  // 998-character hard limit of a header line, while encoded words split anywhere.
  std::size_t run = 0;
  for (const char c : text) {
    run = c == ' ' ? 0 : run + 1;
    if (run > 900) return true;
  }
  return false;
}

// Folds printable ASCII before spaces; unfolding (removing the CRLF) gives the text back.
std::string fold_plain(std::string_view text, std::size_t used) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    // Fold only before a space followed by something visible, so that no
    // continuation line is white space alone.
    if (text[i] == ' ' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\t') {
      segments.push_back(text.substr(start, i - start));
      start = i;
    }
  }
  if (start < text.size()) segments.push_back(text.substr(start));
  std::string out;
  std::size_t line_length = used;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0 && line_length + segments[i].size() > kMaxLine) {
      out += "\r\n";
      line_length = 0;
    }
    out += segments[i];
    line_length += segments[i].size();
  }
  return out;
}

// The most bytes of text one encoded word may carry on a line with `room` characters.
std::size_t word_capacity(std::size_t room) {
  const std::size_t overhead = kWordStart.size() + kWordEnd.size();
  const std::size_t payload = room > overhead + 16 ? room - overhead : 16;
  return payload / 4 * 3;
}

std::string encode_words(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t capacity = word_capacity(kMaxLine > used ? kMaxLine - used : 0);
  std::size_t chunk_start = 0;
  std::size_t pos = 0;
  auto flush = [&](std::size_t end) {
    if (!out.empty()) out += "\r\n ";
    out += kWordStart;
    out += base64_encode(text.substr(chunk_start, end - chunk_start));
    out += kWordEnd;
    chunk_start = end;
    capacity = word_capacity(kMaxLine - 1);  // continuation lines start with a space
  };
  while (pos < text.size()) {
    const std::size_t length = std::min(utf8_sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
    if (pos + length - chunk_start > capacity) flush(pos);
    pos += length;
  }
  if (pos > chunk_start) flush(pos);
  return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned group = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[group >> 18];
    out += kAlphabet[(group >> 12) & 0x3F];
    out += kAlphabet[(group >> 6) & 0x3F];
    out += kAlphabet[group & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned group = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[group >> 18];
    out += kAlphabet[(group >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(group >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string quoted_printable_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = text.find('\n', start);
    std::string_view line =
        text.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
    if (newline != std::string_view::npos && line.ends_with('\r')) line.remove_suffix(1);
    append_quoted_printable_line(out, line);
    if (newline == std::string_view::npos) break;
    out += "\r\n";
    start = newline + 1;
  }
  return out;
}

void check_header_text(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
      throw std::invalid_argument("mail: header text must not contain line breaks or control characters");
    }
  }
}

std::string encode_header_text(std::string_view text, std::size_t used) {
  check_header_text(text);
  return needs_encoded_words(text) ? encode_words(text, used) : fold_plain(text, used);
}

}  // namespace qself::mail
