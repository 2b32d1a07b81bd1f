// Vacuum through the public API on an in-memory table: what it deletes and keeps, dry runs,
// the retention check, lite mode, the protocol check, history commits and a racing writer.
#include "delta/vacuum.h"

#include <gtest/gtest.h>

#include <functional>

#include "delta/checkpoint.h"
#include "delta/default_engine.h"
#include "delta/forwarding_file_system.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::DvJson;
using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr int64_t kNow = 1000 * kDay;
constexpr std::string_view kRoot = "memory:///t";
// A live add's DV file and a tombstone's DV file (PROTOCOL.md's example descriptors).
constexpr std::string_view kLiveDv = "vBn[lx{q8@P<9BNH/isA";
constexpr std::string_view kLiveDvFile = "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
constexpr std::string_view kRemovedDv = "ab^-aqEH.-t@S}K{vb[*k^";
constexpr std::string_view kRemovedDvFile =
    "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin";

std::string RemoveAt(const std::string& path, int64_t deletion_timestamp,
                     const std::string& extra = "") {
  return R"({"remove":{"path":")" + path + R"(","deletionTimestamp":)" +
         std::to_string(deletion_timestamp) + R"(,"dataChange":true)" + extra + "}}";
}

// A memory file system whose ListRecursive runs a hook after listing: a writer committing
// between vacuum's listing and its deletes.
class HookedFileSystem final : public ForwardingFileSystem {
 public:
  using ForwardingFileSystem::ForwardingFileSystem;
  std::function<void()> after_listing;

  Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view)>& skip_dir) override {
    auto listed = ForwardingFileSystem::ListRecursive(dir, skip_dir);
    if (after_listing) std::exchange(after_listing, nullptr)();
    return listed;
  }
};

// The table of most tests: version 0 adds four files (one with a DV), version 1 removes one
// long ago and one recently (with a DV); storage also holds unreferenced, hidden and young
// files.
class VacuumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = *MakeDefaultEngine(fs_, opts);
    Commit(0, {ProtocolJson(3, 7,
                            R"(,"readerFeatures":["deletionVectors"],)"
                            R"("writerFeatures":["deletionVectors"])"),
               MetadataJson(), AddJson("live.parquet", 10, DvJson(std::string(kLiveDv))),
               AddJson("removed_old.parquet", 11),
               AddJson("removed_recent.parquet", 12, DvJson(std::string(kRemovedDv))),
               AddJson("a%20b/x%20y.parquet", 13)});
    Commit(1, {RemoveAt("removed_old.parquet", kNow - 10 * kDay),
               RemoveAt("removed_recent.parquet", kNow - kDay, DvJson(std::string(kRemovedDv)))});
    Put("live.parquet", 10);
    Put(std::string(kLiveDvFile), 36);
    Put("removed_old.parquet", 11);
    Put("removed_recent.parquet", 12);
    Put(std::string(kRemovedDvFile), 36);
    Put("a%20b/x%20y.parquet", 13);
    Put("orphan_old.parquet", 14, kNow - 8 * kDay);
    Put("orphan_young.parquet", 15, kNow - kDay);
    Put("zz/deletion_vector_11111111-1111-1111-1111-111111111111.bin", 16);
    Put("_change_data/cdc-00000.parquet", 17);
    Put("_hidden/old.parquet", 18);
    Put(".hidden.parquet", 19);
    Put("sub/_SUCCESS", 0);
    Put("sub/.part-0.parquet.crc", 8);
  }

  void Commit(int64_t version, const std::vector<std::string>& lines) {
    std::string data;
    for (const std::string& l : lines) data += l + "\n";
    ASSERT_TRUE(mem_->Write(Loc("_delta_log/" + FormatVersion(version) + ".json"), data).ok());
    ASSERT_TRUE(mem_->SetModificationTime(Loc("_delta_log/" + FormatVersion(version) + ".json"),
                                          kNow - 20 * kDay + version)
                    .ok());
  }
  // A file of `size` bytes at `path` under the root, modified at `mtime`.
  void Put(const std::string& path, int64_t size, int64_t mtime = kNow - 30 * kDay) {
    ASSERT_TRUE(mem_->Write(Loc(path), std::string(static_cast<size_t>(size), 'x')).ok());
    ASSERT_TRUE(mem_->SetModificationTime(Loc(path), mtime).ok());
  }
  static std::string Loc(const std::string& path) { return std::string(kRoot) + "/" + path; }
  Table table() const { return *Table::ForLocation(kRoot, engine_); }
  bool Exists(const std::string& path) const { return mem_->Head(Loc(path)).ok(); }
  VacuumOptions Options() const {
    VacuumOptions o;
    o.now_ms = kNow;
    return o;
  }
  // Every data file (outside _delta_log) still stored, as paths under the root.
  std::vector<std::string> Stored() const {
    std::vector<std::string> out;
    for (const std::string& l : mem_->Locations()) {
      std::string path = l.substr(kRoot.size() + 1);
      if (!path.starts_with("_delta_log/")) out.push_back(path);
    }
    return out;
  }

  std::shared_ptr<MemoryFileSystem> mem_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<HookedFileSystem> fs_ = std::make_shared<HookedFileSystem>(mem_);
  std::shared_ptr<Engine> engine_;
};

