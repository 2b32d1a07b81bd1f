// Transactions through the public API: commits, races rebased or refused, idempotent writes,
// in-commit timestamps, row tracking and ambiguous puts.
#include "delta/transaction.h"

#include <gtest/gtest.h>

#include <atomic>

#include "delta/forwarding_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;

constexpr std::string_view kSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"part","type":"string","nullable":true,"metadata":{}}]})";

Metadata TestMetadata(std::map<std::string, std::string> configuration = {}) {
  Metadata m;
  m.schema_string = std::string(kSchema);
  m.partition_columns = {"part"};
  m.configuration = std::move(configuration);
  return m;
}

WrittenFile File(std::string path, std::optional<std::string> part, int64_t rows) {
  WrittenFile f;
  f.path = std::move(path);
  f.partition_values["part"] = std::move(part);
  f.size = 100 + rows;
  f.modification_time = 1000;
  f.num_records = rows;
  f.stats = R"({"numRecords":)" + std::to_string(rows) +
            R"(,"minValues":{"id":0},"maxValues":{"id":)" + std::to_string(rows - 1) +
            R"(},"nullCount":{"id":0}})";
  return f;
}

// Creates the table with `protocol` and `configuration` at version 0.
void Create(const LogBuilder& log, Protocol protocol = {},
            std::map<std::string, std::string> configuration = {}) {
  auto txn = Transaction::BeginCreate(log.table());
  ASSERT_TRUE(txn.ok()) << txn.status().ToString();
  ASSERT_TRUE((*txn)->UpdateProtocol(protocol).ok());
  ASSERT_TRUE((*txn)->UpdateMetadata(TestMetadata(std::move(configuration))).ok());
  (*txn)->SetOperation("CREATE TABLE", {{"isManaged", "false"}});
  auto r = (*txn)->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->version, 0);
}

std::shared_ptr<const Snapshot> Latest(const LogBuilder& log) {
  auto s = log.table().LatestSnapshot();
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : nullptr;
}

std::unique_ptr<Transaction> Begin(const std::shared_ptr<const Snapshot>& snapshot,
                                   TransactionOptions options = {}) {
  auto t = Transaction::Begin(snapshot, std::move(options));
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(*t) : nullptr;
}

Result<CommitResult> Append(const std::shared_ptr<const Snapshot>& snapshot, std::string path,
                            std::optional<std::string> part = "a", int64_t rows = 10) {
  auto txn = Begin(snapshot);
  WrittenFile f = File(std::move(path), std::move(part), rows);
  DELTA_RETURN_NOT_OK(txn->AddFiles({&f, 1}));
  return txn->Commit();
}

