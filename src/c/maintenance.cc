// Vacuum and restore in the C ABI (include/delta/restore.h, include/delta/vacuum.h).
#include <string>
#include <utility>

#include "c_api_internal.h"
#include "commit_options.h"
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

// Checks the arguments, runs `restore` with the commit options and fills `out`.
template <typename Restore>
Status RunRestore(const char* function, const delta_table* table,
                  const delta_commit_options* commit, delta_restore_result* out, Restore restore) {
  if (table == nullptr) return NullArgument(function, "table");
  delta::RestoreOptions options;
  DELTA_ASSIGN_OR_RETURN(options.transaction, delta::c_api::ToTransactionOptions(function, commit));
  DELTA_ASSIGN_OR_RETURN(delta::RestoreResult r, restore(options));
  FillRestoreResult(r, out);
  return Status::OK();
}

}  // namespace

extern "C" {

delta_error_code delta_vacuum(const delta_table* table, int64_t retention_ms, int enforce_retention,
                              int dry_run, int lite, delta_vacuum_result** result,
                              delta_error** error) {
  delta_vacuum_options options;
  delta_vacuum_options_init(&options);
  options.retention_ms = retention_ms < 0 ? -1 : retention_ms;
  options.enforce_retention = enforce_retention != 0 ? 1 : 0;
  options.dry_run = dry_run != 0 ? 1 : 0;
  options.lite = lite != 0 ? 1 : 0;
  return delta_vacuum_with_options(table, &options, result, error);
}

void delta_vacuum_options_init(delta_vacuum_options* options) {
  if (options == nullptr) return;
  *options = delta_vacuum_options{};
  options->struct_size = sizeof(delta_vacuum_options);
  options->retention_ms = -1;
  options->enforce_retention = 1;
  options->log_to_history = -1;
  options->now_ms = -1;
}

delta_error_code delta_vacuum_with_options(const delta_table* table,
                                           const delta_vacuum_options* options,
                                           delta_vacuum_result** result, delta_error** error) {
  if (result != nullptr) *result = nullptr;
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_vacuum";
    if (table == nullptr) return NullArgument(kFn, "table");
    delta::VacuumOptions o;
    if (options != nullptr) {
      DELTA_RETURN_NOT_OK(delta::c_api::CheckStructSize(kFn, "options", options->struct_size,
                                                        sizeof(delta_vacuum_options)));
      if (options->retention_ms < -1) {
        return Status::InvalidArgument(std::string(kFn) + ": retention_ms " +
                                       std::to_string(options->retention_ms) +
                                       " is below -1 (the table's retention)");
      }
      if (options->retention_ms >= 0) o.retention_ms = options->retention_ms;
      o.enforce_retention = options->enforce_retention != 0;
      o.dry_run = options->dry_run != 0;
      o.mode = options->lite != 0 ? delta::VacuumMode::kLite : delta::VacuumMode::kFull;
      if (options->log_to_history < -1 || options->log_to_history > 1) {
        return Status::InvalidArgument(std::string(kFn) + ": log_to_history " +
                                       std::to_string(options->log_to_history) +
                                       " is not -1, 0 or 1");
      }
      if (options->log_to_history >= 0) o.log_to_history = options->log_to_history == 1;
      if (options->now_ms >= 0) o.now_ms = options->now_ms;
      if (options->progress != nullptr) {
        const delta_vacuum_progress_fn fn = options->progress;
        void* user_data = options->progress_user_data;
        o.on_progress = [fn, user_data](const delta::VacuumProgress& p) {
          const delta_vacuum_progress c{p.phase == delta::VacuumProgress::Phase::kDeleting
                                            ? DELTA_VACUUM_DELETING
                                            : DELTA_VACUUM_LISTING,
                                        p.done, p.total};
          fn(&c, user_data);
        };
      }
      DELTA_ASSIGN_OR_RETURN(o.transaction,
                             delta::c_api::ToTransactionOptions(kFn, options->commit));
    }
    DELTA_ASSIGN_OR_RETURN(delta::VacuumResult r, delta::Vacuum(table->table, o));
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

int64_t delta_vacuum_result_snapshot_version(const delta_vacuum_result* result) {
  return result == nullptr ? -1 : result->result.snapshot_version;
}

int64_t delta_vacuum_result_cutoff_ms(const delta_vacuum_result* result) {
  return result == nullptr ? 0 : result->result.cutoff_ms;
}

int64_t delta_vacuum_result_kept_for_newer_commits(const delta_vacuum_result* result) {
  return result == nullptr ? 0 : result->result.kept_for_newer_commits;
}

int64_t delta_vacuum_result_start_version(const delta_vacuum_result* result) {
  return result == nullptr ? -1 : result->result.start_version.value_or(-1);
}

int64_t delta_vacuum_result_end_version(const delta_vacuum_result* result) {
  return result == nullptr ? -1 : result->result.end_version.value_or(-1);
}

void delta_vacuum_result_free(delta_vacuum_result* result) { delete result; }

delta_error_code delta_restore(const delta_table* table, int64_t version,
                               delta_restore_result* result, delta_error** error) {
  return delta_restore_with_options(table, version, nullptr, result, error);
}

delta_error_code delta_restore_to_timestamp(const delta_table* table, int64_t timestamp_ms,
                                            delta_restore_result* result, delta_error** error) {
  return delta_restore_to_timestamp_with_options(table, timestamp_ms, nullptr, result, error);
}

delta_error_code delta_restore_with_options(const delta_table* table, int64_t version,
                                            const delta_commit_options* commit,
                                            delta_restore_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    return RunRestore("delta_restore", table, commit, result, [&](const delta::RestoreOptions& o) {
      return delta::RestoreTable(table->table, version, o);
    });
  });
}

delta_error_code delta_restore_to_timestamp_with_options(const delta_table* table,
                                                         int64_t timestamp_ms,
                                                         const delta_commit_options* commit,
                                                         delta_restore_result* result,
                                                         delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    return RunRestore("delta_restore_to_timestamp", table, commit, result,
                      [&](const delta::RestoreOptions& o) {
                        return delta::RestoreTableToTimestamp(table->table, timestamp_ms, o);
                      });
  });
}

}  // extern "C"
