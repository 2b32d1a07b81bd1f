// Log cleanup through the public API (delta/log_cleanup.h) on in-memory storage: which files an
// aged log loses (dry run first), that every version from the new first checkpoint on still
// reads and older ones fail clearly, in-commit timestamps as the dates, checkpointProtection,
// unreferenced v2 sidecars, and the cleanup after automatic and on-demand checkpoints.
#include "delta/log_cleanup.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/checkpoint.h"
#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "log/log_path.h"
#include "support/memory_table.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///clean";
constexpr std::string_view kSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})";
constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kBase = 19676 * kDay;  // a UTC midnight (2023-11-15)

class LogCleanupTest : public test::MemoryTableTest {
 protected:
  LogCleanupTest() : MemoryTableTest(kRoot) {}

  std::string Commit(int64_t v) const { return Log(FormatVersion(v) + ".json"); }
  std::string Crc(int64_t v) const { return Log(FormatVersion(v) + ".crc"); }
  std::string Checkpoint(int64_t v) const { return Log(FormatVersion(v) + ".checkpoint.parquet"); }
  bool Exists(const std::string& location) const { return mem_->Head(location).ok(); }

  TransactionOptions Options(int64_t at) const {
    TransactionOptions o;
    o.clock_ms = at;
    o.checkpoint_on_interval = auto_checkpoint_;
    return o;
  }

