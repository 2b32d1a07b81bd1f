// DELETE in the C ABI: delta_delete over DeleteRows (include/delta/delete.h).
#include "delta/delete.h"
#include "c_api_internal.h"
#include "commit_options.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

extern "C" {

delta_error_code delta_delete(const char* location, const delta_engine* engine,
                              const char* predicate, delta_delete_result* result,
                              delta_error** error) {
  return delta_delete_with_options(location, engine, predicate, nullptr, result, error);
}

delta_error_code delta_delete_with_options(const char* location, const delta_engine* engine,
                                           const char* predicate, const delta_dml_options* options,
                                           delta_delete_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_delete";
    if (location == nullptr) return NullArgument(kFn, "location");
    if (engine == nullptr) return NullArgument(kFn, "engine");
    delta::DeleteOptions opts;
    DELTA_RETURN_NOT_OK(delta::c_api::ToDmlOptions(kFn, options, &opts));
    DELTA_ASSIGN_OR_RETURN(
        delta::DeleteResult r,
        delta::DeleteRows(location, engine->engine, predicate == nullptr ? "" : predicate, opts));
    if (result != nullptr) {
      delta::c_api::FillCommitResult(r.commit, &result->commit);
      result->num_deleted_rows = r.num_deleted_rows;
      result->num_removed_files = r.num_removed_files;
      result->num_added_files = r.num_added_files;
      result->num_copied_rows = r.num_copied_rows;
      result->num_deletion_vectors_added = r.num_deletion_vectors_added;
      result->num_deletion_vectors_removed = r.num_deletion_vectors_removed;
      result->num_added_change_files = r.num_added_change_files;
    }
    return Status::OK();
  });
}

}  // extern "C"
