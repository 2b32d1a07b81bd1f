// Transactions of the C ABI: declare what was read, stage files, commit.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "c_api_internal.h"

using delta::Result;
using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnHandle;
using delta::c_api::ReturnStatus;

namespace {

// The transaction of a handle that may still be changed; InvalidArgument otherwise.
Result<delta::Transaction*> Open(const char* function, delta_transaction* txn) {
  if (txn == nullptr) return NullArgument(function, "txn");
  if (txn->finished) {
    return Status::InvalidArgument(std::string(function) +
                                   ": the transaction was already committed");
  }
  return txn->txn.get();
}

Result<std::optional<delta::IsolationLevel>> ToIsolationLevel(delta_isolation_level level) {
  switch (level) {
    case DELTA_ISOLATION_TABLE_DEFAULT:
      return std::optional<delta::IsolationLevel>();
    case DELTA_ISOLATION_SERIALIZABLE:
      return std::optional(delta::IsolationLevel::kSerializable);
    case DELTA_ISOLATION_WRITE_SERIALIZABLE:
      return std::optional(delta::IsolationLevel::kWriteSerializable);
    case DELTA_ISOLATION_SNAPSHOT:
      return std::optional(delta::IsolationLevel::kSnapshotIsolation);
    default:
      return Status::InvalidArgument("delta_transaction_begin: unknown isolation level " +
                                     std::to_string(static_cast<int>(level)));
  }
}

// The partition values of a caller's file, checked against the table's partition columns.
Result<std::map<std::string, std::optional<std::string>>> PartitionValues(
    const delta::Transaction& txn, const char* path, const char* const* columns,
    const char* const* values, size_t count) {
  constexpr const char* kFn = "delta_transaction_add_file";
  if (count > 0 && columns == nullptr) return NullArgument(kFn, "partition_columns");
  if (count > 0 && values == nullptr) return NullArgument(kFn, "partition_values");
  const std::vector<std::string>& table_columns = txn.metadata().partition_columns;
  const std::set<std::string> known(table_columns.begin(), table_columns.end());
  std::map<std::string, std::optional<std::string>> out;
  const std::string file = std::string(kFn) + ": file '" + path + "'";
  for (size_t i = 0; i < count; ++i) {
    if (columns[i] == nullptr) {
      return NullArgument(kFn, ("partition_columns[" + std::to_string(i) + "]").c_str());
    }
    if (!known.contains(columns[i])) {
      return Status::InvalidArgument(file + ": '" + columns[i] +
                                     "' is not a partition column of the table");
    }
    std::optional<std::string> value;
    if (values[i] != nullptr) value = values[i];
    if (!out.emplace(columns[i], std::move(value)).second) {
      return Status::InvalidArgument(file + ": partition column '" + columns[i] +
                                     "' is given twice");
    }
  }
  for (const std::string& column : table_columns) {
    if (!out.contains(column)) {
      return Status::InvalidArgument(file + ": no value for partition column '" + column +
                                     "' (pass NULL for a null value)");
    }
  }
  return out;
}

}  // namespace

extern "C" {

delta_transaction* delta_transaction_begin(const delta_snapshot* snapshot,
                                           delta_isolation_level isolation, int32_t max_attempts,
                                           delta_error** error) {
  return ReturnHandle<delta_transaction>(error, [&]() -> Result<delta_transaction*> {
    constexpr const char* kFn = "delta_transaction_begin";
    if (snapshot == nullptr) return NullArgument(kFn, "snapshot");
    if (max_attempts < 0) {
      return Status::InvalidArgument(std::string(kFn) + ": max_attempts " +
                                     std::to_string(max_attempts) + " is negative");
    }
    delta::TransactionOptions options;
    DELTA_ASSIGN_OR_RETURN(options.isolation_level, ToIsolationLevel(isolation));
    if (max_attempts > 0) options.max_attempts = max_attempts;
    DELTA_ASSIGN_OR_RETURN(std::unique_ptr<delta::Transaction> txn,
                           delta::Transaction::Begin(snapshot->snapshot, std::move(options)));
    return new delta_transaction{snapshot->snapshot, std::move(txn), false};
  });
}

void delta_transaction_free(delta_transaction* txn) { delete txn; }

int64_t delta_transaction_read_version(const delta_transaction* txn) {
  return txn == nullptr ? -1 : txn->txn->read_version();
}

// --- reads ----------------------------------------------------------------------------------

delta_error_code delta_transaction_read_whole_table(delta_transaction* txn, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open("delta_transaction_read_whole_table", txn));
    t->RecordReadWholeTable();
    return Status::OK();
  });
}

delta_error_code delta_transaction_read_predicate(delta_transaction* txn, const char* predicate,
                                                  delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_read_predicate";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (predicate == nullptr) return NullArgument(kFn, "predicate");
    DELTA_ASSIGN_OR_RETURN(delta::ExprPtr expr, delta::ParseExpression(predicate));
    return t->RecordReadPredicate(expr);
  });
}

