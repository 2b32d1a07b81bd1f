// Checkpoints: the table's state at one version written as Parquet, so that readers start from
// it instead of replaying every commit (PROTOCOL.md, "Checkpoints").
//
//   DELTA_ASSIGN_OR_RETURN(CheckpointResult r, WriteCheckpoint(*snapshot));
//   // r.files[0].location is <v>.checkpoint.parquet (or a v2 <v>.checkpoint.<uuid>.parquet)
//
// A classic checkpoint is one `<v>.checkpoint.parquet`; a table with the v2Checkpoint feature
// gets a UUID-named v2 checkpoint whose add and remove actions live in sidecar files under
// `_delta_log/_sidecars/`. Every file is published whole (create-if-absent), sidecars before the
// checkpoint that names them, and `_last_checkpoint` only after the checkpoint: a reader never
// picks a half-written checkpoint, and a failed one leaves the table as it was.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "delta/log_cleanup.h"
#include "delta/status.h"

namespace delta {

class Snapshot;
class Table;

/// Which checkpoint specification was written.
enum class CheckpointKind {
  kClassic,  ///< V1 spec, `<v>.checkpoint.parquet`
  kV2,       ///< V2 spec, UUID-named, with checkpointMetadata (and sidecars)
};

/// "classic" or "v2".
const char* CheckpointKindName(CheckpointKind kind);

/// Progress of a checkpoint being written.
struct CheckpointProgress {
  int64_t actions_written = 0;  ///< rows handed to the Parquet writer so far
  /// Rows the checkpoint will hold; 0 while unknown (a streamed snapshot's live files are
  /// counted as they are written).
  int64_t actions_total = 0;
  int64_t files_written = 0;    ///< files published so far
};

/// How WriteCheckpoint writes.
struct CheckpointOptions {
  /// Rows per record batch handed to the engine's Parquet writer: the checkpoint is streamed
  /// in batches of this many actions, never built whole.
  int64_t batch_rows = 65536;
  /// Tombstones (remove actions) are kept while their deletionTimestamp is newer than
  /// now - delta.deletedFileRetentionDuration; `now_ms` replaces the clock (tests).
  std::optional<int64_t> now_ms;
  /// Classic checkpoints: at most this many actions per file. A checkpoint with more is
  /// written as a multi-part checkpoint, `<v>.checkpoint.<i>.<n>.parquet` for i = 1..n (as
  /// Delta Spark's checkpoint partSize does); readers use it only once every part is there.
  /// Unset: one file.
  std::optional<int64_t> part_size;
  /// V2 checkpoints: put add and remove actions in sidecar files (default), or in the
  /// checkpoint itself.
  bool v2_sidecars = true;
  /// V2 checkpoints: write the top-level checkpoint as a JSON manifest,
  /// `<v>.checkpoint.<uuid>.json` (its sidecars stay Parquet), instead of Parquet.
  bool v2_json_manifest = false;
  /// V2 checkpoints: at most this many actions per sidecar file.
  int64_t actions_per_sidecar = int64_t{1} << 20;
  /// V2 checkpoints: name sidecars of the previous v2 checkpoint again instead of rewriting
  /// them. From a streamed snapshot (as WriteCheckpoint(Table) loads), each sidecar none of
  /// whose files a newer commit touched and whose tombstones are all still kept (small ones,
  /// under a 16th of actions_per_sidecar, only while there are at most four); from a snapshot
  /// with its file list, all of them when the newer commits only added files. So a slowly
  /// changing table checkpoints what changed (docs/checkpoints.md).
  bool reuse_sidecars = true;
  /// Called after each batch and each file; v2 sidecars are written in parallel, so calls may
  /// come from the engine's pool threads (one at a time).
  std::function<void(const CheckpointProgress&)> on_progress;
  /// Afterwards, CleanupExpiredLogs at the checkpoint's version (with `now_ms`), as Delta
  /// Spark does. Default: the table's delta.enableExpiredLogCleanup (default true).
  std::optional<bool> cleanup_expired_logs;
};

/// One file a checkpoint wrote.
struct CheckpointFileWritten {
  std::string location;  ///< absolute URI
  int64_t size_in_bytes = 0;
  int64_t actions = 0;  ///< rows in the file
};

/// What WriteCheckpoint wrote.
struct CheckpointResult {
  int64_t version = -1;
  CheckpointKind kind = CheckpointKind::kClassic;
  /// The files written: the checkpoint first (every part of a multi-part one, in order), then
  /// its new sidecars (v2).
  std::vector<CheckpointFileWritten> files;
  /// Sidecars of the previous v2 checkpoint this one names again (not in `files`).
  int64_t sidecars_reused = 0;
  /// Parts of a multi-part classic checkpoint (CheckpointOptions::part_size); 1 otherwise.
  int64_t parts = 1;
  int64_t num_of_add_files = 0;   ///< live files written
  int64_t num_of_tombstones = 0;  ///< remove actions kept (within the retention)
  int64_t actions = 0;        ///< every row of the checkpoint, sidecars (reused ones too) included
  int64_t size_in_bytes = 0;  ///< all its files together, reused sidecars included
  /// The most file actions (adds and removes) held in memory at once while writing: the
  /// removes read, the newer commits' live adds and the previous checkpoint's batches in flight
  /// for a streamed snapshot (FileListMode::kStreamed, as WriteCheckpoint(Table) loads); the
  /// removes and the whole file list for a snapshot that has one.
  int64_t max_file_actions_held = 0;
  /// Whether `_last_checkpoint` now points at this checkpoint (false when a newer one was
  /// already recorded there).
  bool last_checkpoint_updated = false;
  /// The log cleanup that followed, when it ran (CheckpointOptions::cleanup_expired_logs).
  std::optional<LogCleanupResult> log_cleanup;
  /// Non-fatal findings (e.g. `_last_checkpoint` could not be written: readers then list the
  /// log and still find the checkpoint).
  std::vector<std::string> warnings;
};

/// Writes a checkpoint of `snapshot`'s version: protocol, metadata, set transactions, domain
/// metadata (not removed ones), the live files (with statistics as JSON, deletion vectors and
/// row tracking fields) and the tombstones within delta.deletedFileRetentionDuration, then
/// `_last_checkpoint`, then cleans up the expired log (whose failure is a warning). A checkpoint of
/// that kind and version that exists already is a Conflict of kind kAlreadyExists; nothing is
/// overwritten. Needs an engine whose ParquetWriter implements WriteFile (the default engine's
/// does).
Result<CheckpointResult> WriteCheckpoint(const Snapshot& snapshot,
                                         const CheckpointOptions& options = {});

/// WriteCheckpoint of the table's latest version (or `version`).
Result<CheckpointResult> WriteCheckpoint(const Table& table,
                                         std::optional<int64_t> version = std::nullopt,
                                         const CheckpointOptions& options = {});

}  // namespace delta
