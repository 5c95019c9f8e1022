#include "core/insights.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>

#include "core/statistics.hpp"
#include "core/values.hpp"

namespace qself::core {
namespace {

namespace st = statistics;

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kNotFound = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kTrendMinPeriods = 10;
constexpr std::array<int, 2> kTrendWindows = {30, 90};
constexpr std::size_t kFifths = 5;

bool has(double value) { return !std::isnan(value); }

// The unit a tracker's values are compared in: an hourly tracker's days.
Frequency unit_of(const Tracker& tracker) {
  return tracker.frequency == Frequency::hourly ? Frequency::daily : tracker.frequency;
}
std::size_t rank_of(Frequency unit) { return static_cast<std::size_t>(unit); }

// The periods of one unit in the window, oldest first, and which of them
// hold a log of any tracker.
struct Grid {
  Frequency unit = Frequency::daily;
  std::vector<Period> periods;
  std::vector<bool> active;
  std::vector<std::uint8_t> weekdays;  // days only: ISO weekday, 1 Monday … 7 Sunday

  std::size_t index_of(Timestamp start) const {
    const auto found = std::lower_bound(periods.begin(), periods.end(), start,
                                        [](const Period& period, Timestamp at) { return period.start < at; });
    if (found == periods.end() || found->start != start) return kNotFound;
    return static_cast<std::size_t>(found - periods.begin());
  }
};

// One tracker's values per period of a grid (NaN: none); for a choice
// tracker, one of these per choice (1: logged in the period, 0: another was).
struct Series {
  const Tracker* tracker = nullptr;
  std::optional<std::int64_t> choice_id;
  bool binary = false;  // yes/no values
  std::string label;    // what 1 means: "Yes", or the choice's label
  std::vector<double> values;
  std::vector<std::uint32_t> order;  // the periods with a value, by value, ties by period
  std::size_t ones = 0;              // binary: periods with 1

  std::size_t count() const { return order.size(); }
  bool comparable() const {
    if (count() < kInsightMinPeriods) return false;
    return !binary || (ones >= kInsightMinGroup && count() - ones >= kInsightMinGroup);
  }
  void finish() {
    order.clear();
    ones = 0;
    for (std::uint32_t i = 0; i < values.size(); ++i) {
      if (!has(values[i])) continue;
      order.push_back(i);
      if (values[i] == 1) ++ones;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; });
  }
};

bool is_number(TrackerType type) {
  return type == TrackerType::numeric || type == TrackerType::rating || type == TrackerType::duration;
}

// A habit ticked when done: a yes/no tracker never logged "no".
bool yes_only(const std::vector<SlotAggregate>& slots) {
  return std::none_of(slots.begin(), slots.end(), [](const SlotAggregate& slot) { return slot.key == 0.0; });
}

std::vector<Series> series_of(const Tracker& tracker, const std::vector<PeriodValues>& folded, const Grid& grid,
                              bool ticked_habit) {
  std::vector<Series> result;
  const auto fill = [&](Series series, auto value_of) {
    series.tracker = &tracker;
    series.values.assign(grid.periods.size(), kNone);
    for (const auto& values : folded) {
      const std::size_t index = grid.index_of(values.period.start);
      if (index != kNotFound) series.values[index] = value_of(values);
    }
    result.push_back(std::move(series));
  };
  if (tracker.type == TrackerType::boolean) {
    Series series;
    series.binary = true;
    series.label = "Yes";
    fill(std::move(series), [](const PeriodValues& values) {
      const auto yes = values.counts.find(1.0);
      if (yes != values.counts.end() && yes->second > 0) return 1.0;
      return values.count > 0 ? 0.0 : kNone;
    });
    if (ticked_habit) {
      auto& values = result.back().values;
      const auto first_yes = std::find(values.begin(), values.end(), 1.0);
      for (auto at = first_yes; at != values.end(); ++at) {
        if (!has(*at) && grid.active[static_cast<std::size_t>(at - values.begin())]) *at = 0;
      }
    }
  } else if (tracker.type == TrackerType::choice) {
    for (const auto& choice : tracker.options.choices) {
      Series series;
      series.binary = true;
      series.choice_id = choice.id;
      series.label = choice.label;
      const double key = static_cast<double>(choice.id);
      fill(std::move(series), [key](const PeriodValues& values) {
        if (values.count == 0) return kNone;
        const auto found = values.counts.find(key);
        return found != values.counts.end() && found->second > 0 ? 1.0 : 0.0;
      });
    }
  } else if (is_number(tracker.type)) {
    fill(Series{}, [&](const PeriodValues& values) { return period_value(tracker, values).value_or(kNone); });
  }
  for (auto& series : result) series.finish();
  return result;
}

// ---- Words ----------------------------------------------------------------

std::string periods_word(Frequency unit, bool plural) {
  const char* word = unit == Frequency::weekly ? "week" : unit == Frequency::monthly ? "month" : "day";
  return plural ? std::string(word) + "s" : std::string(word);
}

std::string count_text(std::int64_t n, Frequency unit) { return std::to_string(n) + " " + periods_word(unit, n != 1); }

std::string percent(double share) { return format_number(std::round(share * 100), 0) + "%"; }

// A value of the tracker for people: a share of yes as a percentage.
std::string value_text(const Series& series, double value) {
  if (series.binary) return percent(value);
  return show_number(*series.tracker, value, 1);
}

std::string signed_text(const Tracker& tracker, double value) {
  const std::string magnitude = show_number(tracker, std::abs(value), 1);
  if (format_number(std::abs(value), 6) == "0") return magnitude;
  return (value < 0 ? "-" : "+") + magnitude;
}

constexpr std::array<std::string_view, 7> kWeekdayNames = {"Mondays", "Tuesdays",  "Wednesdays", "Thursdays",
                                                           "Fridays", "Saturdays", "Sundays"};

std::string_view rho_text_sign(double rho) { return rho < 0 ? "lower" : "higher"; }

// ---- Tests ----------------------------------------------------------------

InsightStrength strength_of(double score) {
  // On Pearson's r's scale: 0.3 and 0.5 (Cohen's medium and large), which
  // d of 0.5 and 0.8 and η² of 0.06 and 0.14 are about.
  if (score >= 0.5) return InsightStrength::strong;
  if (score >= 0.3) return InsightStrength::moderate;
  return InsightStrength::weak;
}
double score_of_d(double d) { return std::abs(d) / std::sqrt(d * d + 4); }

InsightGroup group_of(std::string label, std::span<const double> values) {
  InsightGroup group;
  group.label = std::move(label);
  group.n = static_cast<std::int64_t>(values.size());
  if (!values.empty()) group.mean = st::mean(values);
  if (values.size() >= 2) group.sd = st::standard_deviation(values);
  return group;
}

// Pairs of periods where `first` has a value at i and `second` at i + lag.
class Pairing {
 public:
  explicit Pairing(std::size_t periods) : m_position(periods, -1) {}

