// The C ABI's checkpoint call (delta/checkpoint.h).
#include <optional>
#include <string>

#include "c_api_internal.h"
#include "delta/c/delta_kernel.h"
#include "delta/checkpoint.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

namespace {

// Runs the checkpoint and fills `result`: shared by both entry points.
Status RunCheckpoint(const delta_table* table, int64_t version,
                     const delta::CheckpointOptions& options, delta_checkpoint_result* result) {
  std::optional<int64_t> at;
  if (version >= 0) at = version;
  DELTA_ASSIGN_OR_RETURN(delta::CheckpointResult r,
                         delta::WriteCheckpoint(table->table, at, options));
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
}

}  // namespace

extern "C" {

delta_error_code delta_checkpoint(const delta_table* table, int64_t version,
                                  delta_checkpoint_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_checkpoint", "table");
    return RunCheckpoint(table, version, {}, result);
  });
}

void delta_checkpoint_options_init(delta_checkpoint_options* options) {
  if (options == nullptr) return;
  *options = delta_checkpoint_options{};
  options->struct_size = sizeof(delta_checkpoint_options);
  options->v2_sidecars = 1;
}

delta_error_code delta_checkpoint_with_options(const delta_table* table, int64_t version,
                                               const delta_checkpoint_options* options,
                                               delta_checkpoint_result* result,
                                               delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_checkpoint_with_options";
    if (table == nullptr) return NullArgument(kFn, "table");
    delta::CheckpointOptions o;
    if (options != nullptr) {
      if (options->struct_size < sizeof(delta_checkpoint_options)) {
        return Status::InvalidArgument(std::string(kFn) + ": options->struct_size " +
                                       std::to_string(options->struct_size) +
                                       " is smaller than the struct (call "
                                       "delta_checkpoint_options_init first)");
      }
      if (options->part_size < 0) {
        return Status::InvalidArgument(std::string(kFn) + ": options->part_size " +
                                       std::to_string(options->part_size) + " is negative");
      }
      if (options->part_size > 0) o.part_size = options->part_size;
      o.v2_json_manifest = options->json_manifest != 0;
      o.v2_sidecars = options->v2_sidecars != 0;
      if (options->progress != nullptr) {
        const delta_checkpoint_progress_fn fn = options->progress;
        void* user_data = options->progress_user_data;
        o.on_progress = [fn, user_data](const delta::CheckpointProgress& p) {
          const delta_checkpoint_progress c{p.actions_written, p.actions_total, p.files_written};
          fn(&c, user_data);
        };
      }
    }
    return RunCheckpoint(table, version, o, result);
  });
}

}  // extern "C"
