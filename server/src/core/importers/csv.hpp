#pragma once
// An RFC 4180 reader over text in memory: fields in quotes with doubled quotes
// and line breaks inside them, LF, CRLF or CR line ends, and a UTF-8 byte order
// mark at the start. It reads a record at a time and reuses its buffers, so a
// million rows cost no allocation per row. Also the guard qself's CSV export
// puts on text cells, which its import takes off.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qself::core::importers {

// A spreadsheet runs a cell that starts with =, +, -, @, a tab or a CR as a
// formula. qself's CSV export writes every text cell (a name, a unit, a note, a
// text value, a choice's label) that starts with one of them with an
// apostrophe in front, which spreadsheets show as text; and one that starts
// with an apostrophe gets another, so that its import drops exactly one
// leading apostrophe from such a cell and reads back the text as it was.
// Numbers (-5) are written as they are.
std::string guard_text_cell(std::string_view text);
// The text of a cell guard_text_cell wrote: without one leading apostrophe.
std::string_view unguard_text_cell(std::string_view cell);

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
