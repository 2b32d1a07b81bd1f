// Reconciliation (PROTOCOL.md, "Action Reconciliation"): the actions of a log segment's files,
// newest first, become one snapshot state. Reading the files is replay's job (log/replay.h).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/status.h"
#include "log/file_key.h"
#include "log/log_segment.h"
#include "log/snapshot_state.h"
#include "protocol/action_batch.h"
#include "util/arena.h"

namespace delta {

/// Keys of one JSON log file's adds and removes, grouped by shard; computed in the file's
/// parse task (ComputeUnitKeys) so that reconciliation only probes hash sets.
struct UnitKeys {
  std::vector<FileKey> keys;       // aligned with ActionBatch::file_action_order
  std::vector<uint32_t> by_shard;  // indices into `keys`, grouped by shard
  std::array<uint32_t, kFileKeyShards + 1> begin{};
};

/// Fills `out` for `b` (and b.file_action_order when the codec left it out); key strings go
/// to b's arena.
void ComputeUnitKeys(ActionBatch& b, std::string_view root_decoded, UnitKeys* out);

/// Protocol, metadata, set transactions and domain metadata: the newest action wins.
struct NonFileState {
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::map<std::string, SetTransaction> txns;
  std::map<std::string, DomainMetadata> domains;  // includes tombstones until the end

  /// Takes b's non-file actions not already decided by a newer file (call newest first).
  void Take(ActionBatch& b);
};

/// Newest-first reconciliation of file actions, sharded by key hash so that every core works
/// on it.
struct FileReplay {
  explicit FileReplay(Executor* executor, std::string root)
      : executor(executor), root_decoded(std::move(root)) {}

  Executor* executor;
  std::string root_decoded;
  std::array<FileKeySet, kFileKeyShards> seen;  // keys decided by a newer action
  std::vector<AddFile> live;
  std::vector<std::shared_ptr<const Arena>> arenas;
  /// What the caller announced the live list will reach (see Reserve).
  size_t expected_adds = 0;

  /// Commit or compaction files in ascending version order, with their keys. Within a file
  /// the first action for a key wins: a valid commit never names a key twice, and compaction
  /// files may list a key's actions newest first.
  void ApplyUnits(std::vector<ActionBatch>& units, const std::vector<UnitKeys>& keys);

  /// Adds of an already reconciled state (checkpoint parts, sidecars, a base snapshot): only
  /// newer commits can shadow them. Filtered in parallel chunks; order is preserved.
  void ApplyReconciled(std::span<const AddFile> adds);

  /// ApplyReconciled for a checkpoint part or sidecar, keeping its arena when adds survive.
  void ApplyCheckpointBatch(ActionBatch& b);

 private:
  // Grows `live` geometrically but never past expected_adds, so a million-file checkpoint is
  // copied into place once instead of through repeated reallocations.
  void Reserve(size_t n);
  bool seen_empty() const;
};

/// "table <root> at version <v> (checkpoint <c>)": how messages name a segment.
std::string SegmentRange(const LogSegment& seg);

/// Builds st's final state from the reconciled actions: checks that the protocol is readable
/// and the metadata and schema valid, and dates the snapshot by its latest commit
/// (`commit_file`, else `fallback_file`) and that commit's `commit_info`.
Status FinishState(NonFileState& rec, FileReplay& files, SnapshotState* st,
                   const std::optional<CommitInfo>& commit_info,
                   const std::optional<FileInfo>& commit_file, const FileInfo& fallback_file);

}  // namespace delta
