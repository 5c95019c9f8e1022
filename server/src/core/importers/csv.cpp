#include "core/importers/csv.hpp"

namespace qself::core::importers {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Line breaks inside a piece of text: LF, CRLF and a lone CR each count once.
std::size_t count_breaks(std::string_view text) {
  std::size_t breaks = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++breaks;
    } else if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      ++breaks;
    }
  }
  return breaks;
}

bool ends_field(char c) { return c == ',' || c == '\n' || c == '\r'; }

}  // namespace

std::string guard_text_cell(std::string_view text) {
  const bool guarded = !text.empty() && std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos;
  std::string cell;
  cell.reserve(text.size() + 1);
  if (guarded) cell.push_back('\'');
  cell.append(text);  // (not "'" + std::string(text): g++ -O3 warns on that, wrongly)
  return cell;
}

std::string_view unguard_text_cell(std::string_view cell) {
  if (!cell.empty() && cell.front() == '\'') cell.remove_prefix(1);
  return cell;
}

CsvReader::CsvReader(std::string_view text) : m_text(text) {
  if (m_text.substr(0, kBom.size()) == kBom) m_text.remove_prefix(kBom.size());
}

CsvReader::Span CsvReader::read_plain() {
  const char* const data = m_text.data();
  const std::size_t size = m_text.size();
  std::size_t end = m_pos;
  while (end < size && !ends_field(data[end])) ++end;
  const Span span{false, m_pos, end - m_pos};
  m_pos = end;
  return span;
}

CsvReader::Span CsvReader::read_quoted(bool& unterminated) {
  ++m_pos;  // the opening quote
  const std::size_t start = m_pos;
  bool unescaped = false;
  std::size_t unescaped_begin = 0;
  const auto start_unescaping = [&](std::size_t upto) {
    if (unescaped) return;
    unescaped = true;
    unescaped_begin = m_unescaped.size();
    m_unescaped.append(m_text.substr(start, upto - start));
  };

  std::size_t closing = std::string_view::npos;
  for (;;) {
    const std::size_t quote = m_text.find('"', m_pos);
    if (quote == std::string_view::npos) {
      // No closing quote: the field is the rest of the text.
      m_line += count_breaks(m_text.substr(m_pos));
      if (unescaped) m_unescaped.append(m_text.substr(m_pos));
      closing = m_text.size();
      m_pos = m_text.size();
      unterminated = true;
      break;
    }
    m_line += count_breaks(m_text.substr(m_pos, quote - m_pos));
    if (quote + 1 < m_text.size() && m_text[quote + 1] == '"') {
      start_unescaping(m_pos);
      m_unescaped.append(m_text.substr(m_pos, quote + 1 - m_pos));  // keeps one of the two quotes
      m_pos = quote + 2;
      continue;
    }
    if (unescaped) m_unescaped.append(m_text.substr(m_pos, quote - m_pos));
    closing = quote;
    m_pos = quote + 1;
    break;
  }

  // Text between the closing quote and the separator is not RFC 4180, but
  // spreadsheets write it; it is kept rather than lost.
  std::size_t tail_end = m_pos;
  while (tail_end < m_text.size() && !ends_field(m_text[tail_end])) ++tail_end;
  if (tail_end > m_pos) {
    start_unescaping(closing);
    m_unescaped.append(m_text.substr(m_pos, tail_end - m_pos));
    m_pos = tail_end;
  }
  if (unescaped) return Span{true, unescaped_begin, m_unescaped.size() - unescaped_begin};
  return Span{false, start, closing - start};
}

bool CsvReader::next(CsvRecord& record) {
  const std::size_t size = m_text.size();
  while (m_pos < size && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
    if (m_text[m_pos] == '\r' && m_pos + 1 < size && m_text[m_pos + 1] == '\n') ++m_pos;
    ++m_pos;
    ++m_line;
  }
  if (m_pos >= size) return false;

  record.line = m_line;
  record.unterminated = false;
  m_spans.clear();
  m_unescaped.clear();
  for (;;) {
    m_spans.push_back(m_pos < size && m_text[m_pos] == '"' ? read_quoted(record.unterminated) : read_plain());
    if (m_pos >= size) break;
    const char c = m_text[m_pos++];
    if (c == ',') continue;
    if (c == '\r' && m_pos < size && m_text[m_pos] == '\n') ++m_pos;
    ++m_line;
    break;
  }

  record.fields.clear();
  for (const Span& span : m_spans) {
    const char* base = span.unescaped ? m_unescaped.data() : m_text.data();
    record.fields.emplace_back(base + span.begin, span.size);
  }
  return true;
}

}  // namespace qself::core::importers
