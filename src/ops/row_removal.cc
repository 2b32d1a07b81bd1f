#include "ops/row_removal.h"

#include <utility>

#include <arrow/array/builder_binary.h>
#include <arrow/c/bridge.h>

#include "delta/arrow_handles.h"
#include "delta/changes.h"
#include "delta/deletion_vector.h"
#include "engine/arrow_status.h"

namespace delta::ops {

std::string LooseStats(std::string_view stats) {
  if (stats.empty()) return {};
  std::string out(stats);
  static constexpr std::string_view kTight = "\"tightBounds\":true";
  if (size_t at = out.find(kTight); at != std::string::npos) {
    out.replace(at, kTight.size(), "\"tightBounds\":false");
    return out;
  }
  if (out.find("\"tightBounds\"") != std::string::npos) return out;
  size_t close = out.rfind('}');
  if (close == std::string::npos) return out;
  bool empty_object = out.find_first_not_of(" \t\r\n", out.find('{') + 1) == close;
  out.insert(close, empty_object ? "\"tightBounds\":false" : ",\"tightBounds\":false");
  return out;
}

Status ReAddWithDeletionVector(Transaction& txn, const Snapshot& snapshot, Engine& engine,
                               const AddFile& f, std::vector<uint64_t> rows, int64_t* dvs_added,
                               int64_t* dvs_removed) {
  FileSystem& fs = engine.file_system();
  if (f.deletion_vector) {
    DELTA_ASSIGN_OR_RETURN(DeletionVector old,
                           LoadDeletionVector(fs, snapshot.table_location(), *f.deletion_vector,
                                              engine.location_policy()));
    std::vector<uint64_t> before = old.RowIndexes();
    rows.insert(rows.end(), before.begin(), before.end());
    ++*dvs_removed;
  }
  DELTA_ASSIGN_OR_RETURN(DeletionVector dv, DeletionVector::FromRowIndexes(rows));
  DELTA_ASSIGN_OR_RETURN(WrittenDeletionVector written,
                         WriteDeletionVectorFile(fs, snapshot.table_location(), dv));
  ++*dvs_added;
  DeletionVectorDescriptor descriptor = written.descriptor();
  std::string stats = LooseStats(f.stats);
  AddFile add = f;
  add.data_change = true;
  add.stats = stats;
  add.deletion_vector = &descriptor;
  return txn.AddAction(add);
}

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

Result<std::vector<WrittenFile>> WriteChangeBatches(
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

}  // namespace delta::ops