TEST(Transaction, CreateThenAppendWritesWhatSnapshotsRead) {
  LogBuilder log;
  Create(log);
  auto v0 = Latest(log);
  ASSERT_EQ(v0->version(), 0);
  EXPECT_EQ(v0->partition_columns(), std::vector<std::string>{"part"});
  EXPECT_EQ(v0->schema()->num_fields(), 2u);
  ASSERT_TRUE(v0->commit_info().has_value());
  EXPECT_EQ(v0->commit_info()->operation, "CREATE TABLE");
  EXPECT_FALSE(v0->commit_info()->read_version.has_value());
  EXPECT_EQ(v0->metadata().id.size(), 36u);
  EXPECT_TRUE(v0->metadata().created_time.has_value());

  auto r = Append(v0, "part=a/f1.parquet", "a", 10);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  EXPECT_EQ(r->attempts, 1);
  EXPECT_TRUE(r->committed);
  EXPECT_TRUE(r->rebased_over.empty());

  auto v1 = Latest(log);
  ASSERT_EQ(v1->version(), 1);
  ASSERT_EQ(v1->files().size(), 1u);
  EXPECT_EQ(v1->files()[0].path, "part=a/f1.parquet");
  ASSERT_EQ(v1->files()[0].partition_values.size(), 1u);
  EXPECT_EQ(v1->files()[0].partition_values[0].value, "a");
  EXPECT_EQ(v1->files()[0].NumRecords(), 10);
  const CommitInfo& info = *v1->commit_info();
  EXPECT_EQ(info.operation, "WRITE");
  EXPECT_EQ(info.read_version, 0);
  EXPECT_EQ(info.isolation_level, "Serializable");
  EXPECT_EQ(info.is_blind_append, true);
  EXPECT_EQ(info.engine_info, "delta-kernel-cpp/0.1.0");
  EXPECT_NE(info.json.find(R"("operationMetrics":{"numFiles":"1","numOutputRows":"10",)"
                           R"("numOutputBytes":"110"})"),
            std::string::npos)
      << info.json;
  EXPECT_NE(info.json.find(R"("txnId":")"), std::string::npos);
}

TEST(Transaction, BlindAppendsRacingFromOneSnapshotAreRebased) {
  LogBuilder log;
  Create(log);
  auto v0 = Latest(log);
  ASSERT_TRUE(Append(v0, "part=a/f1.parquet").ok());
  std::vector<CommitRetry> retries;
  TransactionOptions options;
  options.on_retry = [&](const CommitRetry& r) { retries.push_back(r); };
  auto txn = Begin(v0, options);
  WrittenFile f = File("part=b/f2.parquet", "b", 5);
  ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(r->rebased_over, std::vector<int64_t>{1});
  ASSERT_EQ(retries.size(), 1u);
  EXPECT_EQ(retries[0].attempt, 1);
  EXPECT_EQ(retries[0].lost_version, 1);
  EXPECT_EQ(retries[0].winners, std::vector<int64_t>{1});
  EXPECT_EQ(retries[0].backoff_ms, 0);  // the first retry is immediate
  auto v2 = Latest(log);
  EXPECT_EQ(v2->files().size(), 2u);
  EXPECT_EQ(v2->commit_info()->read_version, 0);
}

// A writer that lost twice backs off; whatever lands during the backoff is read before the next
// put, which then aims past it instead of at a version that is surely taken.
TEST(Transaction, RetryAfterABackoffAimsPastCommitsThatLandedMeanwhile) {
  LogBuilder log;
  Create(log);
  auto v0 = Latest(log);
  ASSERT_TRUE(Append(v0, "part=a/f1.parquet").ok());  // takes version 1: attempt 1 loses
  std::vector<CommitRetry> retries;
  TransactionOptions options;
  options.on_retry = [&](const CommitRetry& r) {
    retries.push_back(r);
    // Another writer commits before each retry: version 2 (attempt 2 loses), then, during the
    // backoff after attempt 2, version 3.
    auto other = Append(Latest(log), "part=a/other" + std::to_string(r.attempt) + ".parquet");
    EXPECT_TRUE(other.ok()) << other.status().ToString();
  };
  auto txn = Begin(v0, options);
  WrittenFile f = File("part=b/f2.parquet", "b", 5);
  ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 4);
  EXPECT_EQ(r->attempts, 3);
  EXPECT_EQ(r->rebased_over, (std::vector<int64_t>{1, 2, 3}));
  ASSERT_EQ(retries.size(), 2u);
  EXPECT_EQ(retries[0].lost_version, 1);
  EXPECT_EQ(retries[0].winners, std::vector<int64_t>{1});
  EXPECT_EQ(retries[1].lost_version, 2);
  EXPECT_EQ(retries[1].winners, std::vector<int64_t>{2});
  EXPECT_EQ(Latest(log)->files().size(), 4u);
}

TEST(Transaction, ReadingTheWholeTableConflictsWithAConcurrentAppend) {
  for (IsolationLevel level : {IsolationLevel::kSerializable, IsolationLevel::kWriteSerializable}) {
    LogBuilder log;
    Create(log);
    auto v0 = Latest(log);
    ASSERT_TRUE(Append(v0, "part=a/f1.parquet").ok());
    TransactionOptions options;
    options.isolation_level = level;
    auto txn = Begin(v0, options);
    txn->RecordReadWholeTable();
    WrittenFile f = File("part=b/f2.parquet", "b", 5);
    ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
    auto r = txn->Commit();
    if (level == IsolationLevel::kSerializable) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), StatusCode::kConflict);
      EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentAppend);
      EXPECT_EQ(r.status().detail()->version, 1);
      EXPECT_EQ(r.status().detail()->subject, "part=a/f1.parquet");
      EXPECT_EQ(Latest(log)->version(), 1);  // nothing written
    } else {
      // WriteSerializable lets a blind append through.
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->version, 2);
    }
  }
}

