// A scan of one snapshot: which files, rows and columns a query needs, and how each output
// column is produced from a data file (physical column, partition value, metadata, null).
//
//   ScanOptions opts;
//   opts.columns = {"id", "address.city"};
//   DELTA_ASSIGN_OR_RETURN(opts.filter, ParseExpression("year = 2024"));
//   DELTA_ASSIGN_OR_RETURN(auto scan, Scan::Make(snapshot, opts));
//   DELTA_ASSIGN_OR_RETURN(std::vector<ScanFile> files, scan->Files());
//
// Executing the scan (reading the files into Arrow) is the engine's job: see
// scan_execution.h for the default engine's implementation, e.g.
//
//   DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle rows, ExecuteScan(scan));  // snapshot's engine
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/arrow_handles.h"
#include "delta/expression.h"
#include "delta/literal.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/table_properties.h"

namespace delta {

class DeletionVector;
class Engine;
class ScanMetadataIterator;  // scan_metadata.h
struct ScanState;            // internal

/// Columns a scan can add that are not in the table schema.
enum class MetadataColumn {
  kFilePath,          ///< "_file_path": absolute URI of the data file (string)
  kRowIndex,          ///< "_row_index": the row's position in its data file (long)
  kRowId,             ///< "_row_id": row tracking's stable row id (long)
  kRowCommitVersion,  ///< "_row_commit_version": version that last changed the row (long)
};

/// The output column name of a metadata column: "_file_path", "_row_index", ...
std::string_view MetadataColumnName(MetadataColumn column);

/// The metadata column named `name` (exact spelling), if any.
std::optional<MetadataColumn> MetadataColumnFromName(std::string_view name);

/// What to read.
struct ScanOptions {
  /// Columns to return, in this order: top-level names or dotted paths into structs ("a.b";
  /// backquote names holding dots: "`a.b`.c"); matched case-insensitively. A path keeps its
  /// enclosing structs with only the selected fields (a struct appears once, where it is first
  /// named). Names of metadata columns ("_row_index", ...) that are not table columns select
  /// those, in place. nullopt = every column.
  std::optional<std::vector<std::string>> columns;
  /// Rows to return: only those for which this predicate is TRUE. Null = all rows.
  ExprPtr filter;
  /// Skip files whose partition values prove the filter false.
  bool partition_pruning = true;
  /// Skip files whose statistics prove the filter false.
  bool data_skipping = true;
  /// Metadata columns appended after the columns above, in this order.
  std::vector<MetadataColumn> metadata_columns;
  /// Return at most this many rows (which ones is unspecified). nullopt = all.
  std::optional<int64_t> limit;
  /// Read only the live files whose `path` (as written in the log) is one of these; the
  /// others count as pruned. nullopt = every live file. Row-level operations use it to
  /// re-read exactly the files they rewrite.
  std::optional<std::vector<std::string>> only_files;
};

/// Typed partition values of one file, keyed by logical (schema) column name.
using PartitionValues = std::map<std::string, Literal, std::less<>>;

/// One data file a scan reads. The string views and the DV descriptor point into the snapshot,
/// which the Scan keeps alive, or (files streamed from a checkpoint) into memory `owner` keeps
/// alive; copying the ScanFile shares it.
struct ScanFile {
  std::string location;   ///< absolute URI of the data file
  std::string_view path;  ///< the path as written in the log
  int64_t size = 0;       ///< bytes
  int64_t modification_time = 0;
  std::optional<int64_t> num_records;  ///< from the stats, when present
  /// Typed partition values (every partition column, null where the log has none).
  PartitionValues partition_values;
  /// Deleted rows, not yet loaded (LoadDeletionVector in deletion_vector.h); null if none.
  const DeletionVectorDescriptor* deletion_vector = nullptr;
  std::optional<int64_t> base_row_id;                 ///< row tracking
  std::optional<int64_t> default_row_commit_version;  ///< row tracking
  /// When set, the read keeps exactly these rows (0-based positions in the data file) instead
  /// of those `deletion_vector` leaves: the changes feed reads only rows a DV change touched.
  std::shared_ptr<const DeletionVector> selected_rows;
  /// Keeps the memory behind `path` and `deletion_vector` alive when the snapshot does not.
  std::shared_ptr<const void> owner;
};

/// How many files planning looked at and why it dropped some.
struct ScanCounts {
  int64_t total_files = 0;          ///< live files in the snapshot
  int64_t pruned_by_partition = 0;  ///< dropped by partition values
  int64_t skipped_by_stats = 0;     ///< dropped by column statistics
  int64_t selected_files = 0;       ///< files to read
};

/// Where one column of a scan comes from.
enum class ColumnSource {
  kPhysical,   ///< a column of the data file (physical_schema() field `physical_index`)
  kPartition,  ///< the file's partition value of `partition_column`
  kMetadata,   ///< a metadata column (`metadata`)
  kNull,       ///< always null (void columns)
  /// The file's partition value of `partition_column` when it has one, else the data file's
  /// column `physical_index` (the changes feed's _change_type: constant for added and removed
  /// files, stored in change data files).
  kPartitionOrPhysical,
};

/// How to produce one column of a scan from a data file.
struct ColumnTransform {
  ColumnSource source = ColumnSource::kNull;
  std::string name;  ///< logical output name
  DataTypePtr type;  ///< logical type (the table's current type)
  bool nullable = true;
  /// kPhysical: index into physical_schema(). kMetadata with row id / row commit version:
  /// the materialized row-tracking column in physical_schema(), or -1 when there is none.
  int physical_index = -1;
  std::string partition_column;  ///< kPartition: key into ScanFile::partition_values
  MetadataColumn metadata = MetadataColumn::kFilePath;  ///< kMetadata only
};

/// Pulls the files of a scan one at a time while the work behind them (partition parsing,
/// pruning, stats) runs ahead in parallel on the engine's executor. Not thread-safe.
class ScanFileIterator {
 public:
  virtual ~ScanFileIterator() = default;
  /// The next file, or nullopt when there are no more. Errors (a malformed partition value)
  /// name the file.
  virtual Result<std::optional<ScanFile>> Next() = 0;
  /// Counts over the files looked at so far (all of them once Next() returned nullopt).
  virtual ScanCounts counts() const = 0;
};

/// A planned read of a snapshot. Immutable and thread-safe; share as shared_ptr<const Scan>.
class Scan : public std::enable_shared_from_this<Scan> {
 public:
  /// Validates `options` against the snapshot: binds the filter (InvalidArgument naming a
  /// missing column or mistyped comparison), resolves the columns (InvalidArgument naming an
  /// unknown one), and refuses with Unsupported a table whose reader features or types the
  /// scan cannot honour.
  static Result<std::shared_ptr<const Scan>> Make(std::shared_ptr<const Snapshot> snapshot,
                                                  ScanOptions options);

