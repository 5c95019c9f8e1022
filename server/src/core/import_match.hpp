#pragma once
// Which rows of an imported file are logs the account already has, for rows
// without a log id (other apps' files, qself exports made before logs had
// ids): the same instant, to the millisecond, the same value and the same note.
// Each log the account had before the import stands for one row at most, so
// two identical rows of one file are two logs (two taps of "+1" in the same
// second), and importing a file again adds nothing.

#include <cstddef>
#include <string>
#include <unordered_map>

#include "core/model.hpp"

namespace qself::core {

class ExistingLogs {
 public:
  // A log of the tracker as it was before the import.
  void add(const Log& log);
  // Whether a log not yet matched has the content of `log`; if so it is used up.
  bool match(const Log& log);

 private:
  std::unordered_map<std::string, std::size_t> m_unmatched;  // by content
};

}  // namespace qself::core