  // The first series' periods of each pair, oldest first.
  const std::vector<std::uint32_t>& pair(const Series& first, const Series& second, std::size_t lag) {
    for (const auto index : m_firsts) m_position[index] = -1;
    m_firsts.clear();
    const std::size_t size = first.values.size();
    for (std::size_t i = 0; i + lag < size; ++i) {
      if (has(first.values[i]) && has(second.values[i + lag])) {
        m_position[i] = static_cast<std::int32_t>(m_firsts.size());
        m_firsts.push_back(static_cast<std::uint32_t>(i));
      }
    }
    return m_firsts;
  }
  // The pairs' positions in the order of `series`' values (`shift`: how far
  // the series stands after the first one).
  std::vector<std::uint32_t> positions_by_value(const Series& series, std::size_t shift) const {
    std::vector<std::uint32_t> positions;
    positions.reserve(m_firsts.size());
    for (const auto index : series.order) {
      if (index < shift) continue;
      const auto position = m_position[index - shift];
      if (position >= 0) positions.push_back(static_cast<std::uint32_t>(position));
    }
    return positions;
  }
  // Mid-ranks within the pairs, without sorting: the series' order is known.
  std::vector<double> ranks(const Series& series, std::size_t shift) const {
    const auto positions = positions_by_value(series, shift);
    std::vector<double> result(m_firsts.size());
    const auto value = [&](std::uint32_t position) { return series.values[m_firsts[position] + shift]; };
    for (std::size_t first = 0; first < positions.size();) {
      std::size_t end = first + 1;
      while (end < positions.size() && value(positions[end]) == value(positions[first])) ++end;
      const double shared = (static_cast<double>(first + 1) + static_cast<double>(end)) / 2;
      for (std::size_t i = first; i < end; ++i) result[positions[i]] = shared;
      first = end;
    }
    return result;
  }

