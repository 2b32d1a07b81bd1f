#include "delta/fault_injecting_file_system.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "delta/memory_file_system.h"

namespace delta {
namespace {

class FaultInjectingFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(mem_->Write("memory:///t/a", "aaaa").ok());
    ASSERT_TRUE(mem_->Write("memory:///t/b", "bbbb").ok());
  }
  bool Exists(const std::string& loc) { return mem_->Head(loc).ok(); }

  std::shared_ptr<MemoryFileSystem> mem_ = std::make_shared<MemoryFileSystem>();
  FaultInjectingFileSystem fs_{mem_};
};

TEST_F(FaultInjectingFileSystemTest, NoRulePassesEveryCallThroughAndCountsIt) {
  EXPECT_EQ(*fs_.ReadFile("memory:///t/a"), "aaaa");
  EXPECT_EQ(*fs_.ReadRange("memory:///t/a", 1, 2), "aa");
  EXPECT_EQ(fs_.Head("memory:///t/b")->size, 4);
  EXPECT_EQ(fs_.ListFrom("memory:///t/")->size(), 2u);
  EXPECT_EQ(fs_.ListPrefix("memory:///t/a")->size(), 1u);
  EXPECT_TRUE(fs_.PutIfAbsent("memory:///t/c", "c").ok());
  EXPECT_TRUE(fs_.Write("memory:///t/d", "d").ok());
  EXPECT_TRUE(fs_.Delete("memory:///t/d").ok());
  std::vector<std::string> both = {"memory:///t/a", "memory:///t/b"};
  std::vector<std::string> read(2);
  fs_.ReadFiles(both, [&](size_t i, Result<std::string> r) { read[i] = *r; });
  EXPECT_EQ(read, (std::vector<std::string>{"aaaa", "bbbb"}));
  EXPECT_EQ(fs_.calls(FsOp::kReadFile), 3);  // ReadFiles: one per location
  EXPECT_EQ(fs_.calls(FsOp::kReadRange), 1);
  EXPECT_EQ(fs_.calls(FsOp::kHead), 1);
  EXPECT_EQ(fs_.calls(FsOp::kListFrom), 1);
  EXPECT_EQ(fs_.calls(FsOp::kListPrefix), 1);
  EXPECT_EQ(fs_.calls(FsOp::kPutIfAbsent), 1);
  EXPECT_EQ(fs_.calls(FsOp::kWrite), 1);
  EXPECT_EQ(fs_.calls(FsOp::kDelete), 1);
  EXPECT_EQ(fs_.injected(), 0);
  fs_.ResetCounts();
  EXPECT_EQ(fs_.calls(FsOp::kReadFile), 0);
}

TEST_F(FaultInjectingFileSystemTest, FailsOnlyTheNthMatchingCall) {
  fs_.FailNth(FsOp::kReadFile, "/b", 2);
  EXPECT_TRUE(fs_.ReadFile("memory:///t/a").ok());  // not matching: not counted by the rule
  EXPECT_TRUE(fs_.ReadFile("memory:///t/b").ok());
  auto r = fs_.ReadFile("memory:///t/b");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsIoError());
  EXPECT_EQ(r.status().message(), "injected fault: read of memory:///t/b (call #3)");
  EXPECT_TRUE(fs_.ReadFile("memory:///t/b").ok());
  EXPECT_EQ(fs_.injected(), 1);
}

TEST_F(FaultInjectingFileSystemTest, EveryCallFromTheNthOrACount) {
  fs_.AddRule({.op = FsOp::kHead, .nth = 2, .count = -1});
  fs_.AddRule({.op = FsOp::kListFrom, .nth = 1, .count = 2});
  EXPECT_TRUE(fs_.Head("memory:///t/a").ok());
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(fs_.Head("memory:///t/a").ok());
  EXPECT_FALSE(fs_.ListFrom("memory:///t/").ok());
  EXPECT_FALSE(fs_.ListFrom("memory:///t/").ok());
  EXPECT_TRUE(fs_.ListFrom("memory:///t/").ok());
  EXPECT_EQ(fs_.injected(), 7);
  fs_.ClearRules();
  EXPECT_TRUE(fs_.Head("memory:///t/a").ok());
}

TEST_F(FaultInjectingFileSystemTest, ReturnsTheRulesStatus) {
  fs_.AddRule({.op = FsOp::kReadRange, .error = Status::PermissionDenied("no access to a")});
  auto r = fs_.ReadRange("memory:///t/a", 0, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().message(), "no access to a");
  fs_.AddRule({.op = FsOp::kListPrefix, .error = Status::NotFound("gone")});
  EXPECT_TRUE(fs_.ListPrefix("memory:///t/").status().IsNotFound());
}

TEST_F(FaultInjectingFileSystemTest, FailedPutIfAbsentWritesNothing) {
  fs_.FailNth(FsOp::kPutIfAbsent, "_delta_log/");
  Status st = fs_.PutIfAbsent("memory:///t/_delta_log/1.json", "x");
  EXPECT_TRUE(st.IsIoError());
  EXPECT_FALSE(Exists("memory:///t/_delta_log/1.json"));
  EXPECT_TRUE(fs_.PutIfAbsent("memory:///t/_delta_log/1.json", "x").ok());
}

