// Azure AD credentials for Blob storage: the client-secret grant, managed identities (the
// instance metadata service and App Service), token caching, the one refresh after a 401, the
// order against account keys, and the errors. Requests go to a recording fake client, so the
// exact token requests and the Bearer header on store requests are checked.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cloud/azure_store.h"
#include "support/fake_http_client.h"
#include "support/scoped_env.h"

namespace delta {
namespace {

using cloud::HttpRequest;
using cloud::HttpResponse;
using test::FakeHttpClient;
using test::Reply;

constexpr int64_t kNow = 1700000000;
constexpr const char* kBlobUrl = "http://127.0.0.1:10000/acct/cont/a";

std::unique_ptr<test::ScopedEnv> CleanAzureEnv(
    std::vector<std::pair<std::string, const char*>> extra = {}) {
  std::vector<std::pair<std::string, const char*>> vars;
  for (const char* name :
       {"AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN",
        "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_AUTHORITY_HOST",
        "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_MSI_ENDPOINT", "AZURE_USE_MANAGED_IDENTITY",
        "AZURE_STORAGE_USE_EMULATOR", "AZURE_STORAGE_ENDPOINT", "AZURE_STORAGE_ACCOUNT_NAME"}) {
    vars.emplace_back(name, nullptr);
  }
  for (auto& e : extra) vars.push_back(e);
  return std::make_unique<test::ScopedEnv>(vars);
}

cloud::StorageOptions Account(cloud::StorageOptions more = {}) {
  more["AZURE_STORAGE_ACCOUNT_NAME"] = "acct";
  more["AZURE_STORAGE_ENDPOINT"] = "http://127.0.0.1:10000";
  more["AZURE_ALLOW_HTTP"] = "true";
  return more;
}

struct Fixture {
  int64_t now = kNow;
  int tokens = 0;
  int token_status = 200;
  std::string token_json;  // empty: {"access_token":"tok-N","expires_in":3599}
  std::vector<int> store_statuses;
  std::shared_ptr<FakeHttpClient> http;
  Result<std::shared_ptr<cloud::ObjectStore>> store = Status::Internal("not made");

