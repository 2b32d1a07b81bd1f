// Multipart uploads on the real servers (versitygw for S3, Azurite for Azure, fake-gcs-server
// for GCS, on 127.0.0.1, started by scripts/test.sh): files larger than one part go up in
// parts while the writer goes on, read back byte-identical, a failing part is retried on its
// own, and a failed or abandoned upload leaves no object. Skipped without the servers, except
// in CI.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "cloud/http_client.h"
#include "cloud/multipart_output_stream.h"
#include "cloud/routing_file_system.h"
#include "delta/default_engine.h"
#include "delta/write_table.h"
#include "support/azure_gcs_servers.h"
#include "support/id_part_table.h"

namespace delta::cloud {
namespace {

constexpr int64_t kPart = 5 << 20;
constexpr int kConcurrency = 3;

enum class Kind { kS3, kAzure, kGcs };

bool Has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

std::string_view HeaderOf(const HttpRequest& request, std::string_view name) {
  for (const auto& [k, v] : request.headers) {
    if (k == name) return v;
  }
  return {};
}

// Sorts each store's requests into upload steps, counts them and the part uploads in flight
// at once, and fails the chosen part.
class CountingHttpClient final : public HttpClient {
 public:
  CountingHttpClient(std::shared_ptr<HttpClient> inner, Kind kind)
      : inner_(std::move(inner)), kind_(kind) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    const std::string& url = request.url;
    std::string_view range = HeaderOf(request, "Content-Range");
    int part = 0;
    switch (kind_) {
      case Kind::kS3:
        if (Has(url, "partNumber=")) part = std::atoi(url.c_str() + url.find("partNumber=") + 11);
        if (request.method == "POST" && url.ends_with("?uploads=")) starts.fetch_add(1);
        if (request.method == "POST" && Has(url, "?uploadId=")) completes.fetch_add(1);
        if (request.method == "DELETE" && Has(url, "uploadId=")) aborts.fetch_add(1);
        if (request.method == "PUT" && part == 0) single_puts.fetch_add(1);
        break;
      case Kind::kAzure:
        if (Has(url, "comp=block&")) part = BlockNumber(url);
        if (Has(url, "comp=blocklist")) completes.fetch_add(1);
        if (request.method == "PUT" && !Has(url, "comp=") && !Has(url, "restype=")) {
          single_puts.fetch_add(1);
        }
        break;
      case Kind::kGcs:
        if (request.method == "PUT" && range.starts_with("bytes ") &&
            !range.starts_with("bytes */")) {
          part = static_cast<int>(std::atoll(std::string(range.substr(6)).c_str()) / kPart) + 1;
        }
        if (request.method == "POST" && Has(url, "uploadType=resumable")) starts.fetch_add(1);
        if (range.starts_with("bytes */")) completes.fetch_add(1);
        if (request.method == "DELETE" && Has(url, "upload_id=")) aborts.fetch_add(1);
        if (Has(url, "uploadType=media")) single_puts.fetch_add(1);
        break;
    }
    if (part == 0) return inner_->Send(request);
    parts.fetch_add(1);
    max_part_body = std::max<int64_t>(max_part_body, static_cast<int64_t>(request.body.size()));
    if (part == fail_part.load() && fail_times.load() != 0) {
      fail_times.fetch_sub(1);
      failed.fetch_add(1);
      return HttpResponse{500, {}, "<Error><Code>InternalError</Code></Error>"};
    }
    int now = in_flight.fetch_add(1) + 1;
    int peak = max_in_flight.load();
    while (now > peak && !max_in_flight.compare_exchange_weak(peak, now)) {
    }
    Result<HttpResponse> r = inner_->Send(request);
    in_flight.fetch_sub(1);
    return r;
  }

