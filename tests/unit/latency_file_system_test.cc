#include "delta/latency_file_system.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "delta/memory_file_system.h"
#include "support/create_race.h"

namespace delta {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

std::shared_ptr<MemoryFileSystem> FilledMemory(int n) {
  auto mem = std::make_shared<MemoryFileSystem>();
  for (int i = 0; i < n; ++i) {
    EXPECT_TRUE(mem->Write("memory:///t/" + std::to_string(i), "v" + std::to_string(i)).ok());
  }
  return mem;
}

std::vector<std::string> Locations(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("memory:///t/" + std::to_string(i));
  return out;
}

TEST(LatencyFileSystemTest, ManyReadsInFlightOverlapTheirLatency) {
  LatencyFileSystem fs(FilledMemory(64), {.latency = milliseconds(20), .max_concurrency = 64});
  EXPECT_EQ(fs.max_concurrency(), 64);
  auto locations = Locations(64);
  std::vector<std::string> got(64);
  auto start = Clock::now();
  fs.ReadFiles(locations, [&](size_t i, Result<std::string> r) {
    ASSERT_TRUE(r.ok());
    got[i] = *r;
  });
  auto elapsed = Clock::now() - start;
  // Serially this would take 64 x 20 ms = 1.28 s.
  EXPECT_LT(elapsed, milliseconds(400));
  EXPECT_GE(elapsed, milliseconds(20));
  EXPECT_EQ(fs.request_count(), 64);
  EXPECT_EQ(fs.request_count(RequestKind::kReadFile), 64);
  EXPECT_EQ(fs.request_count(RequestKind::kReadRange), 0);
  EXPECT_GT(fs.peak_in_flight(), 1);
  EXPECT_LE(fs.peak_in_flight(), 64);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(got[i], "v" + std::to_string(i));
}

TEST(LatencyFileSystemTest, ReadFilesHonoursTheConcurrencyLimit) {
  LatencyFileSystem fs(FilledMemory(16), {.latency = milliseconds(10), .max_concurrency = 4});
  auto locations = Locations(16);
  auto start = Clock::now();
  int done = 0;
  std::mutex mu;
  fs.ReadFiles(locations, [&](size_t, Result<std::string> r) {
    EXPECT_TRUE(r.ok());
    std::lock_guard lock(mu);
    ++done;
  });
  // 16 reads, 4 at a time: at least 4 rounds of 10 ms.
  EXPECT_GE(Clock::now() - start, milliseconds(40));
  EXPECT_EQ(done, 16);
  EXPECT_EQ(fs.request_count(), 16);
  EXPECT_LE(fs.peak_in_flight(), 4);
}

TEST(LatencyFileSystemTest, EveryRequestPaysTheLatencyAndIsCounted) {
  auto mem = FilledMemory(2);
  LatencyFileSystem fs(mem, {.latency = milliseconds(15)});
  auto start = Clock::now();
  EXPECT_EQ(*fs.ReadFile("memory:///t/0"), "v0");
  EXPECT_GE(Clock::now() - start, milliseconds(15));

  EXPECT_EQ(*fs.ReadRange("memory:///t/1", 1, 1), "1");
  EXPECT_EQ(fs.Head("memory:///t/1")->size, 2);
  EXPECT_EQ(fs.ListFrom("memory:///t/")->size(), 2u);
  EXPECT_TRUE(fs.Write("memory:///t/2", "v2").ok());
  EXPECT_TRUE(fs.PutIfAbsent("memory:///t/2", "again").IsConflict());
  EXPECT_TRUE(fs.Delete("memory:///t/2").ok());
  EXPECT_EQ(fs.request_count(), 7);
  for (auto kind :
       {RequestKind::kReadFile, RequestKind::kReadRange, RequestKind::kHead, RequestKind::kList,
        RequestKind::kWrite, RequestKind::kPutIfAbsent, RequestKind::kDelete}) {
    EXPECT_EQ(fs.request_count(kind), 1) << static_cast<int>(kind);
  }
  fs.ResetCounts();
  EXPECT_EQ(fs.request_count(), 0);
  fs.set_latency(milliseconds(0));
  EXPECT_TRUE(fs.ReadFile("memory:///t/0").ok());
  EXPECT_EQ(fs.request_count(), 1);
}

TEST(LatencyFileSystemTest, FailsTheNthRequest) {
  LatencyFileSystem fs(FilledMemory(5));
  fs.FailRequestNumber(3);
  std::vector<bool> ok;
  for (int i = 0; i < 5; ++i) ok.push_back(fs.ReadFile("memory:///t/" + std::to_string(i)).ok());
  EXPECT_EQ(ok, (std::vector<bool>{true, true, false, true, true}));
  EXPECT_EQ(fs.request_count(), 5);

  fs.ResetCounts();
  fs.FailRequestNumber(1);
  Status st = fs.ReadFile("memory:///t/4").status();
  EXPECT_TRUE(st.IsIoError());
  EXPECT_NE(st.message().find("memory:///t/4"), std::string::npos);
  EXPECT_NE(st.message().find("injected"), std::string::npos);
}

TEST(LatencyFileSystemTest, FailsMatchingLocationsAndKinds) {
  LatencyFileSystem fs(FilledMemory(3));
  fs.FailMatching("/t/1");
  EXPECT_TRUE(fs.ReadFile("memory:///t/0").ok());
  EXPECT_TRUE(fs.ReadFile("memory:///t/1").status().IsIoError());
  EXPECT_TRUE(fs.Head("memory:///t/1").status().IsIoError());
  EXPECT_TRUE(fs.ReadFile("memory:///t/1").status().IsIoError());  // until cleared
  fs.ClearFaults();
  EXPECT_TRUE(fs.ReadFile("memory:///t/1").ok());

  // Only heads, only twice.
  fs.InjectFault({.kind = RequestKind::kHead, .times = 2});
  EXPECT_TRUE(fs.ReadFile("memory:///t/2").ok());
  EXPECT_TRUE(fs.Head("memory:///t/2").status().IsIoError());
  EXPECT_TRUE(fs.Head("memory:///t/0").status().IsIoError());
  EXPECT_TRUE(fs.Head("memory:///t/0").ok());

  // Faults inside ReadFiles land on the right slot only.
  fs.FailMatching("/t/2");
  std::vector<int> failed;
  std::mutex mu;
  fs.ReadFiles(Locations(3), [&](size_t i, Result<std::string> r) {
    std::lock_guard lock(mu);
    if (!r.ok()) failed.push_back(static_cast<int>(i));
  });
  EXPECT_EQ(failed, std::vector<int>{2});
}

TEST(LatencyFileSystemTest, AmbiguousFailureStillAppliesTheWrite) {
  auto mem = std::make_shared<MemoryFileSystem>();
  LatencyFileSystem fs(mem);
  fs.InjectFault({.kind = RequestKind::kPutIfAbsent, .times = 1, .after_apply = true});
  EXPECT_TRUE(fs.PutIfAbsent("memory:///t/_delta_log/0.json", "commit").IsIoError());
  EXPECT_EQ(*mem->ReadFile("memory:///t/_delta_log/0.json"), "commit");
  EXPECT_TRUE(fs.PutIfAbsent("memory:///t/_delta_log/0.json", "retry").IsConflict());

  // A plain fault never reaches storage.
  fs.InjectFault({.kind = RequestKind::kPutIfAbsent, .times = 1});
  EXPECT_TRUE(fs.PutIfAbsent("memory:///t/_delta_log/1.json", "x").IsIoError());
  EXPECT_TRUE(mem->Head("memory:///t/_delta_log/1.json").status().IsNotFound());
}

TEST(LatencyFileSystemTest, LostCreateReplyIsCommitStateUnknown) {
  auto mem = std::make_shared<MemoryFileSystem>();
  LatencyFileSystem fs(mem);
  fs.InjectFault({.kind = RequestKind::kPutIfAbsent, .times = 1, .after_apply = true});
  Status lost = fs.PutIfAbsent("memory:///t/_delta_log/0.json", "commit");
  EXPECT_TRUE(lost.IsCommitStateUnknown()) << lost.ToString();
  EXPECT_NE(lost.message().find("injected"), std::string::npos);
  Status retry = fs.PutIfAbsent("memory:///t/_delta_log/0.json", "retry");
  EXPECT_TRUE(retry.IsAlreadyExists()) << retry.ToString();
  // Other lost replies are plain IoErrors.
  fs.InjectFault({.kind = RequestKind::kWrite, .times = 1, .after_apply = true});
  Status write = fs.Write("memory:///t/x", "x");
  EXPECT_TRUE(write.IsIoError());
  EXPECT_FALSE(write.IsCommitStateUnknown());
}

TEST(LatencyFileSystemTest, StreamedCreateIsOnePutRequestMadeByClose) {
  auto mem = std::make_shared<MemoryFileSystem>();
  LatencyFileSystem fs(mem);
  auto out = fs.OpenForCreate("memory:///t/_delta_log/0.json");
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("com").ok());
  ASSERT_TRUE((*out)->Write("mit").ok());
  EXPECT_EQ(fs.request_count(), 0);
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(fs.request_count(), 1);
  EXPECT_EQ(fs.request_count(RequestKind::kPutIfAbsent), 1);
  EXPECT_EQ(*mem->ReadFile("memory:///t/_delta_log/0.json"), "commit");

