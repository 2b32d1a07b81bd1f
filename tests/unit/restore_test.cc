// RestoreTable through the public API on an in-memory table: the files and metadata of the
// old version, the commit's parameters and metrics, restoring to a timestamp, and refusals.
#include "delta/restore.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/timestamp_text.h"
#include "delta/transaction.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;

constexpr std::string_view kSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"part","type":"string","nullable":true,"metadata":{}}]})";
constexpr int64_t kT0 = 1'700'000'000'000;

WrittenFile File(std::string path, int64_t rows) {
  WrittenFile f;
  f.path = std::move(path);
  f.partition_values["part"] = "a";
  f.size = 100 + rows;
  f.modification_time = 1000;
  f.num_records = rows;
  f.stats = R"({"numRecords":)" + std::to_string(rows) + "}";
  return f;
}

std::vector<std::string> LivePaths(const Snapshot& s) {
  std::vector<std::string> out;
  for (const AddFile& a : s.files()) out.emplace_back(a.path);
  std::sort(out.begin(), out.end());
  return out;
}

// v0 creates the table, v1 adds a (10 rows), v2 adds b (20), v3 removes a, adds c (30) and sets
// the property x=1. Commit i is dated kT0 + i seconds; every data file is in storage.
class RestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.fs()->SetClock([this] { return now_; });
    Metadata m;
    m.schema_string = std::string(kSchema);
    m.partition_columns = {"part"};
    auto create = Transaction::BeginCreate(log_.table());
    ASSERT_TRUE(create.ok());
    ASSERT_TRUE((*create)->UpdateProtocol(Protocol{}).ok());
    ASSERT_TRUE((*create)->UpdateMetadata(m).ok());
    Commit(std::move(*create));
    Append({File("part=a/a.parquet", 10)});
    Append({File("part=a/b.parquet", 20)});
    auto txn = Begin();
    const AddFile* a = nullptr;
    for (const AddFile& f : txn->snapshot()->files()) {
      if (f.path == "part=a/a.parquet") a = &f;
    }
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(txn->RemoveLiveFile(*a).ok());
    WrittenFile c = File("part=a/c.parquet", 30);
    ASSERT_TRUE(txn->AddFiles({&c, 1}).ok());
    Metadata changed = txn->metadata();
    changed.configuration["x"] = "1";
    ASSERT_TRUE(txn->UpdateMetadata(changed).ok());
    Commit(std::move(txn));
    for (const char* p : {"part=a/a.parquet", "part=a/b.parquet", "part=a/c.parquet"}) {
      ASSERT_TRUE(log_.fs()->Write(log_.root() + "/" + p, "data").ok());
    }
  }

  std::unique_ptr<Transaction> Begin() {
    auto t = Transaction::Begin(*log_.table().LatestSnapshot());
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return std::move(*t);
  }
  void Commit(std::unique_ptr<Transaction> txn) {
    auto r = txn->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->version, version_ + 1);
    ++version_;
    now_ += 1000;
  }
  void Append(std::vector<WrittenFile> files) {
    auto txn = Begin();
    ASSERT_TRUE(txn->AddFiles(files).ok());
    Commit(std::move(txn));
  }
  std::shared_ptr<const Snapshot> Latest() { return *log_.table().LatestSnapshot(); }

  LogBuilder log_;
  int64_t now_ = kT0;
  int64_t version_ = -1;
};

TEST_F(RestoreTest, RestoresFilesAndMetadataOfAVersion) {
  auto r = RestoreTable(log_.table(), 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 4);
  EXPECT_EQ(r->restored_version, 1);
  EXPECT_EQ(r->num_restored_files, 1);
  EXPECT_EQ(r->restored_files_size, 110);
  EXPECT_EQ(r->num_removed_files, 2);
  EXPECT_EQ(r->removed_files_size, 120 + 130);
  EXPECT_EQ(r->num_files_after, 1);
  EXPECT_EQ(r->table_size_after, 110);

  auto latest = Latest();
  EXPECT_EQ(latest->version(), 4);
  EXPECT_EQ(LivePaths(*latest), (std::vector<std::string>{"part=a/a.parquet"}));
  EXPECT_EQ(latest->files()[0].NumRecords(), 10);
  EXPECT_EQ(latest->properties().count("x"), 0u);
  EXPECT_EQ(latest->metadata().id, (*log_.table().SnapshotAtVersion(1))->metadata().id);
  const CommitInfo& info = *latest->commit_info();
  EXPECT_EQ(info.operation, "RESTORE");
  EXPECT_EQ(info.operation_parameters, (std::map<std::string, std::string>{{"version", "1"}}));
  EXPECT_NE(info.json.find(R"("operationMetrics":{"numRestoredFiles":"1",)"
                           R"("restoredFilesSize":"110","numRemovedFiles":"2",)"
                           R"("removedFilesSize":"250","numOfFilesAfterRestore":"1",)"
                           R"("tableSizeAfterRestore":"110"})"),
            std::string::npos)
      << info.json;
  // Every action changes data, as Delta Spark writes them.
  auto commit = log_.fs()->ReadFile(log_.root() + "/_delta_log/00000000000000000004.json");
  ASSERT_TRUE(commit.ok());
  EXPECT_EQ(commit->find(R"("dataChange":false)"), std::string::npos) << *commit;
  EXPECT_NE(commit->find(R"({"add":{"path":"part=a/a.parquet")"), std::string::npos) << *commit;

  // The version before the restore still reads as it was.
  EXPECT_EQ(LivePaths(**log_.table().SnapshotAtVersion(3)),
            (std::vector<std::string>{"part=a/b.parquet", "part=a/c.parquet"}));
}