  void Create(std::map<std::string, std::string> configuration = {},
              std::vector<std::string> features = {}) {
    auto txn = Transaction::BeginCreate(table(), Options(kBase));
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    Protocol p;
    p.min_reader_version = 1;
    p.min_writer_version = 7;
    p.writer_features = features;
    for (const std::string& f : features) {
      if (f == "v2Checkpoint") {
        p.min_reader_version = 3;
        p.reader_features = std::vector<std::string>{f};
      }
    }
    ASSERT_TRUE((*txn)->UpdateProtocol(p).ok());
    Metadata m;
    m.schema_string = std::string(kSchema);
    m.configuration = std::move(configuration);
    m.created_time = kBase;
    ASSERT_TRUE((*txn)->UpdateMetadata(m).ok());
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // Appends file f<n>.parquet at `at` (and removes `remove` when given).
  void Append(int n, int64_t at, std::optional<std::string> remove = std::nullopt) {
    auto snapshot = Latest();
    auto txn = Transaction::Begin(snapshot, Options(at));
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    WrittenFile f;
    f.path = "f" + std::to_string(n) + ".parquet";
    f.size = 100 + n;
    f.modification_time = at;
    f.num_records = 1;
    ASSERT_TRUE((*txn)->AddFiles({&f, 1}).ok());
    for (const AddFile& live : snapshot->files()) {
      if (remove && live.path == *remove) {
        ASSERT_TRUE((*txn)->RemoveLiveFile(live).ok());
      }
    }
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  void WriteCheckpointAt(int64_t version) {
    CheckpointOptions options;
    options.cleanup_expired_logs = false;
    options.now_ms = kBase;
    auto r = WriteCheckpoint(table(), version, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // Dates version v's commit and checksum files `days` after kBase.
  void Age(int64_t v, int64_t days) {
    ASSERT_TRUE(mem_->SetModificationTime(Commit(v), kBase + days * kDay).ok());
    if (Exists(Crc(v))) {
      ASSERT_TRUE(mem_->SetModificationTime(Crc(v), kBase + days * kDay).ok());
    }
  }

  // Versions 0..5, version v dated v days after kBase, classic checkpoints at 2 and 4.
  void BuildAgedLog() {
    Create();
    for (int i = 1; i <= 5; ++i) Append(i, kBase + i * kDay);
    WriteCheckpointAt(2);
    WriteCheckpointAt(4);
    for (int64_t v = 0; v <= 5; ++v) Age(v, v);
  }

  bool auto_checkpoint_ = false;
};

TEST_F(LogCleanupTest, DeletesWhatNoRetainedVersionNeeds) {
  BuildAgedLog();
  ASSERT_TRUE(Exists(Crc(0)));
  // 30 days of retention from noon of day 33: the cutoff is midnight of day 3. Version 3 is that
  // old but has no checkpoint; the log is cut at the checkpoint of version 2.
  LogCleanupOptions options;
  options.now_ms = kBase + 33 * kDay + kDay / 2;
  options.dry_run = true;
  auto dry = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  const std::vector<std::string> expected = {Commit(0), Crc(0), Commit(1), Crc(1)};
  std::vector<std::string> sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_TRUE(dry->dry_run);
  EXPECT_EQ(dry->files_deleted, sorted);
  EXPECT_EQ(dry->cutoff_ms, kBase + 3 * kDay);
  EXPECT_EQ(dry->retention_ms, 30 * kDay);
  EXPECT_EQ(dry->earliest_version, 2);
  EXPECT_TRUE(dry->skipped.empty());
  int64_t bytes = 0;
  for (const std::string& f : expected) {
    ASSERT_TRUE(Exists(f)) << f;  // the dry run deleted nothing
    bytes += mem_->Head(f)->size;
  }
  EXPECT_EQ(dry->bytes, bytes);

  options.dry_run = false;
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_deleted, sorted);
  for (const std::string& f : expected) EXPECT_FALSE(Exists(f)) << f;
  EXPECT_TRUE(Exists(Checkpoint(2)));
  EXPECT_TRUE(Exists(Commit(2)));

  // Every version from 2 on still reads, with its files; older ones are a clear NotFound.
  for (int64_t v = 2; v <= 5; ++v) {
    auto s = table().SnapshotAtVersion(v);
    ASSERT_TRUE(s.ok()) << v << ": " << s.status().ToString();
    EXPECT_EQ((*s)->files().size(), static_cast<size_t>(v));
  }
  auto gone = table().SnapshotAtVersion(1);
  ASSERT_FALSE(gone.ok());
  EXPECT_TRUE(gone.status().IsNotFound()) << gone.status().ToString();
  EXPECT_EQ(gone.status().message(),
            "table memory:///clean: version 1 is not in the log and no checkpoint covers it; the "
            "earliest version that can be read is 2")
      << gone.status().ToString();
  auto before = table().SnapshotAtTimestamp(kBase + kDay);
  EXPECT_TRUE(before.status().IsNotFound()) << before.status().ToString();
  auto at_two = table().SnapshotAtTimestamp(kBase + 2 * kDay);
  ASSERT_TRUE(at_two.ok()) << at_two.status().ToString();
  EXPECT_EQ((*at_two)->version(), 2);

  // Running it again finds nothing more.
  auto again = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->files_deleted.empty());
}

TEST_F(LogCleanupTest, KeepsTheNewestCheckpointAndEverythingAfterIt) {
  BuildAgedLog();
  LogCleanupOptions options;
  options.now_ms = kBase + 400 * kDay;  // everything expired
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->earliest_version, 4);
  EXPECT_EQ(r->files_deleted.size(), 9u);  // commits and checksums 0-3, checkpoint 2
  EXPECT_FALSE(Exists(Checkpoint(2)));
  for (int64_t v = 4; v <= 5; ++v) EXPECT_TRUE(Exists(Commit(v))) << v;
  EXPECT_TRUE(Exists(Checkpoint(4)));
  EXPECT_EQ(Latest()->version(), 5);
  EXPECT_EQ(Latest()->files().size(), 5u);
  EXPECT_TRUE(table().SnapshotAtVersion(4).ok());
  EXPECT_TRUE(table().SnapshotAtVersion(3).status().IsNotFound());
}

TEST_F(LogCleanupTest, NothingWithoutACheckpointOldEnough) {
  BuildAgedLog();
  LogCleanupOptions options;
  options.now_ms = kBase + 31 * kDay;  // cutoff: day 1, before the first checkpoint
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->files_deleted.empty());
  EXPECT_FALSE(r->earliest_version.has_value());
  EXPECT_TRUE(Exists(Commit(0)));
}

