// The FileSystem calls with defaults (include/delta/file_system.h), on implementations that
// override only the minimum.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "delta/file_system.h"
#include "delta/memory_file_system.h"
#include "support/create_race.h"

namespace delta {
namespace {

// Implements only the pure virtual calls, on an in-memory store.
class Minimal : public FileSystem {
 public:
  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override {
    return mem.ListFrom(start);
  }
  Result<std::string> ReadFile(std::string_view location) override {
    return mem.ReadFile(location);
  }
  Result<std::string> ReadRange(std::string_view location, int64_t offset,
                                int64_t length) override {
    return mem.ReadRange(location, offset, length);
  }
  Result<FileInfo> Head(std::string_view location) override { return mem.Head(location); }
  Status Write(std::string_view location, std::string_view data) override {
    return mem.Write(location, data);
  }
  Status Delete(std::string_view location) override {
    deleted.push_back(std::string(location));
    if (location.ends_with("stuck")) return Status::PermissionDenied("no");
    return mem.Delete(location);
  }

  MemoryFileSystem mem;
  std::vector<std::string> deleted;
};

// Has only the one-shot create (as every FileSystem written before OpenForCreate existed).
class PutOnly final : public Minimal {
 public:
  Status PutIfAbsent(std::string_view location, std::string_view data) override {
    puts.fetch_add(1);
    return mem.PutIfAbsent(location, data);
  }
  std::atomic<int> puts{0};
};

// Has only the streamed create.
class StreamOnly final : public Minimal {
 public:
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override {
    return mem.OpenForCreate(location);
  }
};

TEST(FileSystemDefaultsTest, OpenForCreateBuffersIntoPutIfAbsent) {
  PutOnly fs;
  {
    auto out = fs.OpenForCreate("memory:///t/a");
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("x").ok());
  }  // abandoned: no request
  EXPECT_EQ(fs.puts.load(), 0);
  auto out = fs.OpenForCreate("memory:///t/a");
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("he").ok());
  ASSERT_TRUE((*out)->Write("llo").ok());
  EXPECT_EQ(fs.puts.load(), 0);
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(fs.puts.load(), 1);
  EXPECT_EQ(*fs.ReadFile("memory:///t/a"), "hello");
  test::ExpectOneCreatorWins(fs, "memory:///t/b", /*streamed=*/true);
}

TEST(FileSystemDefaultsTest, PutIfAbsentWritesThroughOpenForCreate) {
  StreamOnly fs;
  ASSERT_TRUE(fs.PutIfAbsent("memory:///t/a", "one").ok());
  EXPECT_TRUE(fs.PutIfAbsent("memory:///t/a", "two").IsAlreadyExists());
  EXPECT_EQ(*fs.ReadFile("memory:///t/a"), "one");
  test::ExpectOneCreatorWins(fs, "memory:///t/b", /*streamed=*/false);
}

TEST(FileSystemDefaultsTest, NeitherCreateIsAnErrorNotARecursion) {
  Minimal fs;
  Status st = fs.PutIfAbsent("memory:///t/a", "x");
  EXPECT_EQ(st.code(), StatusCode::kInternal) << st.ToString();
  EXPECT_NE(st.message().find("memory:///t/a"), std::string::npos) << st.ToString();
  auto out = fs.OpenForCreate("memory:///t/a");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)->Close().code(), StatusCode::kInternal);
  EXPECT_TRUE(fs.mem.Locations().empty());
}

TEST(FileSystemDefaultsTest, ListPrefixFiltersAListing) {
  Minimal fs;
  for (const char* name : {"a1", "a2", "ab", "b1", "sub/a3"}) {
    ASSERT_TRUE(fs.Write(std::string("memory:///t/") + name, "x").ok());
  }
  auto listed = fs.ListPrefix("memory:///t/a");
  ASSERT_TRUE(listed.ok());
  std::vector<std::string> names;
  for (const auto& f : *listed) names.push_back(f.location);
  EXPECT_EQ(names,
            (std::vector<std::string>{"memory:///t/a1", "memory:///t/a2", "memory:///t/ab"}));
  EXPECT_EQ(fs.ListPrefix("memory:///t/")->size(), 4u);
  EXPECT_TRUE(fs.ListPrefix("memory:///t/c")->empty());
}

TEST(FileSystemDefaultsTest, DeleteManyStopsAtTheFirstFailureAndNamesIt) {
  Minimal fs;
  for (const char* name : {"a", "stuck", "c"}) {
    ASSERT_TRUE(fs.Write(std::string("memory:///t/") + name, "x").ok());
  }
  std::vector<std::string> all = {"memory:///t/a", "memory:///t/stuck", "memory:///t/c"};
  Status st = fs.DeleteMany(all);
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(st.message(), "deleting 'memory:///t/stuck': no");
  EXPECT_EQ(fs.deleted, (std::vector<std::string>{"memory:///t/a", "memory:///t/stuck"}));
  EXPECT_EQ(fs.mem.Locations(), (std::vector<std::string>{"memory:///t/c", "memory:///t/stuck"}));
  EXPECT_TRUE(fs.DeleteMany({}).ok());
}

}  // namespace
}  // namespace delta
