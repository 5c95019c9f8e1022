// The RFC 4180 reader the importers share, and the guard qself's CSV export
// puts on text cells (core/importers/csv.hpp).

#include "core/importers/csv.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using qself::core::importers::CsvReader;
using qself::core::importers::CsvRecord;
using qself::core::importers::guard_text_cell;
using qself::core::importers::unguard_text_cell;

namespace {

struct Row {
  std::size_t line;
  std::vector<std::string> fields;
  bool unterminated = false;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
  out << "line " << row.line << (row.unterminated ? " (unterminated)" : "") << ":";
  for (const auto& field : row.fields) out << " [" << field << "]";
  return out;
}

std::vector<Row> read_all(std::string_view text) {
  CsvReader reader(text);
  CsvRecord record;
  std::vector<Row> rows;
  while (reader.next(record)) {
    rows.push_back(
        {record.line, std::vector<std::string>(record.fields.begin(), record.fields.end()), record.unterminated});
  }
  return rows;
}

TEST(CsvReader, ReadsPlainFieldsLineByLine) {
  EXPECT_EQ(read_all("a,b,c\n1,2,3\n"), (std::vector<Row>{{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}}));
}

TEST(CsvReader, AcceptsCrLfAndALastLineWithoutLineEnd) {
  EXPECT_EQ(read_all("a,b\r\n1,2\r\n3,4"), (std::vector<Row>{{1, {"a", "b"}}, {2, {"1", "2"}}, {3, {"3", "4"}}}));
}

TEST(CsvReader, AcceptsOldMacLineEnds) { EXPECT_EQ(read_all("a\r1\r"), (std::vector<Row>{{1, {"a"}}, {2, {"1"}}})); }

TEST(CsvReader, KeepsEmptyFieldsIncludingATrailingOne) {
  EXPECT_EQ(read_all(",x,\n,\n"), (std::vector<Row>{{1, {"", "x", ""}}, {2, {"", ""}}}));
  EXPECT_EQ(read_all("a,"), (std::vector<Row>{{1, {"a", ""}}}));
}

TEST(CsvReader, ReadsQuotedFieldsWithSeparatorsDoubledQuotesAndLineBreaks) {
  const auto rows = read_all("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nnext,\"\"\n");
  EXPECT_EQ(rows, (std::vector<Row>{{1, {"a,b", "say \"hi\"", "two\r\nlines"}}, {3, {"next", ""}}}));
}

TEST(CsvReader, CountsLinesInsideQuotedFields) {
  const auto rows = read_all("h\n\"1\n2\n3\"\nlast\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 5u);
}

TEST(CsvReader, SkipsAByteOrderMark) {
  EXPECT_EQ(read_all("\xEF\xBB\xBFname,value\n"), (std::vector<Row>{{1, {"name", "value"}}}));
}

TEST(CsvReader, SkipsEmptyLinesButCountsThem) {
  EXPECT_EQ(read_all("a\n\n\r\nb\n\n"), (std::vector<Row>{{1, {"a"}}, {4, {"b"}}}));
}

TEST(CsvReader, ReportsAQuoteThatIsNeverClosed) {
  const auto rows = read_all("a,b\n1,\"open\nstill open");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (Row{2, {"1", "open\nstill open"}, true}));
}

TEST(CsvReader, KeepsTextAfterAClosingQuote) {
  EXPECT_EQ(read_all("\"ab\"cd,\"x\"\"y\"z\n"), (std::vector<Row>{{1, {"abcd", "x\"yz"}}}));
}

TEST(CsvReader, KeepsAQuoteInsideAnUnquotedField) {
  EXPECT_EQ(read_all("5'11\",b\n"), (std::vector<Row>{{1, {"5'11\"", "b"}}}));
}

TEST(CsvReader, KeepsEarlierFieldsValidWhenLaterOnesAreUnescaped) {
  // Several unescaped fields share one buffer; the first must survive the others growing it.
  std::string long_field(1000, 'x');
  const auto rows = read_all("\"a\"\"b\",\"" + long_field + "\"\"\",\"c\"\"\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a\"b", long_field + "\"", "c\""}));
}

TEST(CsvTextCell, AFormulaStartGetsAnApostropheThatReadingTakesOff) {
  for (const std::string text : {"=1+1", "+33 6 12", "-x", "@a", "\tindented", "\rback", "'quoted", "''twice", "'"}) {
    const std::string cell = guard_text_cell(text);
    EXPECT_EQ(cell, "'" + text);
    EXPECT_EQ(unguard_text_cell(cell), text) << "the round trip is exact";
  }
}

TEST(CsvTextCell, OtherTextIsWrittenAsItIs) {
  for (const std::string text : {"", "Water", "72.5", " =spaced", "a=b", "café", "1:30"}) {
    EXPECT_EQ(guard_text_cell(text), text);
    EXPECT_EQ(unguard_text_cell(text), text);
  }
}

}  // namespace