  std::atomic<int> starts{0}, completes{0}, aborts{0}, single_puts{0}, parts{0}, failed{0};
  std::atomic<int> in_flight{0}, max_in_flight{0};
  std::atomic<int64_t> max_part_body{0};
  std::atomic<int> fail_part{0}, fail_times{0};  // fail_times < 0: every time

 private:
  // Our block ids are base64 of "part-NNNNNN": decode the query value.
  static int BlockNumber(const std::string& url) {
    std::string id = url.substr(url.find("blockid=") + 8);
    id = id.substr(0, id.find('&'));
    for (auto [from, to] : {std::pair{"%3D", "="}, std::pair{"%2B", "+"}, std::pair{"%2F", "/"}}) {
      for (size_t at; (at = id.find(from)) != std::string::npos;) id.replace(at, 3, to);
    }
    auto decoded = Base64Decode(id);
    return decoded.has_value() ? std::atoi(decoded->c_str() + 5) : -1;
  }

  std::shared_ptr<HttpClient> inner_;
  Kind kind_;
};

class MultipartTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    StorageOptions options = {{"multipart_part_size", std::to_string(kPart)},
                              {"multipart_concurrency", std::to_string(kConcurrency)}};
    switch (GetParam()) {
      case Kind::kS3: {
        DELTA_SERVER_OR_SKIP("DELTA_TEST_S3_ENDPOINT", endpoint);
        options["AWS_ENDPOINT_URL"] = endpoint;
        options["AWS_ACCESS_KEY_ID"] = test::EnvOr("DELTA_TEST_S3_ACCESS_KEY_ID");
        options["AWS_SECRET_ACCESS_KEY"] = test::EnvOr("DELTA_TEST_S3_SECRET_ACCESS_KEY");
        options["AWS_ALLOW_HTTP"] = "true";
        bucket_ = test::EnvOr("DELTA_TEST_S3_BUCKET");
        root_ = "s3://" + bucket_ + "/" + test::UniqueName("mp");
        where_ = "s3 bucket '" + bucket_ + "' key '";
        break;
      }
      case Kind::kAzure: {
        DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
        bucket_ = test::UniqueName("mp");
        test::CreateContainer(endpoint, bucket_);
        options["AZURE_STORAGE_USE_EMULATOR"] = "true";
        options["AZURE_STORAGE_ENDPOINT"] = endpoint;
        root_ = "az://" + bucket_ + "/t";
        where_ = "container '" + bucket_ + "' blob '";
        break;
      }
      case Kind::kGcs: {
        DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
        bucket_ = test::UniqueName("mp");
        test::CreateBucket(endpoint, bucket_);
        options["GOOGLE_ENDPOINT_URL"] = endpoint;
        root_ = "gs://" + bucket_ + "/t";
        where_ = "gcs bucket '" + bucket_ + "' object '";
        break;
      }
    }
    http_ = std::make_shared<CountingHttpClient>(*MakeCurlHttpClient(), GetParam());
    DefaultEngineOptions eo;
    eo.cpu_threads = 2;
    eo.io_concurrency = 4;
    fs_ = std::make_shared<RoutingFileSystem>(*MakeDefaultFileSystem(eo), options, 4, http_);
    engine_ = *MakeDefaultEngine(fs_, eo);
    ResetUploadCounters();
  }

  // Random bytes: no two parts alike.
  static std::string Bytes(int64_t size) {
    std::string out(static_cast<size_t>(size), '\0');
    std::mt19937_64 gen(42);
    for (char& c : out) c = static_cast<char>(gen());
    return out;
  }

  // Writes `data` through OpenForCreate in 1 MiB writes.
  Status WriteInPieces(const std::string& location, const std::string& data) {
    DELTA_ASSIGN_OR_RETURN(auto out, fs_->OpenForCreate(location));
    for (size_t at = 0; at < data.size(); at += 1 << 20) {
      DELTA_RETURN_NOT_OK(out->Write(std::string_view(data).substr(at, 1 << 20)));
    }
    return out->Close();
  }

  bool Parallel() const { return GetParam() != Kind::kGcs; }    // GCS takes chunks in order
  bool HasAbort() const { return GetParam() != Kind::kAzure; }  // Azure expires blocks itself

  std::shared_ptr<CountingHttpClient> http_;
  std::shared_ptr<RoutingFileSystem> fs_;
  std::shared_ptr<Engine> engine_;
  std::string bucket_, root_, where_;
};

