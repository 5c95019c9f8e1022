#include "support/yaml_reader.hpp"

#include <fstream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <utility>
#include <vector>

namespace qself::testing {
namespace {

using nlohmann::json;

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool is_sequence_item(const std::string& text) { return text == "-" || text.rfind("- ", 0) == 0; }

void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// A quoted scalar starting at text[0]; `end` is set past its closing quote.
std::string unquote(const std::string& text, std::size_t& end) {
  const char quote = text[0];
  std::string out;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == '\'') {
      if (c != '\'') {
        out += c;
      } else if (i + 1 < text.size() && text[i + 1] == '\'') {
        out += '\'';
        ++i;
      } else {
        end = i + 1;
        return out;
      }
    } else if (c == '"') {
      end = i + 1;
      return out;
    } else if (c != '\\' || i + 1 == text.size()) {
      out += c;
    } else {
      const char escape = text[++i];
      const std::size_t digits = escape == 'x' ? 2 : escape == 'u' ? 4 : escape == 'U' ? 8 : 0;
      if (digits) {
        append_utf8(out, std::stoul(text.substr(i + 1, digits), nullptr, 16));
        i += digits;
      } else {
        out += escape == 'n' ? '\n' : escape == 't' ? '\t' : escape == '0' ? '\0' : escape;
      }
    }
  }
  throw std::runtime_error("unterminated quoted scalar: " + text);
}

