#include "core/units.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace qself::core {
namespace {

// Plurals no suffix rule reads right, and plural abbreviations ("lbs") whose
// singular the vowel rule below would refuse.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kIrregular{{
    {"people", "person"},
    {"children", "child"},
    {"men", "man"},
    {"women", "woman"},
    {"feet", "foot"},
    {"teeth", "tooth"},
    {"lbs", "lb"},
    {"hrs", "hr"},
    {"kgs", "kg"},
    {"kms", "km"},
    {"yds", "yd"},
    {"pts", "pt"},
}};

// Words that end in "s" and are no plural, or the same in both numbers.
constexpr std::array<std::string_view, 5> kInvariant{"series", "species", "news", "gas", "yes"};

// Nouns in "-ie": "calories" is "calorie", where "berries" is "berry".
constexpr std::array<std::string_view, 8> kIeNouns{"calories", "cookies", "movies",  "smoothies",
                                                   "brownies", "selfies", "veggies", "hoodies"};

bool is_letters(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
}

bool is_vowel(char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// The lowercase singular of a lowercase word, or the word itself.
std::string singular_of_lower(const std::string& word) {
  for (const auto& [plural, singular] : kIrregular) {
    if (word == plural) return std::string(singular);
  }
  const auto n = word.size();
  if (n < 3 || word.back() != 's' || contains(kInvariant, word)) return word;
  if (word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) return word;
  // "bps", "kbps": a rate, not a plural. A plural word keeps a vowel once its "s" is gone.
  if (std::none_of(word.begin(), word.end() - 1, is_vowel)) return word;
  if (word.ends_with("ies")) {
    if (n == 4 || contains(kIeNouns, word)) return word.substr(0, n - 1);  // pies, calories
    return word.substr(0, n - 3) + "y";                                    // berries
  }
  if (word.ends_with("aches") && (n == 5 || !is_vowel(word[n - 6]))) return word.substr(0, n - 1);  // headaches
  if (word.ends_with("sses") || word.ends_with("shes") || word.ends_with("ches") || word.ends_with("xes") ||
      word.ends_with("zzes")) {
    return word.substr(0, n - 2);  // glasses, dishes, lunches, boxes
  }
  return word.substr(0, n - 1);
}

// The singular of one word, in the word's own case: "Glasses" → "Glass", "CUPS"
// → "CUP", "push-ups" → "push-up".
std::string singular_word(std::string_view word) {
  if (const auto hyphen = word.rfind('-'); hyphen != std::string_view::npos && hyphen > 0) {
    bool parts_are_words = true;
    std::size_t start = 0;
    while (parts_are_words && start <= word.size()) {
      const auto end = std::min(word.find('-', start), word.size());
      parts_are_words = is_letters(word.substr(start, end - start));
      start = end + 1;
    }
    if (!parts_are_words) return std::string(word);
    return std::string(word.substr(0, hyphen + 1)) + singular_word(word.substr(hyphen + 1));
  }
  if (!is_letters(word)) return std::string(word);
  const std::string lower = to_lower(word);
  const std::string singular = singular_of_lower(lower);
  if (singular == lower) return std::string(word);
  const bool all_upper =
      word.size() > 1 && std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isupper(c) != 0; });
  std::size_t same = 0;
  while (same < singular.size() && singular[same] == lower[same]) ++same;
  std::string out(word.substr(0, same));
  for (std::size_t i = same; i < singular.size(); ++i) {
    out += all_upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(singular[i]))) : singular[i];
  }
  return out;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto space = text.find(' ', start);
    const auto end = space == std::string_view::npos ? text.size() : space;
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

}  // namespace

std::string singular_unit(std::string_view unit) {
  const auto words = split_words(unit);
  // "cups of tea": the noun is the word before "of"; else it is the last word.
  std::size_t noun = words.size() - 1;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (to_lower(words[i]) == "of") {
      noun = i - 1;
      break;
    }
  }
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ' ';
    out += i == noun ? singular_word(words[i]) : std::string(words[i]);
  }
  return out;
}

std::string unit_after(double shown, std::string_view unit) {
  if (shown == 1 || shown == -1) return singular_unit(unit);
  return std::string(unit);
}

}  // namespace qself::core
