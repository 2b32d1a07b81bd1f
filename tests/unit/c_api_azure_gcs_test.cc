// The C ABI on Azure (Azurite) and GCS (fake-gcs-server): the storage option keys given to
// delta_engine_new_default reach each store; wrong credentials, a missing container or bucket
// and an unreadable CA bundle come back as exact errors. Skipped without the servers, except in
// CI (scripts/test.sh starts them).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "delta/default_engine.h"
#include "delta/schema.h"
#include "delta/write_table.h"
#include "support/azure_gcs_servers.h"
#include "support/c_handles.h"

namespace {

using namespace delta::test::c;
using Options = std::vector<std::pair<std::string, std::string>>;

// Creates an empty table at `root` through the C++ API with `options`.
void CreateAt(const std::string& root, const Options& options) {
  delta::DefaultEngineOptions o;
  for (const auto& [k, v] : options) o.storage_options[k] = v;
  auto schema = delta::ParseSchema(
      R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})");
  ASSERT_TRUE(schema.ok());
  auto created = delta::CreateTable(root, *delta::MakeDefaultEngine(o), **schema);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
}

Engine CEngine(const Options& options, delta_error** err) {
  std::vector<const char*> k, v;
  for (const auto& [key, value] : options) {
    k.push_back(key.c_str());
    v.push_back(value.c_str());
  }
  return Engine(delta_engine_new_default(k.data(), v.data(), k.size(), err));
}

// The latest version through the C ABI, or the error as "<Kind>: <message>".
std::string LatestVersion(const std::string& root, const Options& options) {
  delta_error* err = nullptr;
  Engine engine = CEngine(options, &err);
  if (engine == nullptr) return Describe(Error(err).get());
  Table table(delta_table_open(root.c_str(), engine.get(), &err));
  if (table == nullptr) return Describe(Error(err).get());
  Snapshot snapshot(delta_table_latest_snapshot(table.get(), &err));
  if (snapshot == nullptr) return Describe(Error(err).get());
  return std::to_string(delta_snapshot_version(snapshot.get()));
}

// An unreadable CA bundle is named before any request.
void ExpectUnreadableCaBundleNamed(const std::string& root, Options options) {
  options.emplace_back("ca_bundle", "/nonexistent/ca.pem");
  EXPECT_EQ(
      LatestVersion(root, options),
      "InvalidArgument: listing " + root +
          "/_delta_log: the CA bundle '/nonexistent/ca.pem' (option ca_bundle) cannot be read");
}

TEST(CAzure, StorageOptionKeysReachTheStore) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = delta::test::UniqueName("capi");
  delta::test::CreateContainer(endpoint, container);
  const std::string root = "az://" + container + "/t";
  // The account, its key and the endpoint named explicitly, as for a real account.
  Options options = {{"AZURE_STORAGE_ACCOUNT_NAME", delta::cloud::kAzuriteAccount},
                     {"AZURE_STORAGE_ACCOUNT_KEY", delta::cloud::kAzuriteKey},
                     {"AZURE_STORAGE_ENDPOINT", endpoint},
                     {"AZURE_ALLOW_HTTP", "true"},
                     {"io_concurrency", "4"}};
  CreateAt(root, {options.begin(), options.end() - 1});
  EXPECT_EQ(LatestVersion(root, options), "0");
  // The emulator's shorthand.
  EXPECT_EQ(LatestVersion(root, {{"AZURE_STORAGE_USE_EMULATOR", "true"},
                                 {"AZURE_STORAGE_ENDPOINT", endpoint}}),
            "0");

  Options wrong = options;
  wrong[1].second = "d3Jvbmcga2V5";  // "wrong key"
  EXPECT_EQ(LatestVersion(root, wrong),
            "PermissionDenied: listing " + root + "/_delta_log: azure account " +
                "'devstoreaccount1' container '" + container + "' blob 't/_delta_log/': list " +
                "refused (HTTP 403 AuthorizationFailure) with the account key from option " +
                "AZURE_STORAGE_ACCOUNT_KEY");
  EXPECT_EQ(LatestVersion("az://nosuchcontainer/t", options),
            "NotFound: no Delta table at az://nosuchcontainer/t: azure account "
            "'devstoreaccount1' container 'nosuchcontainer': the container does not exist");
  ExpectUnreadableCaBundleNamed(root, options);
}

TEST(CGcs, StorageOptionKeysReachTheStore) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  std::string bucket = delta::test::UniqueName("capi");
  delta::test::CreateBucket(endpoint, bucket);
  const std::string root = "gs://" + bucket + "/t";
  Options options = {{"GOOGLE_ENDPOINT_URL", endpoint}, {"io_concurrency", "4"}};
  CreateAt(root, {options[0]});
  EXPECT_EQ(LatestVersion(root, options), "0");
  EXPECT_EQ(LatestVersion("gs://nosuchbucket/t", options),
            "NotFound: no Delta table at gs://nosuchbucket/t: gcs bucket 'nosuchbucket': the "
            "bucket does not exist");
  // A plain-HTTP endpoint that is not on loopback needs GOOGLE_ALLOW_HTTP.
  EXPECT_EQ(LatestVersion(root, {{"GOOGLE_ENDPOINT_URL", "http://storage.example.com"}}),
            "InvalidArgument: listing " + root +
                "/_delta_log: GCS endpoint 'http://storage.example.com' is plain HTTP; set "
                "GOOGLE_ALLOW_HTTP=true to allow it");
  ExpectUnreadableCaBundleNamed(root, options);
}

}  // namespace
