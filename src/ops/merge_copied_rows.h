// The rows a copy-on-write MERGE writes, as one stream: its new rows (updated and inserted,
// in memory), then the rows of the files it rewrites that it leaves alone, streamed from a
// scan of those files, so the untouched rows are never all in memory at once. Under row
// tracking the copied rows keep their row ids and commit versions.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <arrow/record_batch.h>

#include "delta/status.h"
#include "engine/scan_reader.h"

namespace delta::ops {

class MergeOutputReader : public arrow::RecordBatchReader {
 public:
  /// `schema`: the `table_columns` columns of the table, then any kept row tracking columns
  /// (row id, row commit version); `new_rows` have that schema. `copied`: a scan of the
  /// rewritten files yielding the table's columns, _file_path and _row_index, then the kept
  /// columns' values (_row_id, _row_commit_version) (may be null: no file is rewritten).
  /// `changed`: per file location, the row positions that do not stay.
  MergeOutputReader(std::shared_ptr<arrow::Schema> schema, int table_columns,
                    std::vector<std::shared_ptr<arrow::RecordBatch>> new_rows,
                    std::shared_ptr<engine::ScanReader> copied,
                    std::map<std::string, std::set<int64_t>> changed);

  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }
  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override;

  /// Rows of the rewritten files passed on so far.
  int64_t copied_rows() const { return copied_rows_; }
  /// The scan's exact error after ReadNext failed on it; OK otherwise.
  Status scan_status() const;

 private:
  std::shared_ptr<arrow::Schema> schema_;
  int table_columns_;
  std::vector<std::shared_ptr<arrow::RecordBatch>> new_rows_;
  size_t next_new_ = 0;
  std::shared_ptr<engine::ScanReader> copied_;
  std::map<std::string, std::set<int64_t>> changed_;
  int64_t copied_rows_ = 0;
  arrow::Status scan_error_;
};

}  // namespace delta::ops