TEST(Transaction, PredicateReadsConflictOnlyWithMatchingAppends) {
  LogBuilder log;
  Create(log);
  auto v0 = Latest(log);
  ASSERT_TRUE(Append(v0, "part=a/f1.parquet", "a").ok());
  // Read part = 'b' only: the winner appended to 'a'.
  auto txn = Begin(v0);
  ASSERT_TRUE(txn->RecordReadPredicate(*ParseExpression("part = 'b'")).ok());
  WrittenFile f = File("part=b/f2.parquet", "b", 5);
  ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 2);
  EXPECT_FALSE(Latest(log)->commit_info()->is_blind_append.value_or(true));

  // Statistics rule out the winner too: id > 100 cannot match a file with ids 0..9.
  auto v2 = Latest(log);
  auto late = Begin(v2);
  ASSERT_TRUE(late->RecordReadPredicate(*ParseExpression("id > 100")).ok());
  ASSERT_TRUE(Append(v2, "part=a/f3.parquet", "a", 10).ok());
  WrittenFile g = File("part=a/f4.parquet", "a", 1);
  ASSERT_TRUE(late->AddFiles({&g, 1}).ok());
  auto r2 = late->Commit();
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->version, 4);

  auto bad = Begin(Latest(log));
  Status unbound = bad->RecordReadPredicate(*ParseExpression("nope = 1"));
  EXPECT_EQ(unbound.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unbound.message().find("nope"), std::string::npos);
}

TEST(Transaction, RemovingAFileAnotherCommitRemovedConflicts) {
  LogBuilder log;
  Create(log);
  ASSERT_TRUE(Append(Latest(log), "part=a/f1.parquet").ok());
  auto v1 = Latest(log);
  auto first = Begin(v1);
  auto second = Begin(v1);
  ASSERT_TRUE(first->RemoveLiveFile(v1->files()[0]).ok());
  ASSERT_TRUE(second->RemoveLiveFile(v1->files()[0]).ok());
  auto r1 = first->Commit();
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  auto r2 = second->Commit();
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete);
  EXPECT_EQ(r2.status().detail()->subject, "part=a/f1.parquet");
  auto v2 = Latest(log);
  EXPECT_EQ(v2->version(), 2);
  EXPECT_TRUE(v2->files().empty());
}

TEST(Transaction, ConcurrentMetadataChangeConflicts) {
  LogBuilder log;
  Create(log);
  auto v0 = Latest(log);
  auto alter = Begin(v0);
  ASSERT_TRUE(alter->UpdateMetadata(TestMetadata({{"delta.appendOnly", "false"}})).ok());
  auto append = Begin(v0);
  WrittenFile f = File("part=a/f1.parquet", "a", 1);
  ASSERT_TRUE(append->AddFiles({&f, 1}).ok());
  ASSERT_TRUE(alter->Commit().ok());
  auto r = append->Commit();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kMetadataChanged);
  EXPECT_EQ(r.status().detail()->version, 1);
  EXPECT_EQ(Latest(log)->metadata().id, v0->metadata().id);
}

