// Everything a Snapshot holds. Internal to the log layer (and the layers above it).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/schema.h"
#include "log/deferred_files.h"
#include "log/log_segment.h"
#include "util/arena.h"

namespace delta {

struct SnapshotState {
  std::string table_root;
  std::shared_ptr<Engine> engine;
  int64_t version = -1;
  int64_t timestamp = 0;
  Protocol protocol;
  Metadata metadata;
  std::shared_ptr<const StructType> schema;
  /// Set when the snapshot was loaded without its file list (FileListMode::kStreamed and a
  /// Parquet checkpoint): `files` is empty and scans stream the files from here.
  std::shared_ptr<const DeferredFiles> deferred;
  /// Live files; their views point into `arenas`.
  std::vector<AddFile> files;
  int64_t total_bytes = 0;
  std::map<std::string, SetTransaction> txns;
  std::map<std::string, DomainMetadata> domains;
  std::optional<CommitInfo> commit_info;
  LogSegment segment;
  /// Own the memory behind `files` (shared with snapshots refreshed from this one).
  std::vector<std::shared_ptr<const Arena>> arenas;
  /// Non-fatal findings: ignored hints, a CRC file that disagrees with the log, ...
  std::vector<std::string> warnings;
};

}  // namespace delta
