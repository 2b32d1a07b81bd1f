#include "delta/engine.h"

namespace delta {

void FileSystem::ReadFiles(std::span<const std::string> locations,
                           const std::function<void(size_t, Result<std::string>)>& on_done) {
  for (size_t i = 0; i < locations.size(); ++i) on_done(i, ReadFile(locations[i]));
}

}  // namespace delta
