// FileSystem::ListRecursive: every file below a directory, skipped folders left out, for the
// default engine's local file system, the in-memory one and the base class's default.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/forwarding_file_system.h"
#include "delta/memory_file_system.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

// The listed locations below `root`, relative and sorted.
std::vector<std::string> Relative(const std::string& root, const std::vector<FileInfo>& files) {
  std::vector<std::string> out;
  for (const FileInfo& f : files) out.push_back(f.location.substr(root.size() + 1));
  std::sort(out.begin(), out.end());
  return out;
}

bool SkipUnderscore(std::string_view name) { return name.starts_with('_'); }

TEST(ListRecursiveTest, LocalFileSystemWalksEveryFolderButSkippedOnes) {
  test::TempDir dir("list-recursive");
  namespace fs = std::filesystem;
  for (const char* d : {"a/b", "_skip/c", "d e"}) fs::create_directories(fs::path(dir.path()) / d);
  for (const char* f :
       {"top.parquet", "a/one", "a/b/two", "_skip/x", "_skip/c/y", "d e/%.bin", "_top_file"}) {
    std::ofstream(fs::path(dir.path()) / f) << "12";
  }
  fs::create_directory_symlink(fs::path(dir.path()) / "a", fs::path(dir.path()) / "link");
  auto engine = *MakeDefaultEngine();
  const std::string root = "file://" + dir.path();
  auto all = engine->file_system().ListRecursive(root + "/");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  // Locations are percent-encoded URIs; a link to a folder is not followed.
  EXPECT_EQ(Relative(root, *all),
            (std::vector<std::string>{"_skip/c/y", "_skip/x", "_top_file", "a/b/two", "a/one",
                                      "d%20e/%25.bin", "top.parquet"}));
  EXPECT_EQ((*all)[0].size, 2);
  auto skipped = engine->file_system().ListRecursive(root, SkipUnderscore);
  ASSERT_TRUE(skipped.ok());
  // Only folders are skipped: files are the caller's to judge.
  EXPECT_EQ(Relative(root, *skipped), (std::vector<std::string>{"_top_file", "a/b/two", "a/one",
                                                                "d%20e/%25.bin", "top.parquet"}));
  auto missing = engine->file_system().ListRecursive(root + "/nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty());
}

TEST(ListRecursiveTest, MemoryFileSystemSkipsFoldersAtAnyDepth) {
  MemoryFileSystem fs;
  for (const char* f : {"m:///t/x", "m:///t/a/_h/y", "m:///t/_h/z", "m:///t/a/w", "m:///tt/no"}) {
    ASSERT_TRUE(fs.Write(f, "1").ok());
  }
  auto all = fs.ListRecursive("m:///t");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Relative("m:///t", *all), (std::vector<std::string>{"_h/z", "a/_h/y", "a/w", "x"}));
  auto skipped = fs.ListRecursive("m:///t/", SkipUnderscore);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(Relative("m:///t", *skipped), (std::vector<std::string>{"a/w", "x"}));
}

TEST(ListRecursiveTest, TheDefaultIsUnsupported) {
  class Minimal final : public ForwardingFileSystem {
   public:
    using ForwardingFileSystem::ForwardingFileSystem;
    Result<std::vector<FileInfo>> ListRecursive(
        std::string_view dir, const std::function<bool(std::string_view)>& skip = {}) override {
      return FileSystem::ListRecursive(dir, skip);
    }
  };
  Minimal fs(std::make_shared<MemoryFileSystem>());
  auto r = fs.ListRecursive("m:///t");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsUnsupported());
  EXPECT_EQ(r.status().message(), "this file system cannot list 'm:///t' recursively");
}

}  // namespace
}  // namespace delta
