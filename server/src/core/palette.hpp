#pragma once
// The tracker palette: web/src/utils/palette.json, the one definition the web
// app imports and the server embeds. A tracker created without a colour gets
// the palette's colours in turn.

#include <cstdint>
#include <string>
#include <vector>

namespace qself::core {

// Lowercase #rrggbb colours, in the palette's order; never empty.
const std::vector<std::string>& tracker_palette();
// The colour of the tracker at `position` (0 for the first): the palette in turn.
const std::string& palette_color(std::int64_t position);

}  // namespace qself::core
