// The kernel on a real S3 server (versitygw on 127.0.0.1, started by scripts/test.sh and
// found through DELTA_TEST_S3_*): responses lost or failed at the HTTP layer during commits
// are resolved by the transaction (its txnId check), never by a second write. Skipped without
// the server, except in CI.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>

#include "cloud/http_client.h"
#include "cloud/routing_file_system.h"
#include "delta/default_engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/write_table.h"
#include "support/id_part_table.h"

namespace delta::cloud {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// Passes requests to libcurl, except that the chosen commit PUTs are sent and their response
// dropped (a reset after the server acted), or answered 500 before reaching the server.
class FaultyHttpClient final : public HttpClient {
 public:
  explicit FaultyHttpClient(std::shared_ptr<HttpClient> inner) : inner_(std::move(inner)) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    bool commit = request.method == "PUT" &&
                  request.url.find("/_delta_log/") != std::string::npos &&
                  request.url.ends_with(".json");
    if (commit && fail_before.exchange(false)) {
      return HttpResponse{500, {}, "<Error><Code>InternalError</Code></Error>"};
    }
    Result<HttpResponse> r = inner_->Send(request);
    if (commit && lose_after.exchange(false)) {
      lost.fetch_add(1);
      return Status::IoError(request.method + " " + request.url + " failed: connection reset");
    }
    return r;
  }
  std::atomic<bool> lose_after{false};
  std::atomic<bool> fail_before{false};
  std::atomic<int> lost{0};

 private:
  std::shared_ptr<HttpClient> inner_;
};

class S3ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    endpoint_ = Env("DELTA_TEST_S3_ENDPOINT");
    if (endpoint_.empty()) {
      if (Env("CI") == "true") FAIL() << "DELTA_TEST_S3_ENDPOINT is not set in CI";
      GTEST_SKIP() << "no S3 server (DELTA_TEST_S3_ENDPOINT); run scripts/test.sh";
    }
    StorageOptions options = {{"AWS_ENDPOINT_URL", endpoint_},
                              {"AWS_ACCESS_KEY_ID", Env("DELTA_TEST_S3_ACCESS_KEY_ID")},
                              {"AWS_SECRET_ACCESS_KEY", Env("DELTA_TEST_S3_SECRET_ACCESS_KEY")},
                              {"AWS_ALLOW_HTTP", "true"}};
    http_ = std::make_shared<FaultyHttpClient>(*MakeCurlHttpClient());
    DefaultEngineOptions eo;
    eo.cpu_threads = 2;
    eo.io_concurrency = 4;
    auto fs = std::make_shared<RoutingFileSystem>(*MakeDefaultFileSystem(eo), options, 4, http_);
    engine_ = *MakeDefaultEngine(fs, eo);
    std::random_device rd;
    root_ = "s3://" + Env("DELTA_TEST_S3_BUCKET") + "/lost-" + std::to_string(rd()) + "/t";
  }

  static ArrowArrayStream Ids(const std::vector<int64_t>& ids) {
    return test::Stream(ids, std::vector<std::string>(ids.size(), "a"));
  }
  int64_t Version() { return test::LatestVersion(root_, engine_); }

  std::string endpoint_;
  std::shared_ptr<FaultyHttpClient> http_;
  std::shared_ptr<Engine> engine_;
  std::string root_;
};

TEST_F(S3ServerTest, ALostCommitResponseIsResolvedByTheTxnIdCheck) {
  ArrowArrayStream first = Ids({1, 2});
  http_->lose_after = true;  // the create's PUT lands, its response does not
  auto created = WriteTable(root_, engine_, &first, {});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(http_->lost.load(), 1);
  EXPECT_EQ(created->version, 0);
  EXPECT_TRUE(created->recovered_lost_response);

  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream second = Ids({3});
  http_->lose_after = true;
  auto appended = WriteTable(root_, engine_, &second, append);
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ(appended->version, 1);
  EXPECT_TRUE(appended->recovered_lost_response);
  EXPECT_EQ(Version(), 1);  // one commit each: nothing written twice
}

TEST_F(S3ServerTest, AServerErrorBeforeTheCommitIsRetriedByTheTransaction) {
  ArrowArrayStream first = Ids({1});
  ASSERT_TRUE(WriteTable(root_, engine_, &first, {}).ok());
  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream second = Ids({2});
  http_->fail_before = true;
  auto appended = WriteTable(root_, engine_, &second, append);
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ(appended->version, 1);
  EXPECT_FALSE(appended->recovered_lost_response);
  EXPECT_EQ(appended->attempts, 2);
  EXPECT_EQ(Version(), 1);
}

}  // namespace
}  // namespace delta::cloud
