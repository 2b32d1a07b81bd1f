#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cloud/gcs_credentials.h"
#include "cloud/gcs_store.h"
#include "delta/json_writer.h"
#include "support/fake_http_client.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using cloud::HttpRequest;
using cloud::HttpResponse;
using cloud::PutMode;
using test::FakeHttpClient;
using test::Reply;

constexpr int64_t kFixedTime = 1700000000;

// A throwaway RSA key made for this test with `openssl genrsa 2048 | openssl pkcs8 -topk8`.
constexpr const char* kTestKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDAK7rNM5FJbpIH\n"
    "eDWF/Uwvb25+oq0Hf36uYjvSvyBb7kny/Y3to2OX/e74tvXo496xriiuLdZ1aXbi\n"
    "xQ9xjC/baZ/cCQSvQijOTsfzHB3lX5V285fbO/9ENpfg9bI1jNvt4tn3LeMs3PhY\n"
    "9rmRS0pWPN691pktXiGssczXO+F/Oa/ZD+afepzC3LeWS533f/lwnlxMLY/kRjC4\n"
    "cOiEcHwMjL2AJ3UAkOELY3UBHKEm5u9K7wm0irvMBxXs2/StkXcST4DE2s6r7gOf\n"
    "MEIbilHyGt+Vg/UAilULKf2xo8ikYPl6dXKJypnU3n1N22pHuz+ifpykqvYV2E9L\n"
    "fcHN5esFAgMBAAECggEABussIQorv2iPMlymFKpfbU/GOyHxN9VjwrR/seE2sYid\n"
    "OfXd/8HDqqu2SFcR+G4HzP7XsRmuYHDJGnX8zdo9uNkPK9VZSVQI8xCMC1kmTGVK\n"
    "FMvFWlvJH3QVuMAvx9TH8EMcFNWembVk7ZMIcE41IXC0lkIdJrB+ZuDJ3q/luPZT\n"
    "I2VU/Z6kPHV/LZxEj0R2Gw/ebTnmxs97bc/mo6KuEmuxcaCQsR1pKMUanxEthGQD\n"
    "P01zp7jm6ey2RxQUAz9PNrRja45RRsvUDIA2O8R3K3Ib0G52kjM3ACy33tm/+WLn\n"
    "bCDcB6v/qtNnxdmlMbMBxPFUcirNOGByTM+6ZpyvIQKBgQD6UVj9xtKudUFw94ZX\n"
    "QlhF1XM7dK9ZMejey7wfv5YsXl4dmvm5lMKNJGv5RNKwR2J+5TAvWrVuMdI1r0y3\n"
    "9btPkfkW4/O+se1VAm83dKlMsrQTaHD3lWgEeYQojtvHxjRwiYdQEwg171BrdcaD\n"
    "x3a0Hj+ySbUUgkUAxBC6+PjklQKBgQDEiHopyY969Zb5rw0VSH4UVESgXs7hnJUr\n"
    "l9NHAH3nL7MPgSSVbWwbkobtzVhA4fSOasThDxJ7IsqUo/FPIJw4iK5Id6JY7ckK\n"
    "JgeKI4VmsCeRzM6HFY19EJ7UXnEdqMCL3feAouosChxagnxm+qGVxmsj6eEP1NGQ\n"
    "rz3OpbhgsQKBgQCAJNDX6cbFBMXhnPWrCg3CgkkhcNSrZr99/vJplly8jfrEUSfy\n"
    "d1M5iiG0VCU/lOu5Zn7KXzduGBcy4HD349ZmH6ZSr5OCVffXgw2IaDKbTwicvuTF\n"
    "+jhrwgGD+c5NcQw7aExbE8MqST70JDDiGWSNRMb68HzA6QeGItklvns8GQKBgFEY\n"
    "B2BqvPt9jthj9MANc4ir5M1PkYnidGLSeOlZOJpGQlppbVEDH5KY+XfyPTI4ihKh\n"
    "168N6xBIINMIeq+twwhIzbE1PBX5t/SqEH5dfdQLZ6hvm+B9ci5ix0bV2VLlqN2N\n"
    "r2yyzHFzkpN+OBq93CLTBq6A+M7xf691v8ke9F9hAoGBANBwSIzRFlT2ksnaNiZz\n"
    "DECYv6qIFKpYXiB9lFGx1qDxsThCUHJm8dTjRgmhn5pQZvyrMFhpFk3HVQfiRLIX\n"
    "gmj+BFn3xAczXKnloDci7CnAxvxjV0SXNstDon/Of/ddpw2b4O7oUuyDZj13kzLK\n"
    "EnjvcmQHNXbKshW8PaRmJxLo\n"
    "-----END PRIVATE KEY-----\n";

