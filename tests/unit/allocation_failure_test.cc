// Allocation failures and threads that cannot start become ResourceExhausted errors naming what
// was being read; none escapes a pool thread (which would abort the process).
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <new>
#include <string>
#include <system_error>
#include <thread>

#include "delta/forwarding_file_system.h"
#include "delta/latency_file_system.h"
#include "delta/memory_file_system.h"
#include "support/log_builder.h"
#include "util/parallel.h"
#include "util/task_guard.h"
#include "util/thread_pool.h"

namespace delta {
namespace {

using namespace std::chrono_literals;

using testing::AddJson;
using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;

TEST(TaskGuardTest, ExceptionsBecomeStatuses) {
  Status st = CatchAsStatus("reading", "memory:///t/x.json", [] { throw std::bad_alloc(); });
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(st.message(), "reading memory:///t/x.json: out of memory");

  Result<int> r = CatchAsStatus("starting", {}, []() -> Result<int> {
    throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
  });
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("starting: out of threads or memory"), std::string::npos)
      << r.status().message();

  st = CatchAsStatus("x", {}, [] { throw std::runtime_error("boom"); });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(st.message(), "x: unexpected exception: boom");

  EXPECT_EQ(*CatchAsStatus("x", {}, []() -> Result<int> { return 7; }), 7);
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "ResourceExhausted");
}

TEST(TaskGuardTest, ParallelForRethrowsOnTheCallingThread) {
  ThreadPool pool(4);
  std::atomic<int> calls{0};
  std::atomic<bool> thrown{false};
  EXPECT_THROW(ParallelFor(&pool, 10000,
                           [&](size_t i) {
                             ++calls;
                             if (i == 3) {
                               thrown = true;
                               throw std::bad_alloc();
                             }
                             // Every other item waits for the failure (bounded), so how far the
                             // others get does not depend on how threads are scheduled.
                             auto deadline = std::chrono::steady_clock::now() + 5s;
                             while (!thrown && std::chrono::steady_clock::now() < deadline) {
                               std::this_thread::yield();
                             }
                             std::this_thread::sleep_for(1ms);
                           }),
               std::bad_alloc);
  // Items stop being handed out once one failed.
  EXPECT_LT(calls.load(), 10000);
  // The pool is still usable.
  std::atomic<int> after{0};
  ParallelFor(&pool, 100, [&](size_t) { ++after; });
  EXPECT_EQ(after.load(), 100);
}

TEST(TaskGuardTest, ThreadPoolSurvivesAThrowingTask) {
  ThreadPool pool(1);
  pool.Submit([] { throw std::bad_alloc(); });
  std::promise<int> done;
  pool.Submit([&] { done.set_value(1); });
  EXPECT_EQ(done.get_future().get(), 1);
}

// A file system whose reads of one file fail the way a huge file does under a memory limit:
// by throwing std::bad_alloc, on whatever thread reads it.
class ThrowingFileSystem final : public ForwardingFileSystem {
 public:
  ThrowingFileSystem(std::shared_ptr<MemoryFileSystem> inner, std::string poisoned)
      : ForwardingFileSystem(std::move(inner)), poisoned_(std::move(poisoned)) {}
  Result<std::string> ReadFile(std::string_view location) override {
    if (location.ends_with(poisoned_)) throw std::bad_alloc();
    return ForwardingFileSystem::ReadFile(location);
  }
  Result<std::string> ReadRange(std::string_view location, int64_t offset,
                                int64_t length) override {
    if (location.ends_with(poisoned_)) throw std::bad_alloc();
    return ForwardingFileSystem::ReadRange(location, offset, length);
  }

 private:
  std::string poisoned_;
};

TEST(AllocationFailureTest, SnapshotNamesTheFileThatCouldNotBeRead) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a.parquet")});
  for (int v = 1; v <= 20; ++v) b.Commit(v, {AddJson("f" + std::to_string(v) + ".parquet")});
  for (int threads : {1, 4}) {
    // Reads are issued from the latency wrapper's I/O pool: the exception is raised there.
    auto fs = std::make_shared<LatencyFileSystem>(
        std::make_shared<ThrowingFileSystem>(b.fs(), "00000000000000000007.json"),
        LatencyFileSystemOptions{.max_concurrency = threads});
    DefaultEngineOptions opts;
    opts.cpu_threads = threads;
    auto engine = MakeDefaultEngine(fs, opts);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    auto table = Table::ForLocation(b.root(), *engine);
    ASSERT_TRUE(table.ok());
    auto snap = table->LatestSnapshot();
    ASSERT_FALSE(snap.ok());
    EXPECT_EQ(snap.status().code(), StatusCode::kResourceExhausted) << snap.status().ToString();
    EXPECT_NE(snap.status().message().find("reading memory:///t/_delta_log/"
                                           "00000000000000000007.json: out of memory"),
              std::string::npos)
        << snap.status().message();
    // Time travel and history read the same files through other paths.
    EXPECT_EQ(table->SnapshotAtVersion(10).status().code(), StatusCode::kResourceExhausted);
    EXPECT_TRUE(table->SnapshotAtVersion(6).ok());
  }
}

