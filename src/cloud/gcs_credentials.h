// Google Cloud Storage credentials: none (anonymous, e.g. fake-gcs-server or public buckets),
// a given OAuth2 access token, or a service-account key whose RS256-signed JWT is exchanged
// at its token_uri for an access token (cached until shortly before it expires).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "cloud/http_client.h"
#include "cloud/store_request.h"
#include "delta/status.h"

namespace delta::cloud {

/// The fields of a service-account JSON key file that the token exchange needs.
struct ServiceAccountKey {
  std::string client_email;
  std::string private_key;  ///< PEM
  std::string token_uri;    ///< default https://oauth2.googleapis.com/token
};

/// Parses a key file's JSON; InvalidArgument naming `source` and the missing field otherwise.
Result<ServiceAccountKey> ParseServiceAccountKey(std::string_view json, std::string_view source);

/// The JWT-bearer assertion: base64url(header).base64url(claims).base64url(RS256 signature),
/// valid for an hour from `now` (seconds since the epoch), for the read-write storage scope.
Result<std::string> MakeServiceAccountAssertion(const ServiceAccountKey& key, int64_t now);

/// The credential a GCS store sends. Thread-safe.
class GcsCredentials {
 public:
  static std::shared_ptr<GcsCredentials> Anonymous(std::string source);
  static std::shared_ptr<GcsCredentials> Bearer(std::string token, std::string source);
  static std::shared_ptr<GcsCredentials> ServiceAccount(ServiceAccountKey key, std::string source,
                                                        std::shared_ptr<HttpClient> http,
                                                        StoreHooks hooks);

  /// The Authorization header's value ("Bearer ..."), or empty for anonymous access.
  Result<std::string> Authorization();

  /// Where the credential came from, for messages ("the service account from option ...").
  const std::string& source() const { return source_; }

 private:
  enum class Kind { kAnonymous, kBearer, kServiceAccount };
  Kind kind_ = Kind::kAnonymous;
  std::string source_;
  ServiceAccountKey key_;
  std::shared_ptr<HttpClient> http_;
  StoreHooks hooks_;
  std::mutex mu_;
  std::string token_;
  int64_t token_expiry_ = 0;  ///< seconds since the epoch
};

}  // namespace delta::cloud
