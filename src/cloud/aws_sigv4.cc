#include "cloud/aws_sigv4.h"

#include <algorithm>
#include <ctime>
#include <utility>
#include <vector>

#include "protocol/uri.h"
#include "util/ascii.h"
#include "util/sha256.h"

namespace delta::cloud {

namespace {

struct UrlParts {
  std::string_view host;   // with the port, as the Host header carries it
  std::string_view path;   // "/" when empty
  std::string_view query;  // without '?'
};

UrlParts SplitUrl(std::string_view url) {
  UrlParts out;
  size_t sep = url.find("://");
  std::string_view rest = sep == std::string_view::npos ? url : url.substr(sep + 3);
  size_t slash = rest.find_first_of("/?");
  out.host = rest.substr(0, slash);
  std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash);
  size_t q = tail.find('?');
  out.path = tail.substr(0, q);
  if (q != std::string_view::npos) out.query = tail.substr(q + 1);
  if (out.path.empty()) out.path = "/";
  return out;
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (param.empty()) continue;
    size_t eq = param.find('=');
    std::string_view key = param.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? "" : param.substr(eq + 1);
    params.emplace_back(AwsUriEncode(PercentDecode(key), false),
                        AwsUriEncode(PercentDecode(value), false));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += value;
  }
  return out;
}

// Header values with runs of spaces squeezed, as the canonical form asks.
std::string CanonicalValue(std::string_view value) {
  value = AsciiTrim(value);
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string AwsUriEncode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string AwsCanonicalRequest(const HttpRequest& request, std::string_view payload_hash,
                                std::string* signed_headers) {
  UrlParts url = SplitUrl(request.url);
  std::vector<std::pair<std::string, std::string>> headers;
  bool has_host = false;
  for (const auto& [name, value] : request.headers) {
    std::string lower = AsciiLower(name);
    has_host = has_host || lower == "host";
    headers.emplace_back(std::move(lower), CanonicalValue(value));
  }
  if (!has_host) headers.emplace_back("host", std::string(url.host));
  std::sort(headers.begin(), headers.end());
  std::string out =
      request.method + "\n" + std::string(url.path) + "\n" + CanonicalQuery(url.query) + "\n";
  std::string names;
  for (size_t i = 0; i < headers.size(); ++i) {
    // Repeated names join their values with commas.
    if (i > 0 && headers[i].first == headers[i - 1].first) {
      out.back() = ',';
      out += headers[i].second + "\n";
      continue;
    }
    out += headers[i].first + ":" + headers[i].second + "\n";
    if (!names.empty()) names += ';';
    names += headers[i].first;
  }
  out += "\n" + names + "\n" + std::string(payload_hash);
  if (signed_headers != nullptr) *signed_headers = names;
  return out;
}

std::string AwsAuthorization(const HttpRequest& request, std::string_view payload_hash,
                             const AwsCredentials& credentials, std::string_view region,
                             std::string_view service, std::string_view amz_date) {
  std::string signed_headers;
  std::string canonical = AwsCanonicalRequest(request, payload_hash, &signed_headers);
  std::string_view day = amz_date.substr(0, 8);
  std::string scope =
      std::string(day) + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
  std::string to_sign =
      "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope + "\n" + Sha256Hex(canonical);
  std::string key = HmacSha256("AWS4" + credentials.secret_access_key, day);
  key = HmacSha256(key, region);
  key = HmacSha256(key, service);
  key = HmacSha256(key, "aws4_request");
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
         ",SignedHeaders=" + signed_headers + ",Signature=" + HexLower(HmacSha256(key, to_sign));
}

void SignS3Request(HttpRequest& request, const AwsCredentials& credentials, std::string_view region,
                   std::string_view amz_date) {
  std::string payload_hash = Sha256Hex(request.body);
  request.headers.emplace_back("Host", std::string(SplitUrl(request.url).host));
  request.headers.emplace_back("x-amz-date", std::string(amz_date));
  request.headers.emplace_back("x-amz-content-sha256", payload_hash);
  if (!credentials.session_token.empty()) {
    request.headers.emplace_back("x-amz-security-token", credentials.session_token);
  }
  std::string auth = AwsAuthorization(request, payload_hash, credentials, region, "s3", amz_date);
  request.headers.emplace_back("Authorization", std::move(auth));
}

std::string AwsDateNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace delta::cloud
