// The S3 store without a server: SigV4 against AWS's documented examples, the XML reader,
// options and credentials, and the store's requests and error mapping over a fake client.
#include <gtest/gtest.h>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <mutex>

#include "cloud/aws_credentials.h"
#include "cloud/aws_sigv4.h"
#include "cloud/object_store.h"
#include "cloud/s3_store.h"
#include "cloud/xml.h"
#include "support/temp_dir.h"
#include "util/sha256.h"

namespace delta::cloud {
namespace {

const AwsCredentials kExampleKeys{"AKIAIOSFODNN7EXAMPLE",
                                  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", "test"};

// AWS's S3 SigV4 example "GET Object" (the first 10 bytes of test.txt).
TEST(AwsSigV4Test, MatchesTheGetObjectExample) {
  HttpRequest r{"GET",
                "https://examplebucket.s3.amazonaws.com/test.txt",
                {{"Range", "bytes=0-9"},
                 {"x-amz-content-sha256", Sha256Hex("")},
                 {"x-amz-date", "20130524T000000Z"}},
                ""};
  EXPECT_EQ(AwsAuthorization(r, Sha256Hex(""), kExampleKeys, "us-east-1", "s3", "20130524T000000Z"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
            "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

// AWS's SigV4 test suite case get-vanilla-query-order-key-case: the query is sorted.
TEST(AwsSigV4Test, SortsTheQuery) {
  HttpRequest r{"GET",
                "https://example.amazonaws.com/?Param2=value2&Param1=value1",
                {{"X-Amz-Date", "20150830T123600Z"}},
                ""};
  AwsCredentials keys{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", "test"};
  std::string signed_headers;
  EXPECT_EQ(AwsCanonicalRequest(r, Sha256Hex(""), &signed_headers),
            "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
                Sha256Hex(""));
  EXPECT_EQ(AwsAuthorization(r, Sha256Hex(""), keys, "us-east-1", "service", "20150830T123600Z"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
            "SignedHeaders=host;x-amz-date,"
            "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(AwsSigV4Test, CanonicalQueryReencodesValuesAndKeepsEmptyOnes) {
  HttpRequest r{"GET", "http://h:9000/b?prefix=a%2Fb c&list-type=2&delete", {}, ""};
  std::string canonical = AwsCanonicalRequest(r, "UNSIGNED-PAYLOAD");
  EXPECT_EQ(canonical.substr(0, canonical.find("\nhost")),
            "GET\n/b\ndelete=&list-type=2&prefix=a%2Fb%20c");
  EXPECT_NE(canonical.find("host:h:9000\n"), std::string::npos);
  EXPECT_EQ(AwsUriEncode("a b/c~d=é", true), "a%20b/c~d%3D%C3%A9");
  EXPECT_EQ(AwsUriEncode("a/b", false), "a%2Fb");
}

TEST(AwsSigV4Test, SignS3RequestAddsTheSessionToken) {
  HttpRequest r{"PUT", "http://127.0.0.1:7070/b/k", {}, "body"};
  AwsCredentials keys = kExampleKeys;
  keys.session_token = "token123";
  SignS3Request(r, keys, "eu-west-1", "20260101T000000Z");
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["Host"], "127.0.0.1:7070");
  EXPECT_EQ(h["x-amz-date"], "20260101T000000Z");
  EXPECT_EQ(h["x-amz-content-sha256"], Sha256Hex("body"));
  EXPECT_EQ(h["x-amz-security-token"], "token123");
  EXPECT_TRUE(h["Authorization"].starts_with(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/eu-west-1/s3/aws4_request,"
      "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,Signature="));
}

TEST(XmlTest, ReadsAListing) {
  auto xml = ParseXml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name>"
      "<Contents><Key>t/a&amp;b &lt;1&gt;&#x263A;&#65;</Key><Size>12</Size></Contents>"
      "<!-- a comment --><Contents><Key><![CDATA[x<y]]></Key><Size/></Contents>"
      "<IsTruncated>false</IsTruncated></ListBucketResult>");
  ASSERT_TRUE(xml.ok()) << xml.status().ToString();
  EXPECT_EQ(xml->name, "ListBucketResult");
  ASSERT_EQ(xml->children.size(), 4u);
  EXPECT_EQ(xml->children[1].ChildText("Key"),
            "t/a&b <1>\xE2\x98\xBA"
            "A");
  EXPECT_EQ(xml->children[1].ChildText("Size"), "12");
  EXPECT_EQ(xml->children[2].ChildText("Key"), "x<y");
  EXPECT_EQ(xml->children[2].ChildText("Size"), "");
  EXPECT_EQ(xml->ChildText("IsTruncated"), "false");
  EXPECT_EQ(xml->Child("Missing"), nullptr);
}

TEST(XmlTest, RejectsMalformedInput) {
  EXPECT_EQ(ParseXml("<a><b></a>").status().message(),
            "malformed XML at offset 9: </a> closes <b>");
  EXPECT_EQ(ParseXml("<a>&bogus;</a>").status().message(),
            "malformed XML at offset 3: unknown entity '&bogus;'");
  EXPECT_EQ(ParseXml("").status().message(),
            "malformed XML at offset 0: expected the root element");
  EXPECT_EQ(ParseXml("<a></a><b/>").status().message(),
            "malformed XML at offset 7: content after the root element");
  EXPECT_FALSE(ParseXml(std::string(100, '<')).ok());
}

StoreLocation Bucket(std::string name) { return StoreLocation{"s3", std::move(name), "", ""}; }

TEST(S3ConfigTest, ReadsTheOptions) {
  auto aws = S3ConfigFromOptions(Bucket("b"), {{"aws_region", "eu-west-1"}});
  ASSERT_TRUE(aws.ok());
  EXPECT_EQ(aws->scheme, "https");
  EXPECT_EQ(aws->host, "s3.eu-west-1.amazonaws.com");
  EXPECT_TRUE(aws->virtual_hosted);
  auto local = S3ConfigFromOptions(
      Bucket("b"), {{"AWS_ENDPOINT_URL", "http://127.0.0.1:9000/"}, {"AWS_ALLOW_HTTP", "true"}});
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->host, "127.0.0.1:9000");
  EXPECT_FALSE(local->virtual_hosted);
  EXPECT_EQ(S3ConfigFromOptions(Bucket("b"), {{"AWS_ENDPOINT_URL", "http://127.0.0.1:9000"}})
                .status()
                .message(),
            "storage option AWS_ENDPOINT_URL 'http://127.0.0.1:9000' uses plain HTTP; set "
            "AWS_ALLOW_HTTP=true to allow it");
  EXPECT_EQ(S3ConfigFromOptions(Bucket("b"), {{"AWS_S3_ADDRESSING_STYLE", "sideways"}})
                .status()
                .message(),
            "storage option AWS_S3_ADDRESSING_STYLE: expected 'path' or 'virtual', got "
            "'sideways'");
  EXPECT_EQ(S3ConfigFromOptions(Bucket("b"), {{"AWS_ALLOW_HTTP", "maybe"}}).status().message(),
            "storage option AWS_ALLOW_HTTP: expected true or false, got 'maybe'");
}

// Sets environment variables for one test and restores them after.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (auto [name, value] : vars) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      if (value) {
        setenv(name, value, 1);
      } else {
        unsetenv(name);
      }
    }
  }
  ~ScopedEnv() {
    for (auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(AwsCredentialsTest, OptionsThenEnvironmentThenProfile) {
  delta::test::TempDir dir;
  std::string file = dir.path() + "/credentials";
  std::ofstream(file) << "[default]\naws_access_key_id = DEF\naws_secret_access_key = defsecret\n"
                         "[profile other]\naws_access_key_id=OTH\naws_secret_access_key=o\n"
                         "aws_session_token=tok\n";
  ScopedEnv env({{"AWS_ACCESS_KEY_ID", nullptr},
                 {"AWS_SECRET_ACCESS_KEY", nullptr},
                 {"AWS_SESSION_TOKEN", nullptr},
                 {"AWS_PROFILE", nullptr},
                 {"AWS_SHARED_CREDENTIALS_FILE", file.c_str()}});
  auto from_profile = ResolveAwsCredentials({});
  ASSERT_TRUE(from_profile.ok()) << from_profile.status().ToString();
  EXPECT_EQ(from_profile->access_key_id, "DEF");
  EXPECT_EQ(from_profile->source, "profile 'default' of " + file);
  auto other = ResolveAwsCredentials({{"AWS_PROFILE", "other"}});
  EXPECT_EQ(other->session_token, "tok");
  {
    ScopedEnv keys({{"AWS_ACCESS_KEY_ID", "ENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"}});
    EXPECT_EQ(ResolveAwsCredentials({})->source, "the environment variables");
    auto opts = ResolveAwsCredentials(
        {{"AWS_ACCESS_KEY_ID", "OPT"}, {"AWS_SECRET_ACCESS_KEY", "optsecret"}});
    EXPECT_EQ(opts->access_key_id, "OPT");
    EXPECT_EQ(opts->source, "the storage options");
  }
  EXPECT_EQ(ResolveAwsCredentials({{"AWS_ACCESS_KEY_ID", "OPT"}}).status().message(),
            "the storage options has AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY");
  auto none = ResolveAwsCredentials({{"AWS_PROFILE", "missing"}});
  EXPECT_EQ(none.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(none.status().message(),
            "no AWS credentials: tried the storage options AWS_ACCESS_KEY_ID/"
            "AWS_SECRET_ACCESS_KEY, the environment variables of the same names, and profile "
            "'missing' of " +
                file + " (no such profile)");
}

// Replies from a script and records what was sent.
class FakeS3 final : public HttpClient {
 public:
  struct Reply {
    int status;  // 0: a lost response
    std::string body;
    HttpHeaders headers;
  };
  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mu_);
    sent.push_back(request);
    if (replies.empty()) return HttpResponse{200, {}, ""};
    Reply r = replies.front();
    replies.pop_front();
    if (r.status == 0)
      return Status::IoError(request.method + " " + request.url + " failed: reset");
    return HttpResponse{r.status, r.headers, r.body};
  }
  std::deque<Reply> replies;
  std::vector<HttpRequest> sent;

 private:
  std::mutex mu_;
};

std::string S3Error(std::string code, std::string message) {
  return "<?xml version=\"1.0\"?><Error><Code>" + code + "</Code><Message>" + message +
         "</Message></Error>";
}

class S3StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = MakeS3Store(Bucket("bkt"),
                            {{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"},
                             {"AWS_ALLOW_HTTP", "true"},
                             {"AWS_ACCESS_KEY_ID", "AK"},
                             {"AWS_SECRET_ACCESS_KEY", "SK"}},
                            http);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    store = *made;
  }
  std::shared_ptr<FakeS3> http = std::make_shared<FakeS3>();
  std::shared_ptr<ObjectStore> store;
};

TEST_F(S3StoreTest, ListsPageByPageFromStartAfter) {
  http->replies = {
      {200,
       "<ListBucketResult><Contents><Key>t/_delta_log/00000000000000000001.json</Key>"
       "<LastModified>2026-12-05T02:00:00.000Z</LastModified><Size>10</Size></Contents>"
       "<IsTruncated>true</IsTruncated><NextContinuationToken>tok/1=</NextContinuationToken>"
       "</ListBucketResult>",
       {}},
      {200,
       "<ListBucketResult><Contents><Key>t/_delta_log/00000000000000000002.json</Key>"
       "<LastModified>2026-12-05T02:00:01.500Z</LastModified><Size>20</Size></Contents>"
       "<IsTruncated>false</IsTruncated></ListBucketResult>",
       {}}};
  auto listed = store->List("t/_delta_log/", "t/_delta_log/0000000000000000000", false);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].key, "t/_delta_log/00000000000000000002.json");
  EXPECT_EQ((*listed)[1].size, 20);
  EXPECT_EQ((*listed)[1].modification_time_ms, 1796436001500);
  ASSERT_EQ(http->sent.size(), 2u);
  EXPECT_EQ(http->sent[0].url,
            "http://127.0.0.1:1/bkt?list-type=2&prefix=t%2F_delta_log%2F&delimiter=%2F"
            "&start-after=t%2F_delta_log%2F0000000000000000000");
  EXPECT_EQ(http->sent[1].url,
            "http://127.0.0.1:1/bkt?list-type=2&prefix=t%2F_delta_log%2F&delimiter=%2F"
            "&continuation-token=tok%2F1%3D");
}

TEST_F(S3StoreTest, ReadsRanges) {
  http->replies = {{206, "23", {}}, {416, S3Error("InvalidRange", "x"), {}}};
  EXPECT_EQ(*store->Get("t/a b", 2, 2), "23");
  EXPECT_EQ(http->sent[0].url, "http://127.0.0.1:1/bkt/t/a%20b");
  bool has_range = false;
  for (auto& [k, v] : http->sent[0].headers) has_range |= k == "Range" && v == "bytes=2-3";
  EXPECT_TRUE(has_range);
  EXPECT_EQ(*store->Get("t/x", 100, 5), "");
}

TEST_F(S3StoreTest, ConditionalCreate) {
  http->replies = {{409, S3Error("ConditionalRequestConflict", "busy"), {}},
                   {412, S3Error("PreconditionFailed", "exists"), {}}};
  Status st = store->Put("t/_delta_log/00000000000000000003.json", "{}", PutMode::kCreate);
  EXPECT_TRUE(st.IsAlreadyExists()) << st.ToString();
  EXPECT_EQ(st.message(),
            "s3 bucket 'bkt' key 't/_delta_log/00000000000000000003.json' already exists");
  ASSERT_EQ(http->sent.size(), 2u);  // the 409 was retried
  bool conditional = false;
  for (auto& [k, v] : http->sent[1].headers) conditional |= k == "If-None-Match" && v == "*";
  EXPECT_TRUE(conditional);
}

TEST_F(S3StoreTest, ALostCreateResponseIsNotRepeated) {
  http->replies = {{0, "", {}}};
  Status st = store->Put("t/_delta_log/00000000000000000003.json", "{}", PutMode::kCreate);
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(http->sent.size(), 1u);
}

TEST_F(S3StoreTest, TransientErrorsAreRetriedForIdempotentRequests) {
  http->replies = {
      {500, S3Error("InternalError", "oops"), {}},
      {0, "", {}},
      {503, S3Error("SlowDown", "slow"), {}},
      {200, "", {{"Content-Length", "7"}, {"Last-Modified", "Sat, 05 Dec 2026 02:00:00 GMT"}}}};
  auto head = store->Head("t/x");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->size, 7);
  EXPECT_EQ(head->modification_time_ms, 1796436000000);
  EXPECT_EQ(http->sent.size(), 4u);
}