TEST(Transaction, AppTransactionsMakeRetriedWritesIdempotent) {
  LogBuilder log;
  Create(log);
  auto v0 = Latest(log);
  auto txn = Begin(v0);
  EXPECT_EQ(txn->ReadAppVersion("stream-1"), std::nullopt);
  ASSERT_TRUE(txn->SetAppTransaction("stream-1", 5).ok());
  WrittenFile f = File("part=a/f1.parquet", "a", 1);
  ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(Latest(log)->set_transactions().at("stream-1").version, 5);

  // The same batch again: nothing is written.
  auto again = Begin(Latest(log));
  ASSERT_TRUE(again->SetAppTransaction("stream-1", 5).ok());
  ASSERT_TRUE(again->AddFiles({&f, 1}).ok());
  auto r = again->Commit();
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->version, 1);
  EXPECT_EQ(Latest(log)->version(), 1);

  // Two writers racing with the same next batch: one commits it, the other is a no-op.
  auto v1 = Latest(log);
  auto a = Begin(v1);
  auto b = Begin(v1);
  for (auto* t : {a.get(), b.get()}) {
    ASSERT_TRUE(t->SetAppTransaction("stream-1", 6).ok());
    WrittenFile g = File("part=a/f2.parquet", "a", 1);
    ASSERT_TRUE(t->AddFiles({&g, 1}).ok());
  }
  ASSERT_TRUE(a->Commit().ok());
  auto rb = b->Commit();
  ASSERT_TRUE(rb.ok()) << rb.status().ToString();
  EXPECT_FALSE(rb->committed);
  EXPECT_EQ(rb->version, 2);
  EXPECT_EQ(Latest(log)->version(), 2);
  EXPECT_EQ(Latest(log)->files().size(), 2u);

  // A different version of the same app racing is a real conflict.
  auto v2 = Latest(log);
  auto c = Begin(v2);
  auto d = Begin(v2);
  ASSERT_TRUE(c->SetAppTransaction("stream-1", 7).ok());
  ASSERT_TRUE(d->SetAppTransaction("stream-1", 8).ok());
  ASSERT_TRUE(c->Commit().ok());
  auto rd = d->Commit();
  ASSERT_FALSE(rd.ok());
  EXPECT_EQ(rd.status().detail_kind(), ErrorDetailKind::kConcurrentTransaction);
  EXPECT_EQ(rd.status().detail()->subject, "stream-1");
}

TEST(Transaction, InCommitTimestampsIncreaseEvenWhenTheClockGoesBack) {
  LogBuilder log;
  Protocol p;
  p.min_reader_version = 1;
  p.min_writer_version = 7;
  p.writer_features = std::vector<std::string>{"inCommitTimestamp"};
  TransactionOptions at;
  at.clock_ms = 5000;
  {
    auto txn = Transaction::BeginCreate(log.table(), at);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE((*txn)->UpdateProtocol(p).ok());
    ASSERT_TRUE(
        (*txn)->UpdateMetadata(TestMetadata({{"delta.enableInCommitTimestamps", "true"}})).ok());
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->in_commit_timestamp, 5000);
  }
  auto v0 = Latest(log);
  EXPECT_EQ(v0->timestamp(), 5000);
  at.clock_ms = 4000;  // a writer whose clock is behind
  auto txn = Begin(v0, at);
  WrittenFile f = File("part=a/f1.parquet", "a", 1);
  ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->timestamp, 4000);
  EXPECT_EQ(r->in_commit_timestamp, 5001);
  auto v1 = Latest(log);
  EXPECT_EQ(v1->timestamp(), 5001);
  EXPECT_EQ(v1->commit_info()->json.rfind(R"({"inCommitTimestamp":5001,)", 0), 0u);

  // Rebased over a winner, the timestamp follows the winner's.
  at.clock_ms = 9000;
  auto winner = Begin(v1, at);
  at.clock_ms = 3000;
  auto loser = Begin(v1, at);
  WrittenFile f2 = File("part=a/f2.parquet", "a", 1);
  WrittenFile f3 = File("part=a/f3.parquet", "a", 1);
  ASSERT_TRUE(winner->AddFiles({&f2, 1}).ok());
  ASSERT_TRUE(loser->AddFiles({&f3, 1}).ok());
  ASSERT_TRUE(winner->Commit().ok());
  auto rl = loser->Commit();
  ASSERT_TRUE(rl.ok());
  EXPECT_EQ(rl->version, 3);
  EXPECT_EQ(rl->in_commit_timestamp, 9001);
}