TEST_P(MultipartTest, AFortyMebibyteFileGoesUpInPartsAndReadsBackIdentical) {
  std::string data = Bytes(40 << 20);
  std::string location = root_ + "/big.bin";
  Status st = WriteInPieces(location, data);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(http_->starts.load(), GetParam() == Kind::kAzure ? 0 : 1);
  EXPECT_EQ(http_->parts.load(), 8);  // 40 MiB in 5 MiB parts
  EXPECT_EQ(http_->completes.load(), 1);
  EXPECT_EQ(http_->single_puts.load(), 0);
  EXPECT_EQ(http_->max_part_body.load(), kPart);
  EXPECT_LE(http_->max_in_flight.load(), Parallel() ? kConcurrency : 1);
  EXPECT_EQ(UploadPartsSent(), 8);
  // Memory: the part being filled plus the parts in flight, never the whole file.
  EXPECT_LE(PeakUploadBytesHeld(), (1 + kConcurrency) * kPart);
  EXPECT_GE(PeakUploadBytesHeld(), kPart);
  auto head = fs_->Head(location);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->size, 40 << 20);
  auto back = fs_->ReadFile(location);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(*back == data);
}

TEST_P(MultipartTest, ASecondCreateOfTheNameIsRefusedAndLeavesTheFirst) {
  std::string location = root_ + "/twice.bin";
  ASSERT_TRUE(WriteInPieces(location, Bytes(11 << 20)).ok());
  Status again = WriteInPieces(location, Bytes(6 << 20));
  EXPECT_EQ(again.detail_kind(), ErrorDetailKind::kAlreadyExists) << again.ToString();
  EXPECT_EQ(fs_->Head(location)->size, 11 << 20);
}

TEST_P(MultipartTest, AFileOfOnePartOrLessIsOnePut) {
  std::string data = Bytes(kPart);
  ASSERT_TRUE(WriteInPieces(root_ + "/one.bin", data).ok());
  EXPECT_EQ(http_->starts.load(), 0);
  EXPECT_EQ(http_->parts.load(), 0);
  EXPECT_EQ(http_->single_puts.load(), 1);
  EXPECT_TRUE(*fs_->ReadFile(root_ + "/one.bin") == data);
}

TEST_P(MultipartTest, AFailedPartIsRetriedOnItsOwn) {
  http_->fail_part = 2;
  http_->fail_times = 2;
  std::string data = Bytes(12 << 20);
  Status st = WriteInPieces(root_ + "/retried.bin", data);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(http_->failed.load(), 2);
  EXPECT_EQ(http_->parts.load(), 3 + 2);  // 3 parts, part 2 sent three times
  EXPECT_TRUE(*fs_->ReadFile(root_ + "/retried.bin") == data);
}