TEST_F(S3StoreTest, ErrorsNameBucketKeyAndCredentialSource) {
  http->replies = {{404, S3Error("NoSuchKey", "gone"), {}},
                   {404, S3Error("NoSuchBucket", "no bucket"), {}},
                   {403, S3Error("SignatureDoesNotMatch", "bad sig"), {}},
                   {404, S3Error("NoSuchKey", "gone"), {}}};
  auto missing = store->Get("t/x");
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_EQ(missing.status().message(), "s3 bucket 'bkt' key 't/x' not found (NoSuchKey)");
  EXPECT_EQ(store->List("t/", "", true).status().message(),
            "s3 bucket 'bkt' does not exist (NoSuchBucket)");
  auto denied = store->Get("t/x");
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.status().message(),
            "s3 bucket 'bkt' key 't/x': reading was refused (SignatureDoesNotMatch: bad sig); "
            "credentials from the storage options");
  EXPECT_TRUE(store->Delete("t/x").ok());  // deleting a missing key is fine
}

TEST_F(S3StoreTest, DeletesInBulk) {
  http->replies = {{200, "<DeleteResult><Deleted><Key>a</Key></Deleted></DeleteResult>", {}},
                   {200,
                    "<DeleteResult><Error><Key>b&amp;c</Key><Code>AccessDenied</Code>"
                    "<Message>no</Message></Error></DeleteResult>",
                    {}}};
  EXPECT_TRUE(store->DeleteMany({"a", "b&c"}).ok());
  EXPECT_EQ(http->sent[0].method, "POST");
  EXPECT_EQ(http->sent[0].url, "http://127.0.0.1:1/bkt?delete=");
  EXPECT_NE(http->sent[0].body.find("<Object><Key>b&amp;c</Key></Object>"), std::string::npos);
  EXPECT_EQ(store->DeleteMany({"b&c"}).message(),
            "s3 bucket 'bkt' key 'b&c': could not be deleted: AccessDenied: no");
}

}  // namespace
}  // namespace delta::cloud
