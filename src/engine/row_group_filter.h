// Row-group skipping: deciding from a Parquet row group's column statistics that none of its
// rows satisfies a predicate, with the kernel's data-skipping evaluator (scan/data_skipping.h).
// Conservative like file skipping: a column whose statistics are missing, unreliable (legacy
// byte-array order, INT96, unsigned, repeated) or of a type we do not map is unknown.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/type_fwd.h>
#include <parquet/arrow/schema.h>
#include <parquet/metadata.h>

#include "delta/expression.h"
#include "scan/data_skipping.h"

namespace delta::engine {

/// A bound predicate resolved against one Parquet file: the leaf column each referenced column
/// reads. Cheap to build per file; MayMatch is called once per row group.
class RowGroupFilter {
 public:
  /// `predicate` is bound (see ParquetReadOptions::predicate); `read_schema` is the schema the
  /// file is read with (physical names, "PARQUET:field_id" metadata); `manifest` the file's.
  /// `legacy_calendar`: the file's dates and INT64 timestamps are rebased when read (Spark's
  /// hybrid calendar, see spark_rebase.h), so their stored bounds are not bounds of what is read.
  RowGroupFilter(ExprPtr predicate, const arrow::Schema& read_schema,
                 const parquet::arrow::SchemaManifest& manifest, bool legacy_calendar = false);

  /// False only when the statistics of `row_group` prove that no row satisfies the predicate.
  bool MayMatch(const parquet::RowGroupMetaData& row_group) const;

  /// What the statistics of leaf column `column` in `row_group` say about its values, read as
  /// Delta type `type`; nullopt when nothing usable is known.
  static std::optional<ColumnFacts> FactsOf(const parquet::RowGroupMetaData& row_group, int column,
                                            const DataType& type);

 private:
  struct Resolved {
    std::vector<std::string> physical_path;
    int leaf = -1;  // Parquet leaf column index, -1 when the file has no usable column
    // The read schema has the column and the file does not: the read gives it as all null.
    bool absent = false;
  };

  const Resolved* Find(const std::vector<std::string>& physical_path) const;

  ExprPtr predicate_;
  std::vector<Resolved> columns_;
  bool legacy_calendar_ = false;
};

}  // namespace delta::engine
