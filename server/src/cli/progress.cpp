#include "cli/progress.hpp"

#include <algorithm>
#include <iostream>
#include <string>

namespace qself::cli {

void draw_progress(std::int64_t done, std::int64_t total) {
  const int width = 40;
  const int filled = total > 0 ? static_cast<int>(width * std::min(done, total) / total) : width;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << total
            << std::flush;
}

}  // namespace qself::cli
