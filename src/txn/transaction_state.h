// What a Transaction holds between Begin and Commit. Internal to src/txn.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/table_properties.h"
#include "delta/transaction.h"
#include "protocol/action_batch.h"
#include "txn/row_level_read.h"
#include "txn/transaction_footprint.h"

namespace delta {

struct TransactionState {
  std::shared_ptr<Engine> engine;
  std::string table_root;
  std::shared_ptr<const Snapshot> snapshot;  // null for a new table
  int64_t read_version = -1;
  TransactionOptions options;
  std::string txn_id;

  Protocol protocol;
  Metadata metadata;
  std::shared_ptr<const StructType> schema;
  TableProperties properties;
  bool protocol_changed = false;
  bool metadata_changed = false;

  TransactionReads reads;
  // Files read row by row (RecordReadRows), by path as in the log.
  std::map<std::string, RowLevelRead, std::less<>> row_level_reads;
  // Owns the views of the adds and removes copied for row-level reads and rebases (the live
  // adds read, winners' re-adds, restaged actions).
  ActionBatch rebase_copies;
  // Staged file actions; the views point into staged.arena. Protocol, metadata, txns, domains
  // and commitInfo are filled in per attempt.
  ActionBatch staged;
  // Per staged add: whether the kernel assigns its row id and row commit version.
  std::vector<bool> assign_row_tracking;
  std::vector<SetTransaction> txns;
  std::vector<DomainMetadata> domains;

  std::string operation = "WRITE";
  std::map<std::string, std::string> operation_parameters;
  std::vector<std::pair<std::string, int64_t>> operation_metrics;
  std::map<std::string, std::string> commit_tags;
  bool commit_called = false;
};

}  // namespace delta
