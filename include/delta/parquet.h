// Reading and writing Parquet files: the part of the Engine interface that turns data files into
// Arrow C data (with an optional predicate a reader may use to leave out row groups), and Arrow
// C streams into data files with the statistics a Delta `add` carries.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/expression.h"
#include "delta/file_system.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "delta/table_properties.h"
#include "delta/write_constraint.h"

namespace delta {

/// Hints for ParquetReader::ReadFiltered. A reader may ignore every one of them: the kernel
/// still filters the rows it gets.
struct ParquetReadOptions {
  /// The caller keeps only rows for which this predicate is TRUE, so a reader may leave out row
  /// groups whose statistics prove it never is. Bound with BindExpression: each column's
  /// `physical_path` names a field of the read schema (whose field ids, when present, pick the
  /// file's column as in Read) and `type` is its Delta type. Null = no predicate.
  ExprPtr predicate;
};

/// A run of consecutive rows of a file: rows [first, first + count).
struct RowRange {
  int64_t first = 0;
  int64_t count = 0;
};

/// What a ReadFiltered stream holds.
struct ParquetReadInfo {
  int64_t row_groups = 0;          ///< row groups in the file (0 when not known)
  int64_t row_groups_skipped = 0;  ///< row groups left out because of the predicate
  /// The file's rows the stream yields, in file order; nullopt when it yields every row. Row
  /// positions (deletion vectors, row indexes) are mapped through these.
  std::optional<std::vector<RowRange>> row_ranges;
};

/// Reads Parquet files into Arrow C data.
class ParquetReader {
 public:
  virtual ~ParquetReader() = default;

  /// Like Read, with hints that let the reader leave out rows (see ParquetReadOptions);
  /// `info` (when not null) receives which rows the stream holds. The default ignores the
  /// hints and reads every row.
  virtual Result<ArrowStreamHandle> ReadFiltered(const FileInfo& file,
                                                 const ArrowSchema* read_schema,
                                                 const ParquetReadOptions& options,
                                                 ParquetReadInfo* info) {
    (void)options;
    if (info != nullptr) *info = ParquetReadInfo{};
    return Read(file, read_schema);
  }

  /// Streams the rows of `file` as struct arrays shaped like `read_schema` (a struct schema).
  /// Columns are matched by Parquet field id when the read schema carries one
  /// ("PARQUET:field_id" metadata), otherwise by name; nested structs are projected likewise.
  /// Columns missing from the file come back as all-null. With a null `read_schema` every
  /// column is read as stored.
  virtual Result<ArrowStreamHandle> Read(const FileInfo& file, const ArrowSchema* read_schema) = 0;

  /// The schema stored in a file's footer.
  virtual Result<ArrowSchemaHandle> ReadSchema(const FileInfo& file) = 0;
};

/// How ParquetWriter::Write lays out and describes data files.
struct ParquetWriteOptions {
  /// A file is closed, and the next one started, once about this many bytes went into it
  /// (row groups are flushed early to measure it; a file may exceed it by about one batch).
  int64_t target_file_size = int64_t{128} << 20;
  /// Rows per row group at most.
  int64_t row_group_rows = int64_t{1} << 20;
  /// "snappy" (the default, as Spark), "zstd", "gzip", "lz4" or "uncompressed".
  std::string compression = "snappy";
  /// delta.dataSkippingNumIndexedCols: statistics for the first N leaf columns of the data
  /// (partition columns excluded; an array or map counts as one); -1 = all.
  int32_t num_indexed_cols = 32;
  /// delta.dataSkippingStatsColumns, parsed (TableProperties::data_skipping_stats_columns):
  /// when set, exactly these columns (a struct path takes all its leaves) get statistics and
  /// num_indexed_cols is ignored.
  std::optional<std::vector<std::vector<std::string>>> stats_columns;
  /// delta.columnMapping.mode: under name or id mode files and statistics use each field's
  /// physical name, and in id mode Parquet field ids carry delta.columnMapping.id.
  ColumnMappingMode column_mapping = ColumnMappingMode::kNone;
  /// Adds "tightBounds":true to the statistics (tables with deletion vectors).
  bool tight_bounds = false;
  /// Rules every row must pass (CollectWriteConstraints gives a table's): each batch is checked
  /// before any of its rows is written; the first violation is InvalidArgument naming the
  /// constraint and the offending row's values.
  std::vector<WriteConstraint> constraints;
  /// Physical columns the table schema does not show, stored after its data columns (row
  /// tracking's materialized row id and row commit version columns): nullable longs taken from
  /// the data by exact name, with no statistics and no constraints, named as given under
  /// column mapping too. Transaction::WriteFiles sets them from the data it is given.
  std::vector<std::string> hidden_columns;
};

/// One data file written: what its `add` action needs.
struct WrittenFile {
  /// Relative to the table root and percent-encoded, as the add's `path` is.
  std::string path;
  /// Partition column (logical name) -> the protocol's partition value text; nullopt = null.
  std::map<std::string, std::optional<std::string>> partition_values;
  int64_t size = 0;
  int64_t modification_time = 0;  ///< milliseconds since the epoch
  int64_t num_records = 0;
  /// The add's `stats` JSON: numRecords, minValues, maxValues, nullCount (and tightBounds).
  std::string stats;
};

/// How ParquetWriter::WriteFile writes one file of the kernel's own (checkpoints, sidecars).
struct ParquetFileWriteOptions {
  /// As ParquetWriteOptions::compression.
  std::string compression = "snappy";
  /// Rows per row group at most.
  int64_t row_group_rows = int64_t{1} << 20;
};

/// Writes Arrow C data as a table's Parquet data files.
class ParquetWriter {
 public:
  virtual ~ParquetWriter() = default;

  /// Writes every batch of `data` (struct batches with the columns of `schema`, logical names,
  /// in any order) under `table_root` (a location of the engine's file system, without a
  /// trailing '/'): one Hive-style folder per distinct value of `partition_columns`, which are
  /// not stored in the files. InvalidArgument naming the column when a batch's columns do not
  /// match `schema` or a non-nullable column holds a null, or when a row breaks one of
  /// `options.constraints` (checked per batch before any of its rows is written); files
  /// written before such an error stay behind unreferenced. Takes ownership of `data`
  /// (releases it).
  virtual Result<std::vector<WrittenFile>> Write(std::string_view table_root,
                                                 const StructType& schema,
                                                 const std::vector<std::string>& partition_columns,
                                                 ArrowArrayStream* data,
                                                 const ParquetWriteOptions& options) = 0;

  /// Writes every batch of `data` as stored (its schema, names and nullability as the stream
  /// gives them) into one Parquet file at `location`, published whole by the file system's
  /// OpenForCreate: readers never see part of it, an existing file is AlreadyExists and left
  /// untouched, and a failure leaves nothing behind. Returns the file's size and time. The
  /// kernel writes its log files (checkpoints, sidecars) with it. Takes ownership of `data`.
  /// The default answers Unsupported.
  virtual Result<FileInfo> WriteFile(std::string_view location, ArrowArrayStream* data,
                                     const ParquetFileWriteOptions& options);
};

}  // namespace delta