// Computed independently for kTestKey: base64url of the header and claims below, signed with
// `openssl dgst -sha256 -sign` (RSASSA-PKCS1-v1_5 is deterministic).
constexpr const char* kExpectedAssertion =
    "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzYUBwLmlhbS5nc2VydmljZWFjY29"
    "1bnQuY29tIiwic2NvcGUiOiJodHRwczovL3d3dy5nb29nbGVhcGlzLmNvbS9hdXRoL2RldnN0b3J"
    "hZ2UucmVhZF93cml0ZSIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6MS90b2tlbiIsImlhdCI6MTc"
    "wMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.DDnCtCBE4gHowXt5YChou1pQfnj_PavbsYa6LkC7"
    "eE1ASHtbmzkVfmzPX5u271qoTtzRsTp3LUEBELeoQsk1rjtVLUTqhRrAHTqH1R3N_LReQqG3t4YV"
    "uuPNsdk5kEV0LsXYnZ87GrWF8fHeV5DhaNSQzvk_coPmiTfP9XNibNya9btKvu5coPyL4L7dRU7z"
    "09nb7i_0PQT9wvLJtPA_JjiKqj1gDjrG23Qqehv0LFt9ZDIdWQz3e4XTVsAwUYtCj3SVEtBDGdEE"
    "fpshP2rMh4vTL_LRqiG6Kl-ceGSLosqoP4wgUjjv5poV_OmrPe7vx29jK2t0zlDo-zNeqZPMUQ";

std::shared_ptr<cloud::ObjectStore> MakeStore(std::shared_ptr<FakeHttpClient> http,
                                              cloud::StorageOptions options) {
  cloud::StoreLocation location{"gs", "bkt", "", ""};
  auto store =
      cloud::MakeGcsStoreWithHooks(location, options, http, test::FixedTimeHooks(kFixedTime));
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return *store;
}

const cloud::StorageOptions kEmulator = {{"GOOGLE_ENDPOINT_URL", "http://127.0.0.1:4443"}};

std::string ServiceAccountJson() {
  JsonWriter w;
  w.BeginObject()
      .Key("type")
      .String("service_account")
      .Key("client_email")
      .String("sa@p.iam.gserviceaccount.com")
      .Key("private_key")
      .String(kTestKey)
      .Key("token_uri")
      .String("http://127.0.0.1:1/token")
      .EndObject();
  return w.Take();
}

TEST(GcsCredentialsTest, ServiceAccountAssertionIsAnRs256Jwt) {
  auto key = cloud::ParseServiceAccountKey(ServiceAccountJson(), "a test");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto assertion = cloud::MakeServiceAccountAssertion(*key, kFixedTime);
  ASSERT_TRUE(assertion.ok()) << assertion.status().ToString();
  EXPECT_EQ(*assertion, kExpectedAssertion);
}

TEST(GcsCredentialsTest, MalformedKeysAreNamed) {
  EXPECT_EQ(
      cloud::ParseServiceAccountKey("{\"client_email\":\"x\"}", "option X").status().message(),
      "the service account key from option X has no 'private_key'");
  EXPECT_EQ(cloud::ParseServiceAccountKey("nope", "option X").status().message(),
            "the service account key from option X is not JSON");
  cloud::ServiceAccountKey bad{
      "x", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "http://t"};
  EXPECT_EQ(cloud::MakeServiceAccountAssertion(bad, 0).status().message(),
            "the service account's private_key is not a PEM private key");
}