  ~Scan();

  const std::shared_ptr<const Snapshot>& snapshot() const;
  /// The engine the scan plans and executes on unless told otherwise: its snapshot's.
  const std::shared_ptr<Engine>& engine() const;
  const ScanOptions& options() const;
  /// The filter bound to the table schema, or null.
  const ExprPtr& bound_filter() const;
  /// The table's column mapping mode as honoured by this scan.
  ColumnMappingMode column_mapping_mode() const;

  /// The logical schema of the rows the scan returns: the selected columns (table names and
  /// current types) and metadata columns, in the order of ScanOptions.
  const std::shared_ptr<const StructType>& output_schema() const;
  /// Every column a file must yield: the output columns first, then those only the filter
  /// reads. Transforms and the filter refer to these (logical) names.
  const std::shared_ptr<const StructType>& working_schema() const;
  /// Columns to read from each data file: physical names (under column mapping), field ids
  /// in id mode (field metadata delta.columnMapping.id), the table's current types.
  const std::shared_ptr<const StructType>& physical_schema() const;
  /// One transform per working_schema() field, in order.
  const std::vector<ColumnTransform>& transforms() const;
  /// The first num_output_columns() working columns make up the output.
  size_t num_output_columns() const;
  /// Logical names of the table's partition columns (schema spelling).
  const std::vector<std::string>& partition_columns() const;

  /// physical_schema() as an Arrow C schema for a Parquet reader: field names as in the
  /// files, "PARQUET:field_id" metadata in id mode.
  Result<ArrowSchemaHandle> PhysicalArrowSchema() const;
  /// output_schema() as an Arrow C schema (timestamp = us "UTC", timestamp_ntz = us without
  /// zone, variant = struct<value: binary, metadata: binary>, void = null).
  Result<ArrowSchemaHandle> OutputArrowSchema() const;

  /// The files to read, after partition pruning and data skipping (as enabled), in no
  /// particular order; `counts` receives the planning counts. Read from MetadataBatches().
  Result<std::vector<ScanFile>> Files(ScanCounts* counts = nullptr) const;
  /// The same files through a pull iterator over MetadataBatches(), planned ahead in parallel.
  std::unique_ptr<ScanFileIterator> FileIterator() const;
  /// The same plan as Arrow batches of the log's add columns with a selection vector
  /// (scan_metadata.h), planned ahead in parallel. Unsupported for the changes feed.
  Result<std::unique_ptr<ScanMetadataIterator>> MetadataBatches() const;

  /// Internal: built by Make().
  explicit Scan(std::unique_ptr<const ScanState> state);
  const ScanState& state() const { return *state_; }

 private:
  std::unique_ptr<const ScanState> state_;
};

}  // namespace delta
