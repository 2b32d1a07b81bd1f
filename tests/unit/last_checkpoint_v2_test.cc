// The v2Checkpoint entry of `_last_checkpoint`: a v2 checkpoint describes itself there (file,
// size, time, non-file actions, sidecars) under a checksum that holds; a streamed snapshot then
// takes the non-file actions and the sidecar list from it without opening the checkpoint for
// them, and ignores the entry when its checksum or its file does not match.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "delta/checkpoint.h"
#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "log/last_checkpoint.h"
#include "log/log_path.h"
#include "support/checkpoint_table.h"
#include "support/memory_table.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///v2hint";

class LastCheckpointV2Test : public test::MemoryTableTest {
 protected:
  LastCheckpointV2Test() : MemoryTableTest(kRoot) {}

  void SetUp() override {
    MemoryTableTest::SetUp();
    // Version 0: a v2-checkpoint table; version 1: three files.
    auto txn = *Transaction::BeginCreate(table(), {});
    Protocol p;
    p.min_reader_version = 3;
    p.min_writer_version = 7;
    p.reader_features = std::vector<std::string>{"v2Checkpoint"};
    p.writer_features = {"v2Checkpoint"};
    ASSERT_TRUE(txn->UpdateProtocol(p).ok());
    Metadata m;
    m.schema_string = std::string(test::kIdPartSchema);
    m.partition_columns = {"part"};
    m.configuration = {{"delta.checkpointPolicy", "v2"}};
    ASSERT_TRUE(txn->UpdateMetadata(m).ok());
    ASSERT_TRUE(txn->Commit().ok());
    auto append = *Transaction::Begin(Latest(), {});
    std::vector<WrittenFile> files = {test::IdPartFile("part=a/f1.parquet", "a", 10),
                                      test::IdPartFile("part=b/f2.parquet", "b", 5),
                                      test::IdPartFile("part=b/f3.parquet", "b", 2)};
    ASSERT_TRUE(append->AddFiles(files).ok());
    ASSERT_TRUE(append->Commit().ok());
  }