TEST(Transaction, RowTrackingAssignsRowIdsAboveTheWinners) {
  LogBuilder log;
  Protocol p;
  p.min_reader_version = 1;
  p.min_writer_version = 7;
  p.writer_features = std::vector<std::string>{"domainMetadata", "rowTracking"};
  Create(log, p, {{"delta.enableRowTracking", "true"}});
  auto v0 = Latest(log);
  auto a = Begin(v0);
  auto b = Begin(v0);
  WrittenFile f1 = File("part=a/f1.parquet", "a", 10);
  WrittenFile f2 = File("part=a/f2.parquet", "a", 5);
  WrittenFile f3 = File("part=b/f3.parquet", "b", 7);
  ASSERT_TRUE(a->AddFiles(std::vector<WrittenFile>{f1, f2}).ok());
  ASSERT_TRUE(b->AddFiles({&f3, 1}).ok());
  ASSERT_TRUE(a->Commit().ok());
  auto rb = b->Commit();
  ASSERT_TRUE(rb.ok()) << rb.status().ToString();
  EXPECT_EQ(rb->version, 2);
  auto v2 = Latest(log);
  std::map<std::string, std::pair<int64_t, int64_t>> ids;
  for (const AddFile& add : v2->files()) {
    ids[std::string(add.path)] = {add.base_row_id.value_or(-1),
                                  add.default_row_commit_version.value_or(-1)};
  }
  EXPECT_EQ(ids["part=a/f1.parquet"], std::make_pair(int64_t{0}, int64_t{1}));
  EXPECT_EQ(ids["part=a/f2.parquet"], std::make_pair(int64_t{10}, int64_t{1}));
  EXPECT_EQ(ids["part=b/f3.parquet"], std::make_pair(int64_t{15}, int64_t{2}));
  EXPECT_EQ(v2->domain_metadata().at("delta.rowTracking").configuration,
            R"({"rowIdHighWaterMark":21})");

  auto c = Begin(v2);
  WrittenFile nostats = f1;
  nostats.stats.clear();
  Status s = c->AddFiles({&nostats, 1});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("numRecords"), std::string::npos);
}

// Fails PutIfAbsent of commit files with an I/O error, after (`lands`) or without performing it.
class LostResponseFileSystem : public ForwardingFileSystem {
 public:
  LostResponseFileSystem(std::shared_ptr<FileSystem> target, bool lands, int failures)
      : ForwardingFileSystem(std::move(target)), lands_(lands), failures_(failures) {}
  Status PutIfAbsent(std::string_view location, std::string_view data) override {
    if (location.ends_with(".json") && failures_ > 0) {
      --failures_;
      if (lands_) (void)ForwardingFileSystem::PutIfAbsent(location, data);
      return Status::IoError("connection reset while putting " + std::string(location));
    }
    return ForwardingFileSystem::PutIfAbsent(location, data);
  }
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override {
    return FileSystem::OpenForCreate(location);  // through PutIfAbsent above
  }

 private:
  bool lands_;
  std::atomic<int> failures_;
};

TEST(Transaction, ALostResponseIsResolvedByReadingTheLogBack) {
  for (bool lands : {true, false}) {
    LogBuilder log;
    Create(log);
    auto fs = std::make_shared<LostResponseFileSystem>(log.fs(), lands, 1);
    DefaultEngineOptions eo;
    eo.cpu_threads = 1;
    auto engine = *MakeDefaultEngine(fs, eo);
    auto table = *Table::ForLocation(log.root(), engine);
    auto v0 = *table.LatestSnapshot();
    auto r = Append(v0, "part=a/f1.parquet");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->version, 1);
    EXPECT_TRUE(r->committed);
    EXPECT_EQ(r->recovered_lost_response, lands);
    EXPECT_EQ(r->attempts, lands ? 1 : 2);
    auto latest = Latest(log);
    EXPECT_EQ(latest->version(), 1);  // exactly one commit
    EXPECT_EQ(latest->files().size(), 1u);
  }
}

// A store that repeats a create on its own (a 503 after the object landed, then the repeat
// finds it) answers AlreadyExists for the transaction's own commit.
class RepeatedCreateFileSystem : public ForwardingFileSystem {
 public:
  using ForwardingFileSystem::ForwardingFileSystem;
  Status PutIfAbsent(std::string_view location, std::string_view data) override {
    Status first = ForwardingFileSystem::PutIfAbsent(location, data);
    if (!first.ok() || !location.ends_with(".json") || repeated_.exchange(true)) return first;
    return ForwardingFileSystem::PutIfAbsent(location, data);  // AlreadyExists: our own
  }
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override {
    return FileSystem::OpenForCreate(location);
  }

 private:
  std::atomic<bool> repeated_{false};
};