const std::vector<std::string> kAllStored = {
    ".hidden.parquet",
    "_change_data/cdc-00000.parquet",
    "_hidden/old.parquet",
    "a%20b/x%20y.parquet",
    "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
    "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin",
    "live.parquet",
    "orphan_old.parquet",
    "orphan_young.parquet",
    "removed_old.parquet",
    "removed_recent.parquet",
    "sub/.part-0.parquet.crc",
    "sub/_SUCCESS",
    "zz/deletion_vector_11111111-1111-1111-1111-111111111111.bin",
};

const std::vector<std::string> kOldUnreferenced = {
    "memory:///t/_change_data/cdc-00000.parquet",
    "memory:///t/orphan_old.parquet",
    "memory:///t/removed_old.parquet",
    "memory:///t/zz/deletion_vector_11111111-1111-1111-1111-111111111111.bin",
};

TEST_F(VacuumTest, DeletesUnreferencedFilesOlderThanTheRetention) {
  ASSERT_EQ(Stored(), kAllStored);
  auto r = Vacuum(table(), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->dry_run);
  EXPECT_EQ(r->files_deleted, kOldUnreferenced);
  EXPECT_EQ(r->bytes, 17 + 14 + 11 + 16);
  EXPECT_EQ(r->snapshot_version, 1);
  EXPECT_EQ(r->retention_ms, 7 * kDay);
  EXPECT_EQ(r->cutoff_ms, kNow - 7 * kDay);
  EXPECT_EQ(r->kept_for_newer_commits, 0);
  EXPECT_FALSE(r->start_version.has_value());  // local-style store: no history commits
  EXPECT_EQ(Stored(), (std::vector<std::string>{
                          ".hidden.parquet",
                          "_hidden/old.parquet",
                          "a%20b/x%20y.parquet",
                          "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
                          "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin",
                          "live.parquet",
                          "orphan_young.parquet",
                          "removed_recent.parquet",
                          "sub/.part-0.parquet.crc",
                          "sub/_SUCCESS",
                      }));
  // The table still reads at both versions; a second run finds nothing.
  EXPECT_EQ((*table().LatestSnapshot())->version(), 1);
  auto again = Vacuum(table(), Options());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->files_deleted.empty());
  EXPECT_EQ(again->bytes, 0);
}

// A checkpoint's tombstones count as the commits' do (read from its remove columns alone),
// and a streamed snapshot (no file list) is loaded again with one.
TEST_F(VacuumTest, ReadsTheCheckpointsTombstonesOfAStreamedSnapshot) {
  CheckpointOptions c;
  c.now_ms = kNow;
  c.cleanup_expired_logs = false;
  auto written = WriteCheckpoint(table(), std::nullopt, c);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->num_of_tombstones, 1);  // removed_recent's; removed_old's expired
  SnapshotOptions streamed;
  streamed.file_list = FileListMode::kStreamed;
  auto snapshot = table().LatestSnapshot(streamed);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  ASSERT_FALSE((*snapshot)->has_file_list());
  ASSERT_EQ((*snapshot)->checkpoint_version(), 1);
  auto r = Vacuum(std::move(*snapshot), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_deleted, kOldUnreferenced);
  EXPECT_EQ(r->bytes, 58);
  EXPECT_TRUE(Exists("removed_recent.parquet"));
  EXPECT_TRUE(Exists(std::string(kRemovedDvFile)));
  EXPECT_TRUE(Exists(std::string(kLiveDvFile)));
}

