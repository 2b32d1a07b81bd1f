// Scan building, execution, scan tasks (files) and deletion vectors of the C ABI.
#include <string>
#include <vector>

#include "c_api_internal.h"
#include "delta/changes.h"
#include "delta/scan_execution.h"
#include "delta/value_text.h"

using delta::Result;
using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnHandle;
using delta::c_api::ReturnStatus;
using delta::c_api::ReturnValue;

namespace {

delta_scan_file* WrapFile(const delta_scan_file_iter& iter, delta::ScanFile file) {
  auto* h = new delta_scan_file{iter.scan, iter.engine, std::move(file), {}, {}};
  std::unique_ptr<delta_scan_file> owner(h);
  h->path = std::string(h->file.path);
  // In the table's partition column order (the map is ordered by name).
  for (const std::string& column : iter.scan->partition_columns()) {
    std::optional<std::string> text;
    auto it = h->file.partition_values.find(column);
    if (it != h->file.partition_values.end() && !it->second.is_null()) {
      text = delta::PartitionValueText(it->second);
    }
    h->partition_values.emplace_back(column, std::move(text));
  }
  return owner.release();
}

}  // namespace

extern "C" {

// --- builder --------------------------------------------------------------------------------

delta_scan_builder* delta_scan_builder_new(const delta_snapshot* snapshot) {
  if (snapshot == nullptr) return nullptr;
  return ReturnValue<delta_scan_builder*>(nullptr, [&] {
    return new delta_scan_builder{snapshot->snapshot, snapshot->engine, {}};
  });
}

void delta_scan_builder_free(delta_scan_builder* builder) { delete builder; }

delta_error_code delta_scan_builder_set_columns(delta_scan_builder* builder,
                                                const char* const* columns, size_t num_columns,
                                                delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (builder == nullptr) return NullArgument("delta_scan_builder_set_columns", "builder");
    if (columns == nullptr) {
      if (num_columns > 0) return NullArgument("delta_scan_builder_set_columns", "columns");
      builder->options.columns.reset();
      return Status::OK();
    }
    std::vector<std::string> names;
    for (size_t i = 0; i < num_columns; ++i) {
      if (columns[i] == nullptr) {
        return NullArgument("delta_scan_builder_set_columns",
                            ("columns[" + std::to_string(i) + "]").c_str());
      }
      names.emplace_back(columns[i]);
    }
    builder->options.columns = std::move(names);
    return Status::OK();
  });
}

delta_error_code delta_scan_builder_set_predicate(delta_scan_builder* builder,
                                                  const delta_expr* predicate,
                                                  delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (builder == nullptr) return NullArgument("delta_scan_builder_set_predicate", "builder");
    builder->options.filter = predicate == nullptr ? nullptr : predicate->expr;
    return Status::OK();
  });
}

delta_error_code delta_scan_builder_set_predicate_text(delta_scan_builder* builder,
                                                       const char* text, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (builder == nullptr) {
      return NullArgument("delta_scan_builder_set_predicate_text", "builder");
    }
    if (text == nullptr) return NullArgument("delta_scan_builder_set_predicate_text", "text");
    DELTA_ASSIGN_OR_RETURN(builder->options.filter, delta::ParseExpression(text));
    return Status::OK();
  });
}

delta_error_code delta_scan_builder_set_limit(delta_scan_builder* builder, int64_t limit,
                                              delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (builder == nullptr) return NullArgument("delta_scan_builder_set_limit", "builder");
    if (limit < -1) {
      return Status::InvalidArgument("delta_scan_builder_set_limit: limit " +
                                     std::to_string(limit) + " is negative (-1: no limit)");
    }
    if (limit == -1) {
      builder->options.limit.reset();
    } else {
      builder->options.limit = limit;
    }
    return Status::OK();
  });
}

delta_error_code delta_scan_builder_set_skipping(delta_scan_builder* builder, int enabled,
                                                 delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (builder == nullptr) return NullArgument("delta_scan_builder_set_skipping", "builder");
    builder->options.partition_pruning = enabled != 0;
    builder->options.data_skipping = enabled != 0;
    return Status::OK();
  });
}

delta_scan* delta_scan_builder_build(const delta_scan_builder* builder, delta_error** error) {
  return ReturnHandle<delta_scan>(error, [&]() -> Result<delta_scan*> {
    if (builder == nullptr) return NullArgument("delta_scan_builder_build", "builder");
    DELTA_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(builder->snapshot, builder->options));
    return new delta_scan{std::move(scan), builder->engine};
  });
}

void delta_scan_free(delta_scan* scan) { delete scan; }

// --- scan -----------------------------------------------------------------------------------

