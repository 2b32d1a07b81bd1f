// The generated table as a plan: schema, protocol, which file is added and removed in which
// commit, and when. Everything is derived from the options and the seed, before any I/O.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gen_options.h"
#include "gen_random.h"

namespace delta::gen {

/// Data column types, in the order --columns cycles through them.
enum class ColumnType : uint8_t {
  kLong,
  kInt,
  kDouble,
  kString,
  kDate,
  kTimestamp,
  kBoolean,
  kDecimal,  ///< decimal(10,2)
};
inline constexpr int kNumColumnTypes = 8;

/// One data column of the generated schema.
struct Column {
  std::string name;
  ColumnType type;
  int null_percent = 0;    ///< share of null values
  bool is_row_id = false;  ///< the first column: unique, sequential, never null
  std::string json_key;    ///< "name": as a JSON object key, escaped once
};

/// One data file of the table (its path is derived, see TableModel::AppendPath).
struct GenFile {
  Uuid uuid;
  int64_t first_row_id = 0;
  int64_t size = 0;
  int64_t modification_time = 0;
  int32_t partition = -1;  ///< index into partition_values(), -1 when unpartitioned
  int32_t part = 0;        ///< its number within the commit that adds it (part-00000-...)
  int32_t added_version = 0;
  int32_t removed_version = -1;  ///< -1 while never removed
};

/// The file actions of one commit, as indexes into TableModel::files().
struct CommitPlan {
  std::vector<int64_t> adds;
  std::vector<int64_t> removes;
};

/// The whole table, planned from the options.
class TableModel {
 public:
  explicit TableModel(const GenOptions& options);

  const GenOptions& options() const { return options_; }
  const std::vector<Column>& columns() const { return columns_; }
  /// "region", or empty when the table is unpartitioned.
  const std::string& partition_column() const { return partition_column_; }
  const std::vector<std::string>& partition_values() const { return partition_values_; }

  const std::vector<GenFile>& files() const { return files_; }
  std::vector<GenFile>& mutable_files() { return files_; }
  const std::vector<CommitPlan>& commits() const { return commits_; }
  int64_t last_version() const { return static_cast<int64_t>(commits_.size()) - 1; }

  /// When version `v` was committed (ms since the epoch).
  int64_t CommitTimestamp(int64_t v) const {
    return options_.start_time_ms + v * options_.commit_interval_ms;
  }
  /// True when a checkpoint is due at version `v`.
  bool CheckpointAt(int64_t v) const;

  const std::string& table_id() const { return table_id_; }
  /// The table schema (data columns, then the partition column) as a schemaString.
  std::string SchemaString() const;

  int32_t min_reader_version() const { return min_reader_version_; }
  int32_t min_writer_version() const { return min_writer_version_; }
  /// Table features; meaningful only at reader version 3 / writer version 7.
  const std::vector<std::string>& reader_features() const { return reader_features_; }
  const std::vector<std::string>& writer_features() const { return writer_features_; }
  const std::map<std::string, std::string>& configuration() const { return configuration_; }

  /// Appends the file's path as written in the log: relative, URI-encoded. Partition values
  /// and file names only use [A-Za-z0-9.-], so no character needs escaping.
  void AppendPath(const GenFile& f, std::string* out) const;
  /// Rows in each file.
  int64_t rows_per_file() const { return options_.rows_per_file; }

 private:
  void PlanCommits();

  GenOptions options_;
  std::vector<Column> columns_;
  std::string partition_column_;
  std::vector<std::string> partition_values_;
  std::vector<GenFile> files_;
  std::vector<CommitPlan> commits_;
  std::string table_id_;
  int32_t min_reader_version_ = 1;
  int32_t min_writer_version_ = 2;
  std::vector<std::string> reader_features_;
  std::vector<std::string> writer_features_;
  std::map<std::string, std::string> configuration_;
};

/// Seeds of the generator's independent random streams.
enum Stream : uint64_t {
  kStreamTable = 1,
  kStreamFileId = 2,
  kStreamFileData = 3,
  kStreamRemoves = 4,
  kStreamCheckpoint = 5,
};

}  // namespace delta::gen
