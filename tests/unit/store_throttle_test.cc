// Throttled stores and TLS failures: retries believe Retry-After but stay within the policy's
// time, messages name the store, the operation, the key and the attempts, and a certificate
// problem is never retried.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "cloud/azure_store.h"
#include "cloud/gcs_store.h"
#include "cloud/retry.h"
#include "cloud/store_factory.h"
#include "support/fake_http_client.h"
#include "support/temp_dir.h"

namespace delta::cloud {
namespace {

using test::FakeHttpClient;
using test::Reply;

Result<HttpRequest> Get() { return HttpRequest{"GET", "http://127.0.0.1:1/b/k", {}, ""}; }

TEST(RetryAfterTest, ReadsSecondsAndDates) {
  HttpResponse r = Reply(503, "", {{"retry-after", " 2 "}});
  EXPECT_EQ(RetryAfter(r, 0), std::chrono::milliseconds(2000));
  // "Sun, 06 Nov 1994 08:49:37 GMT" is 784111777 s after the epoch.
  r.headers = {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}};
  EXPECT_EQ(RetryAfter(r, 784111777000 - 1500), std::chrono::milliseconds(1500));
  EXPECT_EQ(RetryAfter(r, 784111777000 + 1), std::chrono::milliseconds(0));
  r.headers = {{"Retry-After", "soon"}};
  EXPECT_EQ(RetryAfter(r, 0), std::nullopt);
  r.headers = {};
  EXPECT_EQ(RetryAfter(r, 0), std::nullopt);
}

TEST(RetryAfterTest, AServerAskingForMoreThanTheBudgetEndsTheRetries) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(429, "", {{"Retry-After", "30"}});
  });
  RetryPolicy policy;  // 20 s in all: a 30 s wait cannot fit
  auto start = std::chrono::steady_clock::now();
  auto r = SendWithRetry(http, policy, Get);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->attempts, 1);
  EXPECT_EQ(http.requests().size(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(RetryAfterTest, TheAskedWaitIsKeptBetweenAttempts) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(503, "", {{"Retry-After", "1"}});
  });
  RetryPolicy policy;
  policy.max_attempts = 3;
  policy.initial_backoff = std::chrono::milliseconds(1);
  auto start = std::chrono::steady_clock::now();
  auto r = SendWithRetry(http, policy, Get);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->attempts, 3);
  EXPECT_EQ(http.requests().size(), 3u);
  EXPECT_GE(took, std::chrono::milliseconds(2000));  // two waits of at least 1 s
}

TEST(ThrottledStoreTest, GcsNamesTheBucketObjectOperationAndAttempts) {
  auto http = std::make_shared<FakeHttpClient>([](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(429, R"({"error":{"code":429,"message":"rate limited"}})");
  });
  auto store =
      MakeGcsStoreWithHooks({"gs", "bkt", "", ""}, {{"GOOGLE_ENDPOINT_URL", "http://127.0.0.1:1"}},
                            http, test::FixedTimeHooks(1700000000));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Status st = (*store)->Get("t/_delta_log/00000000000000000000.json").status();
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(st.message(),
            "gcs bucket 'bkt' object 't/_delta_log/00000000000000000000.json': read was throttled "
            "(HTTP 429: rate limited); gave up after 3 attempts");
  EXPECT_EQ(http->requests().size(), 3u);
  // A commit's create is repeated on 429 too (the store says it did nothing), within bounds.
  st = (*store)->Put("t/_delta_log/00000000000000000001.json", "{}", PutMode::kCreate);
  EXPECT_EQ(st.message(),
            "gcs bucket 'bkt' object 't/_delta_log/00000000000000000001.json': write was "
            "throttled (HTTP 429: rate limited); gave up after 3 attempts");
  EXPECT_EQ(http->requests().size(), 6u);
}

TEST(CaBundleOptionTest, IsReadFromTheOptionsAndChecked) {
  test::TempDir dir;
  std::string pem = dir.path() + "/ca.pem";
  std::ofstream(pem) << "-----BEGIN CERTIFICATE-----\n";
  auto found = HttpClientOptionsFrom({{"CA_BUNDLE", pem}});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->ca_bundle, pem);
  EXPECT_EQ(HttpClientOptionsFrom({{"AWS_CA_BUNDLE", pem}})->ca_bundle, pem);
  auto missing = HttpClientOptionsFrom({{"ca_bundle", dir.path() + "/nope.pem"}});
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().message(),
            "the CA bundle '" + dir.path() + "/nope.pem' (option ca_bundle) cannot be read");
}

}  // namespace
}  // namespace delta::cloud