 private:
  std::vector<std::int32_t> m_position;
  std::vector<std::uint32_t> m_firsts;
};

struct Candidate {
  InsightFinding finding;
  const Series* first = nullptr;
  const Series* second = nullptr;
  const Tracker* tracker = nullptr;  // rhythms and trends
  std::array<double, 2> ends{};      // trends: the fitted line at the window's first and last period
};

InsightFinding relationship(const Series& first, const Series& second, std::size_t lag, Frequency unit) {
  InsightFinding finding;
  finding.kind = InsightKind::relationship;
  finding.tracker_ids = {first.tracker->id, second.tracker->id};
  finding.choice_ids = {first.choice_id, second.choice_id};
  finding.lag = static_cast<int>(lag);
  finding.period = unit;
  finding.key = "relationship:" + std::to_string(first.tracker->id) + ":" + std::to_string(second.tracker->id) + ":" +
                std::to_string(lag);
  for (const auto& choice : finding.choice_ids) finding.key += ":" + (choice ? std::to_string(*choice) : "value");
  return finding;
}

std::optional<Candidate> correlate(Pairing& pairing, const Series& first, const Series& second, std::size_t lag,
                                   Frequency unit) {
  const auto& firsts = pairing.pair(first, second, lag);
  if (firsts.size() < kInsightMinPeriods) return std::nullopt;
  const auto first_ranks = pairing.ranks(first, 0);
  const auto second_ranks = pairing.ranks(second, lag);
  const auto result = st::spearman_of_ranks(first_ranks, second_ranks);
  if (!result) return std::nullopt;
  Candidate candidate{relationship(first, second, lag, unit), &first, &second};
  auto& finding = candidate.finding;
  finding.test = InsightTest::spearman;
  finding.n = static_cast<std::int64_t>(firsts.size());
  finding.effect = result->rho;
  finding.ci_low = result->ci_low;
  finding.ci_high = result->ci_high;
  finding.p_value = result->p_value;
  finding.score = std::abs(result->rho);
  // The second's mean within each fifth of the first's values.
  const auto by_first = pairing.positions_by_value(first, 0);
  for (std::size_t fifth = 0; fifth < kFifths; ++fifth) {
    const std::size_t begin = by_first.size() * fifth / kFifths, end = by_first.size() * (fifth + 1) / kFifths;
    std::vector<double> seconds;
    for (std::size_t i = begin; i < end; ++i) seconds.push_back(second.values[firsts[by_first[i]] + lag]);
    const double low = first.values[firsts[by_first[begin]]], high = first.values[firsts[by_first[end - 1]]];
    std::string label = value_text(first, low);
    if (high != low) label += " – " + value_text(first, high);
    finding.groups.push_back(group_of(std::move(label), seconds));
  }
  return candidate;
}

// `grouping` is yes/no; the other's values are compared between its two groups.
std::optional<Candidate> compare_groups(Pairing& pairing, const Series& first, const Series& second, std::size_t lag,
                                        Frequency unit) {
  const bool first_groups = first.binary;
  const Series& grouping = first_groups ? first : second;
  const Series& measured = first_groups ? second : first;
  const auto& firsts = pairing.pair(first, second, lag);
  std::vector<double> yes, no;
  for (const auto index : firsts) {
    const double group = grouping.values[first_groups ? index : index + lag];
    const double value = measured.values[first_groups ? index + lag : index];
    (group == 1 ? yes : no).push_back(value);
  }
  if (firsts.size() < kInsightMinPeriods || yes.size() < kInsightMinGroup || no.size() < kInsightMinGroup) {
    return std::nullopt;
  }
  std::optional<st::Difference> result;
  InsightTest test = InsightTest::difference_of_means;
  if (measured.binary) {
    test = InsightTest::difference_of_rates;
    const auto ones = [](const std::vector<double>& values) {
      return static_cast<std::size_t>(std::count(values.begin(), values.end(), 1.0));
    };
    result = st::rates(ones(yes), yes.size(), ones(no), no.size());
  } else {
    result = st::welch(yes, no);
  }
  if (!result) return std::nullopt;
  Candidate candidate{relationship(first, second, lag, unit), &first, &second};
  auto& finding = candidate.finding;
  finding.test = test;
  finding.n = static_cast<std::int64_t>(firsts.size());
  finding.effect = result->difference;
  finding.ci_low = result->ci_low;
  finding.ci_high = result->ci_high;
  finding.p_value = result->p_value;
  if (measured.binary) {
    // Cohen's h, the difference of the rates' arcsines.
    const double h = 2 * std::asin(std::sqrt(result->mean_a)) - 2 * std::asin(std::sqrt(result->mean_b));
    finding.score = score_of_d(h);
  } else {
    const double pooled = std::sqrt((result->sd_a * result->sd_a * static_cast<double>(yes.size() - 1) +
                                     result->sd_b * result->sd_b * static_cast<double>(no.size() - 1)) /
                                    static_cast<double>(yes.size() + no.size() - 2));
    finding.score = pooled > 0 ? score_of_d(result->difference / pooled) : 1.0;
  }
  finding.groups = {group_of(grouping.label, yes), group_of("Other " + periods_word(unit, true), no)};
  return candidate;
}

std::optional<Candidate> relate(Pairing& pairing, const Series& first, const Series& second, std::size_t lag,
                                Frequency unit) {
  if (!first.binary && !second.binary) return correlate(pairing, first, second, lag, unit);
  return compare_groups(pairing, first, second, lag, unit);
}

// The same values on every period both have: one set of data twice.
bool same_data(const Series& a, const Series& b) {
  std::size_t shared = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (!has(a.values[i]) || !has(b.values[i])) continue;
    if (a.values[i] != b.values[i]) return false;
    ++shared;
  }
  return shared > 0;
}