TEST_F(VacuumTest, DryRunListsAndDeletesNothing) {
  VacuumOptions o = Options();
  o.dry_run = true;
  o.log_to_history = true;
  auto r = Vacuum(table(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->dry_run);
  EXPECT_EQ(r->files_deleted, kOldUnreferenced);
  EXPECT_EQ(r->bytes, 58);
  EXPECT_EQ(Stored(), kAllStored);
  EXPECT_EQ((*table().LatestSnapshot())->version(), 1);  // nothing committed
}

TEST_F(VacuumTest, ShorterRetentionIsRefusedUnlessForced) {
  VacuumOptions o = Options();
  o.retention_ms = kDay;
  auto refused = Vacuum(table(), o);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_NE(refused.status().message().find("retention 86400000 ms is shorter than the table's "
                                            "delta.deletedFileRetentionDuration of 604800000 ms"),
            std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(Stored(), kAllStored);

  // Forced with no retention at all: every unreferenced visible file goes, however young,
  // and so do the recent tombstone and its DV.
  o.retention_ms = 0;
  o.enforce_retention = false;
  auto r = Vacuum(table(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_deleted,
            (std::vector<std::string>{
                "memory:///t/_change_data/cdc-00000.parquet",
                "memory:///t/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
                "memory:///t/orphan_old.parquet",
                "memory:///t/orphan_young.parquet",
                "memory:///t/removed_old.parquet",
                "memory:///t/removed_recent.parquet",
                "memory:///t/zz/deletion_vector_11111111-1111-1111-1111-111111111111.bin",
            }));
  EXPECT_EQ(r->bytes, 17 + 36 + 14 + 15 + 11 + 12 + 16);

  o.retention_ms = -1;
  EXPECT_TRUE(Vacuum(table(), o).status().IsInvalidArgument());
}

TEST_F(VacuumTest, TableRetentionPropertyIsTheDefault) {
  Commit(2, {MetadataJson(R"({"delta.deletedFileRetentionDuration":"interval 12 days"})")});
  auto r = Vacuum(table(), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->retention_ms, 12 * kDay);
  // orphan_old (8 days) and removed_old (10 days) are now inside the retention.
  EXPECT_EQ(r->files_deleted,
            (std::vector<std::string>{
                "memory:///t/_change_data/cdc-00000.parquet",
                "memory:///t/zz/deletion_vector_11111111-1111-1111-1111-111111111111.bin",
            }));
  VacuumOptions shorter = Options();
  shorter.retention_ms = 7 * kDay;
  EXPECT_TRUE(Vacuum(table(), shorter).status().IsInvalidArgument());
}

TEST_F(VacuumTest, LiteModeDeletesOnlyExpiredRemovedFiles) {
  VacuumOptions o = Options();
  o.mode = VacuumMode::kLite;
  auto r = Vacuum(table(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_deleted, (std::vector<std::string>{"memory:///t/removed_old.parquet"}));
  EXPECT_EQ(r->bytes, 11);
  EXPECT_FALSE(Exists("removed_old.parquet"));
  EXPECT_TRUE(Exists("orphan_old.parquet"));  // never referenced: lite mode cannot see it

  // With no retention the recent tombstone and its DV file go too; already deleted files are
  // not reported again.
  o.retention_ms = 0;
  o.enforce_retention = false;
  auto r2 = Vacuum(table(), o);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->files_deleted,
            (std::vector<std::string>{
                "memory:///t/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
                "memory:///t/removed_recent.parquet",
            }));
}

TEST_F(VacuumTest, ACommitRacingVacuumNeverLosesItsFile) {
  // Between the listing and the deletes, a writer adds the old unreferenced file (as a restore
  // or a file copied in would).
  fs_->after_listing = [&] {
    Commit(2, {AddJson("orphan_old.parquet", 14), AddJson("removed_old.parquet", 11)});
  };
  auto r = Vacuum(table(), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->snapshot_version, 1);
  EXPECT_EQ(r->kept_for_newer_commits, 2);
  EXPECT_EQ(r->files_deleted,
            (std::vector<std::string>{
                "memory:///t/_change_data/cdc-00000.parquet",
                "memory:///t/zz/deletion_vector_11111111-1111-1111-1111-111111111111.bin",
            }));
  EXPECT_TRUE(Exists("orphan_old.parquet"));
  EXPECT_TRUE(Exists("removed_old.parquet"));
  auto latest = table().LatestSnapshot();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ((*latest)->files().size(), 4u);
}

TEST_F(VacuumTest, LogsStartAndEndCommitsWhenAsked) {
  VacuumOptions o = Options();
  o.log_to_history = true;
  auto r = Vacuum(table(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->start_version, 2);
  EXPECT_EQ(r->end_version, 3);
  auto history = table().History(2);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  const CommitInfo& end = *(*history)[0].commit_info;
  const CommitInfo& start = *(*history)[1].commit_info;
  EXPECT_EQ(start.operation, "VACUUM START");
  EXPECT_EQ(start.operation_parameters,
            (std::map<std::string, std::string>{{"defaultRetentionMillis", "604800000"},
                                                {"retentionCheckEnabled", "true"},
                                                {"specifiedRetentionMillis", "604800000"}}));
  EXPECT_NE(start.json.find(R"("operationMetrics":{"numFilesToDelete":"4",)"
                            R"("sizeOfDataToDelete":"58"})"),
            std::string::npos)
      << start.json;
  EXPECT_EQ(end.operation, "VACUUM END");
  EXPECT_EQ(end.operation_parameters,
            (std::map<std::string, std::string>{{"status", "COMPLETED"}}));
  EXPECT_NE(end.json.find(R"("operationMetrics":{"numDeletedFiles":"4",)"
                          R"("numVacuumedDirectories":"0"})"),
            std::string::npos)
      << end.json;
  // The live files are those of version 1.
  EXPECT_EQ((*table().LatestSnapshot())->files().size(), 2u);
}

TEST_F(VacuumTest, ProgressReportsListingAndDeleting) {
  VacuumOptions o = Options();
  std::vector<std::tuple<VacuumProgress::Phase, int64_t, int64_t>> seen;
  o.on_progress = [&](const VacuumProgress& p) { seen.emplace_back(p.phase, p.done, p.total); };
  ASSERT_TRUE(Vacuum(table(), o).ok());
  // The listing skips the hidden folders (_delta_log, _hidden): 13 files seen, 4 deleted.
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_tuple(VacuumProgress::Phase::kListing, int64_t{13}, int64_t{0}));
  EXPECT_EQ(seen[1], std::make_tuple(VacuumProgress::Phase::kDeleting, int64_t{4}, int64_t{4}));
}

TEST(VacuumHiddenNamesTest, PartitionFoldersMayStartWithAnUnderscore) {
  LogBuilder log;
  const std::string schema =
      R"({\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
      R"(\"nullable\":true,\"metadata\":{}},{\"name\":\"_p\",\"type\":\"string\",)"
      R"(\"nullable\":true,\"metadata\":{}}]})";
  log.Commit(0, {ProtocolJson(),
                 R"({"metaData":{"id":"u","format":{"provider":"parquet","options":{}},)"
                 R"("schemaString":")" +
                     schema + R"(","partitionColumns":["_p"],"configuration":{}}})",
                 R"({"add":{"path":"_p=x/live.parquet","partitionValues":{"_p":"x"},"size":1,)"
                 R"("modificationTime":1,"dataChange":true}})"});
  for (const char* path : {"_p=x/live.parquet", "_p=x/orphan.parquet", "_q=x/old.parquet"}) {
    ASSERT_TRUE(log.fs()->Write(log.root() + "/" + path, "x").ok());
    ASSERT_TRUE(log.fs()->SetModificationTime(log.root() + "/" + path, kNow - 30 * kDay).ok());
  }
  VacuumOptions o;
  o.now_ms = kNow;
  auto r = Vacuum(log.table(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // "_p=" is a partition folder; "_q=" is hidden (no such partition column).
  EXPECT_EQ(r->files_deleted, (std::vector<std::string>{"memory:///t/_p=x/orphan.parquet"}));
}

TEST(VacuumProtocolTest, RefusesATableItCannotWrite) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(1, 7, R"(,"writerFeatures":["futureWriterFeature"])"), MetadataJson(),
                 AddJson("a.parquet")});
  auto r = Vacuum(log.table());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsUnsupported()) << r.status().ToString();
  EXPECT_NE(r.status().ToString().find("futureWriterFeature"), std::string::npos)
      << r.status().ToString();
}

