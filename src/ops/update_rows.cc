// UpdateRows: one transaction staging a row update.
#include "delta/update.h"

#include <map>
#include <utility>

#include "delta/engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "ops/operation_parameters.h"
#include "ops/row_tracking_tag.h"
#include "ops/row_update.h"

namespace delta {

Result<UpdateResult> UpdateRows(std::string_view location, std::shared_ptr<Engine> engine,
                                std::string_view predicate,
                                const std::vector<UpdateAssignment>& set,
                                const UpdateOptions& options) {
  if (!engine) return Status::InvalidArgument("UpdateRows: no engine");
  if (set.empty()) return Status::InvalidArgument("UPDATE needs at least one SET column");
  ExprPtr parsed;
  if (!predicate.empty()) {
    Result<ExprPtr> p = ParseExpression(predicate);
    if (!p.ok()) return p.status().WithContext("update predicate");
    parsed = *p;
  }
  std::vector<ops::RowAssignment> assignments;
  for (const auto& [column, text] : set) {
    Result<ExprPtr> e = ParseExpression(text);
    if (!e.ok()) return e.status().WithContext("UPDATE SET " + column);
    assignments.emplace_back(column, *e);
  }
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(location, engine));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, table.LatestSnapshot());
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, options.transaction));
  DELTA_ASSIGN_OR_RETURN(ops::RowUpdateMetrics m,
                         ops::StageRowUpdate(*txn, snapshot, engine, parsed, assignments));
  UpdateResult out;
  out.num_updated_rows = m.num_updated_rows;
  out.num_copied_rows = m.num_copied_rows;
  out.num_added_files = m.num_added_files;
  out.num_removed_files = m.num_removed_files;
  out.num_deletion_vectors_added = m.num_deletion_vectors_added;
  out.num_deletion_vectors_removed = m.num_deletion_vectors_removed;
  out.num_added_change_files = m.num_added_change_files;
  if (m.num_updated_rows == 0) {
    // Nothing matched: no commit, as Delta Spark writes none for an UPDATE of no row.
    out.commit.version = snapshot->version();
    out.commit.committed = false;
    return out;
  }
  if (options.app_transaction) {
    DELTA_RETURN_NOT_OK(
        txn->SetAppTransaction(options.app_transaction->app_id, options.app_transaction->version));
  }
  std::map<std::string, std::string> params;
  params["predicate"] =
      ops::JsonStringArray({predicate.empty() ? std::string("true") : std::string(predicate)});
  txn->SetOperation("UPDATE", std::move(params));
  DELTA_RETURN_NOT_OK(ops::TagRowTrackingPreserved(*txn, *snapshot));
  txn->SetOperationMetric("numUpdatedRows", m.num_updated_rows);
  txn->SetOperationMetric("numCopiedRows", m.num_copied_rows);
  txn->SetOperationMetric("numAddedFiles", m.num_added_files);
  txn->SetOperationMetric("numRemovedFiles", m.num_removed_files);
  txn->SetOperationMetric("numDeletionVectorsAdded", m.num_deletion_vectors_added);
  txn->SetOperationMetric("numDeletionVectorsRemoved", m.num_deletion_vectors_removed);
  txn->SetOperationMetric("numDeletionVectorsUpdated", 0);
  txn->SetOperationMetric("numAddedChangeFiles", m.num_added_change_files);
  txn->SetOperationMetric("numAddedBytes", m.num_added_bytes);
  txn->SetOperationMetric("numRemovedBytes", m.num_removed_bytes);
  txn->SetOperationMetric("scanTimeMs", m.scan_time_ms);
  txn->SetOperationMetric("rewriteTimeMs", m.rewrite_time_ms);
  DELTA_ASSIGN_OR_RETURN(out.commit, txn->Commit());
  return out;
}

}  // namespace delta
