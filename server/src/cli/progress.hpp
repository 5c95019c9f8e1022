#pragma once
// The progress bar the commands draw on stderr.

#include <cstdint>

namespace qself::cli {

// Redraws "[####      ] done/total" on the current line of stderr.
void draw_progress(std::int64_t done, std::int64_t total);

}  // namespace qself::cli
