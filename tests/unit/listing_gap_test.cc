// A listing that skips a commit file (a directory read racing other writers' creates and
// deletes did, on ext4, under 8 writer processes) must not make the log look broken: the
// commit is looked up directly. A commit that really is missing is still reported.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "delta/default_engine.h"
#include "delta/forwarding_file_system.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "log/log_path.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///gap";
constexpr std::string_view kProtocol =
    R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})";
constexpr std::string_view kMetadata =
    R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{}}})";

std::string Add(int i) {
  return R"({"add":{"path":"f)" + std::to_string(i) +
         R"(.parquet","partitionValues":{},"size":1,"modificationTime":1,"dataChange":true}})";
}

// Leaves the named files out of every listing, as a racing readdir may.
class SkippingFileSystem : public ForwardingFileSystem {
 public:
  SkippingFileSystem(std::shared_ptr<FileSystem> target, std::set<std::string> hidden)
      : ForwardingFileSystem(std::move(target)), hidden_(std::move(hidden)) {}
  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override {
    DELTA_ASSIGN_OR_RETURN(auto files, ForwardingFileSystem::ListFrom(start));
    std::erase_if(files, [&](const FileInfo& f) {
      return hidden_.count(std::string(FileNameOf(f.location))) > 0;
    });
    return files;
  }

 private:
  std::set<std::string> hidden_;
};

class ListingGapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    memory_ = std::make_shared<MemoryFileSystem>();
    std::string log = std::string(kRoot) + "/_delta_log/";
    ASSERT_TRUE(memory_
                    ->Write(log + FormatVersion(0) + ".json",
                            std::string(kProtocol) + "\n" + std::string(kMetadata) + "\n")
                    .ok());
    for (int v = 1; v <= 4; ++v) {
      ASSERT_TRUE(memory_->Write(log + FormatVersion(v) + ".json", Add(v) + "\n").ok());
    }
  }

  Result<std::shared_ptr<const Snapshot>> Latest(std::set<std::string> hidden) {
    auto fs = std::make_shared<SkippingFileSystem>(memory_, std::move(hidden));
    DefaultEngineOptions options;
    options.cpu_threads = 1;
    DELTA_ASSIGN_OR_RETURN(auto engine, MakeDefaultEngine(fs, options));
    DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(kRoot, engine));
    return table.LatestSnapshot();
  }

  std::shared_ptr<MemoryFileSystem> memory_;
};

TEST_F(ListingGapTest, SkippedCommitsAreLookedUp) {
  auto snapshot = Latest({FormatVersion(2) + ".json", FormatVersion(3) + ".json"});
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  EXPECT_EQ((*snapshot)->version(), 4);
  std::set<std::string> paths;
  for (const AddFile& f : (*snapshot)->files()) paths.insert(std::string(f.path));
  EXPECT_EQ(paths, (std::set<std::string>{"f1.parquet", "f2.parquet", "f3.parquet", "f4.parquet"}));
}

TEST_F(ListingGapTest, ACommitThatIsReallyMissingIsStillAnError) {
  ASSERT_TRUE(
      memory_->Delete(std::string(kRoot) + "/_delta_log/" + FormatVersion(2) + ".json").ok());
  auto snapshot = Latest({});
  ASSERT_FALSE(snapshot.ok());
  EXPECT_EQ(snapshot.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(snapshot.status().message().find("commit 2"), std::string::npos)
      << snapshot.status().ToString();
}

}  // namespace
}  // namespace delta
