// The object-store framework: locations, retries, the FileSystem over a store, routing.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <mutex>

#include "cloud/object_store.h"
#include "cloud/object_store_file_system.h"
#include "cloud/retry.h"
#include "cloud/routing_file_system.h"
#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "support/memory_object_store.h"
#include "support/temp_dir.h"

namespace delta::cloud {
namespace {

using testing::MemoryObjectStore;

TEST(StoreLocationTest, ParsesEveryScheme) {
  struct Case {
    std::string uri, scheme, bucket, account, key;
  };
  for (const Case& c : std::vector<Case>{
           {"s3://bucket/t/_delta_log/0.json", "s3", "bucket", "", "t/_delta_log/0.json"},
           {"S3A://bucket", "s3a", "bucket", "", ""},
           {"s3://bucket/", "s3", "bucket", "", ""},
           {"s3://b/a%20b/c%25d", "s3", "b", "", "a b/c%d"},
           {"gs://bkt/dir/", "gs", "bkt", "", "dir/"},
           {"az://container/t", "az", "container", "", "t"},
           {"azure://container/t", "azure", "container", "", "t"},
           {"abfss://c@acct.dfs.core.windows.net/t/x", "abfss", "c", "acct", "t/x"},
           {"abfs://c@acct.blob.core.windows.net/t", "abfs", "c", "acct", "t"},
           {"abfss://c/t", "abfss", "c", "", "t"},
       }) {
    auto loc = ParseStoreLocation(c.uri);
    ASSERT_TRUE(loc.ok()) << c.uri << ": " << loc.status().ToString();
    EXPECT_EQ(loc->scheme, c.scheme) << c.uri;
    EXPECT_EQ(loc->bucket, c.bucket) << c.uri;
    EXPECT_EQ(loc->account, c.account) << c.uri;
    EXPECT_EQ(loc->key, c.key) << c.uri;
  }
}

TEST(StoreLocationTest, RejectsWhatIsNotAStoreLocation) {
  EXPECT_EQ(ParseStoreLocation("/tmp/t").status().message(),
            "object-store location '/tmp/t': expected <scheme>://<bucket>/<key>");
  EXPECT_EQ(ParseStoreLocation("hdfs://nn/t").status().message(),
            "object-store location 'hdfs://nn/t': unknown scheme 'hdfs' (expected s3, s3a, gs, "
            "az, azure, abfs or abfss)");
  EXPECT_EQ(ParseStoreLocation("s3:///t").status().message(),
            "object-store location 's3:///t': no bucket name");
  EXPECT_EQ(ParseStoreLocation("az:///t").status().message(),
            "object-store location 'az:///t': no container name");
  EXPECT_EQ(ParseStoreLocation("abfss://c@/t").status().message(),
            "object-store location 'abfss://c@/t': no storage account after '@'");
}

TEST(HttpResponseTest, HeaderLookupIgnoresCase) {
  HttpResponse r;
  r.headers = {{"Content-Length", "12"}, {"ETag", "\"x\""}, {"etag", "second"}};
  EXPECT_EQ(r.Header("content-length"), "12");
  EXPECT_EQ(r.Header("ETAG"), "\"x\"");
  EXPECT_EQ(r.Header("x-missing"), "");
}

// Answers from a script: each entry a status (0 = a lost response, i.e. a transport error).
class ScriptedHttpClient final : public HttpClient {
 public:
  explicit ScriptedHttpClient(std::deque<int> script) : script_(std::move(script)) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mu_);
    sent.push_back(request);
    int status = script_.empty() ? 200 : script_.front();
    if (!script_.empty()) script_.pop_front();
    if (status == 0) return Status::IoError(request.method + " " + request.url + " failed: reset");
    HttpResponse r;
    r.status = status;
    r.body = "attempt " + std::to_string(sent.size());
    return r;
  }
  std::vector<HttpRequest> sent;

 private:
  std::mutex mu_;
  std::deque<int> script_;
};

RetryPolicy FastPolicy(int attempts) {
  RetryPolicy p;
  p.max_attempts = attempts;
  p.initial_backoff = std::chrono::milliseconds(1);
  p.max_backoff = std::chrono::milliseconds(4);
  return p;
}

Result<HttpRequest> Get() { return HttpRequest{"GET", "http://127.0.0.1:1/b/k", {}, ""}; }

TEST(RetryTest, IdempotentRequestsRetryTransientErrorsAndLostResponses) {
  ScriptedHttpClient http({500, 0, 503, 429, 502, 504, 200});
  auto r = SendWithRetry(http, FastPolicy(10), Get);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "attempt 7");
  EXPECT_EQ(http.sent.size(), 7u);
}

