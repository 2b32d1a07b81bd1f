// S3 and S3-compatible stores over our HttpClient: SigV4-signed REST calls, ListObjectsV2
// with start-after, conditional PUT (If-None-Match: *) for commits, DeleteObjects in bulk.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "cloud/aws_credentials.h"
#include "cloud/aws_sigv4.h"
#include "cloud/object_store.h"
#include "cloud/retry.h"
#include "cloud/s3_store.h"
#include "cloud/store_factory.h"
#include "cloud/xml.h"
#include "util/ascii.h"
#include "util/base64.h"
#include "util/calendar.h"
#include "util/md5.h"

namespace delta::cloud {

namespace {

// "2026-12-05T02:00:00.000Z" -> ms since the epoch (0 when unparsable).
int64_t ParseIso8601Ms(std::string_view s) {
  int y, mo, d, h, mi;
  double sec;
  if (std::sscanf(std::string(s).c_str(), "%d-%d-%dT%d:%d:%lfZ", &y, &mo, &d, &h, &mi, &sec) != 6) {
    return 0;
  }
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + static_cast<int64_t>(sec * 1000 + 0.5);
}

// "Sat, 05 Dec 2026 02:00:00 GMT" -> ms since the epoch (0 when unparsable).
int64_t ParseHttpDateMs(std::string_view s) {
  char month[4] = {0};
  int d, y, h, mi, sec;
  if (std::sscanf(std::string(s).c_str(), "%*3s, %d %3s %d %d:%d:%d", &d, month, &y, &h, &mi,
                  &sec) != 6) {
    return 0;
  }
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  size_t at = kMonths.find(month);
  if (at == std::string_view::npos || at % 3 != 0) return 0;
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(at / 3 + 1), static_cast<unsigned>(d));
  return (((days * 24 + h) * 60 + mi) * 60 + sec) * 1000;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HexToBytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

class S3Store final : public ObjectStore {
 public:
  S3Store(S3Config config, AwsCredentials credentials, std::shared_ptr<HttpClient> http)
      : config_(std::move(config)), credentials_(std::move(credentials)), http_(std::move(http)) {}

  std::string Describe() const override { return "s3 bucket '" + config_.bucket + "'"; }

  Result<std::vector<ObjectMeta>> List(std::string_view prefix, std::string_view start_after,
                                       bool recursive) override {
    std::vector<ObjectMeta> out;
    std::string token;
    // Bounded: a server repeating its continuation token must not loop forever.
    for (int page = 0; page < 1000000; ++page) {
      std::string query = "list-type=2&prefix=" + AwsUriEncode(prefix, false);
      if (!recursive) query += "&delimiter=%2F";
      if (!token.empty()) {
        query += "&continuation-token=" + AwsUriEncode(token, false);
      } else if (!start_after.empty()) {
        query += "&start-after=" + AwsUriEncode(start_after, false);
      }
      DELTA_ASSIGN_OR_RETURN(HttpResponse r, SendIdempotent("GET", "", query));
      if (r.status != 200) return ErrorStatus(r, "listing prefix '" + std::string(prefix) + "'");
      Result<XmlElement> xml = ParseXml(r.body);
      if (!xml.ok()) return BadReply("listing", xml.status());
      for (const XmlElement& c : xml->children) {
        if (c.name != "Contents") continue;
        ObjectMeta meta;
        meta.key = std::string(c.ChildText("Key"));
        meta.size = std::atoll(std::string(c.ChildText("Size")).c_str());
        meta.modification_time_ms = ParseIso8601Ms(c.ChildText("LastModified"));
        // A store that ignores start-after (some do) must not widen the listing.
        if (!start_after.empty() && meta.key <= start_after) continue;
        out.push_back(std::move(meta));
      }
      if (xml->ChildText("IsTruncated") != "true") break;
      std::string next(xml->ChildText("NextContinuationToken"));
      if (next.empty() || next == token) {
        return Status::IoError(Describe() + ": listing prefix '" + std::string(prefix) +
                               "' was cut short without a new continuation token");
      }
      token = std::move(next);
    }
    std::sort(out.begin(), out.end(),
              [](const ObjectMeta& a, const ObjectMeta& b) { return a.key < b.key; });
    return out;
  }

