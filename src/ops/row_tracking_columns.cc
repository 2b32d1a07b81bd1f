#include "ops/row_tracking_columns.h"

#include <utility>

#include <arrow/type.h>

#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "engine/arrow_status.h"

namespace delta::ops {
namespace {

Result<std::shared_ptr<arrow::Schema>> Renamed(const std::shared_ptr<arrow::Schema>& schema,
                                               const KeptRowTracking& kept) {
  const int n = schema->num_fields();
  if (n < 2) return Status::Internal("row tracking: the rows have no _row_id column");
  arrow::FieldVector fields = schema->fields();
  fields[n - 2] = arrow::field(kept.row_id_column, arrow::int64(), true);
  fields[n - 1] = arrow::field(kept.row_commit_version_column, arrow::int64(), true);
  return arrow::schema(std::move(fields));
}

// Renames the schema of every batch `rows` gives; the batches' data is shared.
class RenamingReader : public arrow::RecordBatchReader {
 public:
  RenamingReader(std::shared_ptr<arrow::RecordBatchReader> rows,
                 std::shared_ptr<arrow::Schema> schema)
      : rows_(std::move(rows)), schema_(std::move(schema)) {}

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }

  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override {
    ARROW_RETURN_NOT_OK(rows_->ReadNext(batch));
    if (*batch)
      *batch = arrow::RecordBatch::Make(schema_, (*batch)->num_rows(), (*batch)->columns());
    return arrow::Status::OK();
  }

  arrow::Status Close() override { return rows_->Close(); }

 private:
  std::shared_ptr<arrow::RecordBatchReader> rows_;
  std::shared_ptr<arrow::Schema> schema_;
};

}  // namespace

Result<std::optional<KeptRowTracking>> RowTrackingToKeep(const Snapshot& snapshot) {
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(snapshot.properties()));
  if (!IsFeatureEnabled(snapshot.protocol(), feature::kRowTracking) ||
      !props.enable_row_tracking()) {
    return std::optional<KeptRowTracking>();
  }
  const std::optional<std::string>& id = props.materialized_row_id_column_name();
  const std::optional<std::string>& version = props.materialized_row_commit_version_column_name();
  if (!id || !version) {
    return Status::InvalidTable(
        "table " + snapshot.table_location() + " has delta.enableRowTracking=true but no " +
        std::string(!id ? TableProperties::kMaterializedRowIdColumnName
                        : TableProperties::kMaterializedRowCommitVersionColumnName) +
        ": rewritten rows could not keep their row ids");
  }
  return std::optional<KeptRowTracking>(KeptRowTracking{*id, *version});
}

Result<std::shared_ptr<arrow::RecordBatch>> NameAsMaterialized(
    const std::shared_ptr<arrow::RecordBatch>& batch, const KeptRowTracking& kept) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::Schema> schema, Renamed(batch->schema(), kept));
  return arrow::RecordBatch::Make(std::move(schema), batch->num_rows(), batch->columns());
}

Result<std::shared_ptr<arrow::RecordBatchReader>> MaterializedRowTrackingReader(
    std::shared_ptr<arrow::RecordBatchReader> rows, const KeptRowTracking& kept) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::Schema> schema, Renamed(rows->schema(), kept));
  return std::shared_ptr<arrow::RecordBatchReader>(
      std::make_shared<RenamingReader>(std::move(rows), std::move(schema)));
}

}  // namespace delta::ops
