// HttpClient on libcurl, loaded with dlopen so neither the build nor the Python wheel needs
// curl's headers or a link-time dependency. The few prototypes and option numbers used are
// declared here: they are part of libcurl's stable ABI (soname libcurl.so.4).
#include <dlfcn.h>

#include <cstdint>
#include <cstring>
#include <mutex>

#include "cloud/http_client.h"
#include "util/ascii.h"

namespace delta::cloud {

namespace {

// --- the slice of curl.h we need ----------------------------------------------------------
using CURL = void;
using CURLcode = int;
struct curl_slist;
constexpr int kCurlOptUrl = 10002;
constexpr int kCurlOptWriteData = 10001;
constexpr int kCurlOptWriteFunction = 20011;
constexpr int kCurlOptHeaderData = 10029;
constexpr int kCurlOptHeaderFunction = 20079;
constexpr int kCurlOptHttpHeader = 10023;
constexpr int kCurlOptCustomRequest = 10036;
constexpr int kCurlOptNoBody = 44;
constexpr int kCurlOptPostFields = 10015;
constexpr int kCurlOptPostFieldSizeLarge = 30120;
constexpr int kCurlOptConnectTimeoutMs = 156;
constexpr int kCurlOptTimeoutMs = 155;
constexpr int kCurlOptNoSignal = 99;
constexpr int kCurlOptErrorBuffer = 10010;
constexpr int kCurlOptHttpGet = 80;
constexpr int kCurlOptCaInfo = 10065;
constexpr int kCurlInfoResponseCode = 0x200002;
constexpr long kCurlGlobalAll = 3;
constexpr size_t kCurlErrorSize = 256;
constexpr CURLcode kCurlPeerFailedVerification = 60;

// TLS failures (CURLcode values): the handshake failed, the certificate is untrusted, expired
// or for another name, the CA file is unreadable. Sending again meets the same certificate.
bool IsTlsFailure(CURLcode code) {
  switch (code) {
    case 35:  // CURLE_SSL_CONNECT_ERROR
    case 51:  // CURLE_PEER_FAILED_VERIFICATION before 7.62
    case 53:  // CURLE_SSL_ENGINE_NOTFOUND
    case 54:  // CURLE_SSL_ENGINE_SETFAILED
    case 58:  // CURLE_SSL_CERTPROBLEM
    case 59:  // CURLE_SSL_CIPHER
    case kCurlPeerFailedVerification:
    case 64:  // CURLE_USE_SSL_FAILED
    case 66:  // CURLE_SSL_ENGINE_INITFAILED
    case 77:  // CURLE_SSL_CACERT_BADFILE
    case 82:  // CURLE_SSL_CRL_BADFILE
    case 83:  // CURLE_SSL_ISSUER_ERROR
    case 90:  // CURLE_SSL_PINNEDPUBKEYNOTMATCH
    case 91:  // CURLE_SSL_INVALIDCERTSTATUS
      return true;
    default:
      return false;
  }
}

struct CurlApi {
  CURLcode (*global_init)(long);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, int, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, int, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

constexpr const char* kLibrary = "libcurl.so.4";

// Loads libcurl once per process; the library stays loaded (handles cached in threads use it).
Result<const CurlApi*> LoadCurl() {
  static std::once_flag once;
  static CurlApi api;
  static std::string error;
  std::call_once(once, [] {
  // Bound to its own dependencies first: Arrow's libparquet exports a static OpenSSL, and
  // without RTLD_DEEPBIND the system libssl that libcurl loads would bind hundreds of
  // libcrypto symbols to that other copy. The sanitizers' runtimes refuse RTLD_DEEPBIND.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    void* lib = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
#else
    void* lib = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
    if (lib == nullptr) {
      const char* why = dlerror();
      error = std::string("object stores need ") + kLibrary + ", which could not be loaded (" +
              (why ? why : "unknown reason") + "); install libcurl4";
      return;
    }
    bool ok = true;
    auto load = [&](auto& fn, const char* name) {
      void* sym = dlsym(lib, name);
      if (sym == nullptr) ok = false;
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(sym);
    };
    load(api.global_init, "curl_global_init");
    load(api.easy_init, "curl_easy_init");
    load(api.easy_cleanup, "curl_easy_cleanup");
    load(api.easy_reset, "curl_easy_reset");
    load(api.easy_setopt, "curl_easy_setopt");
    load(api.easy_perform, "curl_easy_perform");
    load(api.easy_getinfo, "curl_easy_getinfo");
    load(api.easy_strerror, "curl_easy_strerror");
    load(api.slist_append, "curl_slist_append");
    load(api.slist_free_all, "curl_slist_free_all");
    if (!ok) {
      error = std::string(kLibrary) + " lacks a function the kernel needs (too old a libcurl)";
      return;
    }
    if (api.global_init(kCurlGlobalAll) != 0) error = "curl_global_init failed";
  });
  if (!error.empty()) return Status::IoError(error);
  return &api;
}

// One easy handle per thread, reused so connections stay alive between requests.
struct ThreadHandle {
  const CurlApi* api = nullptr;
  CURL* handle = nullptr;
  ~ThreadHandle() {
    if (handle != nullptr) api->easy_cleanup(handle);
  }
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Collects "Name: value" lines; a new status line (after a redirect or 100-continue) starts
// the set over so only the final response's headers remain.
size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<HttpHeaders*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    headers->emplace_back(std::string(AsciiTrim(line.substr(0, colon))),
                          std::string(AsciiTrim(line.substr(colon + 1))));
  }
  return size * count;
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient(const CurlApi* api, HttpClientOptions options)
      : api_(api), options_(std::move(options)) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    thread_local ThreadHandle local;
    if (local.handle == nullptr) {
      local.api = api_;
      local.handle = api_->easy_init();
      if (local.handle == nullptr) return Status::IoError("curl_easy_init failed");
    } else {
      api_->easy_reset(local.handle);
    }
    CURL* h = local.handle;
    HttpResponse response;
    char error[kCurlErrorSize] = {0};
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = api_->slist_append(headers, (name + ": " + value).c_str());
    }
    // Curl would add these on its own for bodies; the signers decide the headers.
    headers = api_->slist_append(headers, "Expect:");
    if (request.method != "POST") headers = api_->slist_append(headers, "Content-Type:");