  Result<std::string> Get(std::string_view key, int64_t offset, int64_t length) override {
    HttpHeaders headers;
    if (length >= 0 || offset > 0) {
      std::string range = "bytes=" + std::to_string(offset) + "-";
      if (length >= 0) {
        if (length == 0) return std::string();
        range += std::to_string(offset + length - 1);
      }
      headers.emplace_back("Range", std::move(range));
    }
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, SendIdempotent("GET", key, "", headers));
    if (r.status == 416) return std::string();  // the range starts past the end
    if (r.status != 200 && r.status != 206) return ErrorStatus(r, "reading", key);
    if (r.status == 200 && (offset > 0 || length >= 0)) {
      // A server that ignored the Range header sent the whole object.
      if (static_cast<size_t>(offset) >= r.body.size()) return std::string();
      return r.body.substr(static_cast<size_t>(offset),
                           length < 0 ? std::string::npos : static_cast<size_t>(length));
    }
    return std::move(r.body);
  }

  Result<ObjectMeta> Head(std::string_view key) override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, SendIdempotent("HEAD", key, ""));
    if (r.status != 200) return ErrorStatus(r, "inspecting", key);
    ObjectMeta meta;
    meta.key = std::string(key);
    meta.size = std::atoll(std::string(r.Header("Content-Length")).c_str());
    meta.modification_time_ms = ParseHttpDateMs(r.Header("Last-Modified"));
    return meta;
  }

  Status Put(std::string_view key, std::string_view data, PutMode mode) override {
    HttpHeaders headers;
    if (mode == PutMode::kCreate) headers.emplace_back("If-None-Match", "*");
    // A create is repeated only when the server said it did not take effect: 409
    // ConditionalRequestConflict (a concurrent create still in flight) or throttling. A lost
    // response is left to the caller (the transaction reads the log for its txnId).
    auto create_retry = [](const Result<HttpResponse>& r) {
      return r.ok() && (r->status == 409 || r->status == 429 || r->status == 503);
    };
    auto build = [&]() -> Result<HttpRequest> { return Signed("PUT", key, "", headers, data); };
    DELTA_ASSIGN_OR_RETURN(
        HttpResponse r,
        SendWithRetry(*http_, config_.retry, build,
                      mode == PutMode::kCreate
                          ? std::function<bool(const Result<HttpResponse>&)>(create_retry)
                          : RetryIdempotent));
    if (r.status == 200 || r.status == 201 || r.status == 204) return Status::OK();
    if (mode == PutMode::kCreate && r.status == 412) {
      return Status::AlreadyExists(Describe() + " key '" + std::string(key) + "' already exists",
                                   std::string(key));
    }
    return ErrorStatus(r, "writing", key);
  }

  Status Delete(std::string_view key) override {
    DELTA_ASSIGN_OR_RETURN(HttpResponse r, SendIdempotent("DELETE", key, ""));
    if (r.status == 200 || r.status == 204) return Status::OK();
    if (r.status == 404 && ErrorCode(r) != "NoSuchBucket") return Status::OK();
    return ErrorStatus(r, "deleting", key);
  }

  Status DeleteMany(const std::vector<std::string>& keys) override {
    constexpr size_t kBatch = 1000;  // DeleteObjects' limit
    for (size_t begin = 0; begin < keys.size(); begin += kBatch) {
      size_t end = std::min(keys.size(), begin + kBatch);
      std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>true</Quiet>";
      for (size_t i = begin; i < end; ++i) {
        body += "<Object><Key>" + XmlEscape(keys[i]) + "</Key></Object>";
      }
      body += "</Delete>";
      HttpHeaders headers = {{"Content-MD5", Base64Encode(HexToBytes(Md5Hex(body)))},
                             {"Content-Type", "application/xml"}};
      DELTA_ASSIGN_OR_RETURN(HttpResponse r,
                             SendWithRetry(*http_, config_.retry, [&]() -> Result<HttpRequest> {
                               return Signed("POST", "", "delete=", headers, body);
                             }));
      if (r.status != 200)
        return ErrorStatus(r, "deleting " + std::to_string(end - begin) + " keys");
      Result<XmlElement> xml = ParseXml(r.body);
      if (!xml.ok()) return BadReply("deleting", xml.status());
      for (const XmlElement& c : xml->children) {
        if (c.name != "Error") continue;
        return Status::IoError(Describe() + " key '" + std::string(c.ChildText("Key")) +
                               "': could not be deleted: " + std::string(c.ChildText("Code")) +
                               ": " + std::string(c.ChildText("Message")));
      }
    }
    return Status::OK();
  }

 private:
  // The URL of `key` ("" = the bucket itself) with `query` (already encoded).
  std::string Url(std::string_view key, std::string_view query) const {
    std::string url = config_.virtual_hosted
                          ? config_.scheme + "://" + config_.bucket + "." + config_.host + "/"
                          : config_.scheme + "://" + config_.host + "/" + config_.bucket + "/";
    if (!key.empty()) url += AwsUriEncode(key, true);
    if (!config_.virtual_hosted && key.empty()) url.pop_back();  // "/bucket", not "/bucket/"
    if (!query.empty()) url += "?" + std::string(query);
    return url;
  }

  Result<HttpRequest> Signed(std::string method, std::string_view key, std::string_view query,
                             const HttpHeaders& headers, std::string_view body = {}) const {
    HttpRequest request{std::move(method), Url(key, query), headers, std::string(body)};
    if (!config_.skip_signature) {
      SignS3Request(request, credentials_, config_.region, AwsDateNow());
    }
    return request;
  }

  Result<HttpResponse> SendIdempotent(std::string method, std::string_view key,
                                      std::string_view query, const HttpHeaders& headers = {}) {
    return SendWithRetry(*http_, config_.retry, [&]() -> Result<HttpRequest> {
      return Signed(method, key, query, headers);
    });
  }

  static std::string ErrorCode(const HttpResponse& r) {
    Result<XmlElement> xml = ParseXml(r.body);
    return xml.ok() ? std::string(xml->ChildText("Code")) : std::string();
  }

  Status BadReply(std::string_view what, const Status& why) const {
    return Status::IoError(Describe() + ": unreadable reply to " + std::string(what) + ": " +
                           why.message());
  }

  // A clear status for an error response to `what` of `key` (empty: the bucket).
  Status ErrorStatus(const HttpResponse& r, std::string_view what,
                     std::string_view key = {}) const {
    std::string code, message;
    if (Result<XmlElement> xml = ParseXml(r.body); xml.ok() && xml->name == "Error") {
      code = std::string(xml->ChildText("Code"));
      message = std::string(xml->ChildText("Message"));
    }
    std::string where = Describe() + (key.empty() ? "" : " key '" + std::string(key) + "'");
    std::string detail = code.empty() ? "HTTP " + std::to_string(r.status)
                                      : code + (message.empty() ? "" : ": " + message);
    if (code == "NoSuchBucket") {
      return Status::NotFound(Describe() + " does not exist (NoSuchBucket)");
    }
    if (r.status == 404) {
      return Status::NotFound(where + " not found" + (code.empty() ? "" : " (" + code + ")"));
    }
    if (r.status == 403 || code == "AccessDenied" || code == "InvalidAccessKeyId" ||
        code == "SignatureDoesNotMatch") {
      return Status::PermissionDenied(
          where + ": " + std::string(what) + " was refused (" + detail + "); credentials from " +
          (config_.skip_signature ? "nowhere (AWS_SKIP_SIGNATURE)" : credentials_.source));
    }
    if (IsThrottlingStatus(r.status)) {
      return Status::IoError(where + ": " + std::string(what) + " was throttled (HTTP " +
                             std::to_string(r.status) + " " + detail + ")" + AttemptsNote(r));
    }
    return Status::IoError(where + ": " + std::string(what) + " failed (" + detail + ")" +
                           AttemptsNote(r));
  }

  S3Config config_;
  AwsCredentials credentials_;
  std::shared_ptr<HttpClient> http_;
};

}  // namespace

