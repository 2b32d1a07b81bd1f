// The decoded actions of one log file (a commit, a compaction file, a checkpoint part or a
// sidecar), whichever codec (JSON or Parquet) produced them.
#pragma once

#include <optional>
#include <vector>

#include <string_view>

#include "delta/actions.h"
#include "delta/status.h"
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
  /// File order of adds and removes, filled by the JSON codec: i >= 0 is adds[i], i < 0 is
  /// removes[-i - 1]. Reconciliation within one file follows it (the first action for a key
  /// wins), which is what log compaction files written newest-first rely on.
  std::vector<int32_t> file_action_order;

  /// The owning builder, for writers: appends a deep copy of `add` whose every view (path,
  /// partition values, stats, tags, the deletion vector and its path, clustering provider) is
  /// copied into `arena`, so the source may go away; file order is recorded. Returns the copy
  /// (valid until the next append to `adds`).
  AddFile& AppendAdd(const AddFile& add);
  /// As AppendAdd, for a remove.
  RemoveFile& AppendRemove(const RemoveFile& remove);
  /// As AppendAdd, for a change data file (cdc actions take no part in file order).
  AddCdcFile& AppendCdc(const AddCdcFile& cdc);
};

/// Appends `from`, the actions of the lines that follow `into`'s in the same log file `file`,
/// to `into`, as if one parse had read both: file order is kept, a later commitInfo or
/// checkpointMetadata replaces an earlier one, and a second protocol or metaData is
/// InvalidTable, as within one parse.
Status AppendActionBatch(ActionBatch&& from, std::string_view file, ActionBatch* into);

}  // namespace delta
