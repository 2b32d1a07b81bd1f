// The Azure and GCS stores against real servers on 127.0.0.1: Azurite (DELTA_TEST_AZURE_ENDPOINT)
// and fake-gcs-server (DELTA_TEST_GCS_ENDPOINT), started by scripts/objectstores/*.sh. Skipped when
// the variable is unset, except in CI (CI=true), where a missing server is a failure.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cloud/azure_store.h"
#include "cloud/gcs_store.h"
#include "cloud/http_client.h"
#include "support/azure_gcs_servers.h"
#include "util/base64.h"

namespace delta {
namespace {

using cloud::ObjectStore;
using cloud::PutMode;

// What every store must do: round trips, ranged reads, start-after listings, deletes.
void ExerciseStore(ObjectStore& store) {
  ASSERT_TRUE(store.Put("t/_delta_log/00000000000000000000.json", "zero", PutMode::kCreate).ok());
  for (int v = 1; v <= 12; ++v) {
    char key[64];
    std::snprintf(key, sizeof key, "t/_delta_log/%020d.json", v);
    ASSERT_TRUE(store.Put(key, "v" + std::to_string(v), PutMode::kCreate).ok());
  }
  ASSERT_TRUE(store.Put("t/_delta_log/_last_checkpoint", "{}", PutMode::kOverwrite).ok());
  ASSERT_TRUE(store.Put("t/part=a b/f.parquet", "0123456789", PutMode::kOverwrite).ok());

  auto all = store.Get("t/_delta_log/00000000000000000000.json");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(*all, "zero");
  auto range = store.Get("t/part=a b/f.parquet", 3, 4);
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ(*range, "3456");
  auto tail = store.Get("t/part=a b/f.parquet", 8, 100);
  ASSERT_TRUE(tail.ok()) << tail.status().ToString();
  EXPECT_EQ(*tail, "89");
  auto meta = store.Head("t/part=a b/f.parquet");
  ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  EXPECT_EQ(meta->size, 10);
  EXPECT_GT(meta->modification_time_ms, 1'600'000'000'000);

  auto listed = store.List("t/_delta_log/", "t/_delta_log/00000000000000000010.json", false);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].key, "t/_delta_log/00000000000000000011.json");
  EXPECT_EQ((*listed)[1].key, "t/_delta_log/00000000000000000012.json");
  EXPECT_EQ((*listed)[1].size, 3);
  EXPECT_EQ((*listed)[2].key, "t/_delta_log/_last_checkpoint");
  auto top = store.List("t/", "", false);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->size(), 0u);  // only "directories" directly under t/
  auto deep = store.List("t/", "", true);
  ASSERT_TRUE(deep.ok());
  EXPECT_EQ(deep->size(), 15u);

  Status again = store.Put("t/_delta_log/00000000000000000001.json", "x", PutMode::kCreate);
  EXPECT_TRUE(again.IsAlreadyExists()) << again.ToString();
  auto kept = store.Get("t/_delta_log/00000000000000000001.json");
  EXPECT_EQ(*kept, "v1");  // the losing create wrote nothing

  ASSERT_TRUE(store.Delete("t/part=a b/f.parquet").ok());
  EXPECT_EQ(store.Head("t/part=a b/f.parquet").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store.Delete("t/part=a b/f.parquet").ok());
}

