// Log compaction files through the public API (delta/log_compaction.h): the protocol's example
// written line for line, a reader that uses the compaction instead of the commits and gets the
// same snapshot, and refusals.
#include "delta/log_compaction.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "log/log_path.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///compact";

std::string Add(const std::string& path) {
  return R"({"add":{"path":")" + path +
         R"(","partitionValues":{},"size":10,"modificationTime":5,"dataChange":true}})";
}
std::string Remove(const std::string& path) {
  return R"({"remove":{"path":")" + path + R"(","deletionTimestamp":7,"dataChange":true}})";
}
std::string Txn(int64_t version) {
  return R"({"txn":{"appId":"app-1","version":)" + std::to_string(version) + "}}";
}
const std::string kCommitInfo = R"({"commitInfo":{"operation":"WRITE"}})";

class LogCompactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = *MakeDefaultEngine(mem_, opts);
    // Versions 0-3 hold the table and f1; 4-6 are the protocol's example; 7 appends f5.
    Put(0, {R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})",
            R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},)"
            R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":)"
            R"(\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],)"
            R"("configuration":{},"createdTime":1}})"});
    Put(1, {kCommitInfo, Add("f1")});
    Put(2, {kCommitInfo, Add("f0")});
    Put(3, {kCommitInfo, Remove("f0")});
    Put(4, {kCommitInfo, Add("f2"), Remove("f1")});
    Put(5, {kCommitInfo, Add("f3"), Add("f4"), Txn(4389)});
    Put(6, {kCommitInfo, Remove("f3"), Txn(4390)});
    Put(7, {kCommitInfo, Add("f5")});
  }

  void Put(int64_t v, const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& l : lines) text += l + "\n";
    ASSERT_TRUE(mem_->Write(Log(FormatVersion(v) + ".json"), text).ok());
  }
  Table table() const { return *Table::ForLocation(kRoot, engine_); }
  std::string Log(const std::string& name) const {
    return std::string(kRoot) + "/_delta_log/" + name;
  }
  static std::vector<std::string> Paths(const Snapshot& s) {
    std::vector<std::string> out;
    for (const AddFile& a : s.files()) out.emplace_back(a.path);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::shared_ptr<MemoryFileSystem> mem_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<Engine> engine_;
};

TEST_F(LogCompactionTest, WritesTheReconciledActionsOfTheRange) {
  auto r = WriteLogCompaction(table(), 4, 6);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->location, Log("00000000000000000004.00000000000000000006.compacted.json"));
  auto text = mem_->ReadFile(r->location);
  ASSERT_TRUE(text.ok());
  // The protocol's example: f2 and f4 added, f1 and f3 removed, the newest txn; newest first.
  std::vector<std::string> lines;
  for (size_t at = 0; at < text->size();) {
    size_t end = text->find('\n', at);
    lines.push_back(text->substr(at, end - at));
    at = end + 1;
  }
  // (Within a commit, in reverse file order too: a commit names a key once.)
  EXPECT_EQ(lines, (std::vector<std::string>{Txn(4390), Remove("f3"), Add("f4"), Remove("f1"),
                                             Add("f2")}));
  EXPECT_EQ(r->actions, 5);
  EXPECT_EQ(r->size_in_bytes, static_cast<int64_t>(text->size()));
}

TEST_F(LogCompactionTest, ReadersUseItAndSeeTheSameTable) {
  auto before = table().LatestSnapshot();
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(WriteLogCompaction(table(), 1, 6).ok());
  // The compaction stands in for commits 1-6: they are not read any more.
  for (int64_t v = 1; v <= 6; ++v) {
    ASSERT_TRUE(mem_->Write(Log(FormatVersion(v) + ".json"), "not json\n").ok());
  }
  auto after = table().LatestSnapshot();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ((*after)->version(), 7);
  EXPECT_EQ(Paths(**after), Paths(**before));
  EXPECT_EQ(Paths(**after), (std::vector<std::string>{"f2", "f4", "f5"}));
  EXPECT_EQ((*after)->set_transactions().at("app-1").version, 4390);
}

TEST_F(LogCompactionTest, Refusals) {
  EXPECT_TRUE(WriteLogCompaction(table(), 3, 3).status().IsInvalidArgument());
  EXPECT_TRUE(WriteLogCompaction(table(), -1, 3).status().IsInvalidArgument());
  auto past = WriteLogCompaction(table(), 5, 9);
  EXPECT_TRUE(past.status().IsNotFound()) << past.status().ToString();
  ASSERT_TRUE(WriteLogCompaction(table(), 2, 3).ok());
  auto again = WriteLogCompaction(table(), 2, 3);
  EXPECT_TRUE(again.status().IsAlreadyExists()) << again.status().ToString();
}

}  // namespace
}  // namespace delta
