// Log-segment rules on small logs built in memory: checkpoint choice, gaps, hints, compaction.
#include "log/log_segment.h"

#include <gtest/gtest.h>

#include "delta/memory_file_system.h"

namespace delta {
namespace {

constexpr const char* kRoot = "memory:///t";

class LogSegmentTest : public ::testing::Test {
 protected:
  void Put(const std::string& name, const std::string& data = "{}") {
    ASSERT_TRUE(fs_.Write(std::string(kRoot) + "/_delta_log/" + name, data).ok());
  }
  void Commits(int64_t from, int64_t to) {
    for (int64_t v = from; v <= to; ++v) Put(FormatVersion(v) + ".json");
  }
  static std::vector<int64_t> CommitVersions(const LogSegment& seg) {
    std::vector<int64_t> out;
    for (const LogFile& f : seg.commits) out.push_back(f.version);
    return out;
  }
  MemoryFileSystem fs_;
};

TEST_F(LogSegmentTest, ContiguousCommitsWithoutCheckpoint) {
  Commits(0, 3);
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->version, 3);
  EXPECT_FALSE(seg->checkpoint_version.has_value());
  EXPECT_EQ(CommitVersions(*seg), (std::vector<int64_t>{0, 1, 2, 3}));
  ASSERT_TRUE(seg->latest_commit.has_value());
  EXPECT_EQ(seg->latest_commit->version, 3);
}

TEST_F(LogSegmentTest, GapInCommitsIsInvalidTable) {
  Commits(0, 1);
  Commits(3, 3);
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(seg.status().message().find("commit 2"), std::string::npos) << seg.status().message();
  EXPECT_NE(seg.status().message().find("00000000000000000002.json"), std::string::npos);
}

TEST_F(LogSegmentTest, NewestCompleteCheckpointWins) {
  Commits(0, 5);
  Put(FormatVersion(2) + ".checkpoint.parquet");
  // Version 4 has only one of two parts: incomplete, must be ignored.
  Put(FormatVersion(4) + ".checkpoint.0000000001.0000000002.parquet");
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->checkpoint_version, 2);
  ASSERT_EQ(seg->checkpoint.size(), 1u);
  EXPECT_EQ(seg->checkpoint[0].type, LogFileType::kClassicCheckpoint);
  EXPECT_EQ(CommitVersions(*seg), (std::vector<int64_t>{3, 4, 5}));
  ASSERT_EQ(seg->warnings.size(), 1u);
  EXPECT_NE(seg->warnings[0].find("incomplete multi-part checkpoint at version 4"),
            std::string::npos);
}

TEST_F(LogSegmentTest, CompleteMultiPartCheckpointIsUsedInPartOrder) {
  Commits(0, 3);
  Put(FormatVersion(3) + ".checkpoint.0000000002.0000000002.parquet");
  Put(FormatVersion(3) + ".checkpoint.0000000001.0000000002.parquet");
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->checkpoint_version, 3);
  ASSERT_EQ(seg->checkpoint.size(), 2u);
  EXPECT_EQ(seg->checkpoint[0].part, 1);
  EXPECT_EQ(seg->checkpoint[1].part, 2);
  EXPECT_TRUE(seg->commits.empty());
  ASSERT_TRUE(seg->latest_commit.has_value());
}

TEST_F(LogSegmentTest, V2CheckpointPreferredOverClassicAtSameVersion) {
  Commits(0, 2);
  Put(FormatVersion(2) + ".checkpoint.parquet");
  Put(FormatVersion(2) + ".checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json");
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok());
  ASSERT_EQ(seg->checkpoint.size(), 1u);
  EXPECT_EQ(seg->checkpoint[0].type, LogFileType::kV2Checkpoint);
  EXPECT_TRUE(seg->checkpoint[0].is_json);
}

TEST_F(LogSegmentTest, StaleLastCheckpointFallsBackToListing) {
  Commits(0, 6);
  Put(FormatVersion(2) + ".checkpoint.parquet");
  Put("_last_checkpoint", R"({"version":5,"size":10})");  // no checkpoint at 5
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->checkpoint_version, 2);
  EXPECT_EQ(CommitVersions(*seg), (std::vector<int64_t>{3, 4, 5, 6}));
  ASSERT_FALSE(seg->warnings.empty());
  EXPECT_NE(seg->warnings.back().find("stale _last_checkpoint (version 5)"), std::string::npos);
}

TEST_F(LogSegmentTest, CorruptLastCheckpointIsIgnored) {
  Commits(0, 2);
  Put(FormatVersion(1) + ".checkpoint.parquet");
  Put("_last_checkpoint", "{\"version\": not json");
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->checkpoint_version, 1);
  EXPECT_EQ(CommitVersions(*seg), (std::vector<int64_t>{2}));
  ASSERT_FALSE(seg->warnings.empty());
  EXPECT_NE(seg->warnings.front().find("corrupt"), std::string::npos);
}

