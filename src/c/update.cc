// UPDATE in the C ABI: delta_update over UpdateRows (include/delta/update.h).
#include "delta/update.h"
#include "c_api_internal.h"
#include "commit_options.h"

#include <string>
#include <vector>

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

extern "C" {

delta_error_code delta_update(const char* location, const delta_engine* engine,
                              const char* predicate, const char* const* columns,
                              const char* const* expressions, size_t n, delta_update_result* result,
                              delta_error** error) {
  return delta_update_with_options(location, engine, predicate, columns, expressions, n, nullptr,
                                   result, error);
}

delta_error_code delta_update_with_options(const char* location, const delta_engine* engine,
                                           const char* predicate, const char* const* columns,
                                           const char* const* expressions, size_t n,
                                           const delta_dml_options* options,
                                           delta_update_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_update";
    if (location == nullptr) return NullArgument(kFn, "location");
    if (engine == nullptr) return NullArgument(kFn, "engine");
    if (n > 0 && columns == nullptr) return NullArgument(kFn, "columns");
    if (n > 0 && expressions == nullptr) return NullArgument(kFn, "expressions");
    std::vector<delta::UpdateAssignment> set;
    for (size_t i = 0; i < n; ++i) {
      if (columns[i] == nullptr || expressions[i] == nullptr) {
        const std::string what = std::string(columns[i] == nullptr ? "columns" : "expressions") +
                                 "[" + std::to_string(i) + "]";
        return NullArgument(kFn, what.c_str());
      }
      set.emplace_back(columns[i], expressions[i]);
    }
    delta::UpdateOptions opts;
    DELTA_RETURN_NOT_OK(delta::c_api::ToDmlOptions(kFn, options, &opts));
    DELTA_ASSIGN_OR_RETURN(delta::UpdateResult r,
                           delta::UpdateRows(location, engine->engine,
                                             predicate == nullptr ? "" : predicate, set, opts));
    if (result != nullptr) {
      delta::c_api::FillCommitResult(r.commit, &result->commit);
      result->num_updated_rows = r.num_updated_rows;
      result->num_copied_rows = r.num_copied_rows;
      result->num_added_files = r.num_added_files;
      result->num_removed_files = r.num_removed_files;
      result->num_deletion_vectors_added = r.num_deletion_vectors_added;
      result->num_deletion_vectors_removed = r.num_deletion_vectors_removed;
      result->num_added_change_files = r.num_added_change_files;
    }
    return Status::OK();
  });
}

}  // extern "C"
