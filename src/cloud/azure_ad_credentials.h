// Azure AD (Microsoft Entra ID) OAuth2 tokens for Blob storage, sent as
// `Authorization: Bearer`: a service principal's client secret (client-credentials grant at
// {authority}/{tenant}/oauth2/v2.0/token, scope https://storage.azure.com/.default), or a
// managed identity (the instance metadata service, or App Service's IDENTITY_ENDPOINT with its
// IDENTITY_HEADER). Tokens are cached until shortly before they expire.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cloud/http_client.h"
#include "cloud/object_store.h"
#include "cloud/store_request.h"
#include "delta/status.h"

namespace delta::cloud {

/// A token source. Thread-safe.
class AzureTokenCredential {
 public:
  /// Client-credentials grant for `client_id`/`client_secret` in `tenant` at `authority_host`
  /// ("https://login.microsoftonline.com").
  static std::shared_ptr<AzureTokenCredential> ClientSecret(
      std::string authority_host, std::string tenant, std::string client_id,
      std::string client_secret, std::string source, std::shared_ptr<HttpClient> http,
      StoreHooks hooks);
  /// The instance metadata service's token endpoint `endpoint`
  /// ("http://169.254.169.254/metadata/identity/oauth2/token"), with `Metadata: true`;
  /// `client_id` picks a user-assigned identity (empty: the system-assigned one).
  static std::shared_ptr<AzureTokenCredential> Imds(std::string endpoint, std::string client_id,
                                                    std::string source,
                                                    std::shared_ptr<HttpClient> http,
                                                    StoreHooks hooks);
  /// App Service / Functions: GET `endpoint` with `X-IDENTITY-HEADER: header`.
  static std::shared_ptr<AzureTokenCredential> AppService(std::string endpoint, std::string header,
                                                          std::string client_id, std::string source,
                                                          std::shared_ptr<HttpClient> http,
                                                          StoreHooks hooks);

  /// "Bearer <token>", fetching a token when none is cached or it expires within a minute.
  Result<std::string> Authorization();
  /// Forgets the cached token (the store answered 401 with it).
  void Invalidate();
  const std::string& source() const { return source_; }

 private:
  enum class Kind { kClientSecret, kImds, kAppService };
  Status FetchToken(int64_t now);  // mu_ held

  Kind kind_ = Kind::kClientSecret;
  std::string endpoint_;  // the token URL without the query
  std::string client_id_;
  std::string secret_;  // client secret, or App Service's identity header
  std::string source_;
  std::shared_ptr<HttpClient> http_;
  StoreHooks hooks_;
  std::mutex mu_;
  std::string token_;
  int64_t token_expiry_ = 0;
};

/// A service principal's client secret when AZURE_CLIENT_SECRET is given (options first, then
/// the environment) with AZURE_CLIENT_ID and AZURE_TENANT_ID (AZURE_AUTHORITY_HOST optional);
/// nullopt without a secret; InvalidArgument naming the missing key when half configured.
Result<std::optional<std::shared_ptr<AzureTokenCredential>>> ResolveAzureClientSecret(
    const StorageOptions& options, std::shared_ptr<HttpClient> http, StoreHooks hooks);

/// A managed identity when IDENTITY_ENDPOINT + IDENTITY_HEADER (App Service) are set, or
/// AZURE_MSI_ENDPOINT names the metadata service's token URL (tests, proxies), or
/// AZURE_USE_MANAGED_IDENTITY=true opts into the instance metadata service at 169.254.169.254;
/// AZURE_CLIENT_ID picks a user-assigned identity. nullopt otherwise: off Azure nothing is
/// probed.
Result<std::optional<std::shared_ptr<AzureTokenCredential>>> ResolveAzureManagedIdentity(
    const StorageOptions& options, std::shared_ptr<HttpClient> http, StoreHooks hooks);

/// What the two above look at, for "no credentials" messages.
std::string AzureTokenSourcesTried();

}  // namespace delta::cloud