TEST_F(LogSegmentTest, ValidHintIsUsed) {
  Commits(0, 4);
  Put(FormatVersion(3) + ".checkpoint.parquet");
  Put("_last_checkpoint", R"({"version":3,"size":4})");
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->checkpoint_version, 3);
  EXPECT_EQ(CommitVersions(*seg), (std::vector<int64_t>{4}));
  EXPECT_TRUE(seg->warnings.empty());
}

TEST_F(LogSegmentTest, TimeTravelIgnoresNewerCheckpoints) {
  Commits(0, 4);
  Put(FormatVersion(3) + ".checkpoint.parquet");
  Put("_last_checkpoint", R"({"version":3,"size":4})");
  auto seg = BuildLogSegment(fs_, kRoot, 2);
  ASSERT_TRUE(seg.ok());
  EXPECT_EQ(seg->version, 2);
  EXPECT_FALSE(seg->checkpoint_version.has_value());
  EXPECT_EQ(CommitVersions(*seg), (std::vector<int64_t>{0, 1, 2}));
}

TEST_F(LogSegmentTest, VersionBeyondLatestIsNotFound) {
  Commits(0, 2);
  auto seg = BuildLogSegment(fs_, kRoot, 7);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kNotFound);
  EXPECT_NE(seg.status().message().find("latest version is 2"), std::string::npos);
}

TEST_F(LogSegmentTest, CleanedUpVersionsAreNotFound) {
  // Metadata cleanup removed commits 0..2; the checkpoint at 3 is the oldest state.
  Commits(3, 5);
  Put(FormatVersion(3) + ".checkpoint.parquet");
  auto old = BuildLogSegment(fs_, kRoot, 2);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().code(), StatusCode::kNotFound);
  auto at3 = BuildLogSegment(fs_, kRoot, 3);
  ASSERT_TRUE(at3.ok()) << at3.status().ToString();
  EXPECT_EQ(at3->checkpoint_version, 3);
  EXPECT_TRUE(at3->commits.empty());
}

TEST_F(LogSegmentTest, MissingStartWithoutCheckpointIsInvalid) {
  Commits(2, 4);
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kInvalidTable);
}

TEST_F(LogSegmentTest, CompactionReplacesCommitsButNotTheLatest) {
  Commits(0, 6);
  Put(FormatVersion(1) + "." + FormatVersion(3) + ".compacted.json");
  Put(FormatVersion(4) + "." + FormatVersion(6) + ".compacted.json");  // ends at latest: unused
  Put(FormatVersion(1) + "." + FormatVersion(2) + ".compacted.json");  // shorter: unused
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_TRUE(seg.ok());
  ASSERT_EQ(seg->compactions.size(), 1u);
  EXPECT_EQ(seg->compactions[0].version, 1);
  EXPECT_EQ(seg->compactions[0].end_version, 3);
}

TEST_F(LogSegmentTest, ChecksumOfTargetVersionIsFound) {
  Commits(0, 2);
  Put(FormatVersion(1) + ".crc");
  Put(FormatVersion(2) + ".crc");
  auto seg = BuildLogSegment(fs_, kRoot, 1);
  ASSERT_TRUE(seg.ok());
  ASSERT_TRUE(seg->checksum.has_value());
  EXPECT_EQ(seg->checksum->version, 1);
}

TEST_F(LogSegmentTest, MissingLogIsNotFound) {
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kNotFound);
  EXPECT_NE(seg.status().message().find("memory:///t"), std::string::npos);
}

TEST_F(LogSegmentTest, OnlyChecksumFileIsInvalidTable) {
  Put(FormatVersion(0) + ".crc", "malformed");
  auto seg = BuildLogSegment(fs_, kRoot, std::nullopt);
  ASSERT_FALSE(seg.ok());
  EXPECT_EQ(seg.status().code(), StatusCode::kInvalidTable);
}

TEST(LogPathTest, ParsesEveryKindOfName) {
  auto c = ParseLogFileName("00000000000000000012.json");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->type, LogFileType::kCommit);
  EXPECT_EQ(c->version, 12);
  auto mp = ParseLogFileName("00000000000000000010.checkpoint.0000000002.0000000003.parquet");
  ASSERT_TRUE(mp);
  EXPECT_EQ(mp->type, LogFileType::kMultiPartCheckpoint);
  EXPECT_EQ(mp->part, 2);
  EXPECT_EQ(mp->num_parts, 3);
  auto v2 = ParseLogFileName(
      "00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.parquet");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->type, LogFileType::kV2Checkpoint);
  EXPECT_FALSE(v2->is_json);
  auto cmp = ParseLogFileName("00000000000000000004.00000000000000000006.compacted.json");
  ASSERT_TRUE(cmp);
  EXPECT_EQ(cmp->type, LogFileType::kCompaction);
  EXPECT_EQ(cmp->end_version, 6);
  EXPECT_FALSE(ParseLogFileName("_last_checkpoint"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000001.json.tmp"));
  EXPECT_FALSE(ParseLogFileName("0000000000000000001.json"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000006.00000000000000000004.compacted.json"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000010.checkpoint.0000000004.0000000003.parquet"));
}

}  // namespace
}  // namespace delta
