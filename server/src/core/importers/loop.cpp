// Loop Habit Tracker's CSV export: a ZIP holding Habits.csv (one row per
// habit) and a folder per habit ("001 Meditate/") whose Checkmarks.csv lists
// its days. Loop 2.3 and later write "Date,Value,Notes" with values such as
// YES_MANUAL; older versions write "date,number" without a header. Numbers
// are Loop's own fixed point: a numeric habit's 2.5 is 2500.

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <streambuf>

#include "core/errors.hpp"
#include "core/importers/common.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"

namespace qself::core::importers {
namespace {

constexpr std::string_view kHabitsFile = "Habits.csv";
constexpr std::string_view kCheckmarksFile = "Checkmarks.csv";
constexpr std::string_view kLocalHeader = "PK\x03\x04";
// A Loop export holds three files per habit; far more is an attack on memory.
constexpr std::size_t kMaxEntries = 20000;
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxDescription = 1000;
constexpr std::size_t kMaxUnit = 30;
constexpr double kFixedPoint = 1000;
constexpr int kDecimals = 3;                    // what Loop's fixed point can hold
constexpr auto kNoon = std::chrono::hours{12};  // Loop keeps days, not times

// Loop's checkmark values, in both layouts.
constexpr int kUnknown = -1;
constexpr int kNo = 0;
constexpr int kYesAuto = 1;
constexpr int kYesManual = 2;
constexpr int kSkip = 3;
constexpr int kOldSkip = -3;

ValidationError broken_zip() {
  return ValidationError("file", "is a ZIP file that cannot be read (it is damaged or uses an unsupported feature)");
}

ValidationError too_large() {
  return ValidationError("file", "unzips to more than " + std::to_string(kMaxImportBytes >> 20) + " MiB");
}

// Lets Poco read the upload where it lies, seeking included.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    // The buffer is only read: std::streambuf takes non-const pointers regardless.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }

 protected:
  pos_type seekoff(off_type offset, std::ios_base::seekdir from, std::ios_base::openmode which) override {
    if (!(which & std::ios_base::in)) return pos_type(off_type(-1));
    const off_type size = egptr() - eback();
    const off_type base = from == std::ios_base::beg ? 0 : from == std::ios_base::cur ? gptr() - eback() : size;
    const off_type target = base + offset;
    if (target < 0 || target > size) return pos_type(off_type(-1));
    setg(eback(), eback() + target, egptr());
    return pos_type(target);
  }

  pos_type seekpos(pos_type position, std::ios_base::openmode which) override {
    return seekoff(off_type(position), std::ios_base::beg, which);
  }
};

// Inflates one entry, a chunk at a time, so that a ZIP bomb stops at the limit
// instead of filling memory. `budget` is what is left of kMaxImportBytes.
std::string read_entry(std::istream& zip, const Poco::Zip::ZipLocalFileHeader& header, std::size_t& budget) {
  if (header.getUncompressedSize() > budget) throw too_large();
  zip.clear();
  Poco::Zip::ZipInputStream stream(zip, header, true);
  std::string text;
  text.reserve(static_cast<std::size_t>(header.getUncompressedSize()));
  char chunk[kChunk];
  while (stream) {
    stream.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(stream.gcount());
    if (got == 0) break;
    if (got > budget) throw too_large();
    budget -= got;
    text.append(chunk, got);
  }
  if (stream.bad()) throw broken_zip();
  if (!is_valid_utf8(text)) {
    throw ValidationError("file", "has a " + header.getFileName() + " that is not UTF-8 text");
  }
  return text;
}

std::string_view file_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The folder name Loop makes from a habit's name.
std::string sanitized(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
        c == '_' || c == '-') {
      out += c;
    }
  }
  return std::string(trim_view(std::string_view(out).substr(0, 100)));
}

