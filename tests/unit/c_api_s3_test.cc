// The C ABI on S3 (versitygw on 127.0.0.1, see docs/object-stores.md): storage options given
// to delta_engine_new_default reach the store. Skipped without the server, except in CI.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "delta/default_engine.h"
#include "delta/schema.h"
#include "delta/write_table.h"
#include "support/c_handles.h"

namespace {

using namespace delta::test::c;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

TEST(CS3, StorageOptionsReachTheStore) {
  std::string endpoint = Env("DELTA_TEST_S3_ENDPOINT");
  if (endpoint.empty()) {
    if (Env("CI") == "true") FAIL() << "DELTA_TEST_S3_ENDPOINT is not set in CI";
    GTEST_SKIP() << "no S3 server (DELTA_TEST_S3_ENDPOINT); run scripts/test.sh";
  }
  std::vector<std::string> keys = {"AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                   "AWS_ALLOW_HTTP", "io_concurrency"};
  std::vector<std::string> values = {endpoint, Env("DELTA_TEST_S3_ACCESS_KEY_ID"),
                                     Env("DELTA_TEST_S3_SECRET_ACCESS_KEY"), "true", "4"};
  std::random_device rd;
  const std::string root =
      "s3://" + Env("DELTA_TEST_S3_BUCKET") + "/c-" + std::to_string(rd()) + "/t";
  {
    delta::DefaultEngineOptions o;
    for (size_t i = 0; i < 4; ++i) o.storage_options[keys[i]] = values[i];
    auto schema = delta::ParseSchema(
        R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})");
    ASSERT_TRUE(schema.ok());
    auto created = delta::CreateTable(root, *delta::MakeDefaultEngine(o), **schema);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  std::vector<const char*> k, v;
  for (size_t i = 0; i < keys.size(); ++i) {
    k.push_back(keys[i].c_str());
    v.push_back(values[i].c_str());
  }
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(k.data(), v.data(), k.size(), &err));
  ASSERT_NE(engine, nullptr) << delta::test::DescribeCError(err);
  Table table(delta_table_open(root.c_str(), engine.get(), &err));
  ASSERT_NE(table, nullptr) << delta::test::DescribeCError(err);
  Snapshot snapshot(delta_table_latest_snapshot(table.get(), &err));
  ASSERT_NE(snapshot, nullptr) << delta::test::DescribeCError(err);
  EXPECT_EQ(delta_snapshot_version(snapshot.get()), 0);

  Table missing(delta_table_open("s3://no-such-bucket/t", engine.get(), &err));
  ASSERT_NE(missing, nullptr) << delta::test::DescribeCError(err);
  Snapshot none(delta_table_latest_snapshot(missing.get(), &err));
  EXPECT_EQ(none, nullptr);
  Error e(err);
  EXPECT_EQ(delta_error_kind(e.get()), DELTA_ERROR_NOT_FOUND);
  EXPECT_STREQ(delta_error_message(e.get()),
               "no Delta table at s3://no-such-bucket/t: s3 bucket 'no-such-bucket' does not "
               "exist (NoSuchBucket)");
}

}  // namespace