TEST_F(RestoreTest, RestoresTheVersionCurrentAtATimestamp) {
  // Version 2 was committed at kT0 + 2 s; half a second later it was still current.
  auto r = RestoreTableToTimestamp(log_.table(), kT0 + 2500);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->restored_version, 2);
  EXPECT_EQ(r->num_restored_files, 1);
  EXPECT_EQ(r->num_removed_files, 1);
  auto latest = Latest();
  EXPECT_EQ(LivePaths(*latest), (std::vector<std::string>{"part=a/a.parquet", "part=a/b.parquet"}));
  EXPECT_EQ(latest->commit_info()->operation_parameters,
            (std::map<std::string, std::string>{{"timestamp", FormatTimestampMillis(kT0 + 2500)}}));
  EXPECT_EQ(FormatTimestampMillis(kT0 + 2500), "2023-11-14T22:13:22.500Z");
}

TEST_F(RestoreTest, RefusesWhenAFileToAddBackIsGone) {
  ASSERT_TRUE(log_.fs()->Delete(log_.root() + "/part=a/a.parquet").ok());
  auto r = RestoreTable(log_.table(), 1);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsNotFound());
  EXPECT_EQ(r.status().message(),
            "cannot restore memory:///t to version 1: 1 file(s) it needs are missing from "
            "storage (vacuumed or deleted): 'memory:///t/part=a/a.parquet'");
  EXPECT_EQ(Latest()->version(), 3);  // nothing committed
}

TEST_F(RestoreTest, RefusesVersionsThatAreNotOlder) {
  auto same = RestoreTable(log_.table(), 3);
  ASSERT_FALSE(same.ok());
  EXPECT_TRUE(same.status().IsInvalidArgument());
  EXPECT_EQ(same.status().message(),
            "cannot restore memory:///t to version 3: it must be older than the latest version 3");
  EXPECT_TRUE(RestoreTable(log_.table(), 9).status().IsNotFound());
  EXPECT_TRUE(RestoreTableToTimestamp(log_.table(), kT0 - 1).status().IsNotFound());
  EXPECT_EQ(Latest()->version(), 3);
}

TEST_F(RestoreTest, RestoringAnEmptyVersionRemovesEverything) {
  auto r = RestoreTable(log_.table(), 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_removed_files, 2);
  EXPECT_EQ(r->num_restored_files, 0);
  EXPECT_EQ(r->table_size_after, 0);
  EXPECT_TRUE(Latest()->files().empty());
  // And back again: restore to the version before it.
  auto back = RestoreTable(log_.table(), 3);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(LivePaths(*Latest()),
            (std::vector<std::string>{"part=a/b.parquet", "part=a/c.parquet"}));
  EXPECT_EQ(Latest()->properties().at("x"), "1");
}

TEST(RestoreDeletionVectorTest, AFileWhoseDeletionVectorChangedIsReAddedWithTheOldOne) {
  using testing::AddJson;
  using testing::DvJson;
  using testing::MetadataJson;
  using testing::ProtocolJson;
  const std::string dv_file =
      "memory:///t/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
  LogBuilder log;
  log.Commit(0, {ProtocolJson(3, 7,
                              R"(,"readerFeatures":["deletionVectors"],)"
                              R"("writerFeatures":["deletionVectors"])"),
                 MetadataJson(), AddJson("f.parquet", 10)});
  log.Commit(1, {R"({"remove":{"path":"f.parquet","deletionTimestamp":5,"dataChange":true}})",
                 AddJson("f.parquet", 10, DvJson("vBn[lx{q8@P<9BNH/isA"))});
  ASSERT_TRUE(log.fs()->Write("memory:///t/f.parquet", "data").ok());

  auto r = RestoreTable(log.table(), 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_restored_files, 1);
  EXPECT_EQ(r->num_removed_files, 1);
  auto latest = *log.table().LatestSnapshot();
  ASSERT_EQ(latest->files().size(), 1u);
  EXPECT_EQ(latest->files()[0].path, "f.parquet");
  EXPECT_EQ(latest->files()[0].deletion_vector, nullptr);

  // Back to version 1 needs its deletion vector file, which is gone.
  auto missing = RestoreTable(log.table(), 1);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("1 file(s) it needs are missing from storage "
                                            "(vacuumed or deleted): '" +
                                            dv_file + "'"),
            std::string::npos)
      << missing.status().ToString();
  ASSERT_TRUE(log.fs()->Write(dv_file, "dv").ok());
  auto back = RestoreTable(log.table(), 1);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto v3 = *log.table().LatestSnapshot();
  ASSERT_EQ(v3->files().size(), 1u);
  ASSERT_NE(v3->files()[0].deletion_vector, nullptr);
  EXPECT_EQ(v3->files()[0].deletion_vector->path_or_inline, "vBn[lx{q8@P<9BNH/isA");
}

}  // namespace
}  // namespace delta
