#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "cloud/azure_shared_key.h"
#include "cloud/azure_store.h"
#include "support/fake_http_client.h"
#include "util/base64.h"

namespace delta {
namespace {

using cloud::HttpRequest;
using cloud::HttpResponse;
using cloud::PutMode;
using test::FakeHttpClient;
using test::Reply;

constexpr int64_t kFixedTime = 1700000000;  // Tue, 14 Nov 2023 22:13:20 GMT

std::shared_ptr<cloud::ObjectStore> MakeStore(std::shared_ptr<FakeHttpClient> http,
                                              cloud::StorageOptions options,
                                              std::string account = "") {
  cloud::StoreLocation location{"az", "cont", std::move(account), ""};
  auto store =
      cloud::MakeAzureStoreWithHooks(location, options, http, test::FixedTimeHooks(kFixedTime));
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return *store;
}

cloud::StorageOptions Emulator(std::string endpoint = "http://127.0.0.1:10000") {
  return {{"AZURE_STORAGE_USE_EMULATOR", "true"}, {"AZURE_STORAGE_ENDPOINT", endpoint}};
}

TEST(AzureSharedKeyTest, StringToSignAndSignatureOfACreate) {
  // The expected signature was computed independently with Python's hmac/base64 from the
  // string below (the same code authenticated against Azurite 3.37).
  HttpRequest request;
  request.method = "PUT";
  request.url = "http://127.0.0.1:10000/devstoreaccount1/cont/_delta_log/00000000000000000001.json";
  request.headers = {{"x-ms-blob-type", "BlockBlob"},
                     {"Content-Type", "application/octet-stream"},
                     {"If-None-Match", "*"},
                     {"x-ms-date", "Tue, 14 Nov 2023 22:13:20 GMT"},
                     {"x-ms-version", "2021-08-06"}};
  request.body = "hello";
  EXPECT_EQ(cloud::AzureStringToSign("devstoreaccount1", request),
            "PUT\n\n\n5\n\napplication/octet-stream\n\n\n\n*\n\n\n"
            "x-ms-blob-type:BlockBlob\nx-ms-date:Tue, 14 Nov 2023 22:13:20 GMT\n"
            "x-ms-version:2021-08-06\n"
            "/devstoreaccount1/devstoreaccount1/cont/_delta_log/00000000000000000001.json");
  auto key = Base64Decode(cloud::kAzuriteKey);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(cloud::AzureSharedKeyAuthorization("devstoreaccount1", *key, request),
            "SharedKey devstoreaccount1:A9lvumj7AGpBY9REcg8MvxUoblPb0aP8zpKqd+zSR3M=");
}

TEST(AzureSharedKeyTest, QueryParametersAreDecodedAndSorted) {
  HttpRequest request;
  request.method = "GET";
  request.url =
      "https://myacct.blob.core.windows.net/cont?restype=container&comp=list&maxresults=5000&"
      "prefix=_delta_log%2F&delimiter=%2F&marker=_delta_log%2F00000000000000000005.json";
  request.headers = {{"x-ms-version", "2021-08-06"},
                     {"x-ms-date", "Tue, 14 Nov 2023 22:13:20 GMT"}};
  EXPECT_EQ(cloud::AzureStringToSign("myacct", request),
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Tue, 14 Nov 2023 22:13:20 GMT\n"
            "x-ms-version:2021-08-06\n/myacct/cont\ncomp:list\ndelimiter:/\n"
            "marker:_delta_log/00000000000000000005.json\nmaxresults:5000\nprefix:_delta_log/\n"
            "restype:container");
  auto key = Base64Decode(cloud::kAzuriteKey);
  EXPECT_EQ(cloud::AzureSharedKeyAuthorization("myacct", *key, request),
            "SharedKey myacct:/ot6DLgQLTqHphQOElfH62iw0iCUeUqr3GQMKT+x4xw=");
}

TEST(AzureStoreTest, CreateSendsIfNoneMatchAndMapsConflictsToAlreadyExists) {
  int status = 201;
  std::string code;
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(
        status, "",
        code.empty() ? cloud::HttpHeaders{} : cloud::HttpHeaders{{"x-ms-error-code", code}});
  });
  auto store = MakeStore(http, Emulator());
  ASSERT_TRUE(store->Put("_delta_log/00000000000000000001.json", "hello", PutMode::kCreate).ok());
  HttpRequest sent = http->requests().back();
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url,
            "http://127.0.0.1:10000/devstoreaccount1/cont/_delta_log/00000000000000000001.json");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "If-None-Match"), "*");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "x-ms-blob-type"), "BlockBlob");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "x-ms-date"), "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "Authorization"),
            "SharedKey devstoreaccount1:A9lvumj7AGpBY9REcg8MvxUoblPb0aP8zpKqd+zSR3M=");
  EXPECT_EQ(sent.body, "hello");

  status = 409;
  code = "BlobAlreadyExists";
  Status st = store->Put("_delta_log/00000000000000000001.json", "x", PutMode::kCreate);
  EXPECT_EQ(st.detail_kind(), ErrorDetailKind::kAlreadyExists) << st.ToString();
  EXPECT_EQ(st.message(),
            "azure account 'devstoreaccount1' container 'cont' blob "
            "'_delta_log/00000000000000000001.json' already exists");
  status = 412;
  code = "ConditionNotMet";
  EXPECT_EQ(store->Put("_delta_log/2.json", "x", PutMode::kCreate).detail_kind(),
            ErrorDetailKind::kAlreadyExists);

  // An overwrite sends no condition.
  status = 201;
  code.clear();
  ASSERT_TRUE(store->Put("_last_checkpoint", "x", PutMode::kOverwrite).ok());
  EXPECT_EQ(FakeHttpClient::HeaderOf(http->requests().back(), "If-None-Match"), "<absent>");
}

