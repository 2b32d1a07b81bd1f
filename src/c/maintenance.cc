// Vacuum and restore in the C ABI (include/delta/restore.h, include/delta/vacuum.h).
#include <string>
#include <utility>

#include "c_api_internal.h"
#include "delta/restore.h"
#include "delta/vacuum.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

struct delta_vacuum_result {
  delta::VacuumResult result;
};

namespace {

void FillRestoreResult(const delta::RestoreResult& r, delta_restore_result* out) {
  if (out == nullptr) return;
  delta::c_api::FillCommitResult(r.commit, &out->commit);
  out->restored_version = r.restored_version;
  out->num_restored_files = r.num_restored_files;
  out->restored_files_size = r.restored_files_size;
  out->num_removed_files = r.num_removed_files;
  out->removed_files_size = r.removed_files_size;
  out->num_files_after = r.num_files_after;
  out->table_size_after = r.table_size_after;
}

}  // namespace

extern "C" {

delta_error_code delta_vacuum(const delta_table* table, int64_t retention_ms, int enforce_retention,
                              int dry_run, int lite, delta_vacuum_result** result,
                              delta_error** error) {
  if (result != nullptr) *result = nullptr;
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_vacuum", "table");
    delta::VacuumOptions options;
    if (retention_ms >= 0) options.retention_ms = retention_ms;
    options.enforce_retention = enforce_retention != 0;
    options.dry_run = dry_run != 0;
    options.mode = lite != 0 ? delta::VacuumMode::kLite : delta::VacuumMode::kFull;
    DELTA_ASSIGN_OR_RETURN(delta::VacuumResult r, delta::Vacuum(table->table, options));
    if (result != nullptr) *result = new delta_vacuum_result{std::move(r)};
    return Status::OK();
  });
}

size_t delta_vacuum_result_num_files(const delta_vacuum_result* result) {
  return result == nullptr ? 0 : result->result.files_deleted.size();
}

const char* delta_vacuum_result_file(const delta_vacuum_result* result, size_t i) {
  if (result == nullptr || i >= result->result.files_deleted.size()) return nullptr;
  return result->result.files_deleted[i].c_str();
}

int64_t delta_vacuum_result_bytes(const delta_vacuum_result* result) {
  return result == nullptr ? 0 : result->result.bytes;
}

int delta_vacuum_result_dry_run(const delta_vacuum_result* result) {
  return result != nullptr && result->result.dry_run ? 1 : 0;
}

int64_t delta_vacuum_result_retention_ms(const delta_vacuum_result* result) {
  return result == nullptr ? 0 : result->result.retention_ms;
}

void delta_vacuum_result_free(delta_vacuum_result* result) { delete result; }

delta_error_code delta_restore(const delta_table* table, int64_t version,
                               delta_restore_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_restore", "table");
    DELTA_ASSIGN_OR_RETURN(delta::RestoreResult r, delta::RestoreTable(table->table, version));
    FillRestoreResult(r, result);
    return Status::OK();
  });
}

delta_error_code delta_restore_to_timestamp(const delta_table* table, int64_t timestamp_ms,
                                            delta_restore_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (table == nullptr) return NullArgument("delta_restore_to_timestamp", "table");
    DELTA_ASSIGN_OR_RETURN(delta::RestoreResult r,
                           delta::RestoreTableToTimestamp(table->table, timestamp_ms));
    FillRestoreResult(r, result);
    return Status::OK();
  });
}

}  // extern "C"