TEST(AllocationFailureTest, LastCheckpointThatCannotBeAllocatedIsIgnored) {
  // A hint that cannot be read for lack of memory is only a hint: it is ignored.
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a.parquet")});
  b.LogFile("_last_checkpoint", R"({"version":0})");
  auto fs = std::make_shared<ThrowingFileSystem>(b.fs(), "_last_checkpoint");
  auto engine = MakeDefaultEngine(fs, {});
  ASSERT_TRUE(engine.ok());
  auto snap = Table::ForLocation(b.root(), *engine)->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ASSERT_FALSE((*snap)->warnings().empty());
  EXPECT_NE((*snap)->warnings().front().find("_last_checkpoint"), std::string::npos);
}

// ASan and TSan map terabytes of shadow memory: an address-space limit cannot be applied.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DELTA_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define DELTA_UNDER_SANITIZER 1
#endif
#endif
#ifndef DELTA_UNDER_SANITIZER
#define DELTA_UNDER_SANITIZER 0
#endif

// Caps this process's address space a little above what it maps now.
void LimitAddressSpace(size_t headroom) {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  rlim_t limit = static_cast<rlim_t>(pages) * 4096 + headroom;
  struct rlimit rl {
    limit, limit
  };
  if (::setrlimit(RLIMIT_AS, &rl) != 0) std::_Exit(3);
}

TEST(AllocationFailureDeathTest, PoolStartsWithTheThreadsItCanGet) {
  if (DELTA_UNDER_SANITIZER) GTEST_SKIP() << "sanitizers reserve the address space";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        // Each thread maps a stack of several MiB: only a few fit in 32 MiB more.
        LimitAddressSpace(size_t{32} << 20);
        std::atomic<int> ran{0};
        {
          ThreadPool pool(256);
          std::fprintf(stderr, "started %d threads\n", pool.threads());
          ParallelFor(&pool, 1000, [&](size_t) { ++ran; });
          if (pool.threads() >= 256) std::_Exit(4);
        }
        std::_Exit(ran.load() == 1000 ? 0 : 5);
      },
      ::testing::ExitedWithCode(0), "started");
}

TEST(AllocationFailureDeathTest, PoolWithoutThreadsRunsTasksOnTheCaller) {
  if (DELTA_UNDER_SANITIZER) GTEST_SKIP() << "sanitizers reserve the address space";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        // No room for even one thread stack.
        LimitAddressSpace(0);
        ThreadPool pool(4);
        bool ran = false;
        pool.Submit([&] { ran = true; });
        std::fprintf(stderr, "threads %d parallelism %d ran %d\n", pool.threads(),
                     pool.parallelism(), ran ? 1 : 0);
        std::_Exit(pool.threads() == 0 && pool.parallelism() == 1 && ran ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "threads 0 parallelism 1 ran 1");
}

TEST(AllocationFailureDeathTest, HugeCommitUnderAMemoryLimitIsResourceExhausted) {
  if (DELTA_UNDER_SANITIZER) GTEST_SKIP() << "sanitizers reserve the address space";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a.parquet")});
  // 96 MiB of blank lines: a real read needs more than the limit allows.
  b.LogFile("00000000000000000001.json", std::string(size_t{96} << 20, '\n'));
  EXPECT_EXIT(
      {
        LimitAddressSpace(size_t{64} << 20);
        auto snap = b.table().LatestSnapshot();
        std::fprintf(stderr, "%s\n", snap.status().ToString().c_str());
        std::_Exit(snap.status().IsResourceExhausted() ? 0 : 6);
      },
      ::testing::ExitedWithCode(0),
      "ResourceExhausted: .*memory:///t/_delta_log/00000000000000000001.json.*out of memory");
}

}  // namespace
}  // namespace delta