TEST(GcsStoreTest, ServiceAccountTokenIsFetchedOnceAndSentAsBearer) {
  auto http = std::make_shared<FakeHttpClient>([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url == "http://127.0.0.1:1/token") {
      return Reply(200,
                   "{\"access_token\":\"tok-1\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }
    return Reply(200, "{\"name\":\"a\",\"size\":\"7\",\"updated\":\"2023-11-14T22:13:20.250Z\"}");
  });
  auto store = MakeStore(http, {{"GOOGLE_ENDPOINT_URL", "http://127.0.0.1:4443"},
                                {"google_service_account_key", ServiceAccountJson()}});
  auto meta = store->Head("a");
  ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  EXPECT_EQ(meta->size, 7);
  EXPECT_EQ(meta->modification_time_ms, kFixedTime * 1000 + 250);
  ASSERT_TRUE(store->Head("a").ok());
  auto requests = http->requests();
  ASSERT_EQ(requests.size(), 3u);  // one token exchange, two metadata reads
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(
      requests[0].body,
      std::string("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=") +
          kExpectedAssertion);
  EXPECT_EQ(requests[1].url, "http://127.0.0.1:4443/storage/v1/b/bkt/o/a");
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[1], "Authorization"), "Bearer tok-1");
  EXPECT_EQ(FakeHttpClient::HeaderOf(requests[2], "Authorization"), "Bearer tok-1");
}

TEST(GcsStoreTest, ServiceAccountKeyFileAndRefusedToken) {
  test::TempDir dir;
  std::string path = dir.path() + "/sa.json";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::string json = ServiceAccountJson();
    std::fwrite(json.data(), 1, json.size(), f);
    std::fclose(f);
  }
  auto http = std::make_shared<FakeHttpClient>([](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(400, "{\"error\":\"invalid_grant\"}");
  });
  auto store = MakeStore(
      http, {{"GOOGLE_ENDPOINT_URL", "http://127.0.0.1:4443"}, {"GOOGLE_SERVICE_ACCOUNT", path}});
  EXPECT_EQ(store->Head("a").status().message(),
            "gcs bucket 'bkt': the token endpoint http://127.0.0.1:1/token refused the service account "
            "'sa@p.iam.gserviceaccount.com' from option GOOGLE_SERVICE_ACCOUNT (HTTP 400): "
            "{\"error\":\"invalid_grant\"}");
  auto missing = cloud::MakeGcsStore(
      {"gs", "bkt", "", ""}, {{"GOOGLE_APPLICATION_CREDENTIALS", dir.path() + "/none.json"}}, http);
  EXPECT_EQ(missing.status().message(), "the service account key file '" + dir.path() +
                                            "/none.json' (from option "
                                            "GOOGLE_APPLICATION_CREDENTIALS) cannot be read");
}

TEST(GcsStoreTest, CreateUsesIfGenerationMatchZero) {
  int status = 200;
  auto http = std::make_shared<FakeHttpClient>([&](const HttpRequest&) -> Result<HttpResponse> {
    return Reply(status, status == 412 ? "{\"error\":{\"code\":412,\"message\":\"Precondition "
                                         "Failed\"}}"
                                       : "{}");
  });
  auto store = MakeStore(http, kEmulator);
  ASSERT_TRUE(store->Put("t/_delta_log/00000000000000000001.json", "hi", PutMode::kCreate).ok());
  HttpRequest sent = http->requests().back();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url,
            "http://127.0.0.1:4443/upload/storage/v1/b/bkt/o?uploadType=media&"
            "name=t%2F_delta_log%2F00000000000000000001.json&ifGenerationMatch=0");
  EXPECT_EQ(sent.body, "hi");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "Authorization"), "<absent>");  // anonymous
  status = 412;
  Status st = store->Put("t/_delta_log/00000000000000000001.json", "hi", PutMode::kCreate);
  EXPECT_EQ(st.detail_kind(), ErrorDetailKind::kAlreadyExists);
  EXPECT_EQ(st.message(),
            "gcs bucket 'bkt' object 't/_delta_log/00000000000000000001.json' already exists");
  status = 502;  // may have landed: not repeated, the transaction reads the log back
  size_t before = http->requests().size();
  EXPECT_EQ(store->Put("t/_delta_log/2.json", "hi", PutMode::kCreate).code(), StatusCode::kIoError);
  EXPECT_EQ(http->requests().size() - before, 1u);
  status = 200;
  ASSERT_TRUE(store->Put("t/x", "", PutMode::kOverwrite).ok());
  EXPECT_EQ(http->requests().back().url,
            "http://127.0.0.1:4443/upload/storage/v1/b/bkt/o?uploadType=media&name=t%2Fx");
}

