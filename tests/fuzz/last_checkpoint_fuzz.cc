// _delta_log/_last_checkpoint: only ever a hint; any content gives a hint or a warning.
#include <string>
#include <vector>

#include "delta/memory_file_system.h"
#include "fuzz_target.h"
#include "log/log_segment.h"

DELTA_FUZZ_TARGET(last_checkpoint) {
  using namespace delta;
  MemoryFileSystem fs;
  DELTA_FUZZ_CHECK(
      fs.Write("memory:///t/_delta_log/_last_checkpoint", fuzz::AsText(data, size)).ok());
  std::vector<std::string> warnings;
  auto hint = ReadLastCheckpointHint(fs, "memory:///t/_delta_log", &warnings);
  if (hint.has_value()) DELTA_FUZZ_CHECK(hint->version >= 0);
  return 0;
}
