// Transactions: stage actions against a snapshot (or an empty location) and commit them as one
// new version of the table, atomically, racing any number of other writers.
//
//   DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot));
//   txn->SetOperation("WRITE", {{"mode", "Append"}});
//   DELTA_ASSIGN_OR_RETURN(auto files, txn->WriteFiles(&stream));  // default engine's Parquet
//   DELTA_RETURN_NOT_OK(txn->AddFiles(files));
//   DELTA_ASSIGN_OR_RETURN(CommitResult r, txn->Commit());        // r.version, r.attempts
//
// Commit writes `_delta_log/<v>.json` with FileSystem::PutIfAbsent. When another writer took
// that version first, the winning commits are read and checked against what this transaction
// declared it read and what it writes, by Delta Spark's conflict rules (docs/transactions.md):
// a logical conflict fails with Status::Conflict naming the rule, the winning version and the
// file, predicate, domain or app id involved; anything else is rebased onto the winners and
// tried again, immediately and then with jittered exponential backoff.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/arrow_c.h"
#include "delta/deletion_vector.h"
#include "delta/expression.h"
#include "delta/parquet.h"
#include "delta/status.h"
#include "delta/table_properties.h"

namespace delta {

class Engine;
class Snapshot;
class Table;
struct TransactionState;  // internal

/// One failed attempt of Commit that will be retried (for logging and progress).
struct CommitRetry {
  int attempt = 0;               ///< 1-based number of the attempt that lost the race
  int64_t lost_version = -1;     ///< the version another writer took
  std::vector<int64_t> winners;  ///< the commits checked and rebased over in this round
  int64_t backoff_ms = 0;        ///< how long Commit waits before the next attempt
};

/// How a transaction commits.
struct TransactionOptions {
  /// The isolation level conflicts are checked at. Default: the table's delta.isolationLevel
  /// (Serializable when unset). A commit whose every action has dataChange=false is checked as
  /// SnapshotIsolation whatever this says, as Delta Spark does.
  std::optional<IsolationLevel> isolation_level;
  /// Attempts at most (the first included). When every one lost its race without a logical
  /// conflict, Commit gives up with a Conflict of kind kAlreadyExists naming the last version
  /// it tried.
  int max_attempts = 20;
  /// The first retry is immediate; later ones wait a random time in [0, backoff] where backoff
  /// starts at initial_backoff_ms and doubles up to max_backoff_ms.
  int64_t initial_backoff_ms = 2;
  int64_t max_backoff_ms = 1000;
  /// commitInfo.engineInfo. Default: "delta-kernel-cpp/<version>".
  std::string engine_info;
  /// Called before each retry.
  std::function<void(const CommitRetry&)> on_retry;
  /// The commit timestamp (ms since epoch) to use instead of the clock; for tests.
  std::optional<int64_t> clock_ms;
  /// Row-level concurrency: a winner that deleted other rows of a file this transaction read
  /// row by row (RecordReadRows), by re-adding it with a larger deletion vector, is no
  /// conflict; when both re-add the file with a deletion vector, the rebase unites the two
  /// (a new DV file). On by default: the result is the one running after the winner would
  /// give. False: any concurrent change of such a file conflicts, as in Delta Spark.
  bool row_level_concurrency = true;
  /// After a commit whose version is a multiple of delta.checkpointInterval, write a checkpoint
  /// of it (delta/checkpoint.h). A checkpoint that fails never fails the commit: it is reported
  /// in CommitResult::warnings. False leaves checkpoints to the caller (tests, benchmarks).
  bool checkpoint_on_interval = true;
  /// Deletion vectors this transaction writes (DML, row-level rebase) whose serialized bitmap
  /// has at most this many bytes are stored inline in the log instead of in a DV file
  /// instead of in a DV file; 0 writes every one to a file.
  int32_t max_inline_deletion_vector_bytes = kDefaultMaxInlineDeletionVectorBytes;
};

/// What Commit did.
struct CommitResult {
  /// The version this transaction committed; for an idempotent no-op (committed == false), the
  /// table version that was read and found to hold the app id's version already.
  int64_t version = -1;
  /// False when nothing was written because the table already holds the (app id, version) the
  /// transaction carries (SetAppTransaction), or a lost response was found to have landed.
  bool committed = true;
  int attempts = 0;                            ///< put attempts made (1 when the first one won)
  std::vector<int64_t> rebased_over;           ///< winning versions this commit was rebased onto
  int64_t timestamp = 0;                       ///< commitInfo.timestamp written
  std::optional<int64_t> in_commit_timestamp;  ///< when the table has in-commit timestamps
  /// True when a put's outcome was unknown (lost response) and reading the log back found
  /// this transaction's own commit at `version`.
  bool recovered_lost_response = false;
  /// Non-fatal findings after the commit landed, e.g. a version checksum (.crc) that could not
  /// be written (readers then use the log alone).
  std::vector<std::string> warnings;
  /// The version of the checkpoint written after this commit (checkpoint_on_interval), if any.
  std::optional<int64_t> checkpoint_version;
};

/// A set of actions to commit as one version. Not thread-safe: one thread builds and commits
/// it. Commit may be called once.
class Transaction {
 public:
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// A transaction on the table `snapshot` shows; it commits version snapshot->version() + 1
  /// or, after losing races, a later one. Unsupported, naming the feature, when the table needs
  /// a writer feature this kernel does not honour.
  static Result<std::unique_ptr<Transaction>> Begin(std::shared_ptr<const Snapshot> snapshot,
                                                    TransactionOptions options = {});
  /// A transaction that creates the table at `table`'s location: it commits version 0 and
  /// must carry a protocol and metadata (UpdateProtocol, UpdateMetadata). Fails with a
  /// Conflict of kind kAlreadyExists when version 0 exists by then.
  static Result<std::unique_ptr<Transaction>> BeginCreate(const Table& table,
                                                          TransactionOptions options = {});

