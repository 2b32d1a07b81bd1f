// OPTIMIZE through the C ABI: compaction and Z-order of a table's files.
#include <string>
#include <vector>

#include "c_api_internal.h"
#include "commit_options.h"
#include "delta/optimize.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

extern "C" {

delta_error_code delta_optimize(const char* location, const delta_engine* engine,
                                const char* predicate, const char* const* zorder_columns,
                                size_t num_zorder_columns, int64_t target_size,
                                delta_optimize_result* result, delta_error** error) {
  delta_optimize_options options;
  delta_optimize_options_init(&options);
  options.predicate = predicate;
  options.zorder_columns = zorder_columns;
  options.num_zorder_columns = num_zorder_columns;
  // The plain call has always taken <= 0 as "the default".
  options.target_size = target_size > 0 ? target_size : 0;
  return delta_optimize_with_options(location, engine, &options, result, error);
}

void delta_optimize_options_init(delta_optimize_options* options) {
  if (options == nullptr) return;
  const delta::OptimizeOptions defaults;
  *options = delta_optimize_options{};
  options->struct_size = sizeof(delta_optimize_options);
  options->min_file_size = -1;
  options->max_deleted_rows_ratio = defaults.max_deleted_rows_ratio;
}

delta_error_code delta_optimize_with_options(const char* location, const delta_engine* engine,
                                             const delta_optimize_options* options,
                                             delta_optimize_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_optimize";
    if (location == nullptr) return NullArgument(kFn, "location");
    if (engine == nullptr) return NullArgument(kFn, "engine");
    delta::OptimizeOptions o;
    if (options != nullptr) {
      DELTA_RETURN_NOT_OK(delta::c_api::CheckStructSize(kFn, "options", options->struct_size,
                                                        sizeof(delta_optimize_options)));
      if (options->predicate != nullptr) o.predicate = options->predicate;
      if (options->num_zorder_columns > 0 && options->zorder_columns == nullptr) {
        return NullArgument(kFn, "zorder_columns");
      }
      for (size_t i = 0; i < options->num_zorder_columns; ++i) {
        if (options->zorder_columns[i] == nullptr) {
          return NullArgument(kFn, ("zorder_columns[" + std::to_string(i) + "]").c_str());
        }
        o.z_order.emplace_back(options->zorder_columns[i]);
      }
      if (options->target_size < 0) {
        return Status::InvalidArgument(std::string(kFn) + ": target_size " +
                                       std::to_string(options->target_size) + " is negative");
      }
      if (options->target_size > 0) o.target_size = options->target_size;
      if (options->min_file_size < -1) {
        return Status::InvalidArgument(std::string(kFn) + ": min_file_size " +
                                       std::to_string(options->min_file_size) +
                                       " is below -1 (the default)");
      }
      if (options->min_file_size >= 0) o.min_file_size = options->min_file_size;
      if (!(options->max_deleted_rows_ratio >= 0.0 && options->max_deleted_rows_ratio <= 1.0)) {
        return Status::InvalidArgument(std::string(kFn) + ": max_deleted_rows_ratio " +
                                       std::to_string(options->max_deleted_rows_ratio) +
                                       " is outside [0, 1]");
      }
      o.max_deleted_rows_ratio = options->max_deleted_rows_ratio;
      if (options->progress != nullptr) {
        const delta_optimize_progress_fn fn = options->progress;
        void* user_data = options->progress_user_data;
        o.progress = [fn, user_data](const delta::OptimizeProgress& p) {
          const delta_optimize_progress c{p.bins_total,        p.bins_done,   p.files_total,
                                          p.files_done,        p.bytes_total, p.bytes_done,
                                          p.committing ? 1 : 0};
          fn(&c, user_data);
        };
      }
      DELTA_ASSIGN_OR_RETURN(o.transaction,
                             delta::c_api::ToTransactionOptions(kFn, options->commit));
    }
    DELTA_ASSIGN_OR_RETURN(delta::OptimizeResult r, delta::Optimize(location, engine->engine, o));
    if (result != nullptr) {
      result->committed = r.commit ? 1 : 0;
      result->version = r.commit ? r.commit->version : -1;
      result->files_considered = r.files_considered;
      result->files_removed = r.files_removed;
      result->files_added = r.files_added;
      result->bytes_removed = r.bytes_removed;
      result->bytes_added = r.bytes_added;
      result->partitions_optimized = r.partitions_optimized;
      result->bins = r.bins;
      result->deletion_vectors_removed = r.deletion_vectors_removed;
      result->rows_written = r.rows_written;
    }
    return Status::OK();
  });
}

}  // extern "C"