TEST_F(FaultInjectingFileSystemTest, LostPutIfAbsentResponseLandsTheFile) {
  fs_.LoseResponse(FsOp::kPutIfAbsent, "1.json");
  Status st = fs_.PutIfAbsent("memory:///t/_delta_log/1.json", "ours");
  EXPECT_TRUE(st.IsIoError());
  EXPECT_EQ(st.message(),
            "injected lost response: put-if-absent of memory:///t/_delta_log/1.json (call #1)");
  EXPECT_EQ(*mem_->ReadFile("memory:///t/_delta_log/1.json"), "ours");
  // A retry finds its own file there.
  EXPECT_TRUE(fs_.PutIfAbsent("memory:///t/_delta_log/1.json", "ours").IsAlreadyExists());
}

TEST_F(FaultInjectingFileSystemTest, StreamOpenWriteAndCloseFailApart) {
  fs_.FailNth(FsOp::kOpenForCreate, "s1");
  EXPECT_TRUE(fs_.OpenForCreate("memory:///t/s1").status().IsIoError());

  fs_.FailNth(FsOp::kStreamWrite, "s2", 2);
  {
    auto s = fs_.OpenForCreate("memory:///t/s2");
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE((*s)->Write("one").ok());
    EXPECT_TRUE((*s)->Write("two").IsIoError());
  }  // abandoned
  EXPECT_FALSE(Exists("memory:///t/s2"));

  fs_.FailNth(FsOp::kStreamClose, "s3");
  {
    auto s = fs_.OpenForCreate("memory:///t/s3");
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE((*s)->Write("x").ok());
    EXPECT_TRUE((*s)->Close().IsIoError());
  }
  EXPECT_FALSE(Exists("memory:///t/s3"));

  fs_.LoseResponse(FsOp::kStreamClose, "s4");
  {
    auto s = fs_.OpenForCreate("memory:///t/s4");
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE((*s)->Write("landed").ok());
    EXPECT_TRUE((*s)->Close().IsIoError());
  }
  EXPECT_EQ(*mem_->ReadFile("memory:///t/s4"), "landed");
  EXPECT_EQ(fs_.calls(FsOp::kOpenForCreate), 4);
  EXPECT_EQ(fs_.calls(FsOp::kStreamWrite), 4);
  EXPECT_EQ(fs_.calls(FsOp::kStreamClose), 2);
  EXPECT_EQ(fs_.injected(), 4);
}

TEST_F(FaultInjectingFileSystemTest, LostOpenPublishesNothing) {
  fs_.LoseResponse(FsOp::kOpenForCreate, "s");
  EXPECT_TRUE(fs_.OpenForCreate("memory:///t/s").status().IsIoError());
  EXPECT_FALSE(Exists("memory:///t/s"));
  EXPECT_TRUE(fs_.PutIfAbsent("memory:///t/s", "x").ok());
}

TEST_F(FaultInjectingFileSystemTest, WriteAndDeletes) {
  fs_.FailNth(FsOp::kWrite, "a");
  EXPECT_TRUE(fs_.Write("memory:///t/a", "new").IsIoError());
  EXPECT_EQ(*mem_->ReadFile("memory:///t/a"), "aaaa");
  fs_.LoseResponse(FsOp::kWrite, "a");
  EXPECT_TRUE(fs_.Write("memory:///t/a", "new").IsIoError());
  EXPECT_EQ(*mem_->ReadFile("memory:///t/a"), "new");

  fs_.FailNth(FsOp::kDelete, "a");
  EXPECT_TRUE(fs_.Delete("memory:///t/a").IsIoError());
  EXPECT_TRUE(Exists("memory:///t/a"));
  fs_.LoseResponse(FsOp::kDelete, "a");
  EXPECT_TRUE(fs_.Delete("memory:///t/a").IsIoError());
  EXPECT_FALSE(Exists("memory:///t/a"));
}

TEST_F(FaultInjectingFileSystemTest, DeleteManyMatchesAnyOfItsLocations) {
  std::vector<std::string> both = {"memory:///t/a", "memory:///t/b"};
  fs_.FailNth(FsOp::kDeleteMany, "/b");
  Status st = fs_.DeleteMany(both);
  EXPECT_TRUE(st.IsIoError());
  EXPECT_EQ(st.message(), "injected fault: bulk delete of memory:///t/a (call #1)");
  EXPECT_TRUE(Exists("memory:///t/a"));
  EXPECT_TRUE(Exists("memory:///t/b"));
  fs_.LoseResponse(FsOp::kDeleteMany, "");
  EXPECT_TRUE(fs_.DeleteMany(both).IsIoError());
  EXPECT_FALSE(Exists("memory:///t/a"));
  EXPECT_FALSE(Exists("memory:///t/b"));
}

TEST_F(FaultInjectingFileSystemTest, FirstAddedRuleDecidesAndAllCount) {
  fs_.AddRule({.op = FsOp::kReadFile, .count = -1, .error = Status::NotFound("first")});
  fs_.AddRule({.op = FsOp::kReadFile, .nth = 2, .error = Status::Internal("second")});
  EXPECT_EQ(fs_.ReadFile("memory:///t/a").status().message(), "first");
  EXPECT_EQ(fs_.ReadFile("memory:///t/a").status().message(), "first");
  EXPECT_EQ(fs_.injected(), 2);
}

TEST_F(FaultInjectingFileSystemTest, CountedFaultsFireExactlyOnceAcrossThreads) {
  fs_.AddRule({.op = FsOp::kReadFile, .nth = 1, .count = 10});
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!fs_.ReadFile("memory:///t/a").ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 10);
  EXPECT_EQ(fs_.calls(FsOp::kReadFile), 200);
  EXPECT_EQ(fs_.injected(), 10);
}

}  // namespace
}  // namespace delta
