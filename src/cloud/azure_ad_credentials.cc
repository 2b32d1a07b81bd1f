#include "cloud/azure_ad_credentials.h"

#include <simdjson.h>

#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

namespace delta::cloud {
namespace {

constexpr const char* kScope = "https://storage.azure.com/.default";
constexpr const char* kResource = "https://storage.azure.com";
constexpr const char* kDefaultAuthority = "https://login.microsoftonline.com";
constexpr const char* kDefaultImds = "http://169.254.169.254/metadata/identity/oauth2/token";
// Off Azure nothing answers at the metadata address: give up after a second, not ten.
constexpr long kImdsConnectTimeoutMs = 1000;

// A JSON number or a string of digits (the metadata services send expires_in as a string).
std::optional<int64_t> IntField(simdjson::dom::element doc, const char* name) {
  int64_t n = 0;
  if (doc[name].get(n) == simdjson::SUCCESS) return n;
  std::string_view text;
  if (doc[name].get(text) == simdjson::SUCCESS && !text.empty()) {
    char* end = nullptr;
    std::string s(text);
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (end && *end == '\0') return v;
  }
  return std::nullopt;
}

std::string TrimSlash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

std::shared_ptr<AzureTokenCredential> AzureTokenCredential::ClientSecret(
    std::string authority_host, std::string tenant, std::string client_id,
    std::string client_secret, std::string source, std::shared_ptr<HttpClient> http,
    StoreHooks hooks) {
  auto c = std::make_shared<AzureTokenCredential>();
  c->kind_ = Kind::kClientSecret;
  c->endpoint_ = TrimSlash(std::move(authority_host)) + "/" + tenant + "/oauth2/v2.0/token";
  c->client_id_ = std::move(client_id);
  c->secret_ = std::move(client_secret);
  c->source_ = std::move(source);
  c->http_ = std::move(http);
  c->hooks_ = std::move(hooks);
  return c;
}

std::shared_ptr<AzureTokenCredential> AzureTokenCredential::Imds(std::string endpoint,
                                                                 std::string client_id,
                                                                 std::string source,
                                                                 std::shared_ptr<HttpClient> http,
                                                                 StoreHooks hooks) {
  auto c = std::make_shared<AzureTokenCredential>();
  c->kind_ = Kind::kImds;
  c->endpoint_ = std::move(endpoint);
  c->client_id_ = std::move(client_id);
  c->source_ = std::move(source);
  c->http_ = std::move(http);
  c->hooks_ = std::move(hooks);
  return c;
}

std::shared_ptr<AzureTokenCredential> AzureTokenCredential::AppService(
    std::string endpoint, std::string header, std::string client_id, std::string source,
    std::shared_ptr<HttpClient> http, StoreHooks hooks) {
  auto c = std::make_shared<AzureTokenCredential>();
  c->kind_ = Kind::kAppService;
  c->endpoint_ = std::move(endpoint);
  c->secret_ = std::move(header);
  c->client_id_ = std::move(client_id);
  c->source_ = std::move(source);
  c->http_ = std::move(http);
  c->hooks_ = std::move(hooks);
  return c;
}

Result<std::string> AzureTokenCredential::Authorization() {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t now = hooks_.clock();
  if (token_.empty() || now >= token_expiry_ - 60) DELTA_RETURN_NOT_OK(FetchToken(now));
  return "Bearer " + token_;
}

void AzureTokenCredential::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  token_.clear();
  token_expiry_ = 0;
}

Status AzureTokenCredential::FetchToken(int64_t now) {
  HttpRequest request;
  RetryPolicy retry = hooks_.retry;
  std::string what;
  switch (kind_) {
    case Kind::kClientSecret:
      request.method = "POST";
      request.url = endpoint_;
      request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
      request.body = "client_id=" + QueryEscape(client_id_) +
                     "&client_secret=" + QueryEscape(secret_) + "&scope=" + QueryEscape(kScope) +
                     "&grant_type=client_credentials";
      what = "the client secret of '" + client_id_ + "' from " + source_;
      break;
    case Kind::kImds:
    case Kind::kAppService: {
      bool imds = kind_ == Kind::kImds;
      request.method = "GET";
      request.url = endpoint_ + (endpoint_.find('?') == std::string::npos ? "?" : "&") +
                    "api-version=" + (imds ? "2018-02-01" : "2019-08-01") +
                    "&resource=" + QueryEscape(kResource);
      if (!client_id_.empty()) request.url += "&client_id=" + QueryEscape(client_id_);
      if (imds) {
        request.headers = {{"Metadata", "true"}};
        request.connect_timeout_ms = kImdsConnectTimeoutMs;
        retry.max_attempts = 1;  // an absent service must fail fast, not after retries
      } else {
        request.headers = {{"X-IDENTITY-HEADER", secret_}};
      }
      what = "the managed identity from " + source_;
      break;
    }
  }
  Result<HttpResponse> r =
      SendWithRetry(*http_, retry, [&]() -> Result<HttpRequest> { return request; });
  if (!r.ok()) {
    return Status::IoError("getting an Azure AD token for " + what + " from " + endpoint_ +
                           " failed: " + r.status().message());
  }
  if (r->status != 200) {
    return Status::PermissionDenied("the token endpoint " + endpoint_ + " refused " + what +
                                    " (HTTP " + std::to_string(r->status) +
                                    "): " + r->body.substr(0, 200));
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view token;
  if (parser.parse(r->body).get(doc) != simdjson::SUCCESS ||
      doc["access_token"].get(token) != simdjson::SUCCESS || token.empty()) {
    return Status::IoError("the token endpoint " + endpoint_ + " sent no access_token for " + what);
  }
  token_ = std::string(token);
  if (auto in = IntField(doc, "expires_in")) {
    token_expiry_ = now + *in;
  } else if (auto on = IntField(doc, "expires_on")) {
    token_expiry_ = *on;
  } else {
    token_expiry_ = now + 3600;
  }
  return Status::OK();
}

std::string AzureTokenSourcesTried() {
  return "a client secret (AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_TENANT_ID), a managed "
         "identity (IDENTITY_ENDPOINT, AZURE_MSI_ENDPOINT, or AZURE_USE_MANAGED_IDENTITY=true "
         "for the instance metadata service)";
}

Result<std::optional<std::shared_ptr<AzureTokenCredential>>> ResolveAzureClientSecret(
    const StorageOptions& options, std::shared_ptr<HttpClient> http, StoreHooks hooks) {
  auto client_id = FindSetting(options, {"AZURE_CLIENT_ID", "azure_client_id", "client_id"},
                               {"AZURE_CLIENT_ID"});
  auto secret =
      FindSetting(options, {"AZURE_CLIENT_SECRET", "azure_client_secret", "client_secret"},
                  {"AZURE_CLIENT_SECRET"});
  if (secret) {
    auto tenant = FindSetting(
        options,
        {"AZURE_TENANT_ID", "azure_tenant_id", "tenant_id", "azure_authority_id", "authority_id"},
        {"AZURE_TENANT_ID"});
    if (!client_id || !tenant) {
      return Status::InvalidArgument(
          "the Azure client secret from " + secret->source + " needs " +
          (!client_id ? std::string("AZURE_CLIENT_ID") : std::string("AZURE_TENANT_ID")) + " too");
    }
    auto authority =
        FindSetting(options, {"AZURE_AUTHORITY_HOST", "azure_authority_host", "authority_host"},
                    {"AZURE_AUTHORITY_HOST"});
    std::string host = authority ? authority->value : kDefaultAuthority;
    if (!host.starts_with("https://") && !IsLoopbackUrl(host)) {
      return Status::InvalidArgument("the Azure authority host '" + host + "' (from " +
                                     authority->source + ") is not an https:// URL");
    }
    return std::optional(AzureTokenCredential::ClientSecret(host, tenant->value, client_id->value,
                                                            secret->value, secret->source,
                                                            std::move(http), std::move(hooks)));
  }
  return std::optional<std::shared_ptr<AzureTokenCredential>>();
}

Result<std::optional<std::shared_ptr<AzureTokenCredential>>> ResolveAzureManagedIdentity(
    const StorageOptions& options, std::shared_ptr<HttpClient> http, StoreHooks hooks) {
  auto client_id = FindSetting(options, {"AZURE_CLIENT_ID", "azure_client_id", "client_id"},
                               {"AZURE_CLIENT_ID"});
  std::string mi_client = client_id ? client_id->value : std::string();
  auto identity_endpoint = FindSetting({}, {}, {"IDENTITY_ENDPOINT"});
  auto identity_header = FindSetting({}, {}, {"IDENTITY_HEADER"});
  if (identity_endpoint && identity_header) {
    return std::optional(AzureTokenCredential::AppService(
        identity_endpoint->value, identity_header->value, mi_client,
        "environment variables IDENTITY_ENDPOINT and IDENTITY_HEADER", std::move(http),
        std::move(hooks)));
  }
  auto msi = FindSetting(options, {"AZURE_MSI_ENDPOINT", "azure_msi_endpoint", "msi_endpoint"},
                         {"AZURE_MSI_ENDPOINT"});
  bool use_imds = msi.has_value();
  std::string source = msi ? msi->source : std::string();
  if (auto s = FindSetting(
          options,
          {"AZURE_USE_MANAGED_IDENTITY", "azure_use_managed_identity", "use_managed_identity"},
          {"AZURE_USE_MANAGED_IDENTITY"})) {
    DELTA_ASSIGN_OR_RETURN(bool opted, ParseBoolSetting("AZURE_USE_MANAGED_IDENTITY", s->value));
    if (opted && !use_imds) source = s->source;
    use_imds = use_imds || opted;
  }
  if (!use_imds) return std::optional<std::shared_ptr<AzureTokenCredential>>();
  return std::optional(AzureTokenCredential::Imds(msi ? TrimSlash(msi->value) : kDefaultImds,
                                                  mi_client, source, std::move(http),
                                                  std::move(hooks)));
}

}  // namespace delta::cloud
