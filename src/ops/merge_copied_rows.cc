#include "ops/merge_copied_rows.h"

#include <utility>

#include <arrow/api.h>
#include <arrow/compute/api.h>

namespace delta::ops {

MergeOutputReader::MergeOutputReader(std::shared_ptr<arrow::Schema> schema, int table_columns,
                                     std::vector<std::shared_ptr<arrow::RecordBatch>> new_rows,
                                     std::shared_ptr<engine::ScanReader> copied,
                                     std::map<std::string, std::set<int64_t>> changed)
    : schema_(std::move(schema)),
      table_columns_(table_columns),
      new_rows_(std::move(new_rows)),
      copied_(std::move(copied)),
      changed_(std::move(changed)) {}

arrow::Status MergeOutputReader::ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) {
  const int ncols = table_columns_;
  while (next_new_ < new_rows_.size()) {
    // Handed over once: the writer holds it no longer than it needs it.
    std::shared_ptr<arrow::RecordBatch> b = std::move(new_rows_[next_new_++]);
    if (b->num_rows() == 0) continue;
    *batch = arrow::RecordBatch::Make(schema_, b->num_rows(), b->columns());
    return arrow::Status::OK();
  }
  while (copied_) {
    std::shared_ptr<arrow::RecordBatch> read;
    arrow::Status st = copied_->ReadNext(&read);
    if (!st.ok()) {
      scan_error_ = st;
      return st;
    }
    if (!read) {
      copied_.reset();
      break;
    }
    const auto& paths = static_cast<const arrow::StringArray&>(*read->column(ncols));
    const auto& positions = static_cast<const arrow::Int64Array&>(*read->column(ncols + 1));
    // A batch comes from one file: look its rows up once per run of one path.
    std::string_view last_path;
    const std::set<int64_t>* gone = nullptr;
    arrow::Int64Builder keep;
    ARROW_RETURN_NOT_OK(keep.Reserve(read->num_rows()));
    for (int64_t i = 0; i < read->num_rows(); ++i) {
      std::string_view path = paths.GetView(i);
      if (i == 0 || path != last_path) {
        auto it = changed_.find(std::string(path));
        gone = it == changed_.end() ? nullptr : &it->second;
        last_path = path;
      }
      if (!gone || !gone->count(positions.Value(i))) keep.UnsafeAppend(i);
    }
    ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Array> indices, keep.Finish());
    if (indices->length() == 0) continue;
    // The table's columns, then the kept ones after _file_path and _row_index.
    std::vector<std::shared_ptr<arrow::Array>> columns(read->columns().begin(),
                                                       read->columns().begin() + ncols);
    for (int k = ncols; k < schema_->num_fields(); ++k) columns.push_back(read->column(k + 2));
    auto table_rows = arrow::RecordBatch::Make(schema_, read->num_rows(), std::move(columns));
    if (indices->length() == read->num_rows()) {
      *batch = std::move(table_rows);
    } else {
      ARROW_ASSIGN_OR_RAISE(arrow::Datum taken, arrow::compute::Take(table_rows, indices));
      *batch = taken.record_batch();
    }
    copied_rows_ += (*batch)->num_rows();
    return arrow::Status::OK();
  }
  batch->reset();
  return arrow::Status::OK();
}

Status MergeOutputReader::scan_status() const {
  if (scan_error_.ok() || !copied_) return Status::OK();
  return engine::ReaderStatus(*copied_, scan_error_, "the files merge rewrites");
}

}  // namespace delta::ops
