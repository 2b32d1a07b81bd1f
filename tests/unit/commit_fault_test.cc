// A transaction's commit meeting a storage fault at each step: writing the data file, the put
// of the commit, a lost response after a put that landed, and the listing and reads of the
// winners during a retry. Whatever happens, the log holds exactly one commit with the
// transaction's txnId or none, versions stay contiguous, and Commit's result says which.
#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/fault_injecting_file_system.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "log/log_path.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///tbl";
constexpr std::string_view kSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})";

std::string CommitName(int64_t v) { return FormatVersion(v) + ".json"; }

class CommitFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    auto engine = MakeDefaultEngine(fs_, opts);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = *engine;
    auto txn = Transaction::BeginCreate(table());
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    Metadata m;
    m.schema_string = std::string(kSchema);
    ASSERT_TRUE((*txn)->UpdateProtocol(Protocol{}).ok());
    ASSERT_TRUE((*txn)->UpdateMetadata(m).ok());
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    fs_->ResetCounts();
  }

  Table table() const { return *Table::ForLocation(kRoot, engine_); }

  std::shared_ptr<const Snapshot> Latest() const {
    auto s = table().LatestSnapshot();
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : nullptr;
  }

  std::unique_ptr<Transaction> Begin(std::shared_ptr<const Snapshot> snapshot) {
    TransactionOptions options;
    options.max_attempts = 3;
    options.initial_backoff_ms = 1;
    options.max_backoff_ms = 1;
    auto t = Transaction::Begin(std::move(snapshot), options);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? std::move(*t) : nullptr;
  }

  // A transaction adding one made-up file.
  std::unique_ptr<Transaction> AppendTxn(std::shared_ptr<const Snapshot> snapshot,
                                         const std::string& path) {
    auto txn = Begin(std::move(snapshot));
    WrittenFile f;
    f.path = path;
    f.size = 100;
    f.modification_time = 1;
    f.num_records = 1;
    f.stats = R"({"numRecords":1})";
    EXPECT_TRUE(txn->AddFiles({&f, 1}).ok());
    return txn;
  }

  // The txnIds of the commits in the log, checking that versions are contiguous from 0.
  std::vector<std::string> CommitTxnIds() {
    std::vector<std::string> ids;
    auto files = mem_->ListFrom(std::string(kRoot) + "/_delta_log/");
    EXPECT_TRUE(files.ok());
    int64_t expected = 0;
    for (const FileInfo& f : *files) {
      auto parsed = ParseLogFileName(FileNameOf(f.location));
      if (!parsed || parsed->type != LogFileType::kCommit) continue;
      EXPECT_EQ(parsed->version, expected) << "versions not contiguous";
      ++expected;
      std::string data = *mem_->ReadFile(f.location);
      size_t at = data.find(R"("txnId":")");
      ids.push_back(at == std::string::npos ? "" : data.substr(at + 9, 36));
    }
    return ids;
  }

  // How many commits carry the txnId of version `v` (0 when the log has no version v).
  int CommitsLike(int64_t v) {
    std::vector<std::string> ids = CommitTxnIds();
    if (v >= static_cast<int64_t>(ids.size())) return 0;
    int n = 0;
    for (const std::string& id : ids) n += id == ids[static_cast<size_t>(v)];
    return n;
  }

  std::shared_ptr<MemoryFileSystem> mem_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<FaultInjectingFileSystem> fs_ = std::make_shared<FaultInjectingFileSystem>(mem_);
  std::shared_ptr<Engine> engine_;
};

// One batch of `n` ids as an Arrow C stream.
ArrowArrayStream IdStream(int64_t n) {
  arrow::Int64Builder b;
  for (int64_t i = 0; i < n; ++i) EXPECT_TRUE(b.Append(i).ok());
  auto array = *b.Finish();
  auto schema = arrow::schema({arrow::field("id", arrow::int64())});
  auto batch = arrow::RecordBatch::Make(schema, n, {array});
  auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
  ArrowArrayStream out;
  EXPECT_TRUE(arrow::ExportRecordBatchReader(reader, &out).ok());
  return out;
}

