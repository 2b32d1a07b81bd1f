#include "cloud/azure_store.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "cloud/azure_shared_key.h"
#include "cloud/xml_scan.h"
#include "protocol/uri.h"
#include "util/base64.h"

namespace delta::cloud {
namespace {

constexpr const char* kApiVersion = "2021-08-06";
constexpr int kListPageSize = 5000;

// Where the credentials come from; at most one of key / sas is set.
struct AzureCredential {
  std::string key;     // decoded account key (Shared Key)
  std::string sas;     // SAS query string without '?'
  std::string source;  // e.g. "option AZURE_STORAGE_ACCOUNT_KEY", "no credentials (anonymous)"
};

class AzureStore final : public ObjectStore {
 public:
  AzureStore(std::string account, std::string container, std::string base_url,
             AzureCredential credential, std::shared_ptr<HttpClient> http, StoreHooks hooks)
      : account_(std::move(account)),
        container_(std::move(container)),
        base_url_(std::move(base_url)),
        credential_(std::move(credential)),
        http_(std::move(http)),
        hooks_(std::move(hooks)) {}

  std::string Describe() const override {
    return "azure account '" + account_ + "' container '" + container_ + "'";
  }

  Result<std::vector<ObjectMeta>> List(std::string_view prefix, std::string_view start_after,
                                       bool recursive) override {
    std::vector<ObjectMeta> out;
    // Start-after through the marker: Azurite takes a blob name as the marker and lists the
    // names after it. Azure's own markers are opaque, so a server that refuses a name (400)
    // gets one listing from the start instead, and this store stops trying. Keys are filtered
    // here either way, so a server that ignores the marker is still answered correctly.
    bool use_marker = start_after > prefix && !marker_refused_.load();
    std::string marker = use_marker ? std::string(start_after) : std::string();
    for (int page = 0;; ++page) {
      std::string query =
          "?restype=container&comp=list&maxresults=" + std::to_string(kListPageSize) +
          "&prefix=" + QueryEscape(prefix);
      if (!recursive) query += "&delimiter=%2F";
      if (!marker.empty()) query += "&marker=" + QueryEscape(marker);
      DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("GET", "/" + container_ + query, {}, {}));
      if (r.status == 400 && page == 0 && use_marker) {
        marker_refused_.store(true);
        return List(prefix, start_after, recursive);
      }
      if (r.status != 200) return Error(r, "list", prefix);
      for (const XmlMatch& blob : XmlElements(r.body, "Blob")) {
        ObjectMeta meta;
        std::vector<XmlMatch> names = XmlElements(blob.inner, "Name");
        if (names.empty()) continue;
        meta.key = XmlUnescape(names.front().inner);
        if (names.front().attributes.find("Encoded=\"true\"") != std::string_view::npos) {
          meta.key = PercentDecode(meta.key);
        }
        if (!meta.key.starts_with(prefix) || meta.key <= start_after) continue;
        if (!recursive && meta.key.find('/', prefix.size()) != std::string::npos) continue;
        meta.size = std::strtoll(XmlFirstText(blob.inner, "Content-Length").c_str(), nullptr, 10);
        meta.modification_time_ms =
            ParseHttpDateMillis(XmlFirstText(blob.inner, "Last-Modified")).value_or(0);
        out.push_back(std::move(meta));
      }
      std::string next = XmlFirstText(r.body, "NextMarker");
      if (next.empty()) break;
      if (next == marker) {
        return Status::IoError(Describe() + ": listing '" + std::string(prefix) +
                               "' returned the same continuation marker twice");
      }
      marker = std::move(next);
    }
    // Azure lists in byte order already; sorting keeps the contract if a server does not.
    std::sort(out.begin(), out.end(),
              [](const ObjectMeta& a, const ObjectMeta& b) { return a.key < b.key; });
    return out;
  }

  Result<std::string> Get(std::string_view key, int64_t offset, int64_t length) override {
    if (length == 0) return std::string();
    HttpHeaders headers;
    if (std::string range = ByteRange(offset, length); !range.empty()) {
      headers.emplace_back("x-ms-range", std::move(range));
    }
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("GET", BlobPath(key), headers, {}));
    if (r.status == 200 || r.status == 206) return std::move(r.body);
    if (r.status == 416) {
      // A range starting at or past the end: nothing there, as for a local file.
      DELTA_ASSIGN_OR_RETURN(ObjectMeta meta, Head(key));
      if (offset >= meta.size) return std::string();
    }
    return Error(r, "read", key);
  }

