// Writing scan results out as one Parquet file.
#include <string>
#include <utility>

#include <arrow/io/file.h>
#include <arrow/io/memory.h>
#include <arrow/table.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include "delta/scan_execution.h"
#include "engine/arrow_status.h"
#include "engine/location.h"
#include "engine/scan_reader.h"
#include "util/task_guard.h"

namespace delta {

// The body of WriteScanToParquet, which turns exceptions into a Status.
static Result<int64_t> WriteScanToParquetImpl(const std::shared_ptr<const Scan>& scan,
                                              const std::shared_ptr<Engine>& engine,
                                              std::string_view location,
                                              const ExecuteOptions& options) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> reader,
                         engine::MakeScanReader(scan, engine, options));
  const std::string where(location);
  // Local files are streamed to disk; other storage gets the whole file in one write.
  std::shared_ptr<arrow::io::OutputStream> sink;
  std::shared_ptr<arrow::io::BufferOutputStream> buffer;
  auto parsed = engine::ParseLocation(location);
  if (parsed.ok() && parsed->scheme == "file") {
    auto file = arrow::io::FileOutputStream::Open(parsed->path);
    if (!file.ok()) return engine::StorageStatus(file.status(), "creating", where);
    sink = *file;
  } else {
    auto made = arrow::io::BufferOutputStream::Create();
    if (!made.ok()) return engine::DataStatus(made.status(), where);
    buffer = *made;
    sink = buffer;
  }
  try {
    parquet::WriterProperties::Builder props;
    props.compression(parquet::Compression::SNAPPY);
    auto writer = parquet::arrow::FileWriter::Open(*reader->schema(), arrow::default_memory_pool(),
                                                   sink, props.build());
    if (!writer.ok()) return engine::DataStatus(writer.status(), where);
    int64_t rows = 0;
    while (true) {
      std::shared_ptr<arrow::RecordBatch> batch;
      arrow::Status st = reader->ReadNext(&batch);
      if (!st.ok()) return engine::ReaderStatus(*reader, st, "scan");
      if (batch == nullptr) break;
      st = (*writer)->WriteRecordBatch(*batch);
      if (!st.ok()) return engine::DataStatus(st, where);
      rows += batch->num_rows();
    }
    arrow::Status st = (*writer)->Close();
    if (!st.ok()) return engine::StorageStatus(st, "writing", where);
    st = sink->Close();
    if (!st.ok()) return engine::StorageStatus(st, "writing", where);
    if (buffer != nullptr) {
      auto bytes = buffer->Finish();
      if (!bytes.ok()) return engine::DataStatus(bytes.status(), where);
      DELTA_RETURN_NOT_OK(engine->file_system().Write(location, (*bytes)->ToString()));
    }
    return rows;
  } catch (const std::exception& e) {
    return Status::Internal("writing Parquet file '" + where + "': " + e.what());
  }
}

Result<int64_t> WriteScanToParquet(const std::shared_ptr<const Scan>& scan,
                                   const std::shared_ptr<Engine>& engine, std::string_view location,
                                   const ExecuteOptions& options) {
  return CatchAsStatus("writing the scan's rows to", location,
                       [&] { return WriteScanToParquetImpl(scan, engine, location, options); });
}

Result<int64_t> WriteScanToParquet(const std::shared_ptr<const Scan>& scan,
                                   std::string_view location, const ExecuteOptions& options) {
  if (scan == nullptr) return Status::InvalidArgument("ExecuteScan: scan is null");
  return WriteScanToParquet(scan, scan->engine(), location, options);
}

}  // namespace delta