TEST_F(LogCleanupTest, FileTimesThatGoBackwardsCountAsTheOlderCommits) {
  BuildAgedLog();
  // Version 2's file claims day 40: version 3 (day 3) counts as day 40 too, after the clock
  // went back. Nothing up to the checkpoint at 4 is then old enough at a day-33 cutoff ...
  Age(2, 40);
  LogCleanupOptions options;
  options.now_ms = kBase + 33 * kDay;
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->files_deleted.empty());
  // ... but at a day-71 cutoff both checkpoints are.
  options.now_ms = kBase + 71 * kDay;
  r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->earliest_version, 4);
}

TEST_F(LogCleanupTest, InCommitTimestampsDateTheVersions) {
  // File times are all "now"; the in-commit timestamps say days 0..5.
  Create({{"delta.enableInCommitTimestamps", "true"}}, {"inCommitTimestamp"});
  for (int i = 1; i <= 5; ++i) Append(i, kBase + i * kDay);
  WriteCheckpointAt(2);
  WriteCheckpointAt(4);
  LogCleanupOptions options;
  options.now_ms = kBase + 34 * kDay;  // cutoff: day 4
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->earliest_version, 4);
  EXPECT_FALSE(Exists(Commit(3)));
  EXPECT_FALSE(Exists(Checkpoint(2)));
  EXPECT_TRUE(Exists(Commit(4)));
  EXPECT_EQ(Latest()->files().size(), 5u);
}

TEST_F(LogCleanupTest, RetentionIsTheTableProperty) {
  Create({{"delta.logRetentionDuration", "interval 2 days"}});
  for (int i = 1; i <= 5; ++i) Append(i, kBase + i * kDay);
  WriteCheckpointAt(2);
  WriteCheckpointAt(4);
  for (int64_t v = 0; v <= 5; ++v) Age(v, v);
  LogCleanupOptions options;
  options.now_ms = kBase + 6 * kDay;  // cutoff: day 4
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->retention_ms, 2 * kDay);
  EXPECT_EQ(r->earliest_version, 4);
}

TEST_F(LogCleanupTest, CheckpointProtectionCutsPastItsVersionOrNotAtAll) {
  Create({{"delta.requireCheckpointProtectionBeforeVersion", "4"}}, {"checkpointProtection"});
  for (int i = 1; i <= 5; ++i) Append(i, kBase + i * kDay);
  WriteCheckpointAt(2);
  WriteCheckpointAt(4);
  for (int64_t v = 0; v <= 5; ++v) Age(v, v);
  LogCleanupOptions options;
  options.now_ms = kBase + 33 * kDay;  // the cut would be at 2, below 4
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->files_deleted.empty());
  EXPECT_FALSE(r->earliest_version.has_value());
  EXPECT_NE(r->skipped.find("requireCheckpointProtectionBeforeVersion=4"), std::string::npos)
      << r->skipped;
  EXPECT_TRUE(Exists(Commit(0)));
  options.now_ms = kBase + 34 * kDay;  // the cut is at 4: everything before goes in one go
  r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->earliest_version, 4);
  EXPECT_FALSE(Exists(Commit(0)));
  EXPECT_FALSE(Exists(Checkpoint(2)));
}

