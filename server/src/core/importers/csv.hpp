#pragma once
// An RFC 4180 reader over text in memory: fields in quotes with doubled quotes
// and line breaks inside them, LF, CRLF or CR line ends, and a UTF-8 byte order
// mark at the start. It reads a record at a time and reuses its buffers, so a
// million rows cost no allocation per row.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qself::core::importers {

struct CsvRecord {
  std::size_t line = 0;                  // the 1-based line the record starts on
  std::vector<std::string_view> fields;  // valid until the reader's next read
  bool unterminated = false;             // a quoted field ran to the end of the text
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Reads the next record into `record`, skipping empty lines. Answers false
  // at the end of the text. Never throws on malformed text: an unclosed quote
  // is reported on the record, and text after a closing quote is kept.
  bool next(CsvRecord& record);

 private:
  // Where a field's text is: in the input, or in m_unescaped when it held "".
  struct Span {
    bool unescaped = false;
    std::size_t begin = 0;
    std::size_t size = 0;
  };

  Span read_quoted(bool& unterminated);
  Span read_plain();

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::string m_unescaped;
  std::vector<Span> m_spans;
};

}  // namespace qself::core::importers
