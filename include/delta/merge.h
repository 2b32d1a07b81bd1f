// MERGE (upsert): changing the rows of a table from a source of rows joined to it, in one
// transaction, with Delta Spark's clause semantics. Runs on the default engine's Arrow execution
// (link delta_kernel_arrow).
//
//   MergeSpec spec;
//   spec.on = "target.id = source.id";
//   spec.clauses = {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()};
//   DELTA_ASSIGN_OR_RETURN(MergeResult r, MergeInto("/data/events", engine, &stream, spec));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/arrow_c.h"
#include "delta/status.h"
#include "delta/transaction.h"
#include "delta/write_table.h"

namespace delta {

class Engine;

/// Which rows a clause applies to.
enum class MergeClauseKind {
  kMatched,             ///< WHEN MATCHED: a target row and the source row it joins
  kNotMatched,          ///< WHEN NOT MATCHED [BY TARGET]: a source row joining no target row
  kNotMatchedBySource,  ///< WHEN NOT MATCHED BY SOURCE: a target row joining no source row
};

/// What a clause does.
enum class MergeAction { kUpdate, kDelete, kInsert };

/// One WHEN clause. Expressions use ParseExpression's syntax with columns qualified by the
/// aliases (`source.x`, `target.y`).
struct MergeClause {
  MergeClauseKind kind = MergeClauseKind::kMatched;
  MergeAction action = MergeAction::kUpdate;
  /// The clause's AND condition; empty = always.
  std::string condition;
  /// UPDATE SET / INSERT (cols) VALUES: target column -> expression, in order. Empty with
  /// `star` = UPDATE SET * / INSERT * (every target column from the source column of its name).
  std::vector<std::pair<std::string, std::string>> assignments;
  bool star = false;

  static MergeClause MatchedUpdate(std::vector<std::pair<std::string, std::string>> set,
                                   std::string condition = {});
  static MergeClause MatchedUpdateAll(std::string condition = {});
  static MergeClause MatchedDelete(std::string condition = {});
  static MergeClause NotMatchedInsert(std::vector<std::pair<std::string, std::string>> values,
                                      std::string condition = {});
  static MergeClause NotMatchedInsertAll(std::string condition = {});
  static MergeClause NotMatchedBySourceUpdate(std::vector<std::pair<std::string, std::string>> set,
                                              std::string condition = {});
  static MergeClause NotMatchedBySourceDelete(std::string condition = {});
};

/// The statement: MERGE INTO table AS target_alias USING source AS source_alias ON on clauses.
struct MergeSpec {
  std::string source_alias = "source";
  std::string target_alias = "target";
  std::string on;
  /// In order; per row the first clause of its kind whose condition holds applies, as in Spark.
  std::vector<MergeClause> clauses;
};

/// How MergeInto commits.
struct MergeOptions {
  std::optional<AppTransaction> app_transaction;
  TransactionOptions transaction;
};

/// What MergeInto did (Delta Spark's MERGE metrics, also in the commit's operationMetrics).
struct MergeResult {
  /// The commit; committed is false when no row changed (nothing is written).
  CommitResult commit;
  int64_t num_source_rows = 0;
  int64_t num_target_rows_inserted = 0;
  int64_t num_target_rows_updated = 0;
  int64_t num_target_rows_matched_updated = 0;
  int64_t num_target_rows_not_matched_by_source_updated = 0;
  int64_t num_target_rows_deleted = 0;
  int64_t num_target_rows_matched_deleted = 0;
  int64_t num_target_rows_not_matched_by_source_deleted = 0;
  int64_t num_target_rows_copied = 0;  ///< unchanged rows carried into rewritten files
  int64_t num_output_rows = 0;         ///< rows written to data files
  int64_t num_target_files_added = 0;
  int64_t num_target_files_removed = 0;
  int64_t num_target_files_read = 0;  ///< target files the join read
  int64_t num_target_change_files_added = 0;
  int64_t num_target_deletion_vectors_added = 0;
  int64_t num_target_deletion_vectors_removed = 0;
};

/// Merges the rows of `source` (taken and released; its columns are the source's, named
/// `source_alias.<name>` in expressions) into the table at `location`. The ON condition's
/// equalities between a target and a source column are hash-join keys; the source's min and
/// max of each key (and ON's target-only conjuncts) select the target files to read, with
/// partition pruning and data skipping, so other files are never opened. Changed rows leave
/// their files through deletion vectors (delta.enableDeletionVectors) or copy-on-write; new
/// and updated rows are written as new files; with the change data feed on, insert, delete,
/// update_preimage and update_postimage rows go to `_change_data/`. InvalidArgument, with
/// nothing written, for an expression that does not parse or names a missing column, an
/// unknown alias, or a target row matched by several source rows where a MATCHED clause
/// applies; Unsupported for an append-only table with an UPDATE or DELETE clause. Under row
/// tracking (delta.enableRowTracking) updated and copied rows keep their row ids (copied rows
/// their row commit versions too) and inserted rows get fresh ones.
Result<MergeResult> MergeInto(std::string_view location, std::shared_ptr<Engine> engine,
                              ArrowArrayStream* source, const MergeSpec& spec,
                              const MergeOptions& options = {});

}  // namespace delta