  Result<ObjectMeta> Head(std::string_view key) override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("HEAD", BlobPath(key), {}, {}));
    if (r.status != 200) return Error(r, "stat", key);
    ObjectMeta meta;
    meta.key = std::string(key);
    meta.size = std::strtoll(std::string(r.Header("Content-Length")).c_str(), nullptr, 10);
    meta.modification_time_ms = ParseHttpDateMillis(r.Header("Last-Modified")).value_or(0);
    return meta;
  }

  Status Put(std::string_view key, std::string_view data, PutMode mode) override {
    HttpHeaders headers = {{"x-ms-blob-type", "BlockBlob"},
                           {"Content-Type", "application/octet-stream"}};
    if (mode == PutMode::kCreate) headers.emplace_back("If-None-Match", "*");
    DELTA_ASSIGN_OR_RETURN(HttpResponse r,
                           Send("PUT", BlobPath(key), headers, data, mode != PutMode::kCreate));
    if (r.status == 201 || r.status == 200) return Status::OK();
    if (mode == PutMode::kCreate &&
        (r.status == 412 || (r.status == 409 && ErrorCode(r) == "BlobAlreadyExists"))) {
      return Status::AlreadyExists(Describe() + " blob '" + std::string(key) + "' already exists",
                                   std::string(key));
    }
    return Error(r, "write", key);
  }

  Status Delete(std::string_view key) override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, Send("DELETE", BlobPath(key), {}, {}));
    if (r.status == 202 || r.status == 200) return Status::OK();
    if (r.status == 404 && ErrorCode(r) != "ContainerNotFound") return Status::OK();
    return Error(r, "delete", key);
  }

 private:
  std::string BlobPath(std::string_view key) const {
    return "/" + container_ + "/" + KeyPathEscape(key);
  }

  Result<HttpResponse> Send(std::string method, std::string path_and_query, HttpHeaders headers,
                            std::string_view body, bool idempotent = true) {
    auto make = [&]() -> Result<HttpRequest> {
      HttpRequest request;
      request.method = method;
      request.url = base_url_ + path_and_query;
      if (!credential_.sas.empty()) {
        request.url +=
            (path_and_query.find('?') == std::string::npos ? "?" : "&") + credential_.sas;
      }
      request.headers = headers;
      request.headers.emplace_back("x-ms-date", FormatHttpDate(hooks_.clock()));
      request.headers.emplace_back("x-ms-version", kApiVersion);
      request.body = std::string(body);
      if (!credential_.key.empty()) {
        request.headers.emplace_back(
            "Authorization", AzureSharedKeyAuthorization(account_, credential_.key, request));
      }
      return request;
    };
    Result<HttpResponse> r =
        SendWithRetry(*http_, hooks_.retry, make, idempotent ? RetryIdempotent : RetryCreate);
    if (!r.ok()) {
      // The code is kept: a TLS failure stays PermissionDenied (not worth retrying).
      return Status(r.status().code(), Describe() + ": " + method + " " + path_and_query +
                                           " failed: " + r.status().message());
    }
    return r;
  }

  static std::string ErrorCode(const HttpResponse& r) {
    std::string code(r.Header("x-ms-error-code"));
    return code.empty() ? XmlFirstText(r.body, "Code") : code;
  }

  Status Error(const HttpResponse& r, std::string_view op, std::string_view key) const {
    std::string code = ErrorCode(r);
    std::string what = Describe() + (key.empty() ? "" : " blob '" + std::string(key) + "'");
    if (code == "ContainerNotFound") {
      return Status::NotFound(Describe() + ": the container does not exist");
    }
    if (r.status == 404) return Status::NotFound(what + ": not found");
    if (r.status == 401 || r.status == 403) {
      return Status::PermissionDenied(what + ": " + std::string(op) + " refused (HTTP " +
                                      std::to_string(r.status) + (code.empty() ? "" : " " + code) +
                                      ") with " + credential_.source);
    }
    std::string message = XmlFirstText(r.body, "Message");
    message = message.substr(0, message.find('\n'));
    std::string detail = "HTTP " + std::to_string(r.status) + (code.empty() ? "" : " " + code) +
                         (message.empty() ? "" : ": " + message);
    if (IsThrottlingStatus(r.status)) {
      return Status::IoError(what + ": " + std::string(op) + " was throttled (" + detail + ")" +
                             AttemptsNote(r));
    }
    return Status::IoError(what + ": " + std::string(op) + " failed with " + detail +
                           AttemptsNote(r));
  }

  const std::string account_;
  const std::string container_;
  const std::string base_url_;
  const AzureCredential credential_;
  const std::shared_ptr<HttpClient> http_;
  const StoreHooks hooks_;
  std::atomic<bool> marker_refused_{false};
};

// The URL's path part ("" when it has none), for deciding on path-style emulator URLs.
std::string_view UrlPath(std::string_view url) {
  size_t scheme_end = url.find("://");
  size_t slash = url.find('/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  return slash == std::string_view::npos ? std::string_view() : url.substr(slash);
}

}  // namespace