    api_->easy_setopt(h, kCurlOptUrl, request.url.c_str());
    api_->easy_setopt(h, kCurlOptNoSignal, 1L);
    api_->easy_setopt(h, kCurlOptConnectTimeoutMs, 10000L);
    api_->easy_setopt(h, kCurlOptTimeoutMs, 300000L);
    api_->easy_setopt(h, kCurlOptErrorBuffer, error);
    api_->easy_setopt(h, kCurlOptWriteFunction, &OnBody);
    api_->easy_setopt(h, kCurlOptWriteData, &response.body);
    api_->easy_setopt(h, kCurlOptHeaderFunction, &OnHeader);
    api_->easy_setopt(h, kCurlOptHeaderData, &response.headers);
    api_->easy_setopt(h, kCurlOptHttpHeader, headers);
    if (!options_.ca_bundle.empty()) {
      api_->easy_setopt(h, kCurlOptCaInfo, options_.ca_bundle.c_str());
    }
    if (request.method == "HEAD") {
      api_->easy_setopt(h, kCurlOptNoBody, 1L);
    } else if (request.method == "GET" && request.body.empty()) {
      api_->easy_setopt(h, kCurlOptHttpGet, 1L);
    } else {
      api_->easy_setopt(h, kCurlOptCustomRequest, request.method.c_str());
      // PUT and POST always carry a body (an empty one as Content-Length: 0).
      if ((request.method != "GET" && request.method != "DELETE") || !request.body.empty()) {
        api_->easy_setopt(h, kCurlOptPostFields, request.body.data());
        api_->easy_setopt(h, kCurlOptPostFieldSizeLarge, static_cast<int64_t>(request.body.size()));
      }
    }
    CURLcode code = api_->easy_perform(h);
    api_->slist_free_all(headers);
    if (code != 0) {
      std::string why = error[0] != 0 ? error : api_->easy_strerror(code);
      std::string what = request.method + " " + request.url + " failed: ";
      if (IsTlsFailure(code)) {
        std::string trust = options_.ca_bundle.empty() ? "the system's CA certificates"
                                                       : "the CA bundle '" + options_.ca_bundle +
                                                             "' from " + options_.ca_bundle_source;
        std::string hint = code == kCurlPeerFailedVerification && options_.ca_bundle.empty()
                               ? "; to trust a private CA, set the storage option ca_bundle"
                               : "";
        return Status::PermissionDenied(what + "TLS: " + why + " (checked against " + trust +
                                        "; not retried)" + hint);
      }
      return Status::IoError(what + why);
    }
    long status = 0;
    api_->easy_getinfo(h, kCurlInfoResponseCode, &status);
    response.status = static_cast<int>(status);
    return response;
  }

 private:
  const CurlApi* api_;
  const HttpClientOptions options_;
};

}  // namespace

Result<std::shared_ptr<HttpClient>> MakeCurlHttpClient(HttpClientOptions options) {
  DELTA_ASSIGN_OR_RETURN(const CurlApi* api, LoadCurl());
  return std::shared_ptr<HttpClient>(std::make_shared<CurlHttpClient>(api, std::move(options)));
}

}  // namespace delta::cloud
