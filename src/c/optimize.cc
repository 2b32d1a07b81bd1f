// OPTIMIZE through the C ABI: compaction and Z-order of a table's files.
#include <string>
#include <vector>

#include "c_api_internal.h"
#include "delta/optimize.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

extern "C" {

delta_error_code delta_optimize(const char* location, const delta_engine* engine,
                                const char* predicate, const char* const* zorder_columns,
                                size_t num_zorder_columns, int64_t target_size,
                                delta_optimize_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_optimize";
    if (location == nullptr) return NullArgument(kFn, "location");
    if (engine == nullptr) return NullArgument(kFn, "engine");
    delta::OptimizeOptions options;
    if (predicate != nullptr) options.predicate = predicate;
    if (num_zorder_columns > 0 && zorder_columns == nullptr) {
      return NullArgument(kFn, "zorder_columns");
    }
    for (size_t i = 0; i < num_zorder_columns; ++i) {
      if (zorder_columns[i] == nullptr) {
        return NullArgument(kFn, ("zorder_columns[" + std::to_string(i) + "]").c_str());
      }
      options.z_order.emplace_back(zorder_columns[i]);
    }
    if (target_size > 0) options.target_size = target_size;
    DELTA_ASSIGN_OR_RETURN(delta::OptimizeResult r,
                           delta::Optimize(location, engine->engine, options));
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