Result<S3Config> S3ConfigFromOptions(const StoreLocation& location, const StorageOptions& options) {
  S3Config c;
  c.bucket = location.bucket;
  c.region = LookupOption(options, "AWS_REGION");
  if (c.region.empty()) c.region = LookupOption(options, "AWS_DEFAULT_REGION");
  if (c.region.empty()) c.region = "us-east-1";
  std::string endpoint_from;
  std::string endpoint = LookupOption(options, "AWS_ENDPOINT_URL", &endpoint_from);
  if (endpoint.empty()) endpoint = LookupOption(options, "AWS_ENDPOINT", &endpoint_from);
  DELTA_ASSIGN_OR_RETURN(
      bool allow_http,
      ParseBoolOption("AWS_ALLOW_HTTP", LookupOption(options, "AWS_ALLOW_HTTP"), false));
  DELTA_ASSIGN_OR_RETURN(
      c.skip_signature,
      ParseBoolOption("AWS_SKIP_SIGNATURE", LookupOption(options, "AWS_SKIP_SIGNATURE"), false));
  std::string style = AsciiLower(LookupOption(options, "AWS_S3_ADDRESSING_STYLE"));
  if (!style.empty() && style != "path" && style != "virtual") {
    return Status::InvalidArgument(
        "storage option AWS_S3_ADDRESSING_STYLE: expected 'path' or "
        "'virtual', got '" +
        style + "'");
  }
  if (endpoint.empty()) {
    c.scheme = "https";
    c.host = "s3." + c.region + ".amazonaws.com";
    c.virtual_hosted = style != "path";
  } else {
    size_t sep = endpoint.find("://");
    if (sep == std::string::npos) {
      return Status::InvalidArgument(endpoint_from + ": expected http(s)://host[:port], got '" +
                                     endpoint + "'");
    }
    c.scheme = AsciiLower(endpoint.substr(0, sep));
    c.host = endpoint.substr(sep + 3);
    while (c.host.ends_with('/')) c.host.pop_back();
    if (c.scheme != "http" && c.scheme != "https") {
      return Status::InvalidArgument(endpoint_from + ": expected http(s)://host[:port], got '" +
                                     endpoint + "'");
    }
    if (c.scheme == "http" && !allow_http) {
      return Status::InvalidArgument(endpoint_from + " '" + endpoint +
                                     "' uses plain HTTP; set AWS_ALLOW_HTTP=true to allow it");
    }
    c.virtual_hosted = style == "virtual";
  }
  return c;
}

Result<std::shared_ptr<ObjectStore>> MakeS3Store(const StoreLocation& location,
                                                 const StorageOptions& options,
                                                 std::shared_ptr<HttpClient> http) {
  if (http == nullptr) return Status::InvalidArgument("MakeS3Store: no HTTP client");
  DELTA_ASSIGN_OR_RETURN(S3Config config, S3ConfigFromOptions(location, options));
  AwsCredentials credentials;
  if (!config.skip_signature) {
    Result<AwsCredentials> resolved = ResolveAwsCredentials(options);
    if (!resolved.ok()) {
      return resolved.status().WithContext("s3 bucket '" + location.bucket + "'");
    }
    credentials = std::move(*resolved);
  }
  return std::shared_ptr<ObjectStore>(
      std::make_shared<S3Store>(std::move(config), std::move(credentials), std::move(http)));
}

}  // namespace delta::cloud
