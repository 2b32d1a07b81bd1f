// Log replay: fetches and parses a log segment's files in parallel (commits through
// log/commit_reader.h, checkpoint parts and sidecars) and hands them to reconciliation
// (log/reconcile.h), which turns them into a snapshot state.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "delta/engine.h"
#include "delta/status.h"
#include "log/log_segment.h"
#include "log/snapshot_state.h"
#include "protocol/action_batch.h"

namespace delta {

/// Options for building a snapshot.
struct ReplayOptions {
  /// When true, a CRC file that disagrees with the replayed state is an InvalidTable error;
  /// otherwise the log wins and the disagreement is recorded as a warning.
  bool strict_checksum = false;
  /// When true and the segment has a Parquet checkpoint, the checkpoint's add and remove
  /// actions are not read: the state gets `deferred` instead of `files` (FileListMode::kStreamed).
  bool defer_checkpoint_files = false;
};

/// Calls `fn` with the removes of `segment`'s checkpoint (each part, then a v2 checkpoint's
/// sidecars), unreconciled, one decoded batch at a time and reading only the remove columns
/// (and sidecar pointers): vacuum needs the tombstones, which snapshots do not keep, and must
/// not hold a large checkpoint's adds. `fn` runs on the calling thread; the first error stops.
Status ForEachCheckpointRemoveBatch(Engine& engine, const LogSegment& segment,
                                    const std::function<Status(const ActionBatch&)>& fn);

/// Reads and reconciles every file of `segment` (PROTOCOL.md, "Action Reconciliation").
/// Commit files are fetched with many requests in flight and parsed in parallel; checkpoint
/// parts and sidecars are read in parallel; the result is independent of the thread count.
Result<std::unique_ptr<SnapshotState>> ReplaySegment(std::shared_ptr<Engine> engine,
                                                     LogSegment segment,
                                                     const ReplayOptions& options = {});

/// Replays only `new_segment.commits` (all newer than `base.version`) on top of `base`.
Result<std::unique_ptr<SnapshotState>> ReplayIncremental(const SnapshotState& base,
                                                         LogSegment new_segment,
                                                         const ReplayOptions& options = {});

}  // namespace delta

namespace delta {

/// The protocol and metadata of `segment`'s version without replaying file actions: from the
/// version's CRC file when it has a usable one, else from commits newest first, then only the
/// non-file columns of the checkpoint.
Status LoadProtocolAndMetadata(Engine& engine, const LogSegment& segment, Protocol* protocol,
                               Metadata* metadata);

}  // namespace delta
