#include "cloud/gcs_store.h"

#include <simdjson.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cloud/gcs_credential_chain.h"
#include "cloud/gcs_credentials.h"
#include "cloud/multipart_upload.h"

namespace delta::cloud {
namespace {

constexpr int kListPageSize = 1000;

// size and updated of one object resource.
void ReadObjectFields(simdjson::dom::element object, ObjectMeta* meta) {
  std::string_view text;
  if (object["size"].get(text) == simdjson::SUCCESS) {
    meta->size = std::strtoll(std::string(text).c_str(), nullptr, 10);
  }
  if (object["updated"].get(text) == simdjson::SUCCESS) {
    meta->modification_time_ms = ParseRfc3339Millis(text).value_or(0);
  }
}

class GcsUpload;

class GcsStore final : public ObjectStore {
 public:
  GcsStore(std::string bucket, std::string endpoint, std::shared_ptr<GcsCredentials> credentials,
           std::shared_ptr<HttpClient> http, StoreHooks hooks)
      : bucket_(std::move(bucket)),
        endpoint_(std::move(endpoint)),
        credentials_(std::move(credentials)),
        http_(std::move(http)),
        hooks_(std::move(hooks)) {}

  std::string Describe() const override { return "gcs bucket '" + bucket_ + "'"; }

  Result<std::vector<ObjectMeta>> List(std::string_view prefix, std::string_view start_after,
                                       bool recursive) override {
    std::vector<ObjectMeta> out;
    std::string page_token;
    // startOffset is inclusive; the key itself is dropped below.
    bool offset = start_after > prefix;
    for (;;) {
      std::string url = endpoint_ + "/storage/v1/b/" + QueryEscape(bucket_) +
                        "/o?maxResults=" + std::to_string(kListPageSize) +
                        "&prefix=" + QueryEscape(prefix);
      if (!recursive) url += "&delimiter=%2F";
      if (offset) url += "&startOffset=" + QueryEscape(start_after);
      if (!page_token.empty()) url += "&pageToken=" + QueryEscape(page_token);
      DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("GET", url, {}, {}));
      if (r.status != 200) return Error(r, "list", prefix, /*listing=*/true);
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      if (parser.parse(r.body).get(doc) != simdjson::SUCCESS) {
        return Status::IoError(Describe() + ": listing '" + std::string(prefix) +
                               "' returned a body that is not JSON");
      }
      simdjson::dom::array items;
      if (doc["items"].get(items) == simdjson::SUCCESS) {
        for (simdjson::dom::element item : items) {
          std::string_view name;
          if (item["name"].get(name) != simdjson::SUCCESS) continue;
          if (!name.starts_with(prefix) || name <= start_after) continue;
          if (!recursive && name.find('/', prefix.size()) != std::string_view::npos) continue;
          ObjectMeta meta;
          meta.key = std::string(name);
          ReadObjectFields(item, &meta);
          out.push_back(std::move(meta));
        }
      }
      std::string_view next;
      if (doc["nextPageToken"].get(next) != simdjson::SUCCESS || next.empty()) break;
      if (next == page_token) {
        return Status::IoError(Describe() + ": listing '" + std::string(prefix) +
                               "' returned the same page token twice");
      }
      page_token = std::string(next);
    }
    return out;
  }

  Result<std::string> Get(std::string_view key, int64_t offset, int64_t length) override {
    if (length == 0) return std::string();
    HttpHeaders headers;
    if (std::string range = ByteRange(offset, length); !range.empty()) {
      headers.emplace_back("Range", std::move(range));
    }
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("GET", ObjectUrl(key) + "?alt=media", headers, {}));
    if (r.status == 200 || r.status == 206) return std::move(r.body);
    if (r.status == 416) {
      DELTA_ASSIGN_OR_RETURN(ObjectMeta meta, Head(key));
      if (offset >= meta.size) return std::string();
    }
    return Error(r, "read", key);
  }

