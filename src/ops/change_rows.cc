#include "ops/change_rows.h"

#include <string>
#include <utility>

#include <arrow/array/builder_binary.h>
#include <arrow/c/bridge.h>

#include "delta/changes.h"
#include "engine/arrow_status.h"

namespace delta::ops {

Result<std::vector<WrittenFile>> WriteChangeRows(
    Transaction& txn, std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
    std::string_view change_type) {
  std::vector<std::shared_ptr<arrow::RecordBatch>> with_type;
  std::shared_ptr<arrow::Schema> schema;
  for (const auto& b : batches) {
    arrow::StringBuilder builder;
    arrow::Status st = builder.Reserve(b->num_rows());
    for (int64_t i = 0; st.ok() && i < b->num_rows(); ++i) st = builder.Append(change_type);
    std::shared_ptr<arrow::Array> column;
    if (st.ok()) st = builder.Finish(&column);
    if (!st.ok()) return engine::DataStatus(st, "change data rows");
    auto added = b->AddColumn(b->num_columns(), std::string(kChangeTypeColumn), column);
    if (!added.ok()) return engine::DataStatus(added.status(), "change data rows");
    schema = (*added)->schema();
    with_type.push_back(std::move(*added));
  }
  if (with_type.empty()) return std::vector<WrittenFile>{};
  auto reader = arrow::RecordBatchReader::Make(std::move(with_type), schema);
  if (!reader.ok()) return engine::DataStatus(reader.status(), "change data rows");
  ArrowStreamHandle stream;
  arrow::Status st = arrow::ExportRecordBatchReader(*reader, stream.get());
  if (!st.ok()) return engine::DataStatus(st, "change data rows");
  ArrowArrayStream raw;
  stream.MoveTo(&raw);
  return txn.WriteChangeFiles(&raw);
}

Result<std::vector<WrittenFile>> WriteChangeRows(Transaction& txn,
                                                 const std::shared_ptr<arrow::Table>& rows,
                                                 std::string_view change_type) {
  auto batches = arrow::TableBatchReader(rows).ToRecordBatches();
  if (!batches.ok()) return engine::DataStatus(batches.status(), "change data rows");
  return WriteChangeRows(txn, std::move(*batches), change_type);
}

}  // namespace delta::ops