json plain_scalar(const std::string& text) {
  static const std::regex kInteger("[-+]?[0-9]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (std::regex_match(text, kInteger)) return std::stoll(text);
  if (std::regex_match(text, kFloat)) return std::stod(text);
  return text;
}

// A plain scalar ends at " #", a comment.
std::string without_comment(const std::string& text) {
  const auto hash = text.find(" #");
  return trim(hash == std::string::npos ? text : text.substr(0, hash));
}

json scalar(const std::string& text) {
  if (!text.empty() && (text[0] == '\'' || text[0] == '"')) {
    std::size_t end = 0;
    auto value = unquote(text, end);
    if (const auto rest = trim(text.substr(end)); !rest.empty() && rest[0] != '#') {
      throw std::runtime_error("text after a quoted scalar: " + text);
    }
    return value;
  }
  return plain_scalar(without_comment(text));
}

// Splits "a, 'b, c', [d]" at the top-level commas.
std::vector<std::string> split_flow(const std::string& inner) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (const char c : inner) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if ((c == '\'' || c == '"') && trim(current).empty()) {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.push_back(trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!trim(current).empty()) items.push_back(trim(current));
  return items;
}

// "key: rest", "'key': rest" or "key:" — the key and what follows it, if `text` is a mapping entry.
std::optional<std::pair<std::string, std::string>> split_key(const std::string& text) {
  if (text.empty() || text[0] == '[' || text[0] == '{') return std::nullopt;
  if (text[0] == '\'' || text[0] == '"') {
    std::size_t end = 0;
    auto key = unquote(text, end);
    if (end < text.size() && text[end] == ':' && (end + 1 == text.size() || text[end + 1] == ' ')) {
      return std::make_pair(std::move(key), trim(text.substr(end + 1)));
    }
    return std::nullopt;
  }
  const auto colon = text.find(": ");
  if (colon != std::string::npos) return std::make_pair(trim(text.substr(0, colon)), trim(text.substr(colon + 2)));
  if (text.back() == ':') return std::make_pair(trim(text.substr(0, text.size() - 1)), std::string());
  return std::nullopt;
}

json flow(const std::string& text) {
  const std::string body = without_comment(text);
  const char close = body[0] == '[' ? ']' : '}';
  if (body.back() != close) throw std::runtime_error("a flow collection must end on its line: " + text);
  const auto items = split_flow(body.substr(1, body.size() - 2));
  json out = close == ']' ? json::array() : json::object();
  for (const auto& item : items) {
    if (close == ']') {
      out.push_back(item[0] == '[' || item[0] == '{' ? flow(item) : scalar(item));
    } else if (const auto entry = split_key(item)) {
      out[entry->first] = scalar(entry->second);
    } else {
      throw std::runtime_error("not a key: value pair: " + item);
    }
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::istream& in) {
    for (std::string line; std::getline(in, line);) m_lines.push_back(line);
  }

  json document() {
    skip_blank();
    if (at_end()) return nullptr;
    auto out = block(indent());
    skip_blank();
    if (!at_end()) fail("unexpected indentation");
    return out;
  }

 private:
  std::vector<std::string> m_lines;
  std::size_t m_at = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("YAML line " + std::to_string(m_at + 1) + ": " + what);
  }
  bool at_end() const { return m_at >= m_lines.size(); }
  static bool blank(const std::string& line) {
    const auto first = line.find_first_not_of(" \t\r");
    return first == std::string::npos || line[first] == '#';
  }
  void skip_blank() {
    while (!at_end() && blank(m_lines[m_at])) ++m_at;
  }
  int indent() const { return static_cast<int>(m_lines[m_at].find_first_not_of(' ')); }
  std::string text() const { return trim(m_lines[m_at]); }

  json block(int at) { return is_sequence_item(text()) ? sequence(at) : mapping(at); }

  json mapping(int at) {
    json out = json::object();
    for (skip_blank(); !at_end() && indent() == at && !is_sequence_item(text()); skip_blank()) {
      auto entry = split_key(text());
      if (!entry) fail("expected key: value");
      ++m_at;
      out[entry->first] = value(entry->second, at);
    }
    if (!at_end() && indent() > at) fail("unexpected indentation");
    return out;
  }

  json sequence(int at) {
    json out = json::array();
    for (skip_blank(); !at_end() && indent() == at && is_sequence_item(text()); skip_blank()) {
      const auto rest = trim(text().substr(1));
      if (!rest.empty() && split_key(rest)) {
        // "- key: value": a mapping whose keys line up with `key`.
        m_lines[m_at][at] = ' ';
        out.push_back(mapping(indent()));
      } else {
        ++m_at;
        out.push_back(value(rest, at));
      }
    }
    if (!at_end() && indent() > at) fail("unexpected indentation");
    return out;
  }

  // What follows "key:" or "-" on a line of indentation `at`, and the lines that belong to it.
  json value(const std::string& rest, int at) {
    if (rest.empty()) {
      skip_blank();
      if (!at_end() && (indent() > at || (indent() == at && is_sequence_item(text())))) return block(indent());
      return nullptr;
    }
    if (rest[0] == '|' || rest[0] == '>') return block_scalar(rest, at);
    if (rest[0] == '[' || rest[0] == '{') return flow(rest);
    if (rest[0] == '\'' || rest[0] == '"') return scalar(rest);
    // A plain scalar may go on over more deeply indented lines, folded with spaces.
    std::string text = without_comment(rest);
    for (skip_blank(); !at_end() && indent() > at; skip_blank()) {
      text += ' ' + without_comment(this->text());
      ++m_at;
    }
    return plain_scalar(text);
  }

  json block_scalar(const std::string& header, int at) {
    const bool literal = header[0] == '|';
    const char chomp = header.find('-') != std::string::npos ? '-' : header.find('+') != std::string::npos ? '+' : 0;
    std::vector<std::string> lines;
    int content_indent = -1;
    for (; !at_end(); ++m_at) {
      const auto& line = m_lines[m_at];
      if (trim(line).empty()) {
        lines.emplace_back();
        continue;
      }
      const int indentation = static_cast<int>(line.find_first_not_of(' '));
      if (indentation <= at) break;
      if (content_indent < 0) content_indent = indentation;
      lines.push_back(line.substr(std::min<std::size_t>(content_indent, line.size())));
    }
    std::size_t trailing = 0;
    while (!lines.empty() && lines.back().empty()) {
      lines.pop_back();
      ++trailing;
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) {
        const bool folds =
            !literal && !lines[i].empty() && !lines[i - 1].empty() && lines[i][0] != ' ' && lines[i - 1][0] != ' ';
        if (folds) {
          out += ' ';
        } else if (literal || !lines[i].empty() || lines[i - 1].empty()) {
          out += '\n';
        }
      }
      out += lines[i];
    }
    if (chomp != '-' && !lines.empty()) out += '\n';
    if (chomp == '+') out.append(trailing, '\n');
    return out;
  }
};

}  // namespace

json read_yaml(std::istream& in) { return Reader(in).document(); }

json read_yaml_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return read_yaml(in);
}

}  // namespace qself::testing
