// The C ABI's checkpoint call (delta/checkpoint.h).
#include <optional>

#include "c_api_internal.h"
#include "delta/c/delta_kernel.h"
#include "delta/checkpoint.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

extern "C" {

delta_error_code delta_checkpoint(const delta_table* table, int64_t version,
                                  delta_checkpoint_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_checkpoint", "table");
    std::optional<int64_t> at;
    if (version >= 0) at = version;
    DELTA_ASSIGN_OR_RETURN(delta::CheckpointResult r, delta::WriteCheckpoint(table->table, at));
    if (result != nullptr) {
      result->version = r.version;
      result->kind = r.kind == delta::CheckpointKind::kV2 ? 1 : 0;
      result->num_files = static_cast<int32_t>(r.files.size());
      result->num_of_add_files = r.num_of_add_files;
      result->num_of_tombstones = r.num_of_tombstones;
      result->actions = r.actions;
      result->size_in_bytes = r.size_in_bytes;
      result->last_checkpoint_updated = r.last_checkpoint_updated ? 1 : 0;
    }
    return Status::OK();
  });
}

}  // extern "C"
