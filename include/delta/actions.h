// Typed Delta log actions (PROTOCOL.md, "Actions").
//
// File actions (AddFile, RemoveFile, AddCdcFile) are views: their string_view and span members
// point into memory owned by whatever produced them (a Snapshot, a parsed commit) and stay
// valid as long as that owner lives. This keeps a million-file snapshot compact.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace delta {

/// One partition column's value as written in the log: the serialized string, or null.
struct PartitionValue {
  std::string_view column;                ///< physical partition column name
  std::optional<std::string_view> value;  ///< nullopt = null partition value
};

/// A string key/value pair (tags).
struct KeyValue {
  std::string_view key;
  std::optional<std::string_view> value;
};

/// Where a deletion vector lives (PROTOCOL.md, "Deletion Vector Descriptor Schema").
struct DeletionVectorDescriptor {
  char storage_type = 'u';         ///< 'u' relative (z85 UUID), 'i' inline, 'p' absolute path
  std::string_view path_or_inline; ///< z85 payload, inline bitmap, or URI
  std::optional<int32_t> offset;   ///< byte offset in the DV file (not for inline)
  int32_t size_in_bytes = 0;
  int64_t cardinality = 0;         ///< number of deleted rows

  /// storage_type + path_or_inline (+ "@" + offset): the id used with `path` as the file key.
  std::string UniqueId() const;
};

/// A logical file added to the table.
struct AddFile {
  std::string_view path;  ///< as in the log: URI-encoded relative path or absolute URI
  std::span<const PartitionValue> partition_values;
  int64_t size = 0;
  int64_t modification_time = 0;
  bool data_change = true;
  std::string_view stats;  ///< raw JSON stats; empty when absent
  std::span<const KeyValue> tags;
  const DeletionVectorDescriptor* deletion_vector = nullptr;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
  std::string_view clustering_provider;

  /// Number of records from `stats.numRecords`, when stats carry it.
  std::optional<int64_t> NumRecords() const;
};

/// A logical file removed from the table (a tombstone).
struct RemoveFile {
  std::string_view path;
  std::optional<int64_t> deletion_timestamp;
  bool data_change = true;
  bool extended_file_metadata = false;
  std::span<const PartitionValue> partition_values;
  std::optional<int64_t> size;
  std::string_view stats;
  std::span<const KeyValue> tags;
  const DeletionVectorDescriptor* deletion_vector = nullptr;
  std::optional<int64_t> base_row_id;
  std::optional<int64_t> default_row_commit_version;
};

/// A change data file (cdc action).
struct AddCdcFile {
  std::string_view path;
  std::span<const PartitionValue> partition_values;
  int64_t size = 0;
  bool data_change = false;
  std::span<const KeyValue> tags;
};

/// Reader/writer requirements of the table.
struct Protocol {
  int32_t min_reader_version = 1;
  int32_t min_writer_version = 2;
  /// Present only when min_reader_version >= 3.
  std::optional<std::vector<std::string>> reader_features;
  /// Present only when min_writer_version >= 7.
  std::optional<std::vector<std::string>> writer_features;

  bool HasReaderFeature(std::string_view f) const;
  bool HasWriterFeature(std::string_view f) const;
  bool operator==(const Protocol&) const = default;
};

/// The table's metadata (metaData action).
struct Metadata {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::string format_provider = "parquet";
  std::map<std::string, std::string> format_options;
  std::string schema_string;  ///< the schema as JSON; parsed by Snapshot::schema()
  std::vector<std::string> partition_columns;
  std::map<std::string, std::string> configuration;
  std::optional<int64_t> created_time;

  bool operator==(const Metadata&) const = default;
};

/// An application's transaction watermark (txn action).
struct SetTransaction {
  std::string app_id;
  int64_t version = 0;
  std::optional<int64_t> last_updated;
  bool operator==(const SetTransaction&) const = default;
};

/// Named configuration owned by a system or user (domainMetadata action).
struct DomainMetadata {
  std::string domain;
  std::string configuration;  ///< the domain's own format, usually JSON
  bool removed = false;
  bool operator==(const DomainMetadata&) const = default;
};

/// Provenance of a commit. Only the fields the kernel uses are typed; `json` keeps all of it.
struct CommitInfo {
  std::optional<int64_t> timestamp;
  std::optional<int64_t> in_commit_timestamp;
  std::optional<std::string> operation;
  /// operationParameters: each value as its JSON text (strings unquoted).
  std::map<std::string, std::string> operation_parameters;
  std::optional<std::string> engine_info;
  std::optional<bool> is_blind_append;
  std::optional<int64_t> read_version;
  std::optional<std::string> isolation_level;
  std::string json;  ///< the whole commitInfo object as written
};

/// Tags a v2 checkpoint with its version (checkpointMetadata action).
struct CheckpointMetadata {
  int64_t version = 0;
  std::map<std::string, std::string> tags;
};

/// Points a v2 checkpoint at a file of its add/remove actions (sidecar action).
struct SidecarFile {
  std::string path;  ///< relative to _delta_log/_sidecars/, or an absolute URI
  int64_t size_in_bytes = 0;
  int64_t modification_time = 0;
};

}  // namespace delta
