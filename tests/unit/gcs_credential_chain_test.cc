// The GCS credential chain: authorized_user files, gcloud's well-known file, the GCE metadata
// server, token caching and the one refresh after a 401, and the sources named when none is
// found. Requests go to a recording fake client, so the exact token requests are checked.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cloud/gcs_store.h"
#include "support/fake_http_client.h"
#include "support/scoped_env.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using cloud::HttpRequest;
using cloud::HttpResponse;
using test::FakeHttpClient;
using test::Reply;

// Every variable the chain reads, cleared; `extra` set on top.
std::unique_ptr<test::ScopedEnv> CleanGoogleEnv(
    const std::string& home, std::vector<std::pair<std::string, const char*>> extra = {}) {
  std::vector<std::pair<std::string, const char*>> vars = {
      {"GOOGLE_SERVICE_ACCOUNT", nullptr},
      {"GOOGLE_SERVICE_ACCOUNT_PATH", nullptr},
      {"GOOGLE_SERVICE_ACCOUNT_KEY", nullptr},
      {"GOOGLE_APPLICATION_CREDENTIALS", nullptr},
      {"GOOGLE_OAUTH_ACCESS_TOKEN", nullptr},
      {"STORAGE_EMULATOR_HOST", nullptr},
      {"GCE_METADATA_HOST", nullptr},
      {"GCE_METADATA_ROOT", nullptr},
      {"CLOUDSDK_CONFIG", nullptr},
      {"GOOGLE_ENDPOINT_URL", nullptr},
      {"HOME", home.c_str()}};
  for (auto& e : extra) vars.push_back(e);
  return std::make_unique<test::ScopedEnv>(vars);
}

void WriteFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

const char* kMetadataUrl =
    "http://127.0.0.1:9/computeMetadata/v1/instance/service-accounts/default/token";
const cloud::StorageOptions kEndpoint = {{"GOOGLE_ENDPOINT_URL", "http://127.0.0.1:4443"}};
const char* kObjectJson = "{\"name\":\"a\",\"size\":\"7\"}";

struct Fixture {
  int64_t now = 1700000000;
  int token_count = 0;
  std::vector<int> store_statuses;  // answers to store requests, in order; then 200
  std::shared_ptr<FakeHttpClient> http;
  std::shared_ptr<cloud::ObjectStore> store;

  explicit Fixture(cloud::StorageOptions options = kEndpoint) {
    http = std::make_shared<FakeHttpClient>([this](const HttpRequest& r) -> Result<HttpResponse> {
      if (r.url.find("/token") != std::string::npos) {
        ++token_count;
        return Reply(200, "{\"access_token\":\"tok-" + std::to_string(token_count) +
                              "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
      }
      if (!store_statuses.empty()) {
        int status = store_statuses.front();
        store_statuses.erase(store_statuses.begin());
        return Reply(status, "{\"error\":{\"code\":401,\"message\":\"Invalid Credentials\"}}");
      }
      return Reply(200, kObjectJson);
    });
    cloud::StoreHooks hooks = test::FixedTimeHooks(0);
    hooks.clock = [this] { return now; };
    auto made = cloud::MakeGcsStoreWithHooks({"gs", "bkt", "", ""}, options, http, hooks);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    if (made.ok()) store = *made;
  }
};

TEST(GcsCredentialChainTest, MetadataServerTokenIsCachedUntilShortlyBeforeExpiry) {
  test::TempDir home;
  auto env = CleanGoogleEnv(home.path(), {{"GCE_METADATA_HOST", "127.0.0.1:9"}});
  Fixture f;
  ASSERT_TRUE(f.store->Head("a").ok());
  ASSERT_TRUE(f.store->Head("a").ok());
  auto requests = f.http->requests();
  ASSERT_EQ(requests.size(), 3u);  // one token, two object reads
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url, kMetadataUrl);
  EXPECT_EQ(requests[0].headers, (cloud::HttpHeaders{{"Metadata-Flavor", "Google"}}));
  EXPECT_EQ(requests[0].body, "");
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[1], "Authorization"), "Bearer tok-1");
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[2], "Authorization"), "Bearer tok-1");
  f.now += 3599 - 61;  // still more than a minute left
  ASSERT_TRUE(f.store->Head("a").ok());
  EXPECT_EQ(f.token_count, 1);
  f.now += 2;  // within the last minute: fetched again
  ASSERT_TRUE(f.store->Head("a").ok());
  EXPECT_EQ(f.token_count, 2);
  EXPECT_EQ(FakeHttpClient::HeaderOf(f.http->requests().back(), "Authorization"), "Bearer tok-2");
}

TEST(GcsCredentialChainTest, GceMetadataRootAndExplicitOptIn) {
  test::TempDir home;
  {
    auto env = CleanGoogleEnv(home.path(), {{"GCE_METADATA_ROOT", "http://127.0.0.1:9/"}});
    Fixture f;
    ASSERT_TRUE(f.store->Head("a").ok());
    EXPECT_EQ(f.http->requests()[0].url, kMetadataUrl);
  }
  auto env = CleanGoogleEnv(home.path());
  cloud::StorageOptions options = kEndpoint;
  options["google_use_metadata_server"] = "true";
  Fixture f(options);
  ASSERT_TRUE(f.store->Head("a").ok());
  EXPECT_EQ(f.http->requests()[0].url,
            "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/"
            "default/token");
}

