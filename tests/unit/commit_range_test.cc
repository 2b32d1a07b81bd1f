// CommitRange: listing, reading and dating a range of commits of a table written to disk.
#include "log/commit_range.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "delta/default_engine.h"
#include "log/log_path.h"
#include "log/log_segment.h"
#include "support/log_builder.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::CommitInfoJson;
using testing::MetadataJson;
using testing::ProtocolJson;
using testing::RemoveJson;

constexpr const char* kIctFrom2 =
    R"({"delta.enableInCommitTimestamps":"true","delta.inCommitTimestampEnablementVersion":"2"})";

// A table in a temporary directory, read through the default engine.
class CommitRangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = *MakeDefaultEngine(opts);
  }

  // Writes commit `version` with modification time `mtime_ms`.
  void Commit(int64_t version, const std::vector<std::string>& lines, int64_t mtime_ms) {
    std::filesystem::create_directories(dir_.path() + "/_delta_log");
    std::string path = CommitPath(version);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    for (const std::string& l : lines) out << l << "\n";
    out.close();
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = mtime_ms / 1000;
    times[0].tv_nsec = times[1].tv_nsec = (mtime_ms % 1000) * 1000000;
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  }

  std::string CommitPath(int64_t version) const {
    return dir_.path() + "/_delta_log/" + FormatVersion(version) + ".json";
  }

  // Versions 0-3; commit 2's clock went backwards (2000 after 3000); commit 3 ties commit 1.
  void WriteFourCommits() {
    Commit(0, {CommitInfoJson(1), ProtocolJson(), MetadataJson()}, 1000);
    Commit(1, {CommitInfoJson(2), AddJson("a")}, 3000);
    Commit(2, {CommitInfoJson(3), RemoveJson("a"), AddJson("b")}, 2000);
    Commit(3, {CommitInfoJson(4), AddJson("c")}, 3000);
  }

  Result<CommitRange> List(int64_t first, std::optional<int64_t> last = std::nullopt) {
    return CommitRange::List(engine_->file_system(), dir_.uri(), first, last);
  }

  static std::vector<int64_t> Versions(const std::vector<LogCommit>& commits) {
    std::vector<int64_t> out;
    for (const LogCommit& c : commits) out.push_back(c.version);
    return out;
  }
  static std::vector<int64_t> Times(const std::vector<LogCommit>& commits) {
    std::vector<int64_t> out;
    for (const LogCommit& c : commits) out.push_back(c.timestamp_ms);
    return out;
  }

  test::TempDir dir_{"commit-range"};
  std::shared_ptr<Engine> engine_;
};

TEST_F(CommitRangeTest, ReadsVersionsFilesAndActionsInOrder) {
  WriteFourCommits();
  auto range = List(0);
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  ASSERT_EQ(range->size(), 4u);
  EXPECT_EQ(range->first_version(), 0);
  EXPECT_EQ(range->last_version(), 3);

  auto commits = range->ReadAll(*engine_, Metadata{});
  ASSERT_TRUE(commits.ok()) << commits.status().ToString();
  EXPECT_EQ(Versions(*commits), (std::vector<int64_t>{0, 1, 2, 3}));
  const LogCommit& c0 = (*commits)[0];
  EXPECT_EQ(c0.file.location, dir_.uri() + "/_delta_log/" + FormatVersion(0) + ".json");
  ASSERT_TRUE(c0.actions->protocol && c0.actions->metadata);
  EXPECT_TRUE(c0.actions->adds.empty());
  const ActionBatch& c2 = *(*commits)[2].actions;
  ASSERT_EQ(c2.removes.size(), 1u);
  EXPECT_EQ(c2.removes[0].path, "a");
  ASSERT_EQ(c2.adds.size(), 1u);
  EXPECT_EQ(c2.adds[0].path, "b");
  ASSERT_TRUE(c2.commit_info.has_value());
  EXPECT_EQ(c2.commit_info->timestamp.value_or(-1), 3);
}