TEST(Transaction, OurOwnCommitFoundByARepeatedCreateIsNotCommittedTwice) {
  LogBuilder log;
  Create(log);
  auto fs = std::make_shared<RepeatedCreateFileSystem>(log.fs());
  DefaultEngineOptions eo;
  eo.cpu_threads = 1;
  auto engine = *MakeDefaultEngine(fs, eo);
  auto v0 = *(*Table::ForLocation(log.root(), engine)).LatestSnapshot();
  auto r = Append(v0, "part=a/f1.parquet");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  EXPECT_TRUE(r->recovered_lost_response);
  EXPECT_EQ(r->rebased_over, std::vector<int64_t>{});
  auto latest = Latest(log);
  EXPECT_EQ(latest->version(), 1);
  EXPECT_EQ(latest->files().size(), 1u);
}

TEST(Transaction, OurOwnCreateFoundByARepeatedCreateIsNotAConcurrentCreate) {
  LogBuilder log;
  auto fs = std::make_shared<RepeatedCreateFileSystem>(log.fs());
  DefaultEngineOptions eo;
  eo.cpu_threads = 1;
  auto engine = *MakeDefaultEngine(fs, eo);
  auto txn = Transaction::BeginCreate(*Table::ForLocation(log.root(), engine));
  ASSERT_TRUE(txn.ok()) << txn.status().ToString();
  ASSERT_TRUE((*txn)->UpdateMetadata(TestMetadata()).ok());
  auto r = (*txn)->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 0);
  EXPECT_TRUE(r->recovered_lost_response);
  EXPECT_EQ(Latest(log)->version(), 0);
}

TEST(Transaction, RefusesWhatTheTableForbids) {
  LogBuilder log;
  Create(log, {}, {{"delta.appendOnly", "true"}});
  ASSERT_TRUE(Append(Latest(log), "part=a/f1.parquet").ok());
  auto v1 = Latest(log);
  auto del = Begin(v1);
  ASSERT_TRUE(del->RemoveLiveFile(v1->files()[0]).ok());
  auto r = del->Commit();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("delta.appendOnly"), std::string::npos);
  // A rearrangement (dataChange=false) is allowed.
  auto compact = Begin(v1);
  ASSERT_TRUE(compact->RemoveLiveFile(v1->files()[0], /*data_change=*/false).ok());
  WrittenFile f = File("part=a/big.parquet", "a", 10);
  ASSERT_TRUE(compact->AddFiles({&f, 1}, /*data_change=*/false).ok());
  auto rc = compact->Commit();
  ASSERT_TRUE(rc.ok()) << rc.status().ToString();
  EXPECT_EQ(Latest(log)->commit_info()->isolation_level, "SnapshotIsolation");

  auto dm = Begin(Latest(log));
  EXPECT_EQ(dm->SetDomainMetadata({"app.x", "{}", false}).code(), StatusCode::kUnsupported);
  EXPECT_EQ(dm->SetDomainMetadata({"delta.rowTracking", "{}", false}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(dm->Commit().status().code(), StatusCode::kOk);
  EXPECT_EQ(dm->Commit().status().code(), StatusCode::kInvalidArgument);  // twice

  auto again = Transaction::BeginCreate(log.table());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().detail_kind(), ErrorDetailKind::kAlreadyExists);
}

TEST(Transaction, ConcurrentCreatesLeaveOneTable) {
  LogBuilder log;
  auto a = Transaction::BeginCreate(log.table());
  auto b = Transaction::BeginCreate(log.table());
  ASSERT_TRUE(a.ok() && b.ok());
  for (auto* t : {a->get(), b->get()}) {
    ASSERT_TRUE(t->UpdateProtocol({}).ok());
    ASSERT_TRUE(t->UpdateMetadata(TestMetadata()).ok());
  }
  ASSERT_TRUE((*a)->Commit().ok());
  auto rb = (*b)->Commit();
  ASSERT_FALSE(rb.ok());
  EXPECT_EQ(rb.status().detail_kind(), ErrorDetailKind::kAlreadyExists);
  EXPECT_EQ(Latest(log)->metadata().id, (*a)->metadata().id);
}

}  // namespace
}  // namespace delta
