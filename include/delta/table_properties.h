// A typed view over Metadata::configuration: the delta.* table properties the kernel acts on,
// with the protocol's (or the reference implementation's) defaults.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta {

/// delta.columnMapping.mode.
enum class ColumnMappingMode { kNone, kId, kName };

/// "none", "id" or "name".
std::string_view ColumnMappingModeName(ColumnMappingMode mode);

/// delta.isolationLevel: how strictly concurrent commits are checked for conflicts.
enum class IsolationLevel { kSerializable, kWriteSerializable, kSnapshotIsolation };

/// "Serializable", "WriteSerializable" or "SnapshotIsolation".
std::string_view IsolationLevelName(IsolationLevel level);

/// Reads a delta.isolationLevel value: the names IsolationLevelName prints, in any case and
/// with surrounding blanks. InvalidArgument naming the text otherwise.
Result<IsolationLevel> ParseIsolationLevel(std::string_view text);

/// delta.checkpointPolicy: which checkpoint format writers produce.
enum class CheckpointPolicy { kClassic, kV2 };

/// Parses a Spark calendar interval as used by the retention properties ("interval 30 days",
/// "2 weeks", "interval 1 day 12 hours", "1.5 seconds") into milliseconds. Units: week, day,
/// hour, minute, second, millisecond, microsecond (singular or plural, any case). InvalidArgument
/// for malformed text, months or years (their length varies), or a negative total.
Result<int64_t> ParseIntervalMillis(std::string_view text);

/// The typed table properties. Parse() validates every value it knows; unknown keys are kept
/// in raw() only. A default-constructed object holds every default.
class TableProperties {
 public:
  static constexpr std::string_view kAppendOnly = "delta.appendOnly";
  static constexpr std::string_view kEnableChangeDataFeed = "delta.enableChangeDataFeed";
  /// Older name of delta.enableChangeDataFeed, still honoured when the new one is absent.
  static constexpr std::string_view kEnableChangeDataCaptureLegacy =
      "delta.enableChangeDataCapture";
  static constexpr std::string_view kColumnMappingMode = "delta.columnMapping.mode";
  static constexpr std::string_view kColumnMappingMaxColumnId = "delta.columnMapping.maxColumnId";
  static constexpr std::string_view kEnableDeletionVectors = "delta.enableDeletionVectors";
  static constexpr std::string_view kEnableInCommitTimestamps = "delta.enableInCommitTimestamps";
  static constexpr std::string_view kInCommitTimestampEnablementVersion =
      "delta.inCommitTimestampEnablementVersion";
  static constexpr std::string_view kInCommitTimestampEnablementTimestamp =
      "delta.inCommitTimestampEnablementTimestamp";
  static constexpr std::string_view kCheckpointInterval = "delta.checkpointInterval";
  static constexpr std::string_view kCheckpointPolicy = "delta.checkpointPolicy";
  static constexpr std::string_view kLogRetentionDuration = "delta.logRetentionDuration";
  static constexpr std::string_view kDeletedFileRetentionDuration =
      "delta.deletedFileRetentionDuration";
  static constexpr std::string_view kCheckpointRetentionDuration =
      "delta.checkpointRetentionDuration";
  static constexpr std::string_view kSetTransactionRetentionDuration =
      "delta.setTransactionRetentionDuration";
  static constexpr std::string_view kDataSkippingNumIndexedCols =
      "delta.dataSkippingNumIndexedCols";
  static constexpr std::string_view kDataSkippingStatsColumns = "delta.dataSkippingStatsColumns";
  static constexpr std::string_view kEnableRowTracking = "delta.enableRowTracking";
  static constexpr std::string_view kMaterializedRowIdColumnName =
      "delta.rowTracking.materializedRowIdColumnName";
  static constexpr std::string_view kMaterializedRowCommitVersionColumnName =
      "delta.rowTracking.materializedRowCommitVersionColumnName";
  static constexpr std::string_view kCheckpointWriteStatsAsJson =
      "delta.checkpoint.writeStatsAsJson";
  static constexpr std::string_view kCheckpointWriteStatsAsStruct =
      "delta.checkpoint.writeStatsAsStruct";
  static constexpr std::string_view kIsolationLevel = "delta.isolationLevel";
  static constexpr std::string_view kRandomizeFilePrefixes = "delta.randomizeFilePrefixes";
  static constexpr std::string_view kRandomPrefixLength = "delta.randomPrefixLength";
  static constexpr std::string_view kEnableTypeWidening = "delta.enableTypeWidening";

