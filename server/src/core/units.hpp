#pragma once
// A tracker's unit as it reads after a number. A unit is free text the user
// typed, usually a plural English noun ("glasses", "cups of tea", "km"): after
// exactly one it reads in the singular, "1 glass", "1 cup of tea", "1 km". The
// web app follows the same rule (web/src/utils/units.ts); one table of cases,
// web/src/utils/units.cases.json, specifies both.

#include <string>
#include <string_view>

namespace qself::core {

// `unit` as it reads after `shown`, the number as displayed (rounded): its
// singular when `shown` is 1 or -1, else `unit` as it is.
std::string unit_after(double shown, std::string_view unit);

// The singular of a unit: its noun (the word before " of ", else the last
// word) made singular when it is a plural English word. Abbreviations ("kg",
// "bpm", "kcal"), words with other characters ("%", "steps/day") and words that
// are singular already ("glass", "status") stay as they are.
std::string singular_unit(std::string_view unit);

}  // namespace qself::core
