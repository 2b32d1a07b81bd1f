// The C ABI's handle structs and the boundary guards that turn Status values and exceptions
// into delta_error objects. Never installed.
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "delta/deletion_vector.h"
#include "delta/engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/table.h"
#include "delta/table_properties.h"
#include "delta/transaction.h"
#include "delta/write_table.h"

struct delta_error {
  delta::Status status;  // never OK
};

struct delta_engine {
  std::shared_ptr<delta::Engine> engine;
};

struct delta_table {
  delta::Table table;
};

struct delta_snapshot {
  std::shared_ptr<const delta::Snapshot> snapshot;
  std::shared_ptr<delta::Engine> engine;
  std::string schema_json;
  // Stable pointers into snapshot->properties(), in key order, for index access.
  std::vector<std::pair<const char*, const char*>> properties;
};

struct delta_table_properties {
  delta::TableProperties props;
};

struct delta_expr {
  delta::ExprPtr expr;
};

struct delta_scan_builder {
  std::shared_ptr<const delta::Snapshot> snapshot;
  std::shared_ptr<delta::Engine> engine;
  delta::ScanOptions options;
};

struct delta_scan {
  std::shared_ptr<const delta::Scan> scan;
  std::shared_ptr<delta::Engine> engine;
};

struct delta_scan_file_iter {
  // Declared before `it` so the scan outlives the iterator that reads it.
  std::shared_ptr<const delta::Scan> scan;
  std::shared_ptr<delta::Engine> engine;
  std::unique_ptr<delta::ScanFileIterator> it;
};

struct delta_scan_file {
  std::shared_ptr<const delta::Scan> scan;  // keeps the snapshot behind `file`'s views alive
  std::shared_ptr<delta::Engine> engine;
  delta::ScanFile file;
  std::string path;
  std::vector<std::pair<std::string, std::optional<std::string>>> partition_values;
};

struct delta_deletion_vector {
  delta::DeletionVector dv;
  // Row indexes are materialised on first request only: a DV can hold millions of rows.
  mutable std::once_flag rows_once;
  mutable std::vector<uint64_t> rows;
};

struct delta_write_options {
  delta::WriteOptions options;
};

struct delta_transaction {
  std::shared_ptr<const delta::Snapshot> snapshot;  // the files delta_transaction_remove_file finds
  std::unique_ptr<delta::Transaction> txn;
  bool finished = false;  // Commit was called (it may be called once)
};

namespace delta::c_api {

/// Stores a new error for `status` in *error (when error is not null). Never throws.
void SetError(delta_error** error, const Status& status) noexcept;

/// The C code of a status code (the same numbers: error.cc asserts it).
inline delta_error_code ToCode(StatusCode code) { return static_cast<delta_error_code>(code); }

/// The Status for an exception caught at the boundary (a bug or an allocation failure).
Status StatusFromCurrentException() noexcept;

/// An owned C string (malloc'd; the caller frees it with delta_string_free). Throws bad_alloc.
char* CopyString(std::string_view s);

/// InvalidArgument "<function>: <what> is NULL".
Status NullArgument(const char* function, const char* what);

/// Runs `f` (returning Result<T*>) at the boundary: the pointer, or NULL with *error set.
template <typename T, typename F>
T* ReturnHandle(delta_error** error, F&& f) noexcept {
  Status status;
  try {
    Result<T*> r = f();
    if (r.ok()) return *r;
    status = r.status();
  } catch (...) {
    status = StatusFromCurrentException();
  }
  SetError(error, status);
  return nullptr;
}

/// Runs `f` (returning Status) at the boundary: DELTA_OK, or the error's code with *error set.
template <typename F>
delta_error_code ReturnStatus(delta_error** error, F&& f) noexcept {
  Status status;
  try {
    status = f();
    if (status.ok()) return DELTA_OK;
  } catch (...) {
    status = StatusFromCurrentException();
  }
  SetError(error, status);
  return status.ok() ? DELTA_ERROR_INTERNAL : ToCode(status.code());
}

/// Runs an infallible accessor `f` at the boundary: its value, or `fallback` if it throws.
template <typename T, typename F>
T ReturnValue(T fallback, F&& f) noexcept {
  try {
    return f();
  } catch (...) {
    return fallback;
  }
}

/// Copies `result` into the C struct (when `out` is not null).
void FillCommitResult(const CommitResult& result, delta_commit_result* out);

/// Takes the caller's stream (leaving it released), or an invalid handle for NULL: the C
/// functions that take a stream release it whatever happens.
inline ArrowStreamHandle TakeStream(ArrowArrayStream* stream) {
  return stream == nullptr ? ArrowStreamHandle() : ArrowStreamHandle(stream);
}

/// A handle allocated without throwing past the boundary (the guards catch bad_alloc).
template <typename T, typename... Args>
T* New(Args&&... args) {
  return new T{std::forward<Args>(args)...};
}

}  // namespace delta::c_api
