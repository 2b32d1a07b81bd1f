#include "ops/change_rows.h"

#include <string>
#include <utility>

#include <arrow/array/builder_binary.h>
#include <arrow/c/bridge.h>

#include "delta/changes.h"
#include "engine/arrow_status.h"

namespace delta::ops {

Result<std::shared_ptr<arrow::RecordBatch>> WithChangeType(
    const std::shared_ptr<arrow::RecordBatch>& batch, std::string_view change_type) {
  arrow::StringBuilder builder;
  arrow::Status st = builder.Reserve(batch->num_rows());
  for (int64_t i = 0; st.ok() && i < batch->num_rows(); ++i) st = builder.Append(change_type);
  std::shared_ptr<arrow::Array> column;
  if (st.ok()) st = builder.Finish(&column);
  if (!st.ok()) return engine::DataStatus(st, "change data rows");
  auto added = batch->AddColumn(batch->num_columns(), std::string(kChangeTypeColumn), column);
  if (!added.ok()) return engine::DataStatus(added.status(), "change data rows");
  return *added;
}

Result<std::vector<WrittenFile>> WriteTypedChangeRows(
    Transaction& txn, std::vector<std::shared_ptr<arrow::RecordBatch>> batches) {
  if (batches.empty()) return std::vector<WrittenFile>{};
  std::shared_ptr<arrow::Schema> schema = batches.front()->schema();
  auto reader = arrow::RecordBatchReader::Make(std::move(batches), schema);
  if (!reader.ok()) return engine::DataStatus(reader.status(), "change data rows");
  ArrowStreamHandle stream;
  arrow::Status st = arrow::ExportRecordBatchReader(*reader, stream.get());
  if (!st.ok()) return engine::DataStatus(st, "change data rows");
  ArrowArrayStream raw;
  stream.MoveTo(&raw);
  return txn.WriteChangeFiles(&raw);
}

Result<std::vector<WrittenFile>> WriteChangeRows(
    Transaction& txn, std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
    std::string_view change_type) {
  std::vector<std::shared_ptr<arrow::RecordBatch>> with_type;
  for (const auto& b : batches) {
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::RecordBatch> typed,
                           WithChangeType(b, change_type));
    with_type.push_back(std::move(typed));
  }
  return WriteTypedChangeRows(txn, std::move(with_type));
}

Result<std::vector<WrittenFile>> WriteChangeRows(Transaction& txn,
                                                 const std::shared_ptr<arrow::Table>& rows,
                                                 std::string_view change_type) {
  auto batches = arrow::TableBatchReader(rows).ToRecordBatches();
  if (!batches.ok()) return engine::DataStatus(batches.status(), "change data rows");
  return WriteChangeRows(txn, std::move(*batches), change_type);
}

}  // namespace delta::ops