  explicit Fixture(const cloud::StorageOptions& options) {
    http = std::make_shared<FakeHttpClient>([this](const HttpRequest& r) -> Result<HttpResponse> {
      if (r.url.find(":9/") != std::string::npos) {
        if (token_status != 200) return Reply(token_status, "{\"error\":\"invalid_client\"}");
        ++tokens;
        if (!token_json.empty()) return Reply(200, token_json);
        return Reply(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"tok-" +
                              std::to_string(tokens) + "\"}");
      }
      if (!store_statuses.empty()) {
        int status = store_statuses.front();
        store_statuses.erase(store_statuses.begin());
        return Reply(status, "", {{"x-ms-error-code", "InvalidAuthenticationInfo"}});
      }
      return Reply(200, "", {{"Content-Length", "7"}});
    });
    cloud::StoreHooks hooks = test::FixedTimeHooks(0);
    hooks.clock = [this] { return now; };
    store = cloud::MakeAzureStoreWithHooks({"az", "cont", "", ""}, options, http, hooks);
  }
};

TEST(AzureAdCredentialsTest, ClientSecretTokenIsRequestedOnceAndSentAsBearer) {
  auto env = CleanAzureEnv();
  Fixture f(Account({{"azure_client_id", "app-1"},
                     {"azure_client_secret", "s3cr/t+"},
                     {"azure_tenant_id", "tenant-1"},
                     {"azure_authority_host", "http://127.0.0.1:9/"}}));
  ASSERT_TRUE(f.store.ok()) << f.store.status().ToString();
  auto meta = (*f.store)->Head("a");
  ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  EXPECT_EQ(meta->size, 7);
  ASSERT_TRUE((*f.store)->Head("a").ok());
  auto requests = f.http->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "http://127.0.0.1:9/tenant-1/oauth2/v2.0/token");
  EXPECT_EQ(requests[0].headers,
            (cloud::HttpHeaders{{"Content-Type", "application/x-www-form-urlencoded"}}));
  EXPECT_EQ(requests[0].body,
            "client_id=app-1&client_secret=s3cr%2Ft%2B&scope=https%3A%2F%2Fstorage.azure.com%2F."
            "default&grant_type=client_credentials");
  for (int i : {1, 2}) {
    EXPECT_EQ(requests[i].method, "HEAD");
    EXPECT_EQ(requests[i].url, kBlobUrl);  // no SAS
    EXPECT_EQ(FakeHttpClient::HeaderOf(requests[i], "Authorization"), "Bearer tok-1");
    EXPECT_EQ(FakeHttpClient::HeaderOf(requests[i], "x-ms-version"), "2021-08-06");
  }
  f.now += 3599 - 59;  // within the last minute: a new token
  ASSERT_TRUE((*f.store)->Head("a").ok());
  EXPECT_EQ(f.tokens, 2);
}

TEST(AzureAdCredentialsTest, OrderKeysThenClientSecretThenEnvironment) {
  auto env = CleanAzureEnv({{"AZURE_CLIENT_ID", "app-env"},
                            {"AZURE_CLIENT_SECRET", "env-secret"},
                            {"AZURE_TENANT_ID", "t-env"},
                            {"AZURE_AUTHORITY_HOST", "http://127.0.0.1:9"},
                            {"AZURE_STORAGE_ACCOUNT_KEY", "a2V5"}});
  {
    Fixture f(Account({{"AZURE_STORAGE_SAS_TOKEN", "?sv=1&sig=x"}}));  // an option wins
    ASSERT_TRUE((*f.store)->Head("a").ok());
    EXPECT_EQ(f.http->requests()[0].url, std::string(kBlobUrl) + "?sv=1&sig=x");
    EXPECT_EQ(f.tokens, 0);
  }
  Fixture f(Account());  // the environment's client secret before its account key
  ASSERT_TRUE((*f.store)->Head("a").ok());
  EXPECT_EQ(f.http->requests()[0].url, "http://127.0.0.1:9/t-env/oauth2/v2.0/token");
  EXPECT_EQ(f.http->requests()[0].body,
            "client_id=app-env&client_secret=env-secret&scope=https%3A%2F%2Fstorage.azure.com%2F."
            "default&grant_type=client_credentials");
  EXPECT_EQ(FakeHttpClient::HeaderOf(f.http->requests()[1], "Authorization"), "Bearer tok-1");
}

TEST(AzureAdCredentialsTest, HalfConfiguredClientSecretIsNamed) {
  auto env = CleanAzureEnv();
  Fixture f(Account({{"azure_client_secret", "s"}, {"azure_client_id", "app"}}));
  EXPECT_EQ(f.store.status().message(),
            "the Azure client secret from option AZURE_CLIENT_SECRET needs AZURE_TENANT_ID too");
  Fixture g(Account({{"AZURE_CLIENT_SECRET", "s"}, {"AZURE_TENANT_ID", "t"}}));
  EXPECT_EQ(g.store.status().message(),
            "the Azure client secret from option AZURE_CLIENT_SECRET needs AZURE_CLIENT_ID too");
}

TEST(AzureAdCredentialsTest, ImdsRequestShapeAndStringExpiry) {
  auto env =
      CleanAzureEnv({{"AZURE_MSI_ENDPOINT", "http://127.0.0.1:9/metadata/identity/oauth2/token"},
                     {"AZURE_CLIENT_ID", "mi-client"}});
  Fixture f(Account());
  f.token_json = "{\"access_token\":\"mi-tok\",\"expires_in\":\"86399\",\"token_type\":\"Bearer\"}";
  ASSERT_TRUE((*f.store)->Head("a").ok());
  auto requests = f.http->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].url,
            "http://127.0.0.1:9/metadata/identity/oauth2/token?api-version=2018-02-01&resource="
            "https%3A%2F%2Fstorage.azure.com&client_id=mi-client");
  EXPECT_EQ(requests[0].headers, (cloud::HttpHeaders{{"Metadata", "true"}}));
  EXPECT_EQ(requests[0].connect_timeout_ms, 1000);
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[1], "Authorization"), "Bearer mi-tok");
  f.now += 86399 - 61;
  ASSERT_TRUE((*f.store)->Head("a").ok());
  EXPECT_EQ(f.tokens, 1);
}