std::optional<Candidate> weekday_rhythm(const Series& series, const Grid& days) {
  std::vector<std::vector<double>> groups(7);
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    if (has(series.values[i])) groups[days.weekdays[i] - 1u].push_back(series.values[i]);
  }
  std::size_t weekdays = 0;
  for (const auto& group : groups) {
    if (group.size() >= 2) ++weekdays;
  }
  if (series.count() < 3 * kInsightMinPeriods / 2 || weekdays < 7) return std::nullopt;
  const auto result = st::kruskal_wallis(groups);
  if (!result) return std::nullopt;
  Candidate candidate;
  candidate.tracker = series.tracker;
  candidate.first = &series;
  auto& finding = candidate.finding;
  finding.kind = InsightKind::weekday;
  finding.key = "weekday:" + std::to_string(series.tracker->id);
  finding.tracker_ids = {series.tracker->id};
  finding.period = Frequency::daily;
  finding.test = InsightTest::kruskal_wallis;
  finding.n = static_cast<std::int64_t>(result->n);
  finding.p_value = result->p_value;
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (std::size_t day = 0; day < 7; ++day) {
    finding.groups.push_back(group_of(std::string(kWeekdayNames[day]), groups[day]));
    low = std::min(low, *finding.groups.back().mean);
    high = std::max(high, *finding.groups.back().mean);
  }
  finding.effect = high - low;
  // η² from H (Tomczak and Tomczak 2014).
  const double k = 7, n = static_cast<double>(result->n);
  finding.score = std::sqrt(std::clamp((result->statistic - k + 1) / (n - k), 0.0, 1.0));
  return candidate;
}

std::vector<Candidate> trends(const Series& series, const Grid& grid, const Calendar& calendar, Timestamp now) {
  std::vector<Candidate> result;
  for (const int window : kTrendWindows) {
    const Timestamp since = calendar.period_of(now - std::chrono::hours{24 * (window - 1)}, Frequency::daily).start;
    // The periods over, not the one under way: a day's total so far would pull a trend down.
    const std::size_t last_index = grid.periods.size() - 1;
    std::vector<double> x, y;
    std::size_t first_index = last_index;
    for (std::size_t i = 0; i < last_index; ++i) {
      if (grid.periods[i].start < since) continue;
      first_index = std::min(first_index, i);
      if (!has(series.values[i])) continue;
      x.push_back(static_cast<double>(i));
      y.push_back(series.values[i]);
    }
    if (x.size() < kTrendMinPeriods || first_index >= last_index) continue;
    const auto rho = st::spearman(x, y);
    const auto line = st::least_squares(x, y);
    if (!rho || !line) continue;
    Candidate candidate;
    candidate.tracker = series.tracker;
    candidate.first = &series;
    auto& finding = candidate.finding;
    finding.kind = InsightKind::trend;
    finding.key = "trend:" + std::to_string(series.tracker->id) + ":" + std::to_string(window);
    finding.tracker_ids = {series.tracker->id};
    finding.window_days = window;
    finding.period = grid.unit;
    finding.test = InsightTest::spearman;
    finding.n = static_cast<std::int64_t>(x.size());
    finding.effect = rho->rho;
    finding.ci_low = rho->ci_low;
    finding.ci_high = rho->ci_high;
    finding.p_value = rho->p_value;
    finding.score = std::abs(rho->rho);
    const double start = line->intercept + line->slope * static_cast<double>(first_index);
    const double end = line->intercept + line->slope * static_cast<double>(last_index - 1);
    finding.change = end - start;
    candidate.ends = {start, end};
    // The chart: the mean of each week of the window, oldest first.
    const std::size_t step = grid.unit == Frequency::daily ? 7 : 1;
    for (std::size_t begin = first_index; begin < last_index; begin += step) {
      std::vector<double> values;
      for (std::size_t i = begin; i < std::min(begin + step, last_index); ++i) {
        if (has(series.values[i])) values.push_back(series.values[i]);
      }
      finding.groups.push_back(group_of(format_date(calendar.wall_clock(grid.periods[begin].start).day), values));
    }
    result.push_back(std::move(candidate));
  }
  return result;
}

// ---- Sentences ------------------------------------------------------------