TEST(AzureStoreTest, ACreateIsRetriedOnlyWhenTheServerSaysItDidNotRunIt) {
  std::vector<int> statuses;
  bool transport_error = false;
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest&) -> Result<HttpResponse> {
    if (transport_error) return Status::IoError("connection reset");
    int status = statuses.front();
    statuses.erase(statuses.begin());
    return Reply(status);
  });
  auto store = MakeStore(http, Emulator());
  statuses = {503, 201};  // throttled: not carried out, so tried again
  EXPECT_TRUE(store->Put("_delta_log/1.json", "x", PutMode::kCreate).ok());
  EXPECT_EQ(http->requests().size(), 2u);
  statuses = {500, 201};  // may have landed: the transaction reads the log back instead
  Status st = store->Put("_delta_log/2.json", "x", PutMode::kCreate);
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(http->requests().size(), 3u);
  transport_error = true;
  st = store->Put("_delta_log/3.json", "x", PutMode::kCreate);
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(http->requests().size(), 4u);
  // An overwrite is idempotent and is retried after a transport failure.
  st = store->Put("_last_checkpoint", "x", PutMode::kOverwrite);
  EXPECT_EQ(http->requests().size(), 7u);
}

TEST(AzureStoreTest, ListFollowsMarkersAndStartsAfterAKey) {
  auto page = [](std::string names, std::string next) {
    return "<?xml version=\"1.0\"?><EnumerationResults><Blobs>" + names + "</Blobs><NextMarker>" +
           next + "</NextMarker></EnumerationResults>";
  };
  auto blob = [](std::string name, int size) {
    return "<Blob><Name>" + name +
           "</Name><Properties><Last-Modified>Tue, 14 Nov 2023 22:13:20 "
           "GMT</Last-Modified><Content-Length>" +
           std::to_string(size) + "</Content-Length></Properties></Blob>";
  };
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.find("marker=_delta_log%2F00000000000000000005.json") != std::string::npos) {
      return Reply(200, page(blob("_delta_log/00000000000000000006.json", 10) +
                                 "<BlobPrefix><Name>_delta_log/_commits/</Name></BlobPrefix>",
                             "_delta_log/00000000000000000006.json"));
    }
    return Reply(200, page(blob("_delta_log/00000000000000000007.json", 20) +
                               blob("_delta_log/_last_checkpoint", 3),
                           ""));
  });
  auto store = MakeStore(http, Emulator());
  auto listed = store->List("_delta_log/", "_delta_log/00000000000000000005.json", false);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].key, "_delta_log/00000000000000000006.json");
  EXPECT_EQ((*listed)[0].size, 10);
  EXPECT_EQ((*listed)[0].modification_time_ms, kFixedTime * 1000);
  EXPECT_EQ((*listed)[1].key, "_delta_log/00000000000000000007.json");
  EXPECT_EQ((*listed)[2].key, "_delta_log/_last_checkpoint");
  auto requests = http->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url,
            "http://127.0.0.1:10000/devstoreaccount1/cont?restype=container&comp=list&"
            "maxresults=5000&prefix=_delta_log%2F&delimiter=%2F&"
            "marker=_delta_log%2F00000000000000000005.json");
  EXPECT_EQ(requests[1].url,
            "http://127.0.0.1:10000/devstoreaccount1/cont?restype=container&comp=list&"
            "maxresults=5000&prefix=_delta_log%2F&delimiter=%2F&"
            "marker=_delta_log%2F00000000000000000006.json");
}