TEST_F(LogCleanupTest, UnreferencedSidecarsGo) {
  Create({{"delta.checkpointPolicy", "v2"}}, {"v2Checkpoint"});
  Append(1, kBase + kDay);
  Append(2, kBase + 2 * kDay);
  WriteCheckpointAt(2);
  Append(3, kBase + 3 * kDay, "f1.parquet");  // a remove: the next checkpoint's sidecars are new
  Append(4, kBase + 4 * kDay);
  WriteCheckpointAt(4);
  // The first sidecar (f1, f2) rewritten as (f2), and one of the commits' f3, f4 and f1's
  // tombstone.
  auto sidecars = mem_->ListPrefix(Log("_sidecars/"));
  ASSERT_TRUE(sidecars.ok());
  ASSERT_EQ(sidecars->size(), 3u);
  for (const FileInfo& s : *sidecars)
    ASSERT_TRUE(mem_->SetModificationTime(s.location, kBase).ok());
  for (int64_t v = 0; v <= 4; ++v) Age(v, v);
  LogCleanupOptions options;
  options.now_ms = kBase + 34 * kDay;
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->earliest_version, 4);
  auto left = mem_->ListPrefix(Log("_sidecars/"));
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 2u);  // the two the checkpoint at 4 names
  int sidecars_deleted = 0;
  for (const std::string& f : r->files_deleted) {
    if (f.find("/_sidecars/") != std::string::npos) ++sidecars_deleted;
  }
  EXPECT_EQ(sidecars_deleted, 1);
  auto s = Latest();
  EXPECT_EQ(s->checkpoint_version(), 4);
  EXPECT_EQ(s->files().size(), 3u);  // f2, f3, f4
}

TEST_F(LogCleanupTest, RunsAfterAnOnDemandCheckpoint) {
  BuildAgedLog();
  // A checkpoint of version 5 at day 34 (cutoff: day 4, version 5 is younger).
  CheckpointOptions options;
  options.now_ms = kBase + 34 * kDay + 1;
  auto r = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->log_cleanup.has_value());
  EXPECT_EQ(r->log_cleanup->earliest_version, 4);
  EXPECT_EQ(r->log_cleanup->files_deleted.size(), 9u);
  EXPECT_FALSE(Exists(Commit(3)));
  EXPECT_TRUE(Exists(Log(FormatVersion(5) + ".checkpoint.parquet")));
  // Asked not to, it does not.
  Append(6, kBase + 6 * kDay);
  Age(5, 40);
  options.now_ms = kBase + 100 * kDay;
  options.cleanup_expired_logs = false;
  r = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->log_cleanup.has_value());
  EXPECT_TRUE(Exists(Commit(4)));
}

TEST_F(LogCleanupTest, AutomaticCheckpointCleansUp) {
  auto_checkpoint_ = true;
  Create({{"delta.checkpointInterval", "2"}});
  for (int i = 1; i <= 3; ++i) Append(i, kBase + i * kDay);  // checkpoint at 2
  for (int64_t v = 0; v <= 3; ++v) Age(v, v);
  ASSERT_TRUE(Exists(Checkpoint(2)));
  Append(4, kBase + 40 * kDay);  // checkpoint at 4, then cleanup at day 40: cutoff day 10
  EXPECT_TRUE(Exists(Checkpoint(4)));
  EXPECT_FALSE(Exists(Commit(1)));
  EXPECT_TRUE(Exists(Commit(2)));
  EXPECT_EQ(table().SnapshotAtVersion(2).ok(), true);
}

TEST_F(LogCleanupTest, TablePropertyTurnsTheAutomaticCleanupOff) {
  auto_checkpoint_ = true;
  Create({{"delta.checkpointInterval", "2"}, {"delta.enableExpiredLogCleanup", "false"}});
  for (int i = 1; i <= 3; ++i) Append(i, kBase + i * kDay);
  for (int64_t v = 0; v <= 3; ++v) Age(v, v);
  Append(4, kBase + 40 * kDay);
  EXPECT_TRUE(Exists(Checkpoint(4)));
  EXPECT_TRUE(Exists(Commit(0)));
  // On demand it still runs when asked.
  LogCleanupOptions options;
  options.now_ms = kBase + 40 * kDay;
  auto r = CleanupExpiredLogs(table(), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->earliest_version, 2);
  EXPECT_FALSE(Exists(Commit(0)));
}

}  // namespace
}  // namespace delta
