// delta_commit_options and delta_dml_options: their defaults and their C++ counterparts.
#include "commit_options.h"

#include <optional>
#include <string>

#include "c_api_internal.h"
#include "delta/deletion_vector.h"

namespace delta::c_api {

Status CheckStructSize(const char* function, const char* what, size_t struct_size,
                       size_t first_size) {
  if (struct_size >= first_size) return Status::OK();
  return Status::InvalidArgument(std::string(function) + ": " + what + "->struct_size " +
                                 std::to_string(struct_size) +
                                 " is smaller than the struct (call its init function first)");
}

Result<TransactionOptions> ToTransactionOptions(const char* function,
                                                const delta_commit_options* options) {
  TransactionOptions out;
  if (options == nullptr) return out;
  DELTA_RETURN_NOT_OK(
      CheckStructSize(function, "commit", options->struct_size, sizeof(delta_commit_options)));
  switch (options->isolation) {
    case DELTA_ISOLATION_TABLE_DEFAULT:
      break;
    case DELTA_ISOLATION_SERIALIZABLE:
      out.isolation_level = IsolationLevel::kSerializable;
      break;
    case DELTA_ISOLATION_WRITE_SERIALIZABLE:
      out.isolation_level = IsolationLevel::kWriteSerializable;
      break;
    case DELTA_ISOLATION_SNAPSHOT:
      out.isolation_level = IsolationLevel::kSnapshotIsolation;
      break;
    default:
      return Status::InvalidArgument(std::string(function) + ": commit->isolation " +
                                     std::to_string(static_cast<int>(options->isolation)) +
                                     " is not a delta_isolation_level");
  }
  if (options->max_attempts < 1) {
    return Status::InvalidArgument(std::string(function) + ": commit->max_attempts " +
                                   std::to_string(options->max_attempts) + " is below 1");
  }
  if (options->max_inline_deletion_vector_bytes < 0) {
    return Status::InvalidArgument(
        std::string(function) + ": commit->max_inline_deletion_vector_bytes " +
        std::to_string(options->max_inline_deletion_vector_bytes) + " is negative");
  }
  out.max_attempts = options->max_attempts;
  out.row_level_concurrency = options->row_level_concurrency != 0;
  out.max_inline_deletion_vector_bytes = options->max_inline_deletion_vector_bytes;
  out.checkpoint_on_interval = options->checkpoint_on_interval != 0;
  if (options->engine_info != nullptr) out.engine_info = options->engine_info;
  if (options->clock_ms >= 0) out.clock_ms = options->clock_ms;
  return out;
}

}  // namespace delta::c_api

extern "C" {

void delta_commit_options_init(delta_commit_options* options) {
  if (options == nullptr) return;
  const delta::TransactionOptions defaults;
  *options = delta_commit_options{};
  options->struct_size = sizeof(delta_commit_options);
  options->isolation = DELTA_ISOLATION_TABLE_DEFAULT;
  options->max_attempts = defaults.max_attempts;
  options->row_level_concurrency = defaults.row_level_concurrency ? 1 : 0;
  options->max_inline_deletion_vector_bytes = defaults.max_inline_deletion_vector_bytes;
  options->checkpoint_on_interval = defaults.checkpoint_on_interval ? 1 : 0;
  options->engine_info = nullptr;
  options->clock_ms = -1;
}

void delta_dml_options_init(delta_dml_options* options) {
  if (options == nullptr) return;
  *options = delta_dml_options{};
  options->struct_size = sizeof(delta_dml_options);
}

}  // extern "C"