TEST(RetryTest, ClientErrorsAreNotRetried) {
  ScriptedHttpClient http({403, 200});
  auto r = SendWithRetry(http, FastPolicy(10), Get);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(http.sent.size(), 1u);
}

TEST(RetryTest, GivesUpAfterTheAttemptsWithTheLastOutcome) {
  ScriptedHttpClient statuses({503, 503, 503, 200});
  auto r = SendWithRetry(statuses, FastPolicy(3), Get);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(statuses.sent.size(), 3u);

  ScriptedHttpClient lost({0, 0, 0});
  auto e = SendWithRetry(lost, FastPolicy(3), Get);
  EXPECT_EQ(e.status().code(), StatusCode::kIoError);
  EXPECT_EQ(e.status().message(), "GET http://127.0.0.1:1/b/k failed: reset (after 3 attempts)");
}

TEST(RetryTest, StopsWithinTheTotalTime) {
  ScriptedHttpClient http(std::deque<int>(100, 503));
  RetryPolicy p = FastPolicy(100);
  p.initial_backoff = std::chrono::milliseconds(20);
  p.max_backoff = std::chrono::milliseconds(20);
  p.max_total = std::chrono::milliseconds(50);
  auto r = SendWithRetry(http, p, Get);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_LE(http.sent.size(), 5u);
}

TEST(RetryTest, ACallerDecidesWhatIsSafeToRepeat) {
  // A conditional create: a lost response may have landed, so it is not repeated; a 409 (the
  // server says nothing was written) is.
  auto create_retry = [](const Result<HttpResponse>& r) { return r.ok() && r->status == 409; };
  ScriptedHttpClient lost({0, 200});
  EXPECT_EQ(SendWithRetry(lost, FastPolicy(5), Get, create_retry).status().message(),
            "GET http://127.0.0.1:1/b/k failed: reset");
  EXPECT_EQ(lost.sent.size(), 1u);
  ScriptedHttpClient conflict({409, 409, 200});
  EXPECT_EQ(SendWithRetry(conflict, FastPolicy(5), Get, create_retry)->status, 200);
  EXPECT_EQ(conflict.sent.size(), 3u);
}

TEST(RetryTest, RebuildsTheRequestForEveryAttempt) {
  ScriptedHttpClient http({503, 200});
  int built = 0;
  auto r = SendWithRetry(http, FastPolicy(5), [&]() -> Result<HttpRequest> {
    ++built;
    return HttpRequest{"GET", "http://h/" + std::to_string(built), {}, ""};
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(http.sent[1].url, "http://h/2");
}

class ObjectStoreFileSystemTest : public ::testing::Test {
 protected:
  std::shared_ptr<MemoryObjectStore> store = std::make_shared<MemoryObjectStore>();
  ObjectStoreFileSystem fs{store, "s3://b", 4};
};

TEST_F(ObjectStoreFileSystemTest, ListFromStartsAfterTheStoreSide) {
  for (std::string name : {"00000000000000000000.json", "00000000000000000001.json",
                           "00000000000000000002.checkpoint.parquet", "00000000000000000002.json",
                           "_last_checkpoint"}) {
    store->objects["t/_delta_log/" + name] = name;
  }
  store->objects["t/_delta_log/sub/x.json"] = "deeper";
  store->objects["t/_delta_log/"] = "";  // a directory marker
  auto listed = fs.ListFrom("s3://b/t/_delta_log/00000000000000000001");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  std::vector<std::string> names;
  for (const FileInfo& f : *listed) names.push_back(f.location);
  EXPECT_EQ(names,
            (std::vector<std::string>{"s3://b/t/_delta_log/00000000000000000001.json",
                                      "s3://b/t/_delta_log/00000000000000000002.checkpoint.parquet",
                                      "s3://b/t/_delta_log/00000000000000000002.json",
                                      "s3://b/t/_delta_log/_last_checkpoint"}));
  ASSERT_EQ(store->lists.size(), 1u);
  EXPECT_EQ(store->lists[0].prefix, "t/_delta_log/");
  EXPECT_EQ(store->lists[0].start_after, "t/_delta_log/0000000000000000000");
  EXPECT_FALSE(store->lists[0].recursive);
  EXPECT_EQ((*listed)[0].size, 25);
  EXPECT_EQ((*listed)[0].modification_time_ms, 1000);
}

TEST_F(ObjectStoreFileSystemTest, KeysAreEncodedAsTheLocalEngineEncodesPaths) {
  store->objects["t/p=a b/f%1.parquet"] = "x";
  auto listed = fs.ListPrefix("s3://b/t/p=a%20b/");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].location, "s3://b/t/p%3Da%20b/f%251.parquet");
  EXPECT_EQ(*fs.ReadFile((*listed)[0].location), "x");
  EXPECT_EQ(fs.Head("s3://b/t/p=a%20b/f%251.parquet")->location,
            "s3://b/t/p%3Da%20b/f%251.parquet");
}