TEST(AzureStoreTest, AServerRefusingNamesAsMarkersIsListedFromTheStartAndFiltered) {
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.find("marker=") != std::string::npos) {
      return Reply(400, "<Error><Code>OutOfRangeInput</Code></Error>");
    }
    return Reply(200,
                 "<EnumerationResults><Blobs><Blob><Name>a/1</Name><Properties><Content-Length>1"
                 "</Content-Length></Properties></Blob><Blob><Name>a/2</Name><Properties>"
                 "<Content-Length>2</Content-Length></Properties></Blob></Blobs><NextMarker/>"
                 "</EnumerationResults>");
  });
  auto store = MakeStore(http, Emulator());
  auto listed = store->List("a/", "a/1", true);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].key, "a/2");
  EXPECT_EQ(http->requests().size(), 2u);
  // Remembered: the next listing does not try the marker again.
  ASSERT_TRUE(store->List("a/", "a/1", true).ok());
  EXPECT_EQ(http->requests().size(), 3u);
}

TEST(AzureStoreTest, RangedGetHeadAndDelete) {
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "HEAD") {
      return Reply(
          200, "",
          {{"Content-Length", "1234"}, {"Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT"}});
    }
    if (r.method == "DELETE") return Reply(404, "", {{"x-ms-error-code", "BlobNotFound"}});
    return Reply(206, "abcd");
  });
  auto store = MakeStore(http, Emulator());
  auto got = store->Get("part-0.parquet", 100, 4);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "abcd");
  EXPECT_EQ(FakeHttpClient::HeaderOf(http->requests().back(), "x-ms-range"), "bytes=100-103");
  auto meta = store->Head("part-0.parquet");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->size, 1234);
  EXPECT_EQ(meta->modification_time_ms, kFixedTime * 1000);
  EXPECT_TRUE(store->Delete("gone.json").ok());  // a missing blob is deleted already
}