delta_error_code delta_scan_output_schema(const delta_scan* scan, struct ArrowSchema* out,
                                          delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (scan == nullptr) return NullArgument("delta_scan_output_schema", "scan");
    if (out == nullptr) return NullArgument("delta_scan_output_schema", "out");
    DELTA_ASSIGN_OR_RETURN(delta::ArrowSchemaHandle schema, scan->scan->OutputArrowSchema());
    schema.MoveTo(out);
    return Status::OK();
  });
}

delta_error_code delta_scan_physical_schema(const delta_scan* scan, struct ArrowSchema* out,
                                            delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (scan == nullptr) return NullArgument("delta_scan_physical_schema", "scan");
    if (out == nullptr) return NullArgument("delta_scan_physical_schema", "out");
    DELTA_ASSIGN_OR_RETURN(delta::ArrowSchemaHandle schema, scan->scan->PhysicalArrowSchema());
    schema.MoveTo(out);
    return Status::OK();
  });
}

char* delta_scan_predicate_string(const delta_scan* scan) {
  if (scan == nullptr || scan->scan->bound_filter() == nullptr) return nullptr;
  return ReturnValue<char*>(
      nullptr, [&] { return delta::c_api::CopyString(scan->scan->bound_filter()->ToString()); });
}

size_t delta_scan_num_columns(const delta_scan* scan) {
  return scan == nullptr ? 0 : scan->scan->num_output_columns();
}

int delta_scan_column(const delta_scan* scan, size_t i, delta_column_source* source,
                      const char** name, int32_t* physical_index) {
  if (scan == nullptr || i >= scan->scan->num_output_columns()) return 0;
  const delta::ColumnTransform& t = scan->scan->transforms()[i];
  if (source != nullptr) *source = static_cast<delta_column_source>(t.source);
  if (name != nullptr) *name = t.name.c_str();
  if (physical_index != nullptr) {
    *physical_index = t.source == delta::ColumnSource::kPhysical ? t.physical_index : -1;
  }
  return 1;
}

delta_error_code delta_scan_execute(const delta_scan* scan, struct ArrowArrayStream* out,
                                    delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (scan == nullptr) return NullArgument("delta_scan_execute", "scan");
    if (out == nullptr) return NullArgument("delta_scan_execute", "out");
    DELTA_ASSIGN_OR_RETURN(delta::ArrowStreamHandle stream,
                           delta::ExecuteScan(scan->scan, scan->engine));
    stream.MoveTo(out);
    return Status::OK();
  });
}

// --- change data feed -----------------------------------------------------------------------

delta_error_code delta_table_changes(const delta_table* table, int64_t start_version,
                                     int64_t end_version, const delta_expr* predicate,
                                     struct ArrowArrayStream* out, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_table_changes", "table");
    if (out == nullptr) return NullArgument("delta_table_changes", "out");
    delta::ChangesOptions options;
    options.start_version = start_version;
    if (end_version >= 0) options.end_version = end_version;
    if (predicate != nullptr) options.filter = predicate->expr;
    DELTA_ASSIGN_OR_RETURN(auto changes, delta::ChangesScan::Make(table->table, options));
    DELTA_ASSIGN_OR_RETURN(delta::ArrowStreamHandle stream,
                           delta::ExecuteChanges(changes, table->table.engine()));
    stream.MoveTo(out);
    return Status::OK();
  });
}

// --- scan tasks -----------------------------------------------------------------------------

delta_scan_file_iter* delta_scan_files(const delta_scan* scan, delta_error** error) {
  return ReturnHandle<delta_scan_file_iter>(error, [&]() -> Result<delta_scan_file_iter*> {
    if (scan == nullptr) return NullArgument("delta_scan_files", "scan");
    auto* iter = new delta_scan_file_iter{scan->scan, scan->engine, nullptr};
    std::unique_ptr<delta_scan_file_iter> owner(iter);
    iter->it = scan->scan->FileIterator();
    return owner.release();
  });
}

delta_error_code delta_scan_file_iter_next(delta_scan_file_iter* iter, delta_scan_file** file,
                                           delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (iter == nullptr) return NullArgument("delta_scan_file_iter_next", "iter");
    if (file == nullptr) return NullArgument("delta_scan_file_iter_next", "file");
    *file = nullptr;
    DELTA_ASSIGN_OR_RETURN(std::optional<delta::ScanFile> next, iter->it->Next());
    if (next) *file = WrapFile(*iter, std::move(*next));
    return Status::OK();
  });
}

