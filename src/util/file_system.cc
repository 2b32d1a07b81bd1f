#include "delta/engine.h"
#include "util/task_guard.h"

namespace delta {

Result<std::string> GuardedRead(FileSystem& fs, const std::string& location) noexcept {
  return CatchAsStatus("reading", location, [&] { return fs.ReadFile(location); });
}

void FileSystem::ReadFiles(std::span<const std::string> locations,
                           const std::function<void(size_t, Result<std::string>)>& on_done) {
  for (size_t i = 0; i < locations.size(); ++i) on_done(i, GuardedRead(*this, locations[i]));
}

}  // namespace delta