  CheckpointResult Checkpoint(bool json_manifest = false) {
    CheckpointOptions o;
    o.actions_per_sidecar = 2;
    o.v2_json_manifest = json_manifest;
    o.cleanup_expired_logs = false;
    auto r = WriteCheckpoint(*Latest(), o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : CheckpointResult{};
  }
  std::string Hint() const { return *mem_->ReadFile(Log("_last_checkpoint")); }
  // Rewrites `_last_checkpoint` with `from` replaced by `to`, its checksum recomputed (or not).
  void EditHint(const std::string& from, const std::string& to, bool fix_checksum) {
    std::string text = Hint();
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << text;
    const std::string old_sum = *LastCheckpointChecksum(text);
    text.replace(at, from.size(), to);
    if (fix_checksum) {
      const size_t sum_at = text.find(old_sum);
      ASSERT_NE(sum_at, std::string::npos);
      text.replace(sum_at, old_sum.size(), *LastCheckpointChecksum(text));
    }
    ASSERT_TRUE(mem_->Write(Log("_last_checkpoint"), text).ok());
  }
  static int64_t FilesPlanned(const std::shared_ptr<const Snapshot>& s) {
    auto scan = Scan::Make(s, {});
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    ScanCounts counts;
    EXPECT_TRUE((*scan)->Files(&counts).ok());
    return counts.selected_files;
  }
  static bool HasWarning(const Snapshot& s, const std::string& text) {
    for (const std::string& w : s.warnings()) {
      if (w.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

TEST_F(LastCheckpointV2Test, DescribesTheCheckpointUnderItsChecksum) {
  const CheckpointResult r = Checkpoint();
  ASSERT_EQ(r.files.size(), 3u);  // the checkpoint, sidecars (f1, f2) and (f3)
  const std::string hint = Hint();
  const std::string name(FileNameOf(r.files[0].location));
  const auto info = *mem_->Head(r.files[0].location);
  EXPECT_NE(
      hint.find(
          R"("v2Checkpoint":{"path":")" + name + R"(","sizeInBytes":)" +
          std::to_string(r.files[0].size_in_bytes) + R"(,"modificationTime":)" +
          std::to_string(info.modification_time_ms) +
          R"(,"nonFileActions":[{"checkpointMetadata":{"version":1,"tags":{}}},{"protocol":)"),
      std::string::npos)
      << hint;
  EXPECT_NE(hint.find(R"(},{"metaData":{)"), std::string::npos) << hint;
  std::string sidecars = R"("sidecarFiles":[)";
  for (size_t i = 1; i < 3; ++i) {
    const auto sc = *mem_->Head(r.files[i].location);
    sidecars += std::string(i > 1 ? "," : "") + R"({"path":")" +
                std::string(FileNameOf(r.files[i].location)) + R"(","sizeInBytes":)" +
                std::to_string(r.files[i].size_in_bytes) + R"(,"modificationTime":)" +
                std::to_string(sc.modification_time_ms) + "}";
  }
  EXPECT_NE(hint.find(sidecars + "]}"), std::string::npos) << hint;
  // The checksum covers the entry too.
  EXPECT_NE(hint.find(R"("checksum":")" + *LastCheckpointChecksum(hint) + "\"}"), std::string::npos)
      << hint;

  // A JSON manifest is described alike.
  ASSERT_TRUE(mem_->Delete(r.files[0].location).ok());
  const CheckpointResult j = Checkpoint(/*json_manifest=*/true);
  EXPECT_NE(
      Hint().find(R"("v2Checkpoint":{"path":")" + std::string(FileNameOf(j.files[0].location)) +
                  R"(","sizeInBytes":)" + std::to_string(j.files[0].size_in_bytes) + ","),
      std::string::npos)
      << Hint();
}

TEST_F(LastCheckpointV2Test, StreamedSnapshotTakesTheEntryWhenItHolds) {
  Checkpoint();
  // Mark the hint's metadata only: a snapshot that shows the mark took it from the hint.
  EditHint(R"({"delta.checkpointPolicy":"v2"})",
           R"({"delta.checkpointPolicy":"v2","marker":"hint"})", /*fix_checksum=*/true);
  auto streamed = Latest(FileListMode::kStreamed);
  ASSERT_NE(streamed, nullptr);
  EXPECT_EQ(streamed->checkpoint_version(), 1);
  EXPECT_EQ(streamed->properties().count("marker"), 1u);
  EXPECT_EQ(FilesPlanned(streamed), 3);  // both sidecars, named by the hint, were read
  // A full load reads the checkpoint itself (it may hold file actions besides its sidecars).
  EXPECT_EQ(Latest()->properties().count("marker"), 0u);
}

TEST_F(LastCheckpointV2Test, InconsistentEntryIsIgnored) {
  const CheckpointResult r = Checkpoint();
  const std::string clean = Hint();
  // The marked metadata without a fixed checksum.
  EditHint(R"({"delta.checkpointPolicy":"v2"})",
           R"({"delta.checkpointPolicy":"v2","marker":"hint"})", /*fix_checksum=*/false);
  auto bad_sum = Latest(FileListMode::kStreamed);
  ASSERT_NE(bad_sum, nullptr);
  EXPECT_EQ(bad_sum->properties().count("marker"), 0u);
  EXPECT_EQ(FilesPlanned(bad_sum), 3);
  EXPECT_TRUE(HasWarning(*bad_sum, "ignored the v2Checkpoint entry of"));
  EXPECT_TRUE(HasWarning(*bad_sum, "does not match"));

  // A checksum that holds over an entry naming another file of that version.
  ASSERT_TRUE(mem_->Write(Log("_last_checkpoint"), clean).ok());
  const std::string other =
      FormatVersion(1) + ".checkpoint.00000000-0000-0000-0000-000000000000.parquet";
  EditHint(R"({"delta.checkpointPolicy":"v2"})",
           R"({"delta.checkpointPolicy":"v2","marker":"hint"})", /*fix_checksum=*/true);
  EditHint(std::string(FileNameOf(r.files[0].location)), other, /*fix_checksum=*/true);
  auto moved = Latest(FileListMode::kStreamed);
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->properties().count("marker"), 0u);
  EXPECT_EQ(FilesPlanned(moved), 3);
  EXPECT_TRUE(HasWarning(*moved,
                         "ignored the v2Checkpoint entry of _last_checkpoint: it "
                         "describes " +
                             other));
}

}  // namespace
}  // namespace delta
