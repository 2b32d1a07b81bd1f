// An immutable view of a Delta table at one version.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

class Engine;
struct SnapshotState;  // internal

/// How a snapshot holds the table's live files.
enum class FileListMode {
  /// Replay every file action while loading: files() lists the live files and scans plan
  /// from memory, as often as needed, without reading the checkpoint again.
  kInMemory,
  /// Read only the commits after the checkpoint and the checkpoint's non-file actions while
  /// loading. Each scan then streams the checkpoint's adds itself, decoding and planning them
  /// in parallel and keeping none of them: for planning a scan of a large table this takes far
  /// less time and memory. Such a snapshot has no file list (has_file_list() is false, files()
  /// is empty, total_bytes() is 0) unless the table has no Parquet checkpoint; errors in the
  /// checkpoint's file actions surface from the scan, naming the file and row.
  kStreamed,
};

/// Options for loading a snapshot (Table::LatestSnapshot and friends).
struct SnapshotOptions {
  FileListMode file_list = FileListMode::kInMemory;
};

/// The state of a table at one version: protocol, metadata, schema and the live files.
/// Immutable and thread-safe; share it as std::shared_ptr<const Snapshot>.
class Snapshot : public std::enable_shared_from_this<Snapshot> {
 public:
  ~Snapshot();

  /// Table root URI.
  const std::string& table_location() const;
  int64_t version() const;
  /// Commit timestamp of this version: its in-commit timestamp when enabled, else the commit
  /// file's modification time (ms since epoch).
  int64_t timestamp() const;

  const Protocol& protocol() const;
  const Metadata& metadata() const;
  /// The logical schema, parsed from metadata().schema_string.
  const std::shared_ptr<const StructType>& schema() const;
  const std::vector<std::string>& partition_columns() const;
  /// Table properties (metadata().configuration).
  const std::map<std::string, std::string>& properties() const;

  /// The live files (adds not removed), in no particular order. Views stay valid while this
  /// snapshot lives. Empty when !has_file_list(): scan such a snapshot instead.
  std::span<const AddFile> files() const;
  /// Sum of the live files' sizes in bytes (0 when !has_file_list()).
  int64_t total_bytes() const;
  /// False for a snapshot loaded with FileListMode::kStreamed whose checkpoint's file actions
  /// were left for scans to stream.
  bool has_file_list() const;

  /// Latest version per application id (txn actions).
  const std::map<std::string, SetTransaction>& set_transactions() const;
  /// Latest non-removed domain metadata per domain.
  const std::map<std::string, DomainMetadata>& domain_metadata() const;
  /// The commitInfo of this version, when it has one.
  const std::optional<CommitInfo>& commit_info() const;

  /// Non-fatal findings while loading: an ignored stale or corrupt `_last_checkpoint`, an
  /// ignored incomplete checkpoint, a version checksum (.crc) that disagrees with the log.
  const std::vector<std::string>& warnings() const;

  /// Version of the checkpoint this snapshot was built from, if any.
  std::optional<int64_t> checkpoint_version() const;

  /// Resolves an add/remove path from the log to an absolute URI (decoding it exactly once).
  std::string ResolvePath(std::string_view log_path) const;

  /// The location to read for an add/remove/cdc path: ResolvePath, and for an absolute path a
  /// check against the engine's LocationPolicy (PermissionDenied naming the table and path).
  Result<std::string> LocateFile(std::string_view log_path) const;

  /// A snapshot at `version` (default: latest) built from this one, reading only the commits
  /// after this version (and, when !has_file_list(), the checkpoint's non-file actions again).
  /// The new snapshot holds its files the way this one does. Returns this snapshot when there
  /// is nothing new.
  Result<std::shared_ptr<const Snapshot>> Refresh(std::optional<int64_t> version = {}) const;

  /// Internal: built by the log layer.
  explicit Snapshot(std::unique_ptr<SnapshotState> state);
  const SnapshotState& state() const { return *state_; }

 private:
  std::unique_ptr<SnapshotState> state_;
};

}  // namespace delta
