// A scan of a table in an object store keeps the store's requests in flight (up to 16 files),
// not one per CPU thread: file reads block on round trips (bench/run_objstore.sh found 2 in
// flight on 2 cores). Against the S3 server scripts/test.sh starts (versitygw on 127.0.0.1,
// DELTA_TEST_S3_*); skipped without it, except in CI.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "cloud/http_client.h"
#include "cloud/routing_file_system.h"
#include "cloud/store_concurrency.h"
#include "delta/default_engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "delta/write_table.h"
#include "support/id_part_table.h"

namespace delta::cloud {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// Passes requests to libcurl; while `slow`, each waits 20 ms first (a remote store's round
// trip), and the peak number of requests in flight is recorded.
class CountingHttpClient final : public HttpClient {
 public:
  explicit CountingHttpClient(std::shared_ptr<HttpClient> inner) : inner_(std::move(inner)) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    int now = in_flight_.fetch_add(1) + 1;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    requests.fetch_add(1);
    if (slow.load()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    Result<HttpResponse> r = inner_->Send(request);
    in_flight_.fetch_sub(1);
    return r;
  }
  void Reset() {
    peak = 0;
    requests = 0;
  }
  std::atomic<bool> slow{false};
  std::atomic<int> peak{0};
  std::atomic<int> requests{0};

 private:
  std::shared_ptr<HttpClient> inner_;
  std::atomic<int> in_flight_{0};
};

class ScanObjectStoreConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string endpoint = Env("DELTA_TEST_S3_ENDPOINT");
    if (endpoint.empty()) {
      if (Env("CI") == "true") FAIL() << "DELTA_TEST_S3_ENDPOINT is not set in CI";
      GTEST_SKIP() << "no S3 server (DELTA_TEST_S3_ENDPOINT); run scripts/test.sh";
    }
    StorageOptions options = {{"AWS_ENDPOINT_URL", endpoint},
                              {"AWS_ACCESS_KEY_ID", Env("DELTA_TEST_S3_ACCESS_KEY_ID")},
                              {"AWS_SECRET_ACCESS_KEY", Env("DELTA_TEST_S3_SECRET_ACCESS_KEY")},
                              {"AWS_ALLOW_HTTP", "true"},
                              {"OBJECT_STORE_CONCURRENCY_LIMIT", std::to_string(kIo)}};
    http_ = std::make_shared<CountingHttpClient>(*MakeCurlHttpClient());
    DefaultEngineOptions eo;
    eo.cpu_threads = 1;     // one CPU thread: before the fix, one file read at a time
    eo.io_concurrency = 2;  // local storage's; the store's comes from the option
    auto fs = std::make_shared<RoutingFileSystem>(*MakeDefaultFileSystem(eo), options, 2, http_);
    engine_ = *MakeDefaultEngine(fs, eo);
    std::random_device rd;
    root_ = "s3://" + Env("DELTA_TEST_S3_BUCKET") + "/scan-conc-" + std::to_string(rd()) + "/t";

    // 16 partitions of one row each: 16 data files in one commit.
    std::vector<int64_t> ids;
    std::vector<std::string> parts;
    for (int i = 0; i < kFiles; ++i) {
      ids.push_back(i);
      parts.push_back("p" + std::to_string(i));
    }
    ArrowArrayStream data = test::Stream(ids, parts);
    WriteOptions wo;
    wo.partition_by = {"part"};
    auto written = WriteTable(root_, engine_, &data, wo);
    ASSERT_TRUE(written.ok()) << written.status().ToString();
  }

  // Reads every row with `options`; returns the ids read, sorted, and leaves the counts of
  // the reading alone (the snapshot is loaded before the counters are reset).
  std::vector<int64_t> ReadIds(const ExecuteOptions& options) {
    auto snapshot = *Table::ForLocation(root_, engine_)->LatestSnapshot();
    auto scan = *Scan::Make(snapshot, {});
    http_->Reset();
    http_->slow = true;
    auto reader = ReadScanBatches(scan, engine_, options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<int64_t> ids;
    while (reader.ok()) {
      auto batch = (*reader)->Next();
      EXPECT_TRUE(batch.ok()) << batch.status().ToString();
      if (!batch.ok() || !batch->has_value()) break;
      const ArrowArray* array = (**batch).get();
      // Column 0 is `id` (int64): buffers are validity, values.
      const ArrowArray* id = array->children[0];
      const auto* values = static_cast<const int64_t*>(id->buffers[1]);
      for (int64_t r = 0; r < id->length; ++r) ids.push_back(values[id->offset + r]);
    }
    http_->slow = false;
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static constexpr int kIo = 8;
  static constexpr int kFiles = 16;
  std::shared_ptr<CountingHttpClient> http_;
  std::shared_ptr<Engine> engine_;
  std::string root_;
};

std::vector<int64_t> Iota(int n) {
  std::vector<int64_t> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST_F(ScanObjectStoreConcurrencyTest, ReadsAsManyFilesAtOnceAsTheStorageKeepsInFlight) {
  EXPECT_EQ(ReadIds({}), Iota(kFiles));
  EXPECT_EQ(http_->peak.load(), kIo);
  // Small files are fetched whole: one request each, not a footer read and a column read.
  EXPECT_EQ(http_->requests.load(), kFiles);
}

TEST_F(ScanObjectStoreConcurrencyTest, AnExplicitFilesInFlightIsKept) {
  ExecuteOptions one;
  one.max_files_in_flight = 1;
  EXPECT_EQ(ReadIds(one), Iota(kFiles));
  EXPECT_EQ(http_->peak.load(), 1);
}

TEST(ObjectStoreConcurrencyTest, TheOptionElseAtLeastTheDefault) {
  EXPECT_EQ(*ObjectStoreConcurrency({}, 16), 128);
  EXPECT_EQ(*ObjectStoreConcurrency({}, 200), 200);
  EXPECT_EQ(*ObjectStoreConcurrency({{"object_store_concurrency_limit", "8"}}, 16), 8);
  auto zero = ObjectStoreConcurrency({{"OBJECT_STORE_CONCURRENCY_LIMIT", "0"}}, 16);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().ToString(),
            "InvalidArgument: storage option OBJECT_STORE_CONCURRENCY_LIMIT must be a whole "
            "number >= 1, got '0'");
  EXPECT_FALSE(ObjectStoreConcurrency({{"OBJECT_STORE_CONCURRENCY_LIMIT", "8x"}}, 16).ok());
}

}  // namespace
}  // namespace delta::cloud