std::string relationship_sentence(const InsightFinding& finding, const Series& first, const Series& second) {
  const Frequency unit = finding.period;
  const std::string day = periods_word(unit, false), days = periods_word(unit, true);
  const bool next = finding.lag.value_or(0) == 1;
  const auto& a = *first.tracker;
  const auto& b = *second.tracker;
  const std::string counts =
      " (" + std::to_string(finding.groups.front().n) + " vs " + count_text(finding.groups.back().n, unit) + ").";
  if (finding.test == InsightTest::spearman) {
    const auto& top = finding.groups.back();
    const auto& bottom = finding.groups.front();
    const std::string tail =
        ": " + value_text(second, top.mean.value_or(0)) + (next ? " after" : " on") + " your top fifth of " + a.name +
        " " + days + " against " + value_text(second, bottom.mean.value_or(0)) + (next ? " after" : " on") +
        " the bottom fifth (ρ " + format_number(finding.effect, 2) + ", " + count_text(finding.n, unit) + ").";
    if (next) {
      return "After " + days + " with more " + a.name + ", " + b.name + " tends to be " +
             std::string(rho_text_sign(finding.effect)) + " the next " + day + tail;
    }
    return "On " + days + " with more " + a.name + ", " + b.name + " tends to be " +
           std::string(rho_text_sign(finding.effect)) + tail;
  }
  const auto& yes = finding.groups.front();
  const auto& no = finding.groups.back();
  if (first.binary) {
    const std::string logged = "you logged " + a.name + " as " + first.label;
    const std::string opening = next ? "The " + day + " after " + logged : "On " + days + " " + logged;
    const std::string other = next ? " after other " + days : " on other " + days;
    if (second.binary) {
      return opening + ", " + b.name + " was " + second.label + " on " + percent(yes.mean.value_or(0)) +
             " of them, against " + percent(no.mean.value_or(0)) + other + counts;
    }
    return opening + ", " + b.name + " averaged " + value_text(second, yes.mean.value_or(0)) + ", against " +
           value_text(second, no.mean.value_or(0)) + other + counts;
  }
  // A number before a yes/no: the number on the periods before each group.
  return "Before " + days + " you logged " + b.name + " as " + second.label + ", " + a.name + " averaged " +
         value_text(first, yes.mean.value_or(0)) + ", against " + value_text(first, no.mean.value_or(0)) +
         " before other " + days + counts;
}

std::string weekday_sentence(const InsightFinding& finding, const Series& series) {
  const auto& groups = finding.groups;
  const auto highest =
      std::max_element(groups.begin(), groups.end(), [](const auto& x, const auto& y) { return x.mean < y.mean; });
  const auto lowest =
      std::min_element(groups.begin(), groups.end(), [](const auto& x, const auto& y) { return x.mean < y.mean; });
  const std::string& name = series.tracker->name;
  const std::string high = value_text(series, highest->mean.value_or(0));
  const std::string low = value_text(series, lowest->mean.value_or(0));
  if (!finding.reliable) {
    return name + " shows no clear weekday pattern: from " + low + " on " + lowest->label + " to " + high + " on " +
           highest->label + ".";
  }
  if (series.binary) {
    return name + " is " + series.label + " most often on " + highest->label + " (" + high + ") and least often on " +
           lowest->label + " (" + low + ").";
  }
  return name + " is highest on " + highest->label + " (" + high + ") and lowest on " + lowest->label + " (" + low +
         ").";
}

std::string trend_sentence(const InsightFinding& finding, const Series& series, const std::array<double, 2>& ends) {
  const auto& tracker = *series.tracker;
  const std::string window = "the last " + std::to_string(finding.window_days.value_or(0)) + " days";
  const double change = finding.change.value_or(0);
  if (!finding.reliable) {
    return tracker.name + " shows no clear change over " + window + " (" + signed_text(tracker, change) +
           " on the fitted line, within the noise).";
  }
  return tracker.name + " has gone " + (change < 0 ? "down" : "up") + " over " + window + ": " +
         signed_text(tracker, change) + " on the fitted line, from " + value_text(series, ends[0]) + " to " +
         value_text(series, ends[1]) + ".";
}

// ---- Rhythms --------------------------------------------------------------

// The local time of instants in order, with one zone lookup per stretch of
// one UTC offset.
class LocalClock {
 public:
  explicit LocalClock(const Calendar& calendar) : m_calendar(calendar) {}
  // Seconds since the epoch as a wall clock shows them.
  std::int64_t local_seconds(std::int64_t utc_seconds) {
    const Timestamp at{std::chrono::seconds{utc_seconds}};
    if (!m_span || at < m_span->begin || at >= m_span->end) m_span = m_calendar.offset_span(at);
    return utc_seconds + m_span->offset.count();
  }