TEST(AzureAdCredentialsTest, ManagedIdentityOnlyWhenOptedInOrConfigured) {
  auto env = CleanAzureEnv();
  Fixture anon(Account());
  ASSERT_TRUE(anon.store.ok());
  anon.store_statuses = {403};
  EXPECT_EQ((*anon.store)->Head("a").status().message(),
            "azure account 'acct' container 'cont' blob 'a': stat refused (HTTP 403 "
            "InvalidAuthenticationInfo) with no credentials (anonymous; tried "
            "AZURE_STORAGE_ACCOUNT_KEY, AZURE_STORAGE_SAS_TOKEN, a client secret "
            "(AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_TENANT_ID), a managed identity "
            "(IDENTITY_ENDPOINT, AZURE_MSI_ENDPOINT, or AZURE_USE_MANAGED_IDENTITY=true for the "
            "instance metadata service))");
  ASSERT_EQ(anon.http->requests().size(), 1u);  // nothing probed
  auto opt_in = std::make_shared<FakeHttpClient>(
      [](const HttpRequest&) -> Result<HttpResponse> { return Status::IoError("unreachable"); });
  auto store = cloud::MakeAzureStoreWithHooks({"az", "cont", "", ""},
                                              Account({{"azure_use_managed_identity", "true"}}),
                                              opt_in, test::FixedTimeHooks(kNow));
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->Head("a").status().message(),
            "azure account 'acct' container 'cont': HEAD /cont/a failed: getting an Azure AD "
            "token for the managed identity from option AZURE_USE_MANAGED_IDENTITY from "
            "http://169.254.169.254/metadata/identity/oauth2/token failed: unreachable");
  ASSERT_EQ(opt_in->requests().size(), 1u);  // one try, 1 s to connect
  EXPECT_EQ(opt_in->requests()[0].connect_timeout_ms, 1000);
}

TEST(AzureAdCredentialsTest, AppServiceIdentityAndExpiresOn) {
  auto env = CleanAzureEnv(
      {{"IDENTITY_ENDPOINT", "http://127.0.0.1:9/msi/token"}, {"IDENTITY_HEADER", "hdr-1"}});
  Fixture f(Account());
  f.token_json = "{\"access_token\":\"as-tok\",\"expires_on\":\"1700000300\"}";
  ASSERT_TRUE((*f.store)->Head("a").ok());
  auto requests = f.http->requests();
  EXPECT_EQ(requests[0].url,
            "http://127.0.0.1:9/msi/token?api-version=2019-08-01&resource="
            "https%3A%2F%2Fstorage.azure.com");
  EXPECT_EQ(requests[0].headers, (cloud::HttpHeaders{{"X-IDENTITY-HEADER", "hdr-1"}}));
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[1], "Authorization"), "Bearer as-tok");
  f.now += 300 - 59;  // expires_on is absolute
  ASSERT_TRUE((*f.store)->Head("a").ok());
  EXPECT_EQ(f.tokens, 2);
}

TEST(AzureAdCredentialsTest, A401RefreshesOnceAndRefusedTokensAreNamed) {
  auto env = CleanAzureEnv();
  Fixture f(Account({{"AZURE_CLIENT_ID", "app"},
                     {"AZURE_CLIENT_SECRET", "s"},
                     {"AZURE_TENANT_ID", "t"},
                     {"AZURE_AUTHORITY_HOST", "http://127.0.0.1:9"}}));
  f.store_statuses = {401};
  ASSERT_TRUE((*f.store)->Head("a").ok());
  auto requests = f.http->requests();
  ASSERT_EQ(requests.size(), 4u);  // token, 401, token, 200
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[3], "Authorization"), "Bearer tok-2");
  f.store_statuses = {401, 401};
  EXPECT_EQ((*f.store)->Head("a").status().message(),
            "azure account 'acct' container 'cont' blob 'a': stat refused (HTTP 401 "
            "InvalidAuthenticationInfo) with the Azure AD token from option AZURE_CLIENT_SECRET");
  EXPECT_EQ(f.tokens, 3);
  f.token_status = 401;
  f.store_statuses = {401};
  Status st = (*f.store)->Head("a").status();
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(st.message(),
            "azure account 'acct' container 'cont': HEAD /cont/a failed: the token endpoint "
            "http://127.0.0.1:9/t/oauth2/v2.0/token refused the client secret of 'app' from "
            "option AZURE_CLIENT_SECRET (HTTP 401): {\"error\":\"invalid_client\"}");
}

}  // namespace
}  // namespace delta