TEST(GcsStoreTest, ListUsesStartOffsetAndPageTokens) {
  auto http = std::make_shared<FakeHttpClient>([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.find("pageToken=") == std::string::npos) {
      // startOffset is inclusive: the start key itself comes back and is dropped.
      return Reply(200,
                   "{\"items\":[{\"name\":\"_delta_log/00000000000000000005.json\",\"size\":\"1\"},"
                   "{\"name\":\"_delta_log/00000000000000000006.json\",\"size\":\"2\","
                   "\"updated\":\"2023-11-14T22:13:20Z\"}],"
                   "\"prefixes\":[\"_delta_log/_commits/\"],\"nextPageToken\":\"p2\"}");
    }
    return Reply(200, "{\"items\":[{\"name\":\"_delta_log/_last_checkpoint\",\"size\":\"3\"}]}");
  });
  auto store = MakeStore(http, kEmulator);
  auto listed = store->List("_delta_log/", "_delta_log/00000000000000000005.json", false);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].key, "_delta_log/00000000000000000006.json");
  EXPECT_EQ((*listed)[0].size, 2);
  EXPECT_EQ((*listed)[0].modification_time_ms, kFixedTime * 1000);
  EXPECT_EQ((*listed)[1].key, "_delta_log/_last_checkpoint");
  auto requests = http->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url,
            "http://127.0.0.1:4443/storage/v1/b/bkt/o?maxResults=1000&prefix=_delta_log%2F&"
            "delimiter=%2F&startOffset=_delta_log%2F00000000000000000005.json");
  EXPECT_EQ(requests[1].url,
            "http://127.0.0.1:4443/storage/v1/b/bkt/o?maxResults=1000&prefix=_delta_log%2F&"
            "delimiter=%2F&startOffset=_delta_log%2F00000000000000000005.json&pageToken=p2");
}

TEST(GcsStoreTest, RangedReadsAndErrors) {
  int status = 206;
  std::string body = "xyz";
  auto http = std::make_shared<FakeHttpClient>(
      [&](const HttpRequest&) -> Result<HttpResponse> { return Reply(status, body); });
  auto store = MakeStore(
      http, {{"GOOGLE_ENDPOINT_URL", "http://127.0.0.1:4443"}, {"GOOGLE_BEARER_TOKEN", "abc"}});
  auto got = store->Get("d/part 1.parquet", 10, 3);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "xyz");
  HttpRequest sent = http->requests().back();
  EXPECT_EQ(sent.url, "http://127.0.0.1:4443/storage/v1/b/bkt/o/d%2Fpart%201.parquet?alt=media");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "Range"), "bytes=10-12");
  EXPECT_EQ(FakeHttpClient::HeaderOf(sent, "Authorization"), "Bearer abc");

  status = 403;
  body = "{\"error\":{\"code\":403,\"message\":\"Access denied.\"}}";
  EXPECT_EQ(store->Get("k").status().message(),
            "gcs bucket 'bkt' object 'k': read refused (HTTP 403) with the access token from "
            "option GOOGLE_BEARER_TOKEN: Access denied.");
  status = 404;
  body = "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}";
  EXPECT_EQ(store->Head("k").status().message(), "gcs bucket 'bkt' object 'k': not found");
  EXPECT_EQ(store->List("p/", "", true).status().message(),
            "gcs bucket 'bkt': the bucket does not exist");
  EXPECT_TRUE(store->Delete("k").ok());
  status = 429;
  size_t before = http->requests().size();
  EXPECT_EQ(store->Get("k").status().code(), StatusCode::kIoError);
  EXPECT_EQ(http->requests().size() - before, 3u);  // retried within the policy
}

TEST(GcsStoreTest, PlainHttpNeedsOptingIn) {
  auto http = std::make_shared<FakeHttpClient>(
      [](const HttpRequest&) -> Result<HttpResponse> { return Reply(200); });
  auto st =
      cloud::MakeGcsStore({"gs", "bkt", "", ""}, {{"GOOGLE_ENDPOINT_URL", "http://gcs:80"}}, http);
  EXPECT_EQ(st.status().message(),
            "GCS endpoint 'http://gcs:80' is plain HTTP; set GOOGLE_ALLOW_HTTP=true to allow it");
  EXPECT_TRUE(cloud::MakeGcsStore(
                  {"gs", "bkt", "", ""},
                  {{"GOOGLE_ENDPOINT_URL", "http://gcs:80"}, {"GOOGLE_ALLOW_HTTP", "true"}}, http)
                  .ok());
}

}  // namespace
}  // namespace delta
