// DeleteRows: one transaction staging a row deletion.
#include "delta/delete.h"

#include <utility>

#include "delta/engine.h"
#include "delta/json_writer.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "ops/operation_parameters.h"
#include "ops/row_deletion.h"
#include "ops/row_tracking_tag.h"

namespace delta {

Result<DeleteResult> DeleteRows(std::string_view location, std::shared_ptr<Engine> engine,
                                std::string_view predicate, const DeleteOptions& options) {
  if (!engine) return Status::InvalidArgument("DeleteRows: no engine");
  ExprPtr parsed;
  if (!predicate.empty()) {
    Result<ExprPtr> p = ParseExpression(predicate);
    if (!p.ok()) return p.status().WithContext("delete predicate");
    parsed = *p;
  }
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(location, engine));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, table.LatestSnapshot());
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, options.transaction));
  DELTA_ASSIGN_OR_RETURN(ops::RowDeletionMetrics m,
                         ops::StageRowDeletion(*txn, snapshot, engine, parsed));
  DeleteResult out;
  out.num_deleted_rows = m.num_deleted_rows;
  out.num_removed_files = m.num_removed_files;
  out.num_added_files = m.num_added_files;
  out.num_copied_rows = m.num_copied_rows;
  out.num_deletion_vectors_added = m.num_deletion_vectors_added;
  out.num_deletion_vectors_removed = m.num_deletion_vectors_removed;
  out.num_added_change_files = m.num_added_change_files;
  if (m.num_removed_files == 0) {
    // Nothing matched: no commit, as Delta Spark writes none for an empty delete.
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
  txn->SetOperation("DELETE", std::move(params));
  DELTA_RETURN_NOT_OK(ops::TagRowTrackingPreserved(*txn, *snapshot));
  txn->SetOperationMetric("numDeletedRows", m.num_deleted_rows);
  txn->SetOperationMetric("numRemovedFiles", m.num_removed_files);
  txn->SetOperationMetric("numAddedFiles", m.num_added_files);
  txn->SetOperationMetric("numCopiedRows", m.num_copied_rows);
  txn->SetOperationMetric("numDeletionVectorsAdded", m.num_deletion_vectors_added);
  txn->SetOperationMetric("numDeletionVectorsRemoved", m.num_deletion_vectors_removed);
  txn->SetOperationMetric("numAddedChangeFiles", m.num_added_change_files);
  txn->SetOperationMetric("numAddedBytes", m.num_added_bytes);
  txn->SetOperationMetric("numRemovedBytes", m.num_removed_bytes);
  txn->SetOperationMetric("scanTimeMs", m.scan_time_ms);
  txn->SetOperationMetric("rewriteTimeMs", m.rewrite_time_ms);
  DELTA_ASSIGN_OR_RETURN(out.commit, txn->Commit());
  return out;
}

}  // namespace delta