  /// The version read (-1 for a new table).
  int64_t read_version() const;
  /// The snapshot read (null for a new table).
  const std::shared_ptr<const Snapshot>& snapshot() const;
  /// The metadata and protocol the commit will have (the snapshot's unless updated).
  const Metadata& metadata() const;
  const Protocol& protocol() const;
  /// The schema of metadata().
  const std::shared_ptr<const StructType>& schema() const;
  /// The isolation level the commit is checked at.
  IsolationLevel isolation_level() const;
  /// The options the transaction began with.
  const TransactionOptions& options() const;

  // ---- What the transaction read (nothing declared: a blind append) ----

  /// The result depends on every file of the table.
  void RecordReadWholeTable();
  /// The result depends on the files matching `predicate` (over logical columns). Binds it to
  /// the schema: InvalidArgument naming the column when it names one the table lacks.
  Status RecordReadPredicate(const ExprPtr& predicate);
  /// The result depends on this file (its path as in the log).
  void RecordReadFile(std::string_view path);
  /// The result depends on the live file `live` (as the snapshot lists it), but of its rows
  /// only on `rows` (positions in the data file, live in the snapshot): those it deletes or
  /// rewrites and those whose values decided anything. Records the file as read
  /// (RecordReadFile) unless `rows` is empty (a file scanned by a recorded predicate whose
  /// rows all failed it); with TransactionOptions::row_level_concurrency, a winner that only
  /// deleted other rows of it (removed it and re-added it with a larger deletion vector) does
  /// not conflict, and when this transaction re-adds the file with a deletion vector too, its
  /// remove and add are rebased onto the winner's (the two deletion vectors united).
  /// Declaring the same file again adds rows.
  void RecordReadRows(const AddFile& live, std::span<const uint64_t> rows);
  /// The app id's latest txn version in the snapshot, recorded as read.
  std::optional<int64_t> ReadAppVersion(std::string_view app_id);
  /// A domain's metadata in the snapshot, recorded as read.
  std::optional<DomainMetadata> ReadDomainMetadata(std::string_view domain);

  // ---- What it writes ----

  /// Writes `data` (struct batches with the table's logical columns) as Parquet data files
  /// with the engine's ParquetWriter, laid out and described as the table's metadata says
  /// (partitions, column mapping, statistics columns, invariants and CHECK constraints). The
  /// files are not part of the commit until AddFiles. Takes ownership of `data`.
  Result<std::vector<WrittenFile>> WriteFiles(ArrowArrayStream* data,
                                              const ParquetWriteOptions* overrides = nullptr);
  /// Adds data files written by WriteFiles or by the engine itself.
  Status AddFiles(std::span<const WrittenFile> files, bool data_change = true);
  /// Writes change data rows (struct batches with the table's logical columns and a string
  /// `_change_type`: insert, delete, update_preimage or update_postimage) as Parquet files
  /// under `_change_data/`, partitioned as the table. Not part of the commit until
  /// AddChangeFiles. Takes ownership of `data`.
  Result<std::vector<WrittenFile>> WriteChangeFiles(ArrowArrayStream* data);
  /// Adds change data files written by WriteChangeFiles (cdc actions, dataChange=false).
  Status AddChangeFiles(std::span<const WrittenFile> files);
  /// Adds one file action as given (path relative to the table root, percent-encoded).
  Status AddAction(const AddFile& add);
  /// Removes a live file: builds the remove from the add as Delta Spark does (extended file
  /// metadata, size, partition values, stats, deletion vector, row tracking fields), with
  /// deletionTimestamp = the commit time.
  Status RemoveLiveFile(const AddFile& live, bool data_change = true);
  /// Adds a change data file.
  Status AddCdcAction(const AddCdcFile& cdc);
  /// Replaces the table's metadata (schema, partition columns, properties).
  Status UpdateMetadata(Metadata metadata);
  /// Replaces the table's protocol. InvalidArgument when it would lower a version or drop a
  /// feature (feature removal is not supported).
  Status UpdateProtocol(Protocol protocol);
  /// Records that application `app_id` committed its `version` in this commit (txn action);
  /// when the table already holds that app id at `version` or later, Commit writes nothing and
  /// returns committed == false.
  Status SetAppTransaction(std::string app_id, int64_t version);
  /// Sets (or, with removed = true, removes) a domain's metadata. System domains ("delta.")
  /// other than those the kernel manages are InvalidArgument.
  Status SetDomainMetadata(DomainMetadata domain);

  /// commitInfo.operation and operationParameters. Each value is written as a JSON string, as
  /// Delta Spark writes them: {"mode", "Append"}, {"partitionBy", "[\"day\"]"}. Default: "WRITE"
  /// with no parameters.
  void SetOperation(std::string operation, std::map<std::string, std::string> parameters = {});
  /// Adds to commitInfo.operationMetrics (written as JSON strings, as Spark writes them).
  void SetOperationMetric(std::string name, int64_t value);
  /// Sets commitInfo.tags[key] (a JSON string, replacing an earlier value), e.g. Delta
  /// Spark's {"delta.rowTracking.preserved", "true"}. No tags: no `tags` object.
  void SetCommitTag(std::string key, std::string value);

  /// Commits. See the file comment; never writes twice, never leaves a partial commit. A put
  /// whose outcome is unknown (an I/O error after the request may have landed) is resolved by
  /// reading the log back for this transaction's txnId; when that cannot be decided the error
  /// is CommitStateUnknown.
  Result<CommitResult> Commit();

 private:
  explicit Transaction(std::unique_ptr<TransactionState> state);
  std::unique_ptr<TransactionState> state_;
};

}  // namespace delta