delta_error_code delta_transaction_read_file(delta_transaction* txn, const char* path,
                                             delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_read_file";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (path == nullptr) return NullArgument(kFn, "path");
    t->RecordReadFile(path);
    return Status::OK();
  });
}

delta_error_code delta_transaction_read_app_version(delta_transaction* txn, const char* app_id,
                                                    int64_t* version, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_read_app_version";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (app_id == nullptr) return NullArgument(kFn, "app_id");
    if (version == nullptr) return NullArgument(kFn, "version");
    *version = t->ReadAppVersion(app_id).value_or(-1);
    return Status::OK();
  });
}

// --- writes ---------------------------------------------------------------------------------

delta_error_code delta_transaction_write_files(delta_transaction* txn,
                                               struct ArrowArrayStream* data, int64_t* num_files,
                                               delta_error** error) {
  delta::ArrowStreamHandle stream = delta::c_api::TakeStream(data);
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_write_files";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (!stream.valid()) return NullArgument(kFn, "data (or its release callback)");
    DELTA_ASSIGN_OR_RETURN(std::vector<delta::WrittenFile> files, t->WriteFiles(stream.get()));
    DELTA_RETURN_NOT_OK(t->AddFiles(files));
    if (num_files != nullptr) *num_files = static_cast<int64_t>(files.size());
    return Status::OK();
  });
}

delta_error_code delta_transaction_add_file(delta_transaction* txn, const char* path,
                                            const char* const* partition_columns,
                                            const char* const* partition_values,
                                            size_t num_partition_values, int64_t size,
                                            int64_t modification_time, const char* stats_json,
                                            int data_change, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_add_file";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (path == nullptr) return NullArgument(kFn, "path");
    if (size < 0) {
      return Status::InvalidArgument(std::string(kFn) + ": file '" + path + "': size " +
                                     std::to_string(size) + " is negative");
    }
    delta::WrittenFile file;
    file.path = path;
    DELTA_ASSIGN_OR_RETURN(
        file.partition_values,
        PartitionValues(*t, path, partition_columns, partition_values, num_partition_values));
    file.size = size;
    file.modification_time = modification_time;
    if (stats_json != nullptr) file.stats = stats_json;
    return t->AddFiles(std::span<const delta::WrittenFile>(&file, 1), data_change != 0);
  });
}

delta_error_code delta_transaction_remove_file(delta_transaction* txn, const char* path,
                                               int data_change, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_remove_file";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (path == nullptr) return NullArgument(kFn, "path");
    if (!txn->snapshot->has_file_list()) {
      return Status::InvalidArgument(
          std::string(kFn) +
          ": the snapshot holds no file list (DELTA_FILE_LIST_STREAMED); load it with "
          "DELTA_FILE_LIST_IN_MEMORY to remove files");
    }
    for (const delta::AddFile& live : txn->snapshot->files()) {
      if (live.path == path) return t->RemoveLiveFile(live, data_change != 0);
    }
    return Status::NotFound(std::string(kFn) + ": '" + path + "' is not a live file of " +
                            txn->snapshot->table_location() + " at version " +
                            std::to_string(txn->snapshot->version()));
  });
}

delta_error_code delta_transaction_set_app_transaction(delta_transaction* txn, const char* app_id,
                                                       int64_t version, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_set_app_transaction";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (app_id == nullptr) return NullArgument(kFn, "app_id");
    return t->SetAppTransaction(app_id, version);
  });
}

delta_error_code delta_transaction_set_operation(delta_transaction* txn, const char* operation,
                                                 const char* const* parameter_keys,
                                                 const char* const* parameter_values,
                                                 size_t num_parameters, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_transaction_set_operation";
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open(kFn, txn));
    if (operation == nullptr) return NullArgument(kFn, "operation");
    if (num_parameters > 0 && (parameter_keys == nullptr || parameter_values == nullptr)) {
      return NullArgument(kFn, "parameter_keys or parameter_values");
    }
    std::map<std::string, std::string> parameters;
    for (size_t i = 0; i < num_parameters; ++i) {
      if (parameter_keys[i] == nullptr || parameter_values[i] == nullptr) {
        return NullArgument(kFn, ("parameter " + std::to_string(i)).c_str());
      }
      parameters[parameter_keys[i]] = parameter_values[i];
    }
    t->SetOperation(operation, std::move(parameters));
    return Status::OK();
  });
}

delta_error_code delta_transaction_commit(delta_transaction* txn, delta_commit_result* result,
                                          delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    DELTA_ASSIGN_OR_RETURN(delta::Transaction * t, Open("delta_transaction_commit", txn));
    txn->finished = true;
    DELTA_ASSIGN_OR_RETURN(delta::CommitResult r, t->Commit());
    delta::c_api::FillCommitResult(r, result);
    return Status::OK();
  });
}

}  // extern "C"
