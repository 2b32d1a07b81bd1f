// Reading Parquet files: the part of the Engine interface that turns data files into Arrow C
// data, with an optional predicate a reader may use to leave out row groups.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/expression.h"
#include "delta/file_system.h"
#include "delta/status.h"

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

}  // namespace delta