TEST_F(CommitRangeTest, FileTimesNeverGoBackwards) {
  WriteFourCommits();
  auto commits = List(0)->ReadAll(*engine_, Metadata{});
  ASSERT_TRUE(commits.ok()) << commits.status().ToString();
  // Commit 2's 2000 counts as commit 1's 3000; the tie with commit 3 stays a tie.
  EXPECT_EQ(Times(*commits), (std::vector<int64_t>{1000, 3000, 3000, 3000}));

  // A range that starts later is dated the same: earlier commits' times are its floor.
  auto later = List(2);
  ASSERT_TRUE(later.ok());
  auto tail = later->ReadAll(*engine_, Metadata{});
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(Versions(*tail), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(Times(*tail), (std::vector<int64_t>{3000, 3000}));

  // So is the newest part of a listed range, and its timestamps need no reading at all.
  auto listing = ListLogFiles(engine_->file_system(), dir_.uri(), 0);
  ASSERT_TRUE(listing.ok());
  CommitRange newest = CommitRange::FromListing(dir_.uri(), *listing).Newest(2);
  std::filesystem::remove(CommitPath(2));
  auto times = newest.Timestamps(*engine_, Metadata{});
  ASSERT_TRUE(times.ok()) << times.status().ToString();
  EXPECT_EQ(*times, (std::vector<int64_t>{3000, 3000}));
}

TEST_F(CommitRangeTest, InCommitTimestampsFromTheEnablementVersion) {
  Commit(0, {CommitInfoJson(1), ProtocolJson(), MetadataJson()}, 1000);
  Commit(1, {CommitInfoJson(2), AddJson("a")}, 2000);
  Commit(2, {CommitInfoJson(3, R"(,"inCommitTimestamp":5000)"), MetadataJson(kIctFrom2)}, 2500);
  Commit(3, {CommitInfoJson(4, R"(,"inCommitTimestamp":7000)"), AddJson("b")}, 9000);

  // Before the range, in-commit timestamps were off: the range's own metaData turns them on.
  auto commits = List(0)->ReadAll(*engine_, Metadata{});
  ASSERT_TRUE(commits.ok()) << commits.status().ToString();
  EXPECT_EQ(Times(*commits), (std::vector<int64_t>{1000, 2000, 5000, 7000}));

  // Given the metadata at the end, ForEach and Timestamps date the same way.
  Metadata end = *(*commits)[2].actions->metadata;
  std::vector<int64_t> streamed;
  ASSERT_TRUE(List(0)
                  ->ForEach(*engine_, end,
                            [&](LogCommit&& c) {
                              streamed.push_back(c.timestamp_ms);
                              return Status::OK();
                            })
                  .ok());
  EXPECT_EQ(streamed, Times(*commits));
  auto times = List(0)->Timestamps(*engine_, end);
  ASSERT_TRUE(times.ok()) << times.status().ToString();
  EXPECT_EQ(*times, Times(*commits));

  // Only commits dated by in-commit timestamp are read for Timestamps.
  std::filesystem::remove(CommitPath(0));
  auto listing = ListLogFiles(engine_->file_system(), dir_.uri(), 0);
  ASSERT_TRUE(listing.ok());
  auto without_zero = CommitRange::FromListing(dir_.uri(), *listing).Timestamps(*engine_, end);
  ASSERT_TRUE(without_zero.ok()) << without_zero.status().ToString();
  EXPECT_EQ(*without_zero, (std::vector<int64_t>{2000, 5000, 7000}));
}

TEST_F(CommitRangeTest, MissingInCommitTimestampIsInvalidTable) {
  Commit(0, {CommitInfoJson(1), ProtocolJson(), MetadataJson()}, 1000);
  Commit(1, {CommitInfoJson(2), AddJson("a")}, 2000);
  Commit(2, {CommitInfoJson(3), MetadataJson(kIctFrom2)}, 2500);
  auto commits = List(0)->ReadAll(*engine_, Metadata{});
  ASSERT_FALSE(commits.ok());
  EXPECT_EQ(commits.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(commits.status().message().find("commit 2"), std::string::npos)
      << commits.status().ToString();
  EXPECT_NE(commits.status().message().find("inCommitTimestamp"), std::string::npos);
}

TEST_F(CommitRangeTest, MissingCommitIsNotFoundNamingTheVersion) {
  WriteFourCommits();
  std::filesystem::remove(CommitPath(2));
  for (auto range : {List(0), List(1, 3), List(2)}) {
    ASSERT_FALSE(range.ok());
    EXPECT_EQ(range.status().code(), StatusCode::kNotFound);
    EXPECT_NE(range.status().message().find("commit file of version 2 is missing"),
              std::string::npos)
        << range.status().ToString();
  }
  auto past_end = List(3, 5);
  ASSERT_FALSE(past_end.ok());
  EXPECT_EQ(past_end.status().code(), StatusCode::kNotFound);
  EXPECT_NE(past_end.status().message().find("commit file of version 4 is missing"),
            std::string::npos)
      << past_end.status().ToString();
  // A range that does not reach the gap is whole.
  auto before_gap = List(0, 1);
  ASSERT_TRUE(before_gap.ok()) << before_gap.status().ToString();
  EXPECT_EQ(before_gap->size(), 2u);
}

TEST_F(CommitRangeTest, CommitsAfterAReadVersion) {
  WriteFourCommits();
  auto winners = CommitRange::After(engine_->file_system(), dir_.uri(), 1);
  ASSERT_TRUE(winners.ok()) << winners.status().ToString();
  auto commits = winners->ReadAll(*engine_, Metadata{});
  ASSERT_TRUE(commits.ok());
  EXPECT_EQ(Versions(*commits), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ((*commits)[1].actions->adds[0].path, "c");
}

TEST_F(CommitRangeTest, EmptyRange) {
  WriteFourCommits();
  // Nothing committed since the latest version.
  auto none = CommitRange::After(engine_->file_system(), dir_.uri(), 3);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
  auto commits = none->ReadAll(*engine_, Metadata{});
  ASSERT_TRUE(commits.ok());
  EXPECT_TRUE(commits->empty());
  bool called = false;
  EXPECT_TRUE(none->ForEach(*engine_, Metadata{},
                            [&](LogCommit&&) {
                              called = true;
                              return Status::OK();
                            })
                  .ok());
  EXPECT_FALSE(called);
  auto times = none->Timestamps(*engine_, Metadata{});
  ASSERT_TRUE(times.ok());
  EXPECT_TRUE(times->empty());
  EXPECT_TRUE(CommitRange().ReadAll(*engine_, Metadata{})->empty());
  EXPECT_TRUE(CommitRange().Newest(3).empty());
}

TEST_F(CommitRangeTest, ReadErrorsNameTheCommit) {
  WriteFourCommits();
  Commit(2, {"{not json"}, 2000);
  auto commits = List(0)->ReadAll(*engine_, Metadata{});
  ASSERT_FALSE(commits.ok());
  EXPECT_EQ(commits.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(commits.status().message().find(FormatVersion(2) + ".json"), std::string::npos)
      << commits.status().ToString();
  // The callback's error stops ForEach.
  int calls = 0;
  Status st = List(0, 1)->ForEach(*engine_, Metadata{}, [&](LogCommit&&) {
    ++calls;
    return Status::Cancelled("enough");
  });
  EXPECT_EQ(st.code(), StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

TEST_F(CommitRangeTest, ForEachStreamsManyCommitsInOrder) {
  // More commits than ForEach reads at once.
  constexpr int64_t kCommits = 300;
  Commit(0, {ProtocolJson(), MetadataJson()}, 1000);
  for (int64_t v = 1; v < kCommits; ++v) {
    Commit(v, {AddJson("f" + std::to_string(v))}, 1000 + v);
  }
  std::vector<int64_t> versions;
  Status st = List(0)->ForEach(*engine_, Metadata{}, [&](LogCommit&& c) {
    if (c.version > 0 && (c.actions->adds.size() != 1 ||
                          c.actions->adds[0].path != "f" + std::to_string(c.version) ||
                          c.timestamp_ms != 1000 + c.version)) {
      return Status::Internal("commit " + std::to_string(c.version) + " read wrong");
    }
    versions.push_back(c.version);
    return Status::OK();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(versions.size(), static_cast<size_t>(kCommits));
  for (int64_t v = 0; v < kCommits; ++v) EXPECT_EQ(versions[static_cast<size_t>(v)], v);
}

TEST_F(CommitRangeTest, NegativeFirstVersionIsInvalidArgument) {
  WriteFourCommits();
  EXPECT_EQ(List(-1).status().code(), StatusCode::kInvalidArgument);
  // After(-1): every commit, from a table's creation on.
  auto all = CommitRange::After(engine_->file_system(), dir_.uri(), -1);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
}

}  // namespace
}  // namespace delta
