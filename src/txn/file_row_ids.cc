#include "txn/file_row_ids.h"

#include <utility>

#include "protocol/arrow_schema_builder.h"
#include "protocol/arrow_view.h"

namespace delta {
namespace {

Status StreamFailed(ArrowArrayStream* stream, int rc, const std::string& location) {
  const char* why = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
  return Status::IoError("reading the row ids of " + location + ": " +
                         (why != nullptr ? std::string(why) : "error " + std::to_string(rc)));
}

}  // namespace

Result<std::optional<std::vector<int64_t>>> ReadFileRowIds(
    Engine& engine, const FileInfo& file, std::optional<int64_t> base_row_id,
    const std::optional<std::string>& materialized_column, std::optional<int64_t> num_records) {
  std::vector<int64_t> ids;
  if (!materialized_column) {
    if (!base_row_id || !num_records) return std::optional<std::vector<int64_t>>();
    ids.reserve(static_cast<size_t>(*num_records));
    for (int64_t i = 0; i < *num_records; ++i) ids.push_back(*base_row_id + i);
    return std::optional<std::vector<int64_t>>(std::move(ids));
  }
  // One nullable long column; a file without it reads as all null.
  ArrowSchemaHandle schema =
      ArrowField::Struct("", {ArrowField::Int64(*materialized_column)}).Export();
  DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle stream, engine.parquet().Read(file, schema.get()));
  if (!stream.valid()) {
    return Status::Internal("Parquet reader returned no stream for " + file.location);
  }
  ArrowSchema raw_schema;
  raw_schema.release = nullptr;
  if (int rc = stream->get_schema(stream.get(), &raw_schema); rc != 0) {
    return StreamFailed(stream.get(), rc, file.location);
  }
  ArrowSchemaHandle read_schema(&raw_schema);
  bool complete = true;
  while (true) {
    ArrowArray raw;
    raw.release = nullptr;
    if (int rc = stream->get_next(stream.get(), &raw); rc != 0) {
      return StreamFailed(stream.get(), rc, file.location);
    }
    if (raw.release == nullptr) break;
    ArrowArrayHandle batch(&raw);
    DELTA_ASSIGN_OR_RETURN(StructArrayView rows,
                           StructArrayView::Make(*read_schema.get(), *batch.get(), file.location));
    DELTA_ASSIGN_OR_RETURN(IntArrayView column, rows.GetOrNull<IntArrayView>(*materialized_column));
    for (int64_t i = 0; i < rows.length(); ++i) {
      const auto position = static_cast<int64_t>(ids.size());
      if (column.IsValid(i)) {
        ids.push_back(column.Value(i));
      } else if (base_row_id) {
        ids.push_back(*base_row_id + position);
      } else {
        complete = false;
        ids.push_back(-1);
      }
    }
  }
  if (!complete) return std::optional<std::vector<int64_t>>();
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

}  // namespace delta