  static constexpr int64_t kDefaultCheckpointInterval = 10;
  static constexpr int64_t kMillisPerDay = 24LL * 60 * 60 * 1000;
  static constexpr int64_t kDefaultLogRetentionMillis = 30 * kMillisPerDay;
  static constexpr int64_t kDefaultDeletedFileRetentionMillis = 7 * kMillisPerDay;
  static constexpr int64_t kDefaultCheckpointRetentionMillis = 2 * kMillisPerDay;
  static constexpr int32_t kDefaultDataSkippingNumIndexedCols = 32;
  static constexpr int32_t kDefaultRandomPrefixLength = 2;

  /// All defaults, no raw properties.
  TableProperties() = default;

  /// Reads `configuration` (Metadata::configuration). InvalidTable naming the key and value
  /// when a known property has a malformed value (e.g. delta.checkpointInterval=abc).
  static Result<TableProperties> Parse(const std::map<std::string, std::string>& configuration);

  /// delta.appendOnly (default false): writers may only add files.
  bool append_only() const { return append_only_; }
  /// delta.enableChangeDataFeed (default false; falls back to delta.enableChangeDataCapture).
  bool enable_change_data_feed() const { return enable_change_data_feed_; }
  /// delta.columnMapping.mode (default none); honoured only when the protocol supports
  /// columnMapping.
  ColumnMappingMode column_mapping_mode() const { return column_mapping_mode_; }
  /// delta.columnMapping.maxColumnId (default 0): the highest column id assigned so far.
  int64_t column_mapping_max_column_id() const { return column_mapping_max_column_id_; }
  /// delta.enableDeletionVectors (default false): writers may write new deletion vectors.
  bool enable_deletion_vectors() const { return enable_deletion_vectors_; }
  /// delta.enableInCommitTimestamps (default false).
  bool enable_in_commit_timestamps() const { return enable_in_commit_timestamps_; }
  /// delta.inCommitTimestampEnablementVersion: first version with in-commit timestamps.
  std::optional<int64_t> in_commit_timestamp_enablement_version() const {
    return in_commit_timestamp_enablement_version_;
  }
  /// delta.inCommitTimestampEnablementTimestamp: the in-commit timestamp (ms) of that version.
  std::optional<int64_t> in_commit_timestamp_enablement_timestamp() const {
    return in_commit_timestamp_enablement_timestamp_;
  }
  /// delta.checkpointInterval (default 10, always > 0): commits between checkpoints.
  int64_t checkpoint_interval() const { return checkpoint_interval_; }
  /// delta.checkpointPolicy (default classic).
  CheckpointPolicy checkpoint_policy() const { return checkpoint_policy_; }
  /// delta.logRetentionDuration in ms (default 30 days).
  int64_t log_retention_duration_ms() const { return log_retention_duration_ms_; }
  /// delta.deletedFileRetentionDuration in ms (default 1 week): tombstone retention.
  int64_t deleted_file_retention_duration_ms() const { return deleted_file_retention_duration_ms_; }
  /// delta.checkpointRetentionDuration in ms (default 2 days).
  int64_t checkpoint_retention_duration_ms() const { return checkpoint_retention_duration_ms_; }
  /// delta.setTransactionRetentionDuration in ms; unset means txn actions never expire.
  std::optional<int64_t> set_transaction_retention_duration_ms() const {
    return set_transaction_retention_duration_ms_;
  }
  /// delta.dataSkippingNumIndexedCols (default 32; -1 means all columns).
  int32_t data_skipping_num_indexed_cols() const { return data_skipping_num_indexed_cols_; }
  /// delta.dataSkippingStatsColumns, parsed: each entry is a column path (backticks removed),
  /// e.g. "a, `b.c`.d" -> {{"a"}, {"b.c", "d"}}. Takes precedence over the count when set.
  const std::optional<std::vector<std::vector<std::string>>>& data_skipping_stats_columns() const {
    return data_skipping_stats_columns_;
  }
  /// delta.enableRowTracking (default false).
  bool enable_row_tracking() const { return enable_row_tracking_; }
  /// delta.rowTracking.materializedRowIdColumnName, when set.
  const std::optional<std::string>& materialized_row_id_column_name() const {
    return materialized_row_id_column_name_;
  }
  /// delta.rowTracking.materializedRowCommitVersionColumnName, when set.
  const std::optional<std::string>& materialized_row_commit_version_column_name() const {
    return materialized_row_commit_version_column_name_;
  }
  /// delta.checkpoint.writeStatsAsJson (default true).
  bool checkpoint_write_stats_as_json() const { return checkpoint_write_stats_as_json_; }
  /// delta.checkpoint.writeStatsAsStruct (default false, as PROTOCOL.md states).
  bool checkpoint_write_stats_as_struct() const { return checkpoint_write_stats_as_struct_; }
  /// delta.isolationLevel (default Serializable, as in the reference implementation).
  IsolationLevel isolation_level() const { return isolation_level_; }
  /// delta.randomizeFilePrefixes (default false): writers prefix data paths with random chars.
  bool randomize_file_prefixes() const { return randomize_file_prefixes_; }
  /// delta.randomPrefixLength (default 2, always > 0).
  int32_t random_prefix_length() const { return random_prefix_length_; }
  /// delta.enableTypeWidening (default false).
  bool enable_type_widening() const { return enable_type_widening_; }