  Result<ObjectMeta> Head(std::string_view key) override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("GET", ObjectUrl(key), {}, {}));
    if (r.status != 200) return Error(r, "stat", key);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(r.body).get(doc) != simdjson::SUCCESS) {
      return Status::IoError(Describe() + " object '" + std::string(key) +
                             "': metadata is not JSON");
    }
    ObjectMeta meta;
    meta.key = std::string(key);
    ReadObjectFields(doc, &meta);
    return meta;
  }

  Status Put(std::string_view key, std::string_view data, PutMode mode) override {
    std::string url = endpoint_ + "/upload/storage/v1/b/" + QueryEscape(bucket_) +
                      "/o?uploadType=media&name=" + QueryEscape(key);
    if (mode == PutMode::kCreate) url += "&ifGenerationMatch=0";
    DELTA_ASSIGN_OR_RETURN(HttpResponse r,
                           Send("POST", url, {{"Content-Type", "application/octet-stream"}}, data,
                                mode != PutMode::kCreate));
    if (r.status == 200 || r.status == 201) return Status::OK();
    if (mode == PutMode::kCreate && r.status == 412) {
      return Status::AlreadyExists(Describe() + " object '" + std::string(key) + "' already exists",
                                   std::string(key));
    }
    return Error(r, "write", key);
  }

  Result<std::unique_ptr<MultipartUpload>> StartUpload(std::string_view key) override;

  Status Delete(std::string_view key) override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("DELETE", ObjectUrl(key), {}, {}));
    if (r.status == 204 || r.status == 200 || r.status == 404) return Status::OK();
    return Error(r, "delete", key);
  }

 private:
  friend class GcsUpload;

  std::string ObjectUrl(std::string_view key) const {
    return endpoint_ + "/storage/v1/b/" + QueryEscape(bucket_) + "/o/" + QueryEscape(key);
  }

  Result<HttpResponse> Send(const std::string& method, const std::string& url,
                            const HttpHeaders& headers, std::string_view body,
                            bool idempotent = true) {
    auto make = [&]() -> Result<HttpRequest> {
      HttpRequest request{method, url, headers, std::string(body)};
      DELTA_ASSIGN_OR_RETURN(std::string authorization, credentials_->Authorization());
      if (!authorization.empty()) request.headers.emplace_back("Authorization", authorization);
      return request;
    };
    Result<HttpResponse> r =
        SendWithRetry(*http_, hooks_.retry, make, idempotent ? RetryIdempotent : RetryCreate);
    // A fetched token the store no longer accepts (revoked, clock skew): fetch a new one, once.
    if (r.ok() && r->status == 401 && credentials_->Invalidate()) {
      r = SendWithRetry(*http_, hooks_.retry, make, idempotent ? RetryIdempotent : RetryCreate);
    }
    if (!r.ok() && (r.status().code() == StatusCode::kIoError ||
                    r.status().code() == StatusCode::kPermissionDenied)) {
      return Status(r.status().code(), Describe() + ": " + r.status().message());
    }
    return r;
  }

  Status Error(const HttpResponse& r, std::string_view op, std::string_view key,
               bool listing = false) const {
    std::string message;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    std::string_view text;
    if (parser.parse(r.body).get(doc) == simdjson::SUCCESS &&
        doc["error"]["message"].get(text) == simdjson::SUCCESS) {
      message = std::string(text);
    }
    std::string what = Describe() + (listing ? "" : " object '" + std::string(key) + "'");
    bool bucket_missing = message.find("bucket does not exist") != std::string::npos;
    if (r.status == 404 && (listing || bucket_missing)) {
      return Status::NotFound(Describe() + ": the bucket does not exist");
    }
    if (r.status == 404) return Status::NotFound(what + ": not found");
    if (r.status == 401 || r.status == 403) {
      return Status::PermissionDenied(
          what + ": " + std::string(op) + " refused (HTTP " + std::to_string(r.status) + ") with " +
          credentials_->source() + (message.empty() ? "" : ": " + message));
    }
    std::string detail =
        "HTTP " + std::to_string(r.status) + (message.empty() ? "" : ": " + message);
    if (IsThrottlingStatus(r.status)) {
      return Status::IoError(what + ": " + std::string(op) + " was throttled (" + detail + ")" +
                             AttemptsNote(r));
    }
    return Status::IoError(what + ": " + std::string(op) + " failed with " + detail +
                           AttemptsNote(r));
  }

  const std::string bucket_;
  const std::string endpoint_;
  const std::shared_ptr<GcsCredentials> credentials_;
  const std::shared_ptr<HttpClient> http_;
  const StoreHooks hooks_;
};

// A resumable upload session: the parts are chunks sent in order (GCS takes no parallel
// chunks, so a part waits for the one before it), each retried on its own; a last empty chunk
// gives the total size and publishes the object (ifGenerationMatch=0 for a create, checked
// then). Abort cancels the session.
class GcsUpload final : public MultipartUpload {
 public:
  GcsUpload(GcsStore& store, std::string key, std::string session)
      : store_(store), key_(std::move(key)), session_(std::move(session)) {}

  Status UploadPart(int number, std::string_view data) override {
    std::unique_lock lock(mu_);
    turn_.wait(lock, [&] { return next_ == number || !failure_.ok(); });
    if (!failure_.ok()) return failure_;
    std::string range = "bytes " + std::to_string(offset_) + "-" +
                        std::to_string(offset_ + static_cast<int64_t>(data.size()) - 1) + "/*";
    Status st = SendChunk(data, range, "uploading part " + std::to_string(number));
    if (st.ok()) {
      offset_ += static_cast<int64_t>(data.size());
      ++next_;
    } else {
      failure_ = st;
    }
    turn_.notify_all();
    return st;
  }

  Status Complete(int count, PutMode mode) override {
    std::unique_lock lock(mu_);
    if (!failure_.ok()) return failure_;
    if (next_ != count + 1) {
      return Status::Internal(store_.Describe() + " object '" + key_ + "': completing after " +
                              std::to_string(next_ - 1) + " of " + std::to_string(count) +
                              " parts");
    }
    DELTA_ASSIGN_OR_RETURN(
        HttpResponse r, store_.Send("PUT", session_,
                                    {{"Content-Range", "bytes */" + std::to_string(offset_)}}, {}));
    if (r.status == 200 || r.status == 201) return Status::OK();
    if (mode == PutMode::kCreate && r.status == 412) {
      return Status::AlreadyExists(store_.Describe() + " object '" + key_ + "' already exists",
                                   key_);
    }
    return store_.Error(r, "completing the resumable upload", key_);
  }