 private:
  const Calendar& m_calendar;
  std::optional<OffsetSpan> m_span;
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

TrackerRhythm rhythm_of(const Tracker& tracker, const std::vector<SlotAggregate>& slots,
                        const std::vector<Series>& days, const Grid& day_grid, const Calendar& calendar,
                        Timestamp from) {
  TrackerRhythm rhythm;
  rhythm.tracker_id = tracker.id;
  const bool boolean = tracker.type == TrackerType::boolean;
  const auto counts = [&](const SlotAggregate& slot) { return !boolean || slot.key == 1.0; };
  for (const auto& slot : slots) {
    if (counts(slot) && slot.count > 0) rhythm.last_at = std::max(rhythm.last_at.value_or(slot.last_at), slot.last_at);
  }
  // The hours of the day, and the days with a log (a yes).
  LocalClock clock(calendar);
  std::array<std::int64_t, 24> logs{};
  std::array<double, 24> sums{};
  std::vector<std::int64_t> local_days;
  std::int64_t spread_days = 0, previous_day = std::numeric_limits<std::int64_t>::min(), previous_hour = -1;
  bool spread = false;
  const std::int64_t since = std::chrono::duration_cast<std::chrono::seconds>(from.time_since_epoch()).count();
  for (const auto& slot : slots) {
    if (slot.slot * kSlotSeconds < since || !counts(slot) || slot.count == 0) continue;
    const std::int64_t local = clock.local_seconds(slot.slot * kSlotSeconds);
    const std::int64_t day = floor_div(local, 86400);
    const auto hour = static_cast<std::size_t>((local - day * 86400) / 3600);
    logs[hour] += slot.count;
    sums[hour] += slot.sum.value_or(0);
    if (day != previous_day) {
      if (spread) ++spread_days;
      spread = false;
      local_days.push_back(day);
      previous_day = day;
    } else if (static_cast<std::int64_t>(hour) != previous_hour) {
      spread = true;
    }
    previous_hour = static_cast<std::int64_t>(hour);
  }
  if (spread) ++spread_days;
  const bool several_times = tracker.frequency == Frequency::hourly ||
                             (spread_days >= 7 && spread_days * 4 >= static_cast<std::int64_t>(local_days.size()));
  if (several_times) {
    for (int hour = 0; hour < 24; ++hour) {
      InsightHour entry;
      entry.hour = hour;
      entry.logs = logs[static_cast<std::size_t>(hour)];
      if (entry.logs > 0 && tracker.type != TrackerType::choice) {
        entry.mean = sums[static_cast<std::size_t>(hour)] / static_cast<double>(entry.logs);
      }
      rhythm.hour.push_back(entry);
    }
  }
  if (local_days.size() >= 2) {
    std::vector<double> gaps;
    for (std::size_t i = 1; i < local_days.size(); ++i)
      gaps.push_back(static_cast<double>(local_days[i] - local_days[i - 1]));
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
    rhythm.typical_gap_days = gaps[gaps.size() / 2];
  }
  // The days of the week.
  if (unit_of(tracker) != Frequency::daily || days.empty()) return rhythm;
  rhythm.weekday.resize(7);
  for (int weekday = 1; weekday <= 7; ++weekday)
    rhythm.weekday[static_cast<std::size_t>(weekday - 1)].weekday = weekday;
  std::array<std::vector<double>, 7> values;
  for (std::size_t i = 0; i < day_grid.periods.size(); ++i) {
    const auto weekday = day_grid.weekdays[i] - 1u;
    if (tracker.type == TrackerType::choice) {
      bool logged = false;
      for (const auto& series : days) {
        if (series.values[i] == 1) {
          ++rhythm.weekday[weekday].choices[*series.choice_id];
          logged = true;
        } else if (has(series.values[i])) {
          logged = true;
        }
      }
      if (logged) ++rhythm.weekday[weekday].n;
    } else if (has(days.front().values[i])) {
      values[weekday].push_back(days.front().values[i]);
    }
  }
  if (tracker.type != TrackerType::choice) {
    for (std::size_t weekday = 0; weekday < 7; ++weekday) {
      const auto group = group_of("", values[weekday]);
      rhythm.weekday[weekday].n = group.n;
      rhythm.weekday[weekday].mean = group.mean;
      rhythm.weekday[weekday].sd = group.sd;
    }
  }
  return rhythm;
}

Grid grid_of(Frequency unit, const Calendar& calendar, Timestamp from, Timestamp to) {
  Grid grid;
  grid.unit = unit;
  for (Period period = calendar.period_of(from, unit); period.start < to; period = calendar.next(period, unit)) {
    grid.periods.push_back(period);
  }
  grid.active.assign(grid.periods.size(), false);
  if (unit == Frequency::daily) {
    for (const auto& period : grid.periods) {
      const auto day = date::sys_days(calendar.wall_clock(period.start).day);
      grid.weekdays.push_back(static_cast<std::uint8_t>(date::weekday(day).iso_encoding()));
    }
  }
  return grid;
}

}  // namespace