void delta_scan_file_iter_counts(const delta_scan_file_iter* iter, int64_t* total_files,
                                 int64_t* pruned_by_partition, int64_t* skipped_by_stats,
                                 int64_t* selected_files) {
  delta::ScanCounts c;
  if (iter != nullptr) c = iter->it->counts();
  if (total_files != nullptr) *total_files = c.total_files;
  if (pruned_by_partition != nullptr) *pruned_by_partition = c.pruned_by_partition;
  if (skipped_by_stats != nullptr) *skipped_by_stats = c.skipped_by_stats;
  if (selected_files != nullptr) *selected_files = c.selected_files;
}

void delta_scan_file_iter_free(delta_scan_file_iter* iter) { delete iter; }

void delta_scan_file_free(delta_scan_file* file) { delete file; }

const char* delta_scan_file_location(const delta_scan_file* f) {
  return f == nullptr ? nullptr : f->file.location.c_str();
}

const char* delta_scan_file_path(const delta_scan_file* f) {
  return f == nullptr ? nullptr : f->path.c_str();
}

int64_t delta_scan_file_size(const delta_scan_file* f) { return f == nullptr ? -1 : f->file.size; }

int64_t delta_scan_file_modification_time(const delta_scan_file* f) {
  return f == nullptr ? -1 : f->file.modification_time;
}

int64_t delta_scan_file_num_records(const delta_scan_file* f) {
  return f == nullptr ? -1 : f->file.num_records.value_or(-1);
}

size_t delta_scan_file_num_partition_values(const delta_scan_file* f) {
  return f == nullptr ? 0 : f->partition_values.size();
}

int delta_scan_file_partition_value(const delta_scan_file* f, size_t i, const char** column,
                                    const char** value) {
  bool in_range = f != nullptr && i < f->partition_values.size();
  if (column != nullptr) *column = in_range ? f->partition_values[i].first.c_str() : nullptr;
  if (value != nullptr) {
    *value = in_range && f->partition_values[i].second ? f->partition_values[i].second->c_str()
                                                       : nullptr;
  }
  return in_range ? 1 : 0;
}

const char* delta_scan_file_partition_value_of(const delta_scan_file* f, const char* column) {
  if (f == nullptr || column == nullptr) return nullptr;
  for (const auto& [name, value] : f->partition_values) {
    if (name == column) return value ? value->c_str() : nullptr;
  }
  return nullptr;
}

int64_t delta_scan_file_base_row_id(const delta_scan_file* f) {
  return f == nullptr ? -1 : f->file.base_row_id.value_or(-1);
}

int64_t delta_scan_file_deleted_row_count(const delta_scan_file* f) {
  if (f == nullptr || f->file.deletion_vector == nullptr) return 0;
  return f->file.deletion_vector->cardinality;
}

// --- deletion vectors -----------------------------------------------------------------------

delta_deletion_vector* delta_scan_file_deletion_vector(const delta_scan_file* f,
                                                       delta_error** error) {
  return ReturnHandle<delta_deletion_vector>(error, [&]() -> Result<delta_deletion_vector*> {
    if (f == nullptr) return NullArgument("delta_scan_file_deletion_vector", "file");
    auto dv = std::make_unique<delta_deletion_vector>();
    if (f->file.deletion_vector != nullptr) {
      DELTA_ASSIGN_OR_RETURN(
          dv->dv,
          delta::LoadDeletionVector(f->engine->file_system(), f->scan->snapshot()->table_location(),
                                    *f->file.deletion_vector, f->engine->location_policy()));
    }
    return dv.release();
  });
}

void delta_deletion_vector_free(delta_deletion_vector* dv) { delete dv; }

uint64_t delta_deletion_vector_cardinality(const delta_deletion_vector* dv) {
  return dv == nullptr ? 0 : dv->dv.cardinality();
}

const uint64_t* delta_deletion_vector_row_indexes(const delta_deletion_vector* dv, size_t* count) {
  if (count != nullptr) *count = 0;
  if (dv == nullptr) return nullptr;
  return ReturnValue<const uint64_t*>(nullptr, [&]() -> const uint64_t* {
    std::call_once(dv->rows_once, [&] { dv->rows = dv->dv.RowIndexes(); });
    if (count != nullptr) *count = dv->rows.size();
    return dv->rows.data();
  });
}

int delta_deletion_vector_contains(const delta_deletion_vector* dv, uint64_t row_index) {
  return dv != nullptr && dv->dv.Contains(row_index) ? 1 : 0;
}

void delta_deletion_vector_fill_selection(const delta_deletion_vector* dv, uint64_t first_row,
                                          uint64_t num_rows, uint8_t* keep) {
  if (keep == nullptr) return;
  if (dv == nullptr) {
    for (uint64_t i = 0; i < num_rows; ++i) keep[i] = 1;
    return;
  }
  dv->dv.FillSelection(first_row, num_rows, keep);
}

}  // extern "C"