  Status Abort() override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, store_.Send("DELETE", session_, {}, {}));
    // 499 is GCS's answer to a cancelled session.
    if (r.status == 499 || r.status == 204 || r.status == 200 || r.status == 404) {
      return Status::OK();
    }
    return store_.Error(r, "cancelling the resumable upload", key_);
  }

 private:
  Status SendChunk(std::string_view data, const std::string& range, const std::string& what) {
    Result<HttpResponse> r =
        store_.Send("PUT", session_,
                    {{"Content-Range", range}, {"Content-Type", "application/octet-stream"}}, data);
    if (!r.ok()) return r.status().WithContext("object '" + key_ + "': " + what);
    // 308: the chunk was taken and more may follow.
    if (r->status != 308 && r->status != 200 && r->status != 201) {
      return store_.Error(*r, what, key_);
    }
    return Status::OK();
  }

  GcsStore& store_;
  std::string key_;
  std::string session_;
  std::mutex mu_;
  std::condition_variable turn_;
  int next_ = 1;
  int64_t offset_ = 0;
  Status failure_;
};

Result<std::unique_ptr<MultipartUpload>> GcsStore::StartUpload(std::string_view key) {
  std::string url = endpoint_ + "/upload/storage/v1/b/" + QueryEscape(bucket_) +
                    "/o?uploadType=resumable&name=" + QueryEscape(key) + "&ifGenerationMatch=0";
  DELTA_ASSIGN_OR_RETURN(HttpResponse r,
                         Send("POST", url,
                              {{"Content-Type", "application/json"},
                               {"X-Upload-Content-Type", "application/octet-stream"}},
                              "{}"));
  if (r.status == 412) {
    return Status::AlreadyExists(Describe() + " object '" + std::string(key) + "' already exists",
                                 std::string(key));
  }
  if (r.status != 200 && r.status != 201) return Error(r, "starting a resumable upload", key);
  std::string session(r.Header("Location"));
  if (session.empty()) {
    return Status::IoError(Describe() + " object '" + std::string(key) +
                           "': starting a resumable upload got no session (Location)");
  }
  return std::unique_ptr<MultipartUpload>(
      std::make_unique<GcsUpload>(*this, std::string(key), std::move(session)));
}

}  // namespace

Result<std::shared_ptr<ObjectStore>> MakeGcsStoreWithHooks(const StoreLocation& location,
                                                           const StorageOptions& options,
                                                           std::shared_ptr<HttpClient> http,
                                                           StoreHooks hooks) {
  if (location.bucket.empty()) {
    return Status::InvalidArgument("GCS location names no bucket (gs://bucket/path)");
  }
  if (!http) return Status::InvalidArgument("MakeGcsStore: no HTTP client");
  bool allow_http = false;
  if (auto s = FindSetting(options, {"GOOGLE_ALLOW_HTTP", "allow_http"}, {"GOOGLE_ALLOW_HTTP"})) {
    DELTA_ASSIGN_OR_RETURN(allow_http, ParseBoolSetting("GOOGLE_ALLOW_HTTP", s->value));
  }
  // An emulator (fake-gcs-server) is named by the endpoint option or, as Google's own client
  // libraries read it, STORAGE_EMULATOR_HOST ("host:port" or a URL); it is used anonymously.
  bool emulator = false;
  std::string endpoint = "https://storage.googleapis.com";
  if (auto s = FindSetting(options, {"GOOGLE_ENDPOINT_URL", "google_endpoint", "endpoint"},
                           {"GOOGLE_ENDPOINT_URL"})) {
    endpoint = s->value;
  } else if (auto e = FindSetting({}, {}, {"STORAGE_EMULATOR_HOST"})) {
    endpoint = e->value.find("://") == std::string::npos ? "http://" + e->value : e->value;
    emulator = true;
  }
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  DELTA_RETURN_NOT_OK(CheckEndpoint(
      "GCS", endpoint, allow_http || emulator || IsLoopbackUrl(endpoint), "GOOGLE_ALLOW_HTTP"));

  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<GcsCredentials> credentials,
                         ResolveGcsCredentials(options, emulator, http, hooks));
  return std::shared_ptr<ObjectStore>(
      std::make_shared<GcsStore>(location.bucket, std::move(endpoint), std::move(credentials),
                                 std::move(http), std::move(hooks)));
}

Result<std::shared_ptr<ObjectStore>> MakeGcsStore(const StoreLocation& location,
                                                  const StorageOptions& options,
                                                  std::shared_ptr<HttpClient> http) {
  return MakeGcsStoreWithHooks(location, options, std::move(http), StoreHooks{});
}

}  // namespace delta::cloud