// 8 writers race to create versions 0..N-1, each taking the next free one: every version is
// won exactly once (no lost and no duplicated commits).
void RaceCreates(ObjectStore& store) {
  constexpr int kWriters = 8;
  constexpr int kVersions = 24;
  std::vector<std::vector<int>> won(kWriters);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int v = 0; v < kVersions; ++v) {
        char key[64];
        std::snprintf(key, sizeof key, "race/_delta_log/%020d.json", v);
        Status st = store.Put(key, "writer " + std::to_string(w), PutMode::kCreate);
        if (st.ok()) {
          won[w].push_back(v);
        } else if (!st.IsAlreadyExists()) {
          ++errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  std::vector<int> winners(kVersions, -1);
  int total = 0;
  for (int w = 0; w < kWriters; ++w) {
    for (int v : won[w]) {
      EXPECT_EQ(winners[v], -1) << "version " << v << " created twice";
      winners[v] = w;
      ++total;
    }
  }
  EXPECT_EQ(total, kVersions);
  for (int v = 0; v < kVersions; ++v) {
    char key[64];
    std::snprintf(key, sizeof key, "race/_delta_log/%020d.json", v);
    auto body = store.Get(key);
    ASSERT_TRUE(body.ok()) << body.status().ToString();
    EXPECT_EQ(*body, "writer " + std::to_string(winners[v])) << key;
  }
}

std::shared_ptr<ObjectStore> AzuriteStore(const std::string& endpoint, const std::string& container,
                                          cloud::StorageOptions extra = {}) {
  cloud::StorageOptions options = {{"AZURE_STORAGE_USE_EMULATOR", "true"},
                                   {"AZURE_STORAGE_ENDPOINT", endpoint}};
  for (auto& [k, v] : extra) options[k] = v;
  auto store =
      cloud::MakeAzureStore({"az", container, "", ""}, options, *cloud::MakeCurlHttpClient());
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? *store : nullptr;
}

std::shared_ptr<ObjectStore> FakeGcsStore(const std::string& endpoint, const std::string& bucket) {
  auto store = cloud::MakeGcsStore({"gs", bucket, "", ""}, {{"GOOGLE_ENDPOINT_URL", endpoint}},
                                   *cloud::MakeCurlHttpClient());
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? *store : nullptr;
}

TEST(AzuriteServerTest, StoreOperations) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = test::UniqueName("ops");
  test::CreateContainer(endpoint, container);
  ExerciseStore(*AzuriteStore(endpoint, container));
}

TEST(AzuriteServerTest, EightWritersRacingCreates) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = test::UniqueName("race");
  test::CreateContainer(endpoint, container);
  RaceCreates(*AzuriteStore(endpoint, container));
}

TEST(AzuriteServerTest, WrongKeyMissingContainerAndMissingBlob) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = test::UniqueName("err");
  test::CreateContainer(endpoint, container);
  auto wrong = AzuriteStore(endpoint, container,
                            {{"AZURE_STORAGE_ACCOUNT_KEY", Base64Encode("not the key")}});
  Status st = wrong->Get("_delta_log/00000000000000000000.json").status();
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(st.message(), "azure account 'devstoreaccount1' container '" + container +
                              "' blob '_delta_log/00000000000000000000.json': read refused "
                              "(HTTP 403 AuthorizationFailure) with the account key from option "
                              "AZURE_STORAGE_ACCOUNT_KEY");
  st = AzuriteStore(endpoint, "nosuchcontainer")->List("_delta_log/", "", false).status();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(),
            "azure account 'devstoreaccount1' container 'nosuchcontainer': the container does "
            "not exist");
  st = AzuriteStore(endpoint, container)->Get("_delta_log/00000000000000000000.json").status();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "azure account 'devstoreaccount1' container '" + container +
                              "' blob '_delta_log/00000000000000000000.json': not found");
}

TEST(FakeGcsServerTest, StoreOperations) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  std::string bucket = test::UniqueName("ops");
  test::CreateBucket(endpoint, bucket);
  ExerciseStore(*FakeGcsStore(endpoint, bucket));
}

TEST(FakeGcsServerTest, EightWritersRacingCreates) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  std::string bucket = test::UniqueName("race");
  test::CreateBucket(endpoint, bucket);
  RaceCreates(*FakeGcsStore(endpoint, bucket));
}

TEST(FakeGcsServerTest, MissingBucketAndMissingObject) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  Status st = FakeGcsStore(endpoint, "nosuchbucket")->List("_delta_log/", "", false).status();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "gcs bucket 'nosuchbucket': the bucket does not exist");
  std::string bucket = test::UniqueName("err");
  test::CreateBucket(endpoint, bucket);
  st = FakeGcsStore(endpoint, bucket)->Head("_delta_log/00000000000000000000.json").status();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(),
            "gcs bucket '" + bucket + "' object '_delta_log/00000000000000000000.json': not found");
}

}  // namespace
}  // namespace delta