std::optional<int> parse_int(std::string_view text) {
  const auto number = parse_number(text);
  if (!number || *number != static_cast<double>(static_cast<long long>(*number)) || *number < -1e9 || *number > 1e9) {
    return std::nullopt;
  }
  return static_cast<int>(*number);
}

bool is_true(std::string_view text) { return iequals(text, "true") || text == "1" || iequals(text, "yes"); }

std::string color_of(std::string_view text) {
  text = trim_view(text);
  if (text.empty() || text[0] != '#') return {};
  std::string_view hex = text.substr(1);
  if (hex.size() == 8) hex.remove_prefix(2);  // #aarrggbb: the alpha goes
  if (hex.size() != 6 ||
      !std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
    return {};
  }
  std::string color = "#";  // appended, not "#" + …: GCC 12 -O3 warns falsely (-Wrestrict) on that form
  color += to_lower(hex);
  return color;
}

Frequency frequency_of(std::optional<int> numerator, std::optional<int> denominator) {
  if (!numerator || !denominator) return Frequency::daily;
  if (*denominator == 7) return Frequency::weekly;
  if (*denominator == 30 || *denominator == 31) return Frequency::monthly;
  return Frequency::daily;
}

struct Habit {
  int position = 0;
  std::string folder_name;  // as Loop names the folder, after the position
  std::size_t tracker = 0;
};

class Reader {
 public:
  Reader(LocalZone& zone, ImportPlan& plan) : m_zone(zone), m_plan(plan) {}

  void read(std::string_view zip_bytes) {
    std::size_t entries = 0;
    for (std::size_t at = zip_bytes.find(kLocalHeader); at != std::string_view::npos;
         at = zip_bytes.find(kLocalHeader, at + kLocalHeader.size())) {
      if (++entries > kMaxEntries) throw ValidationError("file", "is a ZIP file with too many files in it");
    }
    ViewBuffer buffer(zip_bytes);
    std::istream zip(&buffer);
    const Poco::Zip::ZipArchive archive(zip);

    const Poco::Zip::ZipLocalFileHeader* habits = nullptr;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      if (!it->second.isFile() || !iequals(file_name(it->first), kHabitsFile)) continue;
      if (!habits || it->first.size() < habits->getFileName().size()) habits = &it->second;
    }
    if (!habits) {
      throw ValidationError("file", "is a ZIP file but not a Loop Habit Tracker export (it has no Habits.csv)");
    }
    const std::string& habits_path = habits->getFileName();
    const std::string root = habits_path.substr(0, habits_path.size() - kHabitsFile.size());

