// Checkpoint batches as the engine hands them to the kernel through the Arrow C interface
// (DecodeCheckpointBatch). Arrow's C interface trusts its producer, so the arrays here are
// valid Arrow with hostile contents. Input either starts with '[': a JSON array of rows of
// the checkpoint read schema (nulls in required fields, odd values, duplicate actions); or is
// an Arrow IPC stream of any schema (columns missing, of the wrong type, extra ones,
// stats_parsed), read and validated by Arrow before the kernel sees it.
#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/memory.h>
#include <arrow/ipc/reader.h>
#include <arrow/json/from_string.h>

#include <memory>
#include <string>

#include "delta/arrow_handles.h"
#include "fuzz_target.h"
#include "protocol/action_batch.h"
#include "log/checkpoint_decoder.h"
#include "log/checkpoint_schema.h"

namespace {

constexpr int64_t kMaxRows = 1 << 16;

void Decode(const arrow::Array& rows) {
  for (bool borrow : {false, true}) {
    ArrowArray c_array;
    ArrowSchema c_schema;
    if (!arrow::ExportArray(rows, &c_array, &c_schema).ok()) return;
    delta::ArrowArrayHandle array(&c_array);
    delta::ArrowSchemaHandle schema(&c_schema);
    delta::ActionBatch out;
    (void)delta::DecodeCheckpointBatch(*schema.get(), *array.get(), &out,
                                       "00000000000000000010.checkpoint.parquet", 100, borrow);
    for (const delta::AddFile& a : out.adds) (void)a.NumRecords();
  }
}

}  // namespace

DELTA_FUZZ_TARGET(checkpoint_batch) {
  if (size == 0) return 0;
  if (data[0] == '[') {
    static const std::shared_ptr<arrow::DataType> type = [] {
      delta::ArrowSchemaHandle h = delta::CheckpointReadSchema().Export();
      return *arrow::ImportType(h.get());
    }();
    auto rows = arrow::json::ArrayFromJSONString(
        type, std::string_view(reinterpret_cast<const char*>(data), size));
    if (rows.ok() && (*rows)->ValidateFull().ok()) Decode(**rows);
    return 0;
  }
  auto buffer = std::make_shared<arrow::Buffer>(data, static_cast<int64_t>(size));
  auto reader =
      arrow::ipc::RecordBatchStreamReader::Open(std::make_shared<arrow::io::BufferReader>(buffer));
  if (!reader.ok()) return 0;
  for (int i = 0; i < 16; ++i) {
    std::shared_ptr<arrow::RecordBatch> batch;
    if (!(*reader)->ReadNext(&batch).ok() || batch == nullptr) break;
    if (!batch->ValidateFull().ok()) break;
    // Decoding is linear in rows by design, and an IPC batch can claim millions of all-null
    // rows in a few bytes; the kernel's batches come from the Parquet reader, 64k rows at most.
    if (batch->num_rows() > kMaxRows) break;
    auto rows = batch->ToStructArray();
    if (rows.ok()) Decode(**rows);
  }
  return 0;
}
