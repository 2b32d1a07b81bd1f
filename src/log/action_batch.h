// The decoded actions of one log file (a commit, a compaction file, a checkpoint part or a
// sidecar), whichever codec (JSON or Parquet) produced them.
#pragma once

#include <optional>
#include <vector>

#include "delta/actions.h"
#include "util/arena.h"

namespace delta {

struct ActionBatch {
  /// Owns every string and span the file actions below point to. Moving the batch keeps
  /// those views valid (arena blocks never move).
  Arena arena;
  std::vector<AddFile> adds;
  std::vector<RemoveFile> removes;
  std::vector<AddCdcFile> cdcs;
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::vector<SetTransaction> txns;
  std::vector<DomainMetadata> domain_metadata;
  std::optional<CommitInfo> commit_info;
  std::optional<CheckpointMetadata> checkpoint_metadata;
  std::vector<SidecarFile> sidecars;
};

}  // namespace delta
