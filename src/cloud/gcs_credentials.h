// Google Cloud Storage credentials: none (anonymous, e.g. fake-gcs-server or public buckets),
// a given OAuth2 access token, a service-account key whose RS256-signed JWT is exchanged at its
// token_uri, an authorized_user file (gcloud's application default credentials) whose refresh
// token is exchanged the same way, or the GCE metadata server's token for the VM's service
// account. Fetched tokens are cached until shortly before they expire.
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

/// The fields of an authorized_user credentials file (`gcloud auth application-default login`).
struct AuthorizedUserKey {
  std::string client_id;
  std::string client_secret;
  std::string refresh_token;
  std::string token_uri;  ///< default https://oauth2.googleapis.com/token
};

/// Parses an authorized_user file's JSON; InvalidArgument naming `source` and the missing field.
Result<AuthorizedUserKey> ParseAuthorizedUserKey(std::string_view json, std::string_view source);

/// The "type" of a Google credentials file ("service_account", "authorized_user"); empty when
/// the JSON has none (older service-account keys).
std::string GoogleCredentialsFileType(std::string_view json);

/// The credential a GCS store sends. Thread-safe.
class GcsCredentials {
 public:
  static std::shared_ptr<GcsCredentials> Anonymous(std::string source);
  static std::shared_ptr<GcsCredentials> Bearer(std::string token, std::string source);
  static std::shared_ptr<GcsCredentials> ServiceAccount(ServiceAccountKey key, std::string source,
                                                        std::shared_ptr<HttpClient> http,
                                                        StoreHooks hooks);
  static std::shared_ptr<GcsCredentials> AuthorizedUser(AuthorizedUserKey key, std::string source,
                                                        std::shared_ptr<HttpClient> http,
                                                        StoreHooks hooks);
  /// The token of the VM's default service account from the metadata server at `root`
  /// ("http://metadata.google.internal"), asked with `Metadata-Flavor: Google`.
  static std::shared_ptr<GcsCredentials> MetadataServer(std::string root, std::string source,
                                                        std::shared_ptr<HttpClient> http,
                                                        StoreHooks hooks);

  /// The Authorization header's value ("Bearer ..."), or empty for anonymous access.
  Result<std::string> Authorization();

  /// Forgets a fetched token after the store answered 401 with it, so the next Authorization()
  /// fetches a fresh one; false when there is nothing to refresh (anonymous, a given token).
  bool Invalidate();

  /// Where the credential came from, for messages ("the service account from option ...").
  const std::string& source() const { return source_; }

 private:
  enum class Kind { kAnonymous, kBearer, kServiceAccount, kAuthorizedUser, kMetadataServer };

  /// Sends the token request for kind_ and reads access_token and expires_in (mu_ held).
  Status FetchToken(int64_t now);

  Kind kind_ = Kind::kAnonymous;
  std::string source_;
  ServiceAccountKey key_;
  AuthorizedUserKey user_;
  std::string metadata_root_;
  std::shared_ptr<HttpClient> http_;
  StoreHooks hooks_;
  std::mutex mu_;
  std::string token_;
  int64_t token_expiry_ = 0;  ///< seconds since the epoch
};

}  // namespace delta::cloud