  // A fault before the request publishes nothing; after it, the file landed but the outcome
  // reported is unknown.
  fs.InjectFault({.kind = RequestKind::kPutIfAbsent, .times = 1});
  out = fs.OpenForCreate("memory:///t/_delta_log/1.json");
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("x").ok());
  EXPECT_TRUE((*out)->Close().IsIoError());
  EXPECT_TRUE(mem->Head("memory:///t/_delta_log/1.json").status().IsNotFound());
  fs.InjectFault({.kind = RequestKind::kPutIfAbsent, .times = 1, .after_apply = true});
  out = fs.OpenForCreate("memory:///t/_delta_log/1.json");
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("y").ok());
  EXPECT_TRUE((*out)->Close().IsCommitStateUnknown());
  EXPECT_EQ(*mem->ReadFile("memory:///t/_delta_log/1.json"), "y");

  test::ExpectOneCreatorWins(fs, "memory:///t/_delta_log/2.json", /*streamed=*/true);
  test::ExpectOneCreatorWins(fs, "memory:///t/_delta_log/3.json", /*streamed=*/false);
}

TEST(LatencyFileSystemTest, PrefixListingAndBulkDeleteAreCounted) {
  auto mem = FilledMemory(3);
  LatencyFileSystem fs(mem);
  auto listed = fs.ListPrefix("memory:///t/");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 3u);
  EXPECT_EQ(fs.request_count(RequestKind::kList), 1);

  // One delete request per file, each matched by its own location.
  fs.FailMatching("/t/1");
  Status st = fs.DeleteMany(Locations(3));
  EXPECT_TRUE(st.IsIoError());
  EXPECT_NE(st.message().find("memory:///t/1"), std::string::npos) << st.ToString();
  EXPECT_EQ(fs.request_count(RequestKind::kDelete), 2);
  EXPECT_EQ(mem->Locations(), (std::vector<std::string>{"memory:///t/1", "memory:///t/2"}));
  fs.ClearFaults();
  EXPECT_TRUE(fs.DeleteMany(Locations(3)).ok());
  EXPECT_TRUE(mem->Locations().empty());
}

}  // namespace
}  // namespace delta
