#include "ops/row_deletion.h"

#include <utility>

#include "delta/table_properties.h"
#include "ops/row_rewrite.h"

namespace delta::ops {

Result<RowDeletionMetrics> StageRowDeletion(Transaction& txn,
                                            const std::shared_ptr<const Snapshot>& snapshot,
                                            const std::shared_ptr<Engine>& engine,
                                            const ExprPtr& predicate,
                                            const ParquetWriteOptions* file_options) {
  if (!snapshot || !engine) return Status::InvalidArgument("row deletion: no snapshot or engine");
  DELTA_ASSIGN_OR_RETURN(TableProperties props,
                         TableProperties::Parse(snapshot->metadata().configuration));
  if (props.append_only()) {
    // Refused before anything is read or written (a DV file would be left behind).
    return Status::Unsupported("table " + snapshot->table_location() +
                               " is append-only (delta.appendOnly=true): rows cannot be deleted");
  }
  // With the change feed on every deleted row is read, to be written as a `delete` change.
  const bool cdf = props.enable_change_data_feed();
  MatchedRowRemovalOptions options;
  options.read_every_candidate = cdf;
  options.collect_rows = cdf;
  DELTA_ASSIGN_OR_RETURN(
      MatchedRowRemoval removal,
      StageMatchedRowRemoval(txn, snapshot, engine, predicate, options, file_options));
  // Whole files removed say exactly which rows went; a file that keeps some rows does not, and
  // once a commit has change files readers take every change of it from them alone.
  if (cdf && removal.partial) {
    std::vector<ChangeRows> groups;
    groups.emplace_back(std::move(removal.rows), "delete");
    DELTA_ASSIGN_OR_RETURN(removal.metrics.num_added_change_files,
                           StageChangeRows(txn, std::move(groups)));
  }
  return removal.metrics;
}

}  // namespace delta::ops