TEST(AzureStoreTest, ErrorsNameAccountContainerBlobAndCredentialSource) {
  int status = 403;
  std::string code = "AuthenticationFailed";
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(status, "<?xml version=\"1.0\"?><Error><Code>" + code +
                             "</Code><Message>Nope.\nRequestId:1</Message></Error>");
  });
  cloud::StorageOptions options = {{"azure_storage_account_key", "a2V5"},
                                   {"AZURE_STORAGE_ENDPOINT", "http://127.0.0.1:10000"},
                                   {"AZURE_ALLOW_HTTP", "true"}};
  auto store = MakeStore(http, options, "acct");
  Status st = store->Get("_delta_log/00000000000000000000.json").status();
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(st.message(),
            "azure account 'acct' container 'cont' blob '_delta_log/00000000000000000000.json': "
            "read refused (HTTP 403 AuthenticationFailed) with the account key from option "
            "AZURE_STORAGE_ACCOUNT_KEY");
  status = 404;
  code = "ContainerNotFound";
  st = store->List("_delta_log/", "", false).status();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "azure account 'acct' container 'cont': the container does not exist");
  code = "BlobNotFound";
  st = store->Head("_delta_log/_last_checkpoint").status();
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(),
            "azure account 'acct' container 'cont' blob '_delta_log/_last_checkpoint': not found");
  // Throttling is retried within the policy (3 tries here), then reported.
  status = 503;
  code = "ServerBusy";
  size_t before = http->requests().size();
  st = store->Get("x").status();
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(st.message(),
            "azure account 'acct' container 'cont' blob 'x': read was throttled (HTTP 503 "
            "ServerBusy: Nope.); gave up after 3 attempts");
  EXPECT_EQ(http->requests().size() - before, 3u);
}

TEST(AzureStoreTest, OptionsAreValidated) {
  auto http = std::make_shared<FakeHttpClient>(
      [](const HttpRequest&) -> Result<HttpResponse> { return Reply(200); });
  cloud::StoreLocation location{"az", "cont", "", ""};
  auto no_account = cloud::MakeAzureStore(location, {}, http);
  if (std::getenv("AZURE_STORAGE_ACCOUNT_NAME") == nullptr &&
      std::getenv("AZURE_STORAGE_ACCOUNT") == nullptr) {
    EXPECT_EQ(no_account.status().message(),
              "Azure container 'cont': no storage account given; set AZURE_STORAGE_ACCOUNT_NAME "
              "or use abfss://container@account.dfs.core.windows.net/path");
  }
  auto plain_http = cloud::MakeAzureStore(
      location, {{"AZURE_STORAGE_ACCOUNT_NAME", "a"}, {"AZURE_STORAGE_ENDPOINT", "http://h:1"}},
      http);
  EXPECT_EQ(plain_http.status().message(),
            "Azure endpoint 'http://h:1' is plain HTTP; set AZURE_ALLOW_HTTP=true to allow it");
  auto bad_key = cloud::MakeAzureStore(
      location, {{"AZURE_STORAGE_ACCOUNT_NAME", "a"}, {"AZURE_STORAGE_ACCOUNT_KEY", "not*b64"}},
      http);
  EXPECT_EQ(bad_key.status().message(),
            "Azure account key from option AZURE_STORAGE_ACCOUNT_KEY is not valid Base64");
  auto bad_bool = cloud::MakeAzureStore(location, {{"AZURE_STORAGE_USE_EMULATOR", "maybe"}}, http);
  EXPECT_EQ(bad_bool.status().message(),
            "storage option AZURE_STORAGE_USE_EMULATOR must be true or false, not 'maybe'");
}

TEST(AzureStoreTest, SasTokenIsAppendedInsteadOfSigning) {
  auto http = std::make_shared<FakeHttpClient>(
      [](const HttpRequest&) -> Result<HttpResponse> { return Reply(200, "data"); });
  auto store = MakeStore(http, {{"AZURE_STORAGE_SAS_TOKEN", "?sv=2021&sig=abc%2B"}}, "acct");
  ASSERT_TRUE(store->Get("a b.json").ok());
  HttpRequest sent = http->requests().back();
  EXPECT_EQ(sent.url, "https://acct.blob.core.windows.net/cont/a%20b.json?sv=2021&sig=abc%2B");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "Authorization"), "<absent>");
}

}  // namespace
}  // namespace delta