TEST(GcsCredentialChainTest, A401RefreshesTheTokenOnceThenFails) {
  test::TempDir home;
  auto env = CleanGoogleEnv(home.path(), {{"GCE_METADATA_HOST", "127.0.0.1:9"}});
  Fixture f;
  f.store_statuses = {401};
  ASSERT_TRUE(f.store->Head("a").ok());
  auto requests = f.http->requests();
  ASSERT_EQ(requests.size(), 4u);  // token, 401, new token, 200
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[1], "Authorization"), "Bearer tok-1");
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[3], "Authorization"), "Bearer tok-2");
  f.store_statuses = {401, 401};
  EXPECT_EQ(f.store->Head("a").status().message(),
            "gcs bucket 'bkt' object 'a': stat refused (HTTP 401) with the GCE metadata server "
            "from environment variable GCE_METADATA_HOST: Invalid Credentials");
  EXPECT_EQ(f.token_count, 3);
  EXPECT_EQ(f.http->requests().size(), 7u);
}

TEST(GcsCredentialChainTest, MetadataServerFailureNamesTheSource) {
  test::TempDir home;
  auto env = CleanGoogleEnv(home.path(), {{"GCE_METADATA_HOST", "127.0.0.1:9"}});
  auto http = std::make_shared<FakeHttpClient>([](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(404, "no service account here");
  });
  auto store = cloud::MakeGcsStoreWithHooks({"gs", "bkt", "", ""}, kEndpoint, http,
                                            test::FixedTimeHooks(1700000000));
  ASSERT_TRUE(store.ok());
  Status st = (*store)->Head("a").status();
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(st.message(), std::string("gcs bucket 'bkt': the GCE metadata server ") + kMetadataUrl +
                              " refused the VM's default service account (the GCE metadata "
                              "server from environment variable GCE_METADATA_HOST) (HTTP 404): "
                              "no service account here");
}

TEST(GcsCredentialChainTest, AuthorizedUserFileFromApplicationCredentials) {
  test::TempDir home;
  std::string path = home.path() + "/adc.json";
  WriteFile(path,
            "{\"type\":\"authorized_user\",\"client_id\":\"cid.apps\",\"client_secret\":\"s/3\","
            "\"refresh_token\":\"1//rt+x\",\"token_uri\":\"http://127.0.0.1:9/token\"}");
  auto env = CleanGoogleEnv(home.path(), {{"GOOGLE_APPLICATION_CREDENTIALS", path.c_str()}});
  Fixture f;
  ASSERT_TRUE(f.store->Head("a").ok());
  auto requests = f.http->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "http://127.0.0.1:9/token");
  EXPECT_EQ(requests[0].headers,
            (cloud::HttpHeaders{{"Content-Type", "application/x-www-form-urlencoded"}}));
  EXPECT_EQ(requests[0].body,
            "grant_type=refresh_token&client_id=cid.apps&client_secret=s%2F3&"
            "refresh_token=1%2F%2Frt%2Bx");
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[1], "Authorization"), "Bearer tok-1");
}

TEST(GcsCredentialChainTest, GcloudWellKnownFileComesBeforeTheMetadataServer) {
  test::TempDir home;
  WriteFile(home.path() + "/application_default_credentials.json",
            "{\"type\":\"authorized_user\",\"client_id\":\"c\",\"client_secret\":\"s\","
            "\"refresh_token\":\"r\",\"token_uri\":\"http://127.0.0.1:9/oauth/token\"}");
  auto env = CleanGoogleEnv(home.path(), {{"CLOUDSDK_CONFIG", home.path().c_str()},
                                          {"GCE_METADATA_HOST", "127.0.0.1:9"}});
  Fixture f;
  ASSERT_TRUE(f.store->Head("a").ok());
  EXPECT_EQ(f.http->requests()[0].url, "http://127.0.0.1:9/oauth/token");
}

TEST(GcsCredentialChainTest, BadFilesAndNoCredentialsAreNamed) {
  test::TempDir home;
  std::string path = home.path() + "/ext.json";
  WriteFile(path, "{\"type\":\"external_account\"}");
  auto http = std::make_shared<FakeHttpClient>(
      [](const HttpRequest&) -> Result<HttpResponse> { return Reply(403, "{}"); });
  {
    auto env = CleanGoogleEnv(home.path(), {{"GOOGLE_APPLICATION_CREDENTIALS", path.c_str()}});
    EXPECT_EQ(cloud::MakeGcsStore({"gs", "bkt", "", ""}, kEndpoint, http).status().message(),
              "the Google credentials from environment variable GOOGLE_APPLICATION_CREDENTIALS "
              "are of type 'external_account'; supported: service_account, authorized_user");
    WriteFile(path, "{\"type\":\"authorized_user\",\"client_id\":\"c\"}");
    EXPECT_EQ(cloud::MakeGcsStore({"gs", "bkt", "", ""}, kEndpoint, http).status().message(),
              "the authorized_user credentials from environment variable "
              "GOOGLE_APPLICATION_CREDENTIALS have no 'client_secret'");
  }
  auto env = CleanGoogleEnv(home.path());
  auto store = cloud::MakeGcsStore({"gs", "bkt", "", ""}, kEndpoint, http);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->Head("a").status().message(),
            "gcs bucket 'bkt' object 'a': stat refused (HTTP 403) with no credentials "
            "(anonymous; tried options GOOGLE_BEARER_TOKEN, GOOGLE_SERVICE_ACCOUNT_KEY, "
            "GOOGLE_SERVICE_ACCOUNT; environment variables GOOGLE_SERVICE_ACCOUNT_KEY, "
            "GOOGLE_SERVICE_ACCOUNT, GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_OAUTH_ACCESS_TOKEN; "
            "gcloud's application default credentials " +
                home.path() +
                "/.config/gcloud/application_default_credentials.json (absent); the GCE "
                "metadata server (not a GCE VM; set GCE_METADATA_HOST))");
}

}  // namespace
}  // namespace delta
