// Table operations built on transactions: create a table, append to it, overwrite all of it or
// the rows matching a predicate, with schema evolution on request.
//
//   WriteOptions opts;
//   opts.mode = SaveMode::kAppend;
//   opts.partition_by = {"date"};  // used when the table is created
//   DELTA_ASSIGN_OR_RETURN(CommitResult r, WriteTable("/data/events", engine, &stream, opts));
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/arrow_c.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta {

class Engine;

/// What WriteTable does when the table exists. A missing table is created in every mode.
enum class SaveMode {
  kErrorIfExists,  ///< AlreadyExists-kind Conflict naming the location
  kAppend,         ///< add the rows
  kOverwrite,      ///< replace every row (or, with a predicate, the rows matching it)
  kIgnore,         ///< write nothing; CommitResult::committed is false
};

/// What happens when the data's schema differs from the table's.
enum class SchemaMode {
  kStrict,     ///< InvalidArgument naming the first column that differs
  kMerge,      ///< add new columns and nested fields, widen types where Delta allows
  kOverwrite,  ///< (SaveMode::kOverwrite without predicate only) replace the schema
};

/// What CreateTable does when a table exists at the location.
enum class CreateMode {
  kErrorIfExists,  ///< AlreadyExists-kind Conflict naming the location
  kIgnore,         ///< leave it; CommitResult::committed is false
  kReplace,        ///< new schema, partitioning and properties; every file removed
};

/// An application's idempotency token: the commit is skipped when the table already holds
/// `version` (or later) for `app_id`.
struct AppTransaction {
  std::string app_id;
  int64_t version = 0;
};

/// A new table's definition.
struct CreateTableOptions {
  CreateMode mode = CreateMode::kErrorIfExists;
  std::vector<std::string> partition_columns;
  /// Table properties. Features are asked for by their properties (delta.enableDeletionVectors,
  /// delta.columnMapping.mode, delta.enableChangeDataFeed, delta.appendOnly,
  /// delta.enableInCommitTimestamps, delta.enableRowTracking, delta.enableTypeWidening,
  /// delta.checkpointPolicy=v2, ...) or explicitly as delta.feature.<name>=supported; the
  /// protocol is derived from them and from the schema (timestamp_ntz).
  std::map<std::string, std::string> properties;
  std::optional<std::string> name;
  std::optional<std::string> description;
  TransactionOptions transaction;
};

/// Creates a table with `schema` at `location` (version 0, or the next version for kReplace).
Result<CommitResult> CreateTable(std::string_view location, std::shared_ptr<Engine> engine,
                                 const StructType& schema, const CreateTableOptions& options = {});

/// How WriteTable writes.
struct WriteOptions {
  SaveMode mode = SaveMode::kErrorIfExists;
  /// Partition columns of a table this call creates; for an existing table, when given, they
  /// must be its partition columns (InvalidArgument otherwise).
  std::vector<std::string> partition_by;
  /// With kOverwrite: replace only the rows matching this predicate (replaceWhere, in
  /// ParseExpression's syntax); a written row outside it is InvalidArgument and nothing is
  /// committed.
  std::string predicate;
  SchemaMode schema_mode = SchemaMode::kStrict;
  /// Properties, name and description of a table this call creates.
  std::map<std::string, std::string> properties;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<AppTransaction> app_transaction;
  /// Data file layout: target size, row group rows, compression (the rest comes from the
  /// table's metadata).
  std::optional<int64_t> target_file_size;
  std::optional<int64_t> row_group_rows;
  std::optional<std::string> compression;
  TransactionOptions transaction;
};

/// Writes the batches of `data` to the table at `location`, creating it when missing. Takes
/// ownership of `data` (releases it). Data files of a write that fails stay unreferenced.
Result<CommitResult> WriteTable(std::string_view location, std::shared_ptr<Engine> engine,
                                ArrowArrayStream* data, const WriteOptions& options = {});

}  // namespace delta