TEST_F(CommitFaultTest, NoFaultWritesOneCommit) {
  auto txn = Begin(Latest());
  ArrowArrayStream data = IdStream(3);
  auto files = txn->WriteFiles(&data);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_TRUE(txn->AddFiles(*files).ok());
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  EXPECT_EQ(CommitTxnIds().size(), 2u);
  EXPECT_EQ(fs_->calls(FsOp::kPutIfAbsent), 2);  // the commit and its .crc
  EXPECT_TRUE(r->warnings.empty());
  EXPECT_EQ(fs_->calls(FsOp::kStreamClose), 1);  // the data file
}

TEST_F(CommitFaultTest, DataFileWriteFailsAndNothingIsCommitted) {
  for (FsOp op : {FsOp::kOpenForCreate, FsOp::kStreamWrite, FsOp::kStreamClose}) {
    SCOPED_TRACE(std::string(FsOpName(op)));
    fs_->ClearRules();
    fs_->FailNth(op, ".parquet");
    auto txn = Begin(Latest());
    ArrowArrayStream data = IdStream(3);
    auto files = txn->WriteFiles(&data);
    ASSERT_FALSE(files.ok());
    EXPECT_TRUE(files.status().IsIoError()) << files.status().ToString();
    EXPECT_EQ(CommitTxnIds().size(), 1u);  // only the create
  }
  // No data file was published either.
  auto listed = mem_->ListFrom(std::string(kRoot) + "/");
  ASSERT_TRUE(listed.ok());
  for (const FileInfo& f : *listed) EXPECT_EQ(f.location.find(".parquet"), std::string::npos);
}

TEST_F(CommitFaultTest, FailedPutIsRetriedAtTheSameVersion) {
  fs_->FailNth(FsOp::kPutIfAbsent, CommitName(1));
  auto r = AppendTxn(Latest(), "f1.parquet")->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  EXPECT_TRUE(r->committed);
  EXPECT_FALSE(r->recovered_lost_response);
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(CommitTxnIds().size(), 2u);
  EXPECT_EQ(fs_->calls(FsOp::kPutIfAbsent), 3);  // two tries and the .crc
}

TEST_F(CommitFaultTest, PutThatNeverLandsEndsInCommitStateUnknown) {
  fs_->AddRule({.op = FsOp::kPutIfAbsent, .location_contains = "_delta_log/", .count = -1});
  auto r = AppendTxn(Latest(), "f1.parquet")->Commit();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCommitStateUnknown()) << r.status().ToString();
  EXPECT_EQ(fs_->calls(FsOp::kPutIfAbsent), 3);
  EXPECT_EQ(CommitTxnIds().size(), 1u);  // nothing of ours
}

TEST_F(CommitFaultTest, LostResponseIsRecoveredAsCommitted) {
  fs_->LoseResponse(FsOp::kPutIfAbsent, CommitName(1));
  auto r = AppendTxn(Latest(), "f1.parquet")->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 1);
  EXPECT_TRUE(r->committed);
  EXPECT_TRUE(r->recovered_lost_response);
  EXPECT_EQ(fs_->calls(FsOp::kPutIfAbsent), 2);  // never put twice (+ the .crc)
  EXPECT_EQ(CommitTxnIds().size(), 2u);
  EXPECT_EQ(CommitsLike(1), 1);
  EXPECT_EQ(Latest()->files().size(), 1u);
}

TEST_F(CommitFaultTest, LostResponseThenUnreadableCommitIsCommitStateUnknown) {
  fs_->LoseResponse(FsOp::kPutIfAbsent, CommitName(1));
  fs_->FailNth(FsOp::kReadFile, CommitName(1));
  auto r = AppendTxn(Latest(), "f1.parquet")->Commit();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCommitStateUnknown()) << r.status().ToString();
  EXPECT_EQ(fs_->calls(FsOp::kPutIfAbsent), 1);
  EXPECT_EQ(CommitTxnIds().size(), 2u);  // it did land, once
  EXPECT_EQ(CommitsLike(1), 1);
}