TEST(VacuumProtocolTest, FullModeNeedsARecursiveListing) {
  // A store without ListRecursive (the FileSystem default) can still be vacuumed in lite mode.
  class NoRecursiveListing final : public ForwardingFileSystem {
   public:
    using ForwardingFileSystem::ForwardingFileSystem;
    Result<std::vector<FileInfo>> ListRecursive(
        std::string_view dir, const std::function<bool(std::string_view)>& skip) override {
      return FileSystem::ListRecursive(dir, skip);
    }
  };
  auto mem = std::make_shared<MemoryFileSystem>();
  DefaultEngineOptions opts;
  opts.cpu_threads = 1;
  auto engine = *MakeDefaultEngine(std::make_shared<NoRecursiveListing>(mem), opts);
  ASSERT_TRUE(mem->Write("memory:///t/_delta_log/00000000000000000000.json",
                         ProtocolJson() + "\n" + MetadataJson() + "\n")
                  .ok());
  Table t = *Table::ForLocation("memory:///t", engine);
  auto full = Vacuum(t);
  ASSERT_FALSE(full.ok());
  EXPECT_TRUE(full.status().IsUnsupported());
  EXPECT_NE(full.status().message().find("VacuumMode::kLite"), std::string::npos)
      << full.status().ToString();
  VacuumOptions lite;
  lite.mode = VacuumMode::kLite;
  auto r = Vacuum(t, lite);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->files_deleted.empty());
}

}  // namespace
}  // namespace delta