TEST_F(ObjectStoreFileSystemTest, ListRecursiveSkipsDirectories) {
  for (std::string key :
       {"t/a.parquet", "t/p=1/b.parquet", "t/_delta_log/0.json", "t/p=1/_tmp/c", "tother/x"}) {
    store->objects[key] = "x";
  }
  auto listed = fs.ListRecursive("s3://b/t", [](std::string_view d) { return d.starts_with('_'); });
  ASSERT_TRUE(listed.ok());
  std::vector<std::string> names;
  for (const FileInfo& f : *listed) names.push_back(f.location);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"s3://b/t/a.parquet", "s3://b/t/p%3D1/b.parquet"}));
}

TEST_F(ObjectStoreFileSystemTest, ReadsWritesCreatesAndDeletes) {
  ASSERT_TRUE(fs.Write("s3://b/t/f", "0123456789").ok());
  EXPECT_EQ(*fs.ReadRange("s3://b/t/f", 2, 3), "234");
  EXPECT_EQ(*fs.ReadRange("s3://b/t/f", 8, 30), "89");
  EXPECT_TRUE(fs.PutIfAbsent("s3://b/t/g", "new").ok());
  Status again = fs.PutIfAbsent("s3://b/t/g", "other");
  EXPECT_TRUE(again.IsAlreadyExists());
  ASSERT_NE(again.detail(), nullptr);
  EXPECT_EQ(again.detail()->subject, "s3://b/t/g");
  EXPECT_EQ(*fs.ReadFile("s3://b/t/g"), "new");
  std::vector<std::string> many = {"s3://b/t/f", "s3://b/t/g", "s3://b/t/none"};
  EXPECT_TRUE(fs.DeleteMany(many).ok());
  EXPECT_TRUE(store->objects.empty());
  EXPECT_TRUE(fs.ReadFile("s3://b/t/f").status().IsNotFound());
  EXPECT_EQ(fs.ReadFile("s3://other/t/f").status().message(),
            "location 's3://other/t/f' is not in memory bucket 'b'");
}

TEST_F(ObjectStoreFileSystemTest, ReadFilesKeepsRequestsInFlight) {
  std::vector<std::string> locations;
  for (int i = 0; i < 20; ++i) {
    store->objects["t/" + std::to_string(i)] = std::to_string(i * i);
    locations.push_back("s3://b/t/" + std::to_string(i));
  }
  locations.push_back("s3://b/t/missing");
  std::vector<std::string> got(locations.size());
  std::mutex mu;
  fs.ReadFiles(locations, [&](size_t i, Result<std::string> r) {
    std::lock_guard lock(mu);
    got[i] = r.ok() ? *r : "error";
  });
  for (int i = 0; i < 20; ++i) EXPECT_EQ(got[i], std::to_string(i * i));
  EXPECT_EQ(got[20], "error");
  EXPECT_EQ(fs.max_concurrency(), 4);
}

TEST(ObjectStoreFileSystemUnsafeTest, StoresWithoutConditionalCreateAreRefusedForCommits) {
  auto store = std::make_shared<MemoryObjectStore>();
  store->conditional = false;
  ObjectStoreFileSystem refused(store, "s3://b", 1);
  Status st = refused.PutIfAbsent("s3://b/t/_delta_log/0.json", "{}");
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_EQ(st.message(),
            "memory bucket 'b' cannot create objects conditionally, so commits there are not "
            "atomic; refusing to write 's3://b/t/_delta_log/0.json'");
  ObjectStoreFileSystem unsafe(store, "s3://b", 1, /*allow_unsafe_create=*/true);
  EXPECT_TRUE(unsafe.PutIfAbsent("s3://b/t/_delta_log/0.json", "{}").ok());
}

TEST(RoutingFileSystemTest, LocalPathsGoToTheLocalEngine) {
  delta::test::TempDir dir;
  auto fs = *MakeDefaultFileSystem();
  ASSERT_TRUE(fs->Write(dir.path() + "/x", "local").ok());
  EXPECT_EQ(*fs->ReadFile(dir.uri() + "/x"), "local");
  auto routing = std::dynamic_pointer_cast<RoutingFileSystem>(fs);
  ASSERT_NE(routing, nullptr);
}

}  // namespace
}  // namespace delta::cloud
