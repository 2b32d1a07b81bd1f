#include "log/log_limits.h"

#include "util/task_guard.h"

namespace delta {

Result<std::string> ReadBoundedFile(FileSystem& fs, const std::string& location, int64_t limit,
                                    std::string_view what) {
  // A ranged read: a huge file costs limit + 1 bytes, not its size.
  DELTA_ASSIGN_OR_RETURN(std::string data, CatchAsStatus("reading", location, [&] {
                           return fs.ReadRange(location, 0, limit + 1);
                         }));
  if (static_cast<int64_t>(data.size()) > limit) {
    return Status::InvalidTable(std::string(what) + " " + location + " is larger than " +
                                std::to_string(limit) + " bytes, the most a " + std::string(what) +
                                " file may hold");
  }
  return data;
}

}  // namespace delta
