// The C ABI's options structs turned into the C++ options they stand for (delta_commit_options,
// delta_dml_options). Never installed.
#pragma once

#include <cstddef>
#include <string>

#include "delta/c/delta_kernel.h"
#include "delta/status.h"
#include "delta/transaction.h"
#include "delta/write_table.h"

namespace delta::c_api {

/// InvalidArgument naming `function` when a caller's struct is older than its first version
/// (`struct_size` smaller than `first_size`): its init function was not called.
Status CheckStructSize(const char* function, const char* what, size_t struct_size,
                       size_t first_size);

/// `options` (NULL = the defaults) as TransactionOptions; InvalidArgument naming `function` for
/// an unknown isolation level, max_attempts < 1 or a negative inline DV size.
Result<TransactionOptions> ToTransactionOptions(const char* function,
                                                const delta_commit_options* options);

/// The app transaction and commit options of `options` (NULL = the defaults), for the C++
/// DeleteOptions / UpdateOptions / MergeOptions, which share these two fields.
template <typename Options>
Status ToDmlOptions(const char* function, const delta_dml_options* options, Options* out) {
  if (options == nullptr) return Status::OK();
  DELTA_RETURN_NOT_OK(
      CheckStructSize(function, "options", options->struct_size, sizeof(delta_dml_options)));
  if (options->app_id != nullptr) {
    out->app_transaction = AppTransaction{options->app_id, options->app_version};
  }
  DELTA_ASSIGN_OR_RETURN(out->transaction, ToTransactionOptions(function, options->commit));
  return Status::OK();
}

}  // namespace delta::c_api