  /// Every property as written, including ones this class does not type.
  const std::map<std::string, std::string>& raw() const { return raw_; }
  /// One raw property, when present.
  std::optional<std::string_view> Get(std::string_view key) const;

 private:
  std::map<std::string, std::string> raw_;
  bool append_only_ = false;
  bool enable_change_data_feed_ = false;
  ColumnMappingMode column_mapping_mode_ = ColumnMappingMode::kNone;
  int64_t column_mapping_max_column_id_ = 0;
  bool enable_deletion_vectors_ = false;
  bool enable_in_commit_timestamps_ = false;
  std::optional<int64_t> in_commit_timestamp_enablement_version_;
  std::optional<int64_t> in_commit_timestamp_enablement_timestamp_;
  int64_t checkpoint_interval_ = kDefaultCheckpointInterval;
  CheckpointPolicy checkpoint_policy_ = CheckpointPolicy::kClassic;
  int64_t log_retention_duration_ms_ = kDefaultLogRetentionMillis;
  int64_t deleted_file_retention_duration_ms_ = kDefaultDeletedFileRetentionMillis;
  int64_t checkpoint_retention_duration_ms_ = kDefaultCheckpointRetentionMillis;
  std::optional<int64_t> set_transaction_retention_duration_ms_;
  int32_t data_skipping_num_indexed_cols_ = kDefaultDataSkippingNumIndexedCols;
  std::optional<std::vector<std::vector<std::string>>> data_skipping_stats_columns_;
  bool enable_row_tracking_ = false;
  std::optional<std::string> materialized_row_id_column_name_;
  std::optional<std::string> materialized_row_commit_version_column_name_;
  bool checkpoint_write_stats_as_json_ = true;
  bool checkpoint_write_stats_as_struct_ = false;
  IsolationLevel isolation_level_ = IsolationLevel::kSerializable;
  bool randomize_file_prefixes_ = false;
  int32_t random_prefix_length_ = kDefaultRandomPrefixLength;
  bool enable_type_widening_ = false;
};

}  // namespace delta
