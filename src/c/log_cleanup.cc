// The C ABI's log cleanup (delta/log_cleanup.h) and log compaction (delta/log_compaction.h).
#include <utility>

#include "c_api_internal.h"
#include "delta/c/delta_kernel.h"
#include "delta/log_cleanup.h"
#include "delta/log_compaction.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

struct delta_log_cleanup_result {
  delta::LogCleanupResult result;
};

extern "C" {

delta_error_code delta_cleanup_expired_logs(const delta_table* table, int dry_run, int64_t now_ms,
                                            delta_log_cleanup_result** result,
                                            delta_error** error) {
  if (result != nullptr) *result = nullptr;
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_cleanup_expired_logs", "table");
    delta::LogCleanupOptions options;
    options.dry_run = dry_run != 0;
    if (now_ms >= 0) options.now_ms = now_ms;
    DELTA_ASSIGN_OR_RETURN(delta::LogCleanupResult r,
                           delta::CleanupExpiredLogs(table->table, options));
    if (result != nullptr) *result = new delta_log_cleanup_result{std::move(r)};
    return Status::OK();
  });
}

size_t delta_log_cleanup_result_num_files(const delta_log_cleanup_result* result) {
  return result == nullptr ? 0 : result->result.files_deleted.size();
}

const char* delta_log_cleanup_result_file(const delta_log_cleanup_result* result, size_t i) {
  if (result == nullptr || i >= result->result.files_deleted.size()) return nullptr;
  return result->result.files_deleted[i].c_str();
}

int64_t delta_log_cleanup_result_bytes(const delta_log_cleanup_result* result) {
  return result == nullptr ? 0 : result->result.bytes;
}

int delta_log_cleanup_result_dry_run(const delta_log_cleanup_result* result) {
  return result != nullptr && result->result.dry_run ? 1 : 0;
}

int64_t delta_log_cleanup_result_cutoff_ms(const delta_log_cleanup_result* result) {
  return result == nullptr ? 0 : result->result.cutoff_ms;
}

int64_t delta_log_cleanup_result_earliest_version(const delta_log_cleanup_result* result) {
  return result == nullptr ? -1 : result->result.earliest_version.value_or(-1);
}

const char* delta_log_cleanup_result_skipped(const delta_log_cleanup_result* result) {
  return result == nullptr ? "" : result->result.skipped.c_str();
}

void delta_log_cleanup_result_free(delta_log_cleanup_result* result) { delete result; }

delta_error_code delta_compact_log(const delta_table* table, int64_t start_version,
                                   int64_t end_version, delta_log_compaction_result* result,
                                   delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_compact_log", "table");
    DELTA_ASSIGN_OR_RETURN(delta::LogCompactionResult r,
                           delta::WriteLogCompaction(table->table, start_version, end_version));
    if (result != nullptr) {
      result->start_version = r.start_version;
      result->end_version = r.end_version;
      result->size_in_bytes = r.size_in_bytes;
      result->actions = r.actions;
    }
    return Status::OK();
  });
}

}  // extern "C"