std::string_view to_string(InsightKind kind) {
  switch (kind) {
    case InsightKind::relationship:
      return "relationship";
    case InsightKind::weekday:
      return "weekday";
    case InsightKind::trend:
      return "trend";
  }
  return "relationship";
}

std::string_view to_string(InsightTest test) {
  switch (test) {
    case InsightTest::spearman:
      return "spearman";
    case InsightTest::difference_of_means:
      return "difference_of_means";
    case InsightTest::difference_of_rates:
      return "difference_of_rates";
    case InsightTest::kruskal_wallis:
      return "kruskal_wallis";
  }
  return "spearman";
}

std::string_view to_string(InsightStrength strength) {
  switch (strength) {
    case InsightStrength::weak:
      return "weak";
    case InsightStrength::moderate:
      return "moderate";
    case InsightStrength::strong:
      return "strong";
  }
  return "weak";
}

Insights insights(const std::vector<Tracker>& trackers, const std::map<std::int64_t, std::vector<SlotAggregate>>& slots,
                  const Calendar& calendar, Timestamp now) {
  Insights result;
  result.to = calendar.period_of(now, Frequency::daily).end;
  result.from = calendar.period_of(now - std::chrono::hours{24 * (kInsightWindowDays - 1)}, Frequency::daily).start;
  const std::int64_t first_slot =
      std::chrono::duration_cast<std::chrono::seconds>(result.from.time_since_epoch()).count() / kSlotSeconds;
  const std::int64_t end_slot =
      std::chrono::duration_cast<std::chrono::seconds>(result.to.time_since_epoch()).count() / kSlotSeconds;

  // Each tracker's slots in the window, folded into the units it is compared in.
  static const std::vector<SlotAggregate> kNoSlots;
  const auto slots_of = [&](std::int64_t id) -> const std::vector<SlotAggregate>& {
    const auto found = slots.find(id);
    return found == slots.end() ? kNoSlots : found->second;
  };
  std::array<Grid, 4> grids;
  std::array<bool, 4> used{};
  used[rank_of(Frequency::daily)] = true;  // rhythms are per day
  for (const auto& tracker : trackers) used[rank_of(unit_of(tracker))] = true;
  for (const Frequency unit : {Frequency::daily, Frequency::weekly, Frequency::monthly}) {
    if (used[rank_of(unit)]) grids[rank_of(unit)] = grid_of(unit, calendar, result.from, result.to);
  }
  std::map<std::int64_t, std::vector<SlotAggregate>> windowed;
  std::map<std::pair<std::int64_t, std::size_t>, std::vector<PeriodValues>> folded;
  for (const auto& tracker : trackers) {
    const auto& all = slots_of(tracker.id);
    auto& mine = windowed[tracker.id];
    const auto begin = std::lower_bound(all.begin(), all.end(), first_slot,
                                        [](const SlotAggregate& slot, std::int64_t at) { return slot.slot < at; });
    const auto end = std::lower_bound(begin, all.end(), end_slot,
                                      [](const SlotAggregate& slot, std::int64_t at) { return slot.slot < at; });
    mine.assign(begin, end);
    for (std::size_t unit = rank_of(unit_of(tracker)); unit < grids.size(); ++unit) {
      if (!used[unit]) continue;
      auto& periods = folded[{tracker.id, unit}] = fold(mine, calendar, grids[unit].unit);
      for (const auto& values : periods) {
        const std::size_t index = grids[unit].index_of(values.period.start);
        if (index != kNotFound) grids[unit].active[index] = true;
      }
    }
  }
  std::map<std::pair<std::int64_t, std::size_t>, std::vector<Series>> series;
  for (const auto& tracker : trackers) {
    if (tracker.type == TrackerType::text) continue;
    const bool ticked = tracker.type == TrackerType::boolean && yes_only(windowed[tracker.id]);
    for (std::size_t unit = rank_of(unit_of(tracker)); unit < grids.size(); ++unit) {
      if (!used[unit]) continue;
      series[{tracker.id, unit}] = series_of(tracker, folded[{tracker.id, unit}], grids[unit], ticked);
    }
  }

  std::vector<Candidate> candidates;
  // Relationships, between the series with the most periods.
  struct Member {
    const Tracker* tracker;
    std::size_t index;  // within its tracker's series
    std::size_t count;
  };
  std::vector<Member> members;
  for (const auto& tracker : trackers) {
    const auto found = series.find({tracker.id, rank_of(unit_of(tracker))});
    if (found == series.end()) continue;
    for (std::size_t i = 0; i < found->second.size(); ++i) {
      if (found->second[i].comparable()) members.push_back({&tracker, i, found->second[i].count()});
    }
  }
  std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.count > b.count; });
  if (members.size() > kInsightMaxSeries) members.resize(kInsightMaxSeries);
  std::array<std::optional<Pairing>, 4> pairings;
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t j = i + 1; j < members.size(); ++j) {
      const auto& x = members[i];
      const auto& y = members[j];
      if (x.tracker->id == y.tracker->id) continue;
      const std::size_t unit = std::max(rank_of(unit_of(*x.tracker)), rank_of(unit_of(*y.tracker)));
      const Series& a = series[{x.tracker->id, unit}][x.index];
      const Series& b = series[{y.tracker->id, unit}][y.index];
      if (!a.comparable() || !b.comparable() || same_data(a, b)) continue;
      if (!pairings[unit]) pairings[unit].emplace(grids[unit].periods.size());
      auto& pairing = *pairings[unit];
      // A yes/no first on the same period, so that it names the groups.
      const bool swap = b.binary && !a.binary;
      for (auto candidate : {relate(pairing, swap ? b : a, swap ? a : b, 0, grids[unit].unit),
                             relate(pairing, a, b, 1, grids[unit].unit), relate(pairing, b, a, 1, grids[unit].unit)}) {
        if (candidate) candidates.push_back(std::move(*candidate));
      }
    }
  }
  // Rhythms and trends of each tracker.
  const std::size_t daily = rank_of(Frequency::daily);
  for (const auto& tracker : trackers) {
    const auto found = series.find({tracker.id, rank_of(unit_of(tracker))});
    if (found == series.end() || found->second.empty()) continue;
    const Series& own = found->second.front();
    if (unit_of(tracker) == Frequency::daily && tracker.type != TrackerType::choice) {
      if (auto candidate = weekday_rhythm(own, grids[daily])) candidates.push_back(std::move(*candidate));
    }
    if (is_number(tracker.type) && unit_of(tracker) != Frequency::monthly) {
      for (auto& candidate : trends(own, grids[rank_of(unit_of(tracker))], calendar, now)) {
        candidates.push_back(std::move(candidate));
      }
    }
  }
  for (const auto& tracker : trackers) {
    if (tracker.type == TrackerType::text) continue;
    const auto found = series.find({tracker.id, daily});
    static const std::vector<Series> kNoSeries;
    result.rhythms.push_back(rhythm_of(tracker, slots_of(tracker.id), found == series.end() ? kNoSeries : found->second,
                                       grids[daily], calendar, result.from));
  }

  // One family: every comparison made, corrected together.
  std::vector<double> p_values;
  p_values.reserve(candidates.size());
  for (const auto& candidate : candidates) p_values.push_back(candidate.finding.p_value);
  const auto q_values = st::benjamini_hochberg(p_values);
  result.comparisons = static_cast<std::int64_t>(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto& candidate = candidates[i];
    auto& finding = candidate.finding;
    finding.q_value = q_values[i];
    finding.reliable = finding.q_value <= kInsightFalseDiscoveryRate;
    finding.strength = strength_of(finding.score);
    switch (finding.kind) {
      case InsightKind::relationship:
        finding.sentence = relationship_sentence(finding, *candidate.first, *candidate.second);
        break;
      case InsightKind::weekday:
        finding.sentence = weekday_sentence(finding, *candidate.first);
        break;
      case InsightKind::trend:
        finding.sentence = trend_sentence(finding, *candidate.first, candidate.ends);
        break;
    }
    (finding.reliable ? result.findings : result.not_reliable).push_back(std::move(finding));
  }
  std::stable_sort(result.findings.begin(), result.findings.end(), [](const auto& a, const auto& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.q_value < b.q_value;
  });
  std::stable_sort(result.not_reliable.begin(), result.not_reliable.end(),
                   [](const auto& a, const auto& b) { return a.p_value < b.p_value; });
  if (result.findings.size() > kInsightMaxFindings) result.findings.resize(kInsightMaxFindings);
  if (result.not_reliable.size() > kInsightMaxNotReliable) result.not_reliable.resize(kInsightMaxNotReliable);
  return result;
}

Insights insights_of_tracker(Insights all, std::int64_t tracker_id) {
  const auto other = [&](const InsightFinding& finding) {
    return std::find(finding.tracker_ids.begin(), finding.tracker_ids.end(), tracker_id) == finding.tracker_ids.end();
  };
  std::erase_if(all.findings, other);
  std::erase_if(all.not_reliable, other);
  std::erase_if(all.rhythms, [&](const TrackerRhythm& rhythm) { return rhythm.tracker_id != tracker_id; });
  return all;
}

}  // namespace qself::core
