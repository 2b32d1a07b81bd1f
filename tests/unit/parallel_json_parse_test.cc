// Big JSON log files are parsed in parts on several threads and joined in file order: the
// snapshot equals a one-thread parse, errors name the right line, and actions that may appear
// once per file are checked across parts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "protocol/action_batch.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::CommitInfoJson;
using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;
using testing::RemoveJson;

// A path long enough that 100k adds make a commit of well over 8 MiB (the parallel threshold).
std::string PathOf(int i) {
  return "date=2024-01-01/part-" + std::to_string(i) +
         "-0123456789abcdef0123456789abcdef0123456789abcdef.c000.snappy.parquet";
}

std::vector<std::string> BigCommit(int adds) {
  std::vector<std::string> lines = {CommitInfoJson(1000), ProtocolJson(), MetadataJson()};
  for (int i = 0; i < adds; ++i) lines.push_back(AddJson(PathOf(i), 1000 + i));
  return lines;
}

std::vector<std::pair<std::string, int64_t>> Files(const Snapshot& s) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const AddFile& f : s.files()) out.emplace_back(std::string(f.path), f.size);
  return out;
}

std::shared_ptr<Engine> OneThread(const LogBuilder& log) {
  DefaultEngineOptions o;
  o.cpu_threads = 1;
  return *MakeDefaultEngine(log.fs(), o);
}

// Loading a table whose only commit is `lines` fails with InvalidTable mentioning `what`.
void ExpectInvalidTable(const std::vector<std::string>& lines, const std::string& what) {
  LogBuilder log;  // two CPU threads: big files are split
  log.Commit(0, lines);
  auto snap = log.table().LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(snap.status().message().find(what), std::string::npos) << snap.status().ToString();
}

TEST(ParallelJsonParseTest, BigCommitReadsAsOneThreadReadsIt) {
  LogBuilder log;  // two CPU threads: big files are split
  std::vector<std::string> v0 = BigCommit(100000);
  log.Commit(0, v0);
  // Version 1 removes every 7th file and re-adds one with a new size, in one big file too.
  std::vector<std::string> v1 = {CommitInfoJson(2000)};
  for (int i = 0; i < 100000; i += 7) v1.push_back(RemoveJson(PathOf(i)));
  for (int i = 100000; i < 160000; ++i) v1.push_back(AddJson(PathOf(i), 7));
  log.Commit(1, v1);

  auto parallel = log.table().LatestSnapshot();
  ASSERT_TRUE(parallel.ok()) << parallel.status().ToString();
  auto serial_table = Table::ForLocation(log.root(), OneThread(log));
  ASSERT_TRUE(serial_table.ok());
  auto serial = serial_table->LatestSnapshot();
  ASSERT_TRUE(serial.ok()) << serial.status().ToString();

  const size_t removed = (100000 + 6) / 7;
  EXPECT_EQ((*parallel)->files().size(), 160000 - removed);
  EXPECT_EQ(Files(**parallel), Files(**serial));
  ASSERT_TRUE((*parallel)->commit_info().has_value());
  EXPECT_EQ((*parallel)->commit_info()->timestamp, 2000);
}

TEST(ParallelJsonParseTest, ErrorNamesTheLineInALaterPart) {
  std::vector<std::string> v0 = BigCommit(100000);
  v0[90000] = R"({"add":{"path":"broken.parquet","size":"not a number"}})";
  ExpectInvalidTable(v0, "line 90001");
}

TEST(ParallelJsonParseTest, SecondMetadataFarAwayIsStillAnError) {
  std::vector<std::string> v0 = BigCommit(100000);
  v0.push_back(MetadataJson());
  ExpectInvalidTable(v0, "more than one metaData");
}

TEST(ActionBatchTest, AppendKeepsFileOrderAndOwnership) {
  ActionBatch a;
  ActionBatch b;
  AddFile add;
  add.path = a.arena.Copy("a.parquet");
  a.adds.push_back(add);
  a.file_action_order = {0};
  RemoveFile rm;
  rm.path = b.arena.Copy("r.parquet");
  b.removes.push_back(rm);
  add.path = b.arena.Copy("b.parquet");
  b.adds.push_back(add);
  b.file_action_order = {-1, 0};
  b.commit_info = CommitInfo{};
  b.commit_info->timestamp = 7;
  ASSERT_TRUE(AppendActionBatch(std::move(b), "f.json", &a).ok());
  EXPECT_EQ(a.file_action_order, (std::vector<int32_t>{0, -1, 1}));
  ASSERT_EQ(a.adds.size(), 2u);
  EXPECT_EQ(a.adds[1].path, "b.parquet");  // still valid: the arena block moved over
  EXPECT_EQ(a.removes[0].path, "r.parquet");
  EXPECT_EQ(a.commit_info->timestamp, 7);

  ActionBatch p1;
  ActionBatch p2;
  p1.protocol = Protocol{};
  p2.protocol = Protocol{};
  EXPECT_EQ(AppendActionBatch(std::move(p2), "f.json", &p1).code(), StatusCode::kInvalidTable);
}

}  // namespace
}  // namespace delta
