#include "txn/auto_checkpoint.h"

#include <memory>
#include <string>

#include "delta/checkpoint.h"
#include "delta/log_cleanup.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "log/log_cleanup_policy.h"

namespace delta {

void CheckpointAfterCommit(const TransactionState& s, CommitResult* result) {
  if (!result->committed || !s.options.checkpoint_on_interval || result->version <= 0) return;
  const int64_t interval = s.properties.checkpoint_interval();
  if (interval <= 0 || result->version % interval != 0) return;
  auto warn = [&](const Status& st) {
    result->warnings.push_back("checkpoint at version " + std::to_string(result->version) +
                               " not written: " + st.ToString());
  };
  Result<std::shared_ptr<const Snapshot>> snapshot =
      s.snapshot ? s.snapshot->Refresh(result->version) : Status::NotFound("no snapshot");
  if (!s.snapshot) {
    Result<Table> table = Table::ForLocation(s.table_root, s.engine);
    if (!table.ok()) return warn(table.status());
    snapshot = table->SnapshotAtVersion(result->version);
  }
  if (!snapshot.ok()) return warn(snapshot.status());
  // The log cleanup that follows dates "now" by the transaction's clock, as its commits are.
  CheckpointOptions options;
  options.cleanup_expired_logs = false;
  Result<CheckpointResult> written = WriteCheckpoint(**snapshot, options);
  if (written.ok()) {
    result->checkpoint_version = written->version;
    for (const std::string& w : written->warnings) result->warnings.push_back(w);
    Result<bool> enabled = ExpiredLogCleanupEnabled((*snapshot)->metadata().configuration);
    if (!enabled.ok() || !*enabled) return;
    LogCleanupOptions cleanup;
    cleanup.now_ms = s.options.clock_ms;
    Result<LogCleanupResult> cleaned = CleanupExpiredLogs(**snapshot, cleanup);
    if (!cleaned.ok()) {
      result->warnings.push_back("log not cleaned up: " + cleaned.status().ToString());
    }
    return;
  }
  // Another writer checkpointed this version already; an engine that writes no Parquet leaves
  // checkpoints to others.
  if (written.status().IsAlreadyExists() || written.status().IsUnsupported()) return;
  warn(written.status());
}

}  // namespace delta
