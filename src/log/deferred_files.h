// The file actions a snapshot loaded with FileListMode::kStreamed did not replay: what a scan
// needs to produce the live files itself, streaming the checkpoint's adds batch by batch.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "log/file_key.h"
#include "protocol/arrow_schema_builder.h"
#include "util/arena.h"

namespace delta {

struct DeferredFiles {
  /// Parquet checkpoint parts and sidecars whose add actions have not been read, in order.
  std::vector<FileInfo> checkpoint_files;
  /// The add struct statistics to read too, when the table may store statistics only there.
  std::optional<ArrowField> stats_parsed;
  /// Live adds of the commits after the checkpoint (already reconciled among themselves).
  std::vector<AddFile> commit_adds;
  /// Keys of every add and remove in those commits: a checkpoint add with one is shadowed.
  std::array<FileKeySet, kFileKeyShards> seen;
  /// The table root, percent-decoded (for canonical keys of absolute paths).
  std::string root_decoded;
  /// Own the memory behind commit_adds and the keys in `seen`.
  std::vector<std::shared_ptr<const Arena>> arenas;

  bool any_seen() const {
    for (const FileKeySet& s : seen) {
      if (!s.empty()) return true;
    }
    return false;
  }
};

}  // namespace delta