Result<std::shared_ptr<ObjectStore>> MakeAzureStoreWithHooks(const StoreLocation& location,
                                                             const StorageOptions& options,
                                                             std::shared_ptr<HttpClient> http,
                                                             StoreHooks hooks) {
  if (location.bucket.empty()) {
    return Status::InvalidArgument("Azure location names no container (az://container/path)");
  }
  bool emulator = false;
  if (auto s = FindSetting(options, {"AZURE_STORAGE_USE_EMULATOR", "use_emulator"},
                           {"AZURE_STORAGE_USE_EMULATOR"})) {
    DELTA_ASSIGN_OR_RETURN(emulator, ParseBoolSetting("AZURE_STORAGE_USE_EMULATOR", s->value));
  }
  bool allow_http = emulator;
  if (auto s = FindSetting(options, {"AZURE_ALLOW_HTTP", "allow_http"}, {"AZURE_ALLOW_HTTP"})) {
    DELTA_ASSIGN_OR_RETURN(bool allow, ParseBoolSetting("AZURE_ALLOW_HTTP", s->value));
    allow_http = allow_http || allow;
  }

  std::string account = location.account;
  if (account.empty()) {
    if (auto s = FindSetting(
            options, {"AZURE_STORAGE_ACCOUNT_NAME", "azure_storage_account_name", "account_name"},
            {"AZURE_STORAGE_ACCOUNT_NAME", "AZURE_STORAGE_ACCOUNT"})) {
      account = s->value;
    } else if (emulator) {
      account = kAzuriteAccount;
    } else {
      return Status::InvalidArgument(
          "Azure container '" + location.bucket +
          "': no storage account given; set AZURE_STORAGE_ACCOUNT_NAME or use "
          "abfss://container@account.dfs.core.windows.net/path");
    }
  }

  std::string base_url;
  if (auto s = FindSetting(options, {"AZURE_STORAGE_ENDPOINT", "azure_endpoint", "endpoint"},
                           {"AZURE_STORAGE_ENDPOINT"})) {
    base_url = s->value;
  } else if (emulator) {
    auto s2 = FindSetting({}, {}, {"AZURITE_BLOB_STORAGE_URL"});
    base_url = s2 ? s2->value : "http://127.0.0.1:10000";
  } else {
    base_url = "https://" + account + ".blob.core.windows.net";
  }
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  DELTA_RETURN_NOT_OK(CheckEndpoint("Azure", base_url, allow_http, "AZURE_ALLOW_HTTP"));
  // Emulators address the account in the path (http://127.0.0.1:10000/devstoreaccount1).
  if (UrlPath(base_url).empty() && (emulator || IsLoopbackUrl(base_url))) {
    base_url += "/" + account;
  }

  AzureCredential credential;
  const std::vector<std::string_view> key_options = {
      "AZURE_STORAGE_ACCOUNT_KEY", "azure_storage_access_key", "azure_storage_key", "account_key",
      "access_key"};
  const std::vector<std::string_view> sas_options = {
      "AZURE_STORAGE_SAS_TOKEN", "azure_storage_sas_key", "sas_token", "sas_key"};
  std::optional<FoundSetting> key = FindSetting(options, key_options, {});
  std::optional<FoundSetting> sas = key ? std::nullopt : FindSetting(options, sas_options, {});
  if (!key && !sas) {
    key = FindSetting({}, {}, {"AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_KEY"});
    if (!key) sas = FindSetting({}, {}, {"AZURE_STORAGE_SAS_TOKEN"});
  }
  if (!key && !sas && emulator && account == kAzuriteAccount) {
    key = FoundSetting{kAzuriteKey, "the Azurite emulator's well-known key"};
  }
  if (key) {
    std::optional<std::string> decoded = Base64Decode(key->value);
    if (!decoded || decoded->empty()) {
      return Status::InvalidArgument("Azure account key from " + key->source +
                                     " is not valid Base64");
    }
    credential.key = std::move(*decoded);
    credential.source = "the account key from " + key->source;
  } else if (sas) {
    credential.sas = sas->value;
    if (!credential.sas.empty() && credential.sas.front() == '?') credential.sas.erase(0, 1);
    credential.source = "the SAS token from " + sas->source;
  } else {
    credential.source =
        "no credentials (anonymous; set AZURE_STORAGE_ACCOUNT_KEY or AZURE_STORAGE_SAS_TOKEN)";
  }
  if (!http) return Status::InvalidArgument("MakeAzureStore: no HTTP client");
  return std::shared_ptr<ObjectStore>(
      std::make_shared<AzureStore>(std::move(account), location.bucket, std::move(base_url),
                                   std::move(credential), std::move(http), std::move(hooks)));
}

Result<std::shared_ptr<ObjectStore>> MakeAzureStore(const StoreLocation& location,
                                                    const StorageOptions& options,
                                                    std::shared_ptr<HttpClient> http) {
  return MakeAzureStoreWithHooks(location, options, std::move(http), StoreHooks{});
}

}  // namespace delta::cloud
