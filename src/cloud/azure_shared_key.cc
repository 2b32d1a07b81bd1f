#include "cloud/azure_shared_key.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "protocol/uri.h"
#include "util/base64.h"
#include "util/sha256.h"

namespace delta::cloud {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view HeaderValue(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (LowerAscii(n) == name) return v;
  }
  return {};
}

// Trims and folds runs of whitespace to one space, as the canonical header form requires.
std::string FoldWhitespace(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string AzureStringToSign(std::string_view account, const HttpRequest& request) {
  std::string_view url = request.url;
  size_t scheme_end = url.find("://");
  size_t path_start = url.find('/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  std::string_view rest = path_start == std::string_view::npos ? "/" : url.substr(path_start);
  size_t q = rest.find('?');
  std::string_view path = rest.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : rest.substr(q + 1);

  std::string content_length(HeaderValue(request.headers, "content-length"));
  if (content_length.empty() && !request.body.empty()) {
    content_length = std::to_string(request.body.size());
  }
  if (content_length == "0") content_length.clear();

  std::string out = request.method + "\n";
  for (std::string_view name : {"content-encoding", "content-language"}) {
    out.append(HeaderValue(request.headers, name)).push_back('\n');
  }
  out.append(content_length).push_back('\n');
  for (std::string_view name : {"content-md5", "content-type", "date", "if-modified-since",
                                "if-match", "if-none-match", "if-unmodified-since", "range"}) {
    out.append(HeaderValue(request.headers, name)).push_back('\n');
  }

  std::vector<std::pair<std::string, std::string>> ms;
  for (const auto& [n, v] : request.headers) {
    std::string lower = LowerAscii(n);
    if (lower.rfind("x-ms-", 0) == 0) ms.emplace_back(std::move(lower), FoldWhitespace(v));
  }
  std::sort(ms.begin(), ms.end());
  for (const auto& [n, v] : ms) out.append(n).append(":").append(v).push_back('\n');

  out.append("/").append(account).append(path.empty() ? "/" : path);
  std::map<std::string, std::vector<std::string>> params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = LowerAscii(PercentDecode(pair.substr(0, eq)));
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    params[name].push_back(std::move(value));
  }
  for (auto& [name, values] : params) {
    std::sort(values.begin(), values.end());
    out.append("\n").append(name).append(":");
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out.push_back(',');
      out.append(values[i]);
    }
  }
  return out;
}

std::string AzureSharedKeyAuthorization(std::string_view account, std::string_view key,
                                        const HttpRequest& request) {
  std::string signature = Base64Encode(HmacSha256(key, AzureStringToSign(account, request)));
  return "SharedKey " + std::string(account) + ":" + signature;
}

}  // namespace delta::cloud