TEST_P(MultipartTest, APartFailingForGoodLeavesNoObject) {
  http_->fail_part = 3;
  http_->fail_times = -1;
  std::string location = root_ + "/failed.bin";
  Status st = WriteInPieces(location, Bytes(16 << 20));
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(Has(st.message(), where_)) << st.ToString();
  EXPECT_TRUE(Has(st.message(), "failed.bin'")) << st.ToString();
  EXPECT_TRUE(Has(st.message(), "uploading part 3 failed")) << st.ToString();
  EXPECT_EQ(http_->completes.load(), 0);
  EXPECT_EQ(http_->aborts.load(), HasAbort() ? 1 : 0);
  EXPECT_EQ(fs_->Head(location).status().code(), StatusCode::kNotFound);
  auto listed = fs_->ListPrefix(root_ + "/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_TRUE(listed->empty());
}

TEST_P(MultipartTest, AStreamDroppedBeforeCloseLeavesNoObject) {
  std::string location = root_ + "/dropped.bin";
  {
    auto out = *fs_->OpenForCreate(location);
    ASSERT_TRUE(out->Write(Bytes(11 << 20)).ok());
  }
  EXPECT_EQ(http_->parts.load(), 2);
  EXPECT_EQ(http_->aborts.load(), HasAbort() ? 1 : 0);
  EXPECT_EQ(http_->completes.load(), 0);
  EXPECT_EQ(fs_->Head(location).status().code(), StatusCode::kNotFound);
}

TEST_P(MultipartTest, ATableWithADataFileLargerThanAPartReadsBackItsRows) {
  constexpr int64_t kRows = 200000;
  std::vector<int64_t> ids(kRows);
  std::vector<std::string> parts(kRows);
  std::vector<std::string> expected;
  std::mt19937_64 gen(7);
  for (int64_t i = 0; i < kRows; ++i) {
    char hex[49];
    std::snprintf(hex, sizeof hex, "%016llx%016llx%016llx", static_cast<unsigned long long>(gen()),
                  static_cast<unsigned long long>(gen()), static_cast<unsigned long long>(gen()));
    ids[i] = i;
    parts[i] = hex;
    expected.push_back(std::to_string(i) + "/" + hex);
  }
  std::sort(expected.begin(), expected.end());
  ArrowArrayStream data = test::Stream(ids, parts);
  auto written = WriteTable(root_ + "/tbl", engine_, &data, {});
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_GE(http_->parts.load(), 2);
  EXPECT_EQ(http_->completes.load(), 1);
  EXPECT_LE(PeakUploadBytesHeld(), (1 + kConcurrency) * kPart);
  auto files = fs_->ListRecursive(root_ + "/tbl/");
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  int64_t largest = 0;
  for (const FileInfo& f : *files) largest = std::max(largest, f.size);
  EXPECT_GT(largest, kPart);
  EXPECT_EQ(test::Rows(root_ + "/tbl", engine_), expected);
  EXPECT_EQ(test::LatestVersion(root_ + "/tbl", engine_), 0);
}

TEST(UploadOptionsTest, DefaultsAndBadValuesNamingTheOption) {
  auto defaults = UploadOptionsFrom({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->part_size, 8 << 20);
  EXPECT_EQ(defaults->concurrency, 4);
  auto set =
      UploadOptionsFrom({{"MULTIPART_PART_SIZE", "16777216"}, {"multipart_concurrency", "2"}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->part_size, 16 << 20);
  EXPECT_EQ(set->concurrency, 2);
  EXPECT_EQ(UploadOptionsFrom({{"multipart_part_size", "1024"}}).status().message(),
            "storage option multipart_part_size must be a whole number >= 5242880, got '1024'");
  EXPECT_EQ(UploadOptionsFrom({{"multipart_part_size", "5242881"}}).status().message(),
            "storage option multipart_part_size must be a multiple of 262144 (256 KiB), got "
            "5242881");
  EXPECT_EQ(UploadOptionsFrom({{"multipart_concurrency", "0"}}).status().message(),
            "storage option multipart_concurrency must be a whole number >= 1, got '0'");
}

INSTANTIATE_TEST_SUITE_P(Stores, MultipartTest,
                         ::testing::Values(Kind::kS3, Kind::kAzure, Kind::kGcs),
                         [](const auto& info) {
                           switch (info.param) {
                             case Kind::kS3:
                               return std::string("S3");
                             case Kind::kAzure:
                               return std::string("Azure");
                             default:
                               return std::string("Gcs");
                           }
                         });

}  // namespace
}  // namespace delta::cloud