TEST_F(CommitFaultTest, LostResponseWhileRacingIsRecovered) {
  // Another writer takes version 1; our put of 2 lands but its reply is lost.
  auto ours = AppendTxn(Latest(), "mine.parquet");
  ASSERT_TRUE(AppendTxn(Latest(), "theirs.parquet")->Commit().ok());
  fs_->LoseResponse(FsOp::kPutIfAbsent, CommitName(2));
  auto r = ours->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 2);
  EXPECT_TRUE(r->recovered_lost_response);
  EXPECT_EQ(r->rebased_over, std::vector<int64_t>{1});
  EXPECT_EQ(CommitTxnIds().size(), 3u);
  EXPECT_EQ(CommitsLike(2), 1);
}

// Losing the race, then failing to list or read the winners: Commit fails and writes nothing.
TEST_F(CommitFaultTest, FailingToReadTheWinnersWritesNothing) {
  struct Step {
    FsOp op;
    std::string location;
  };
  for (const Step& step :
       {Step{FsOp::kListFrom, "_delta_log/"}, Step{FsOp::kReadFile, CommitName(0)}}) {
    SCOPED_TRACE(std::string(FsOpName(step.op)));
    fs_->ClearRules();
    auto base = Latest();
    const size_t before = CommitTxnIds().size();
    auto ours = AppendTxn(base, "mine.parquet");
    ASSERT_TRUE(AppendTxn(base, "theirs.parquet")->Commit().ok());
    fs_->AddRule({.op = step.op, .location_contains = step.location, .count = -1});
    // Winners are listed from the version read + 1; its file name sorts after the last commit.
    if (step.op == FsOp::kReadFile) {
      fs_->ClearRules();
      fs_->AddRule({.op = FsOp::kReadFile,
                    .location_contains = CommitName(static_cast<int64_t>(before)),
                    .count = -1});
    }
    auto r = ours->Commit();
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsIoError()) << r.status().ToString();
    EXPECT_NE(r.status().message().find("reading concurrent commits"), std::string::npos)
        << r.status().ToString();
    fs_->ClearRules();
    EXPECT_EQ(CommitTxnIds().size(), before + 1);  // theirs only
  }
}

// A lost response and then a failure to read the log back must not be reported as a plain
// failure: the commit landed, so the caller has to learn that its state is unknown.
TEST_F(CommitFaultTest, LostResponseThenFailedListingIsCommitStateUnknown) {
  auto txn = AppendTxn(Latest(), "f1.parquet");
  fs_->LoseResponse(FsOp::kPutIfAbsent, CommitName(1));
  fs_->AddRule({.op = FsOp::kListFrom, .location_contains = "_delta_log/", .count = -1});
  auto r = txn->Commit();
  fs_->ClearRules();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCommitStateUnknown()) << r.status().ToString();
  EXPECT_EQ(r.status().detail()->version, 1);
  EXPECT_EQ(fs_->calls(FsOp::kPutIfAbsent), 1);
  EXPECT_EQ(CommitsLike(1), 1);
  EXPECT_EQ(CommitTxnIds().size(), 2u);
}

TEST_F(CommitFaultTest, LostResponseWhileRacingThenUnreadableWinnersIsCommitStateUnknown) {
  auto ours = AppendTxn(Latest(), "mine.parquet");
  ASSERT_TRUE(AppendTxn(Latest(), "theirs.parquet")->Commit().ok());
  fs_->LoseResponse(FsOp::kPutIfAbsent, CommitName(2));
  // The first put (of 1) loses the race; reading winner 1 works, reading back 2 fails.
  fs_->AddRule({.op = FsOp::kReadFile, .location_contains = CommitName(2), .count = -1});
  auto r = ours->Commit();
  fs_->ClearRules();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCommitStateUnknown()) << r.status().ToString();
  EXPECT_EQ(CommitTxnIds().size(), 3u);
  EXPECT_EQ(CommitsLike(2), 1);
}

}  // namespace
}  // namespace delta
