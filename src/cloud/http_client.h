// A minimal HTTP(S) client for object-store requests: one request in, one response out.
// The default implementation loads libcurl at run time (no build or wheel dependency); tests
// may substitute their own (fault injection, recording).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/status.h"

namespace delta::cloud {

/// Header names are sent as given; lookups in responses ignore case.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  ///< "GET", "HEAD", "PUT", "POST", "DELETE"
  std::string url;     ///< absolute, query string already encoded
  HttpHeaders headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;  ///< the HTTP status code
  HttpHeaders headers;
  std::string body;
  /// Requests sent to get this response: more than 1 after retries (SendWithRetry), for
  /// messages that say how hard a throttled store was tried.
  int attempts = 1;

  /// The first header named `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

/// Sends requests; thread-safe. A transport failure (connection refused, reset, timeout) is an
/// IOError status naming the URL; a TLS failure (an untrusted or invalid certificate, a failed
/// handshake) is PermissionDenied, since repeating cannot fix it; any HTTP status, 4xx and 5xx
/// included, is a response.
/// Retries are the caller's business (see RetryPolicy in object_store.h), since only the caller
/// knows whether a request is idempotent.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

struct HttpClientOptions {
  /// A PEM file of CA certificates to trust instead of the system's (storage option
  /// ca_bundle); empty: the system trust store.
  std::string ca_bundle;
  /// Where ca_bundle came from ("option ca_bundle", "environment variable AWS_CA_BUNDLE").
  std::string ca_bundle_source;
};

/// The libcurl-backed client (libcurl.so.4 loaded with dlopen on first use). Unavailable when
/// the library cannot be loaded: the error says so and names the library.
Result<std::shared_ptr<HttpClient>> MakeCurlHttpClient(HttpClientOptions options = {});

}  // namespace delta::cloud