    std::size_t budget = kMaxImportBytes;
    read_habits(read_entry(zip, *habits, budget));

    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      const std::string& path = it->first;
      if (!it->second.isFile() || path.size() <= root.size() || path.compare(0, root.size(), root) != 0) continue;
      const std::string_view inside = std::string_view(path).substr(root.size());
      const std::size_t slash = inside.find('/');
      if (slash == std::string_view::npos || inside.substr(slash + 1) != kCheckmarksFile) continue;
      const std::string folder(inside.substr(0, slash));
      const auto habit = habit_of(folder);
      if (!habit) {
        m_plan.problems.push_back({0, folder + ": matches no habit in Habits.csv"});
        continue;
      }
      read_checkmarks(read_entry(zip, it->second, budget), folder, m_habits[*habit]);
    }
  }

 private:
  void problem(std::size_t line, std::string reason) { m_plan.problems.push_back({line, std::move(reason)}); }

  void read_habits(std::string_view text) {
    CsvReader csv(text);
    CsvRecord record;
    if (!csv.next(record)) throw ValidationError("file", "has an empty Habits.csv");
    const Columns columns(record);
    const auto name_column = columns.find("name");
    if (!name_column) throw ValidationError("file", "has a Habits.csv without a Name column");
    const auto column = [&](std::initializer_list<std::string_view> names) -> std::optional<std::size_t> {
      for (const auto name : names) {
        if (const auto found = columns.find(name)) return found;
      }
      return std::nullopt;
    };
    const auto position = column({"position"});
    const auto type = column({"type"});
    const auto question = column({"question"});
    const auto description = column({"description"});
    const auto numerator = column({"frequencynumerator", "numrepetitions"});
    const auto denominator = column({"frequencydenominator", "interval"});
    const auto color = column({"color"});
    const auto unit = column({"unit"});
    const auto target_type = column({"target type"});
    const auto target_value = column({"target value"});
    const auto archived = column({"archived?", "archived"});

    while (csv.next(record)) {
      const auto problem_here = [&](const std::string& reason) { problem(record.line, "Habits.csv: " + reason); };
      if (record.unterminated) {
        problem_here("a quoted field is never closed");
        continue;
      }
      if (record.fields.size() != columns.count()) {
        problem_here(column_count_problem(columns.count(), record.fields.size()));
        continue;
      }
      const auto field = [&](std::optional<std::size_t> index) {
        return index ? trim_view(record.fields[*index]) : std::string_view();
      };
      const std::string_view name = field(name_column);
      if (name.empty()) {
        problem_here("a habit has no name");
        continue;
      }
      if (const auto wrong = name_problem(name)) {
        problem_here("habit " + in_quotes(name) + ": the name " + *wrong);
        continue;
      }
      Tracker tracker;
      tracker.name = truncate_utf8(name, kMaxName);
      const std::string_view kind = field(type);
      if (kind.empty() || iequals(kind, "YES_NO") || kind == "0") {
        tracker.type = TrackerType::boolean;
      } else if (iequals(kind, "NUMERICAL") || kind == "1") {
        tracker.type = TrackerType::numeric;
        tracker.options.decimals = kDecimals;
        tracker.unit = truncate_utf8(field(unit), kMaxUnit);
        const std::string_view op = field(target_type);
        const auto value = parse_number(field(target_value));
        std::optional<TargetOp> target_op;
        if (iequals(op, "AT_LEAST") || op == "0") target_op = TargetOp::at_least;
        if (iequals(op, "AT_MOST") || op == "1") target_op = TargetOp::at_most;
        if (target_op && value && *value >= 0) tracker.target = Target{*target_op, *value, Aggregate::sum, {}};
      } else {
        problem_here("habit " + in_quotes(name) + " has type " + in_quotes(kind) + ", not YES_NO or NUMERICAL");
        continue;
      }
      std::string about(field(question));
      const std::string_view more = field(description);
      if (!more.empty()) {
        if (!about.empty()) about += '\n';  // appended piecewise: GCC 12 -O3 warns falsely (-Wrestrict) on a + chain
        about += more;
      }
      tracker.description = truncate_utf8(about, kMaxDescription);
      const auto times = parse_int(field(numerator));
      tracker.frequency = frequency_of(times, parse_int(field(denominator)));
      if (tracker.type == TrackerType::boolean && times && *times > 1 && tracker.frequency != Frequency::daily) {
        // "3 times a week", checked off day by day: a daily habit with a weekly goal.
        tracker.target = Target{TargetOp::at_least, static_cast<double>(*times), Aggregate::sum, tracker.frequency};
        tracker.frequency = Frequency::daily;
      }
      tracker.color = color_of(field(color));
      tracker.archived = is_true(field(archived));

      Habit habit;
      habit.position = position ? parse_int(field(position)).value_or(0) : static_cast<int>(m_habits.size() + 1);
      habit.folder_name = sanitized(name);
      habit.tracker = m_plan.trackers.size();
      m_plan.trackers.push_back({std::move(tracker)});
      m_habits.push_back(std::move(habit));
    }
  }

  // Folders are named "NNN Name" after the habit's position; the name is the
  // fallback for files whose positions were renumbered.
  std::optional<std::size_t> habit_of(std::string_view folder) const {
    std::size_t digits = 0;
    while (digits < folder.size() && folder[digits] >= '0' && folder[digits] <= '9') ++digits;
    std::string_view name = folder;
    if (digits > 0 && digits <= 9 && (digits == folder.size() || folder[digits] == ' ')) {
      const int number = std::stoi(std::string(folder.substr(0, digits)));
      for (std::size_t i = 0; i < m_habits.size(); ++i) {
        if (m_habits[i].position == number) return i;
      }
      name = trim_view(folder.substr(digits));
    }
    for (std::size_t i = 0; i < m_habits.size(); ++i) {
      if (m_habits[i].folder_name == name) return i;
    }
    return std::nullopt;
  }

  // A Loop value as a raw number: the words of 2.3+ or the numbers before it.
  static std::optional<int> raw_value(std::string_view text) {
    if (iequals(text, "YES_MANUAL")) return kYesManual;
    if (iequals(text, "YES_AUTO")) return kYesAuto;
    if (iequals(text, "NO")) return kNo;
    if (iequals(text, "SKIP")) return kSkip;
    if (iequals(text, "UNKNOWN")) return kUnknown;
    return parse_int(text);
  }

  void read_checkmarks(std::string_view text, const std::string& folder, const Habit& habit) {
    const TrackerType type = m_plan.trackers[habit.tracker].definition.type;
    const std::string where = folder + "/" + std::string(kCheckmarksFile) + ": ";
    CsvReader csv(text);
    CsvRecord record;
    bool first = true;
    std::size_t columns = 2;
    std::optional<std::size_t> notes;
    while (csv.next(record)) {
      if (first) {
        first = false;
        if (!record.fields.empty() && iequals(trim_view(record.fields[0]), "date")) {
          const Columns header(record);
          columns = header.count();
          notes = header.find("notes");
          continue;
        }
      }
      if (record.unterminated) {
        problem(record.line, where + "a quoted field is never closed");
        continue;
      }
      if (record.fields.size() != columns) {
        problem(record.line, where + column_count_problem(columns, record.fields.size()));
        continue;
      }
      const auto day = parse_date(record.fields[0]);
      if (!day) {
        problem(record.line, where + "date " + in_quotes(record.fields[0]) + " is not a date");
        continue;
      }
      const std::string_view text_value = trim_view(record.fields[1]);
      const auto raw = raw_value(text_value);
      if (!raw) {
        problem(record.line, where + "value " + in_quotes(text_value) + " is not a Loop checkmark");
        continue;
      }
      NaturalValue value;
      if (type == TrackerType::boolean) {
        // Only what the user marked counts: Loop's own "auto" days and skips are not logs.
        if (*raw == kYesManual) {
          value = true;
        } else if (*raw == kNo) {
          value = false;
        } else if (*raw == kYesAuto || *raw == kSkip || *raw == kOldSkip || *raw == kUnknown) {
          continue;
        } else {
          problem(record.line, where + "value " + in_quotes(text_value) + " is not a Loop checkmark");
          continue;
        }
      } else {
        // The words of 2.3+ stand for the raw numbers they equal, but unknown and skipped days hold no value.
        if (*raw == kUnknown || iequals(text_value, "SKIP")) continue;
        value = *raw / kFixedPoint;
      }
      std::string note = notes ? std::string(record.fields[*notes]) : std::string();
      m_plan.logs.push_back({habit.tracker, m_zone.at(*day + kNoon), std::move(value), std::move(note), record.line});
    }
  }

  LocalZone& m_zone;
  ImportPlan& m_plan;
  std::vector<Habit> m_habits;
};

}  // namespace

void parse_loop(std::string_view zip, LocalZone& zone, ImportPlan& plan) {
  try {
    Reader(zone, plan).read(zip);
  } catch (const qself::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const Poco::Exception&) {
    throw broken_zip();
  } catch (const std::exception&) {
    throw broken_zip();
  }
}

}  // namespace qself::core::importers
