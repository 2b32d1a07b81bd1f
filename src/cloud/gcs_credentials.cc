#include "cloud/gcs_credentials.h"

#include <simdjson.h>

#include <utility>

#include "cloud/rsa_sign.h"
#include "delta/json_writer.h"
#include "util/base64.h"

namespace delta::cloud {
namespace {

constexpr const char* kScope = "https://www.googleapis.com/auth/devstorage.read_write";
constexpr const char* kDefaultTokenUri = "https://oauth2.googleapis.com/token";

std::string Base64Url(std::string_view bytes) {
  std::string s = Base64Encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return s;
}

}  // namespace

Result<ServiceAccountKey> ParseServiceAccountKey(std::string_view json, std::string_view source) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
    return Status::InvalidArgument("the service account key from " + std::string(source) +
                                   " is not JSON");
  }
  ServiceAccountKey key;
  auto field = [&](const char* name, std::string* out) -> Status {
    std::string_view v;
    if (doc[name].get(v) != simdjson::SUCCESS || v.empty()) {
      return Status::InvalidArgument("the service account key from " + std::string(source) +
                                     " has no '" + name + "'");
    }
    *out = std::string(v);
    return Status::OK();
  };
  DELTA_RETURN_NOT_OK(field("client_email", &key.client_email));
  DELTA_RETURN_NOT_OK(field("private_key", &key.private_key));
  std::string_view uri;
  key.token_uri = doc["token_uri"].get(uri) == simdjson::SUCCESS && !uri.empty()
                      ? std::string(uri)
                      : std::string(kDefaultTokenUri);
  return key;
}

Result<AuthorizedUserKey> ParseAuthorizedUserKey(std::string_view json, std::string_view source) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
    return Status::InvalidArgument("the authorized_user credentials from " + std::string(source) +
                                   " are not JSON");
  }
  AuthorizedUserKey key;
  for (auto [name, out] :
       {std::pair{"client_id", &key.client_id}, std::pair{"client_secret", &key.client_secret},
        std::pair{"refresh_token", &key.refresh_token}}) {
    std::string_view v;
    if (doc[name].get(v) != simdjson::SUCCESS || v.empty()) {
      return Status::InvalidArgument("the authorized_user credentials from " + std::string(source) +
                                     " have no '" + name + "'");
    }
    *out = std::string(v);
  }
  std::string_view uri;
  key.token_uri = doc["token_uri"].get(uri) == simdjson::SUCCESS && !uri.empty()
                      ? std::string(uri)
                      : std::string(kDefaultTokenUri);
  return key;
}

std::string GoogleCredentialsFileType(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view type;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS ||
      doc["type"].get(type) != simdjson::SUCCESS) {
    return std::string();
  }
  return std::string(type);
}

Result<std::string> MakeServiceAccountAssertion(const ServiceAccountKey& key, int64_t now) {
  JsonWriter header;
  header.BeginObject().Key("alg").String("RS256").Key("typ").String("JWT").EndObject();
  JsonWriter claims;
  claims.BeginObject()
      .Key("iss")
      .String(key.client_email)
      .Key("scope")
      .String(kScope)
      .Key("aud")
      .String(key.token_uri)
      .Key("iat")
      .Int(now)
      .Key("exp")
      .Int(now + 3600)
      .EndObject();
  std::string signing_input = Base64Url(header.str()) + "." + Base64Url(claims.str());
  DELTA_ASSIGN_OR_RETURN(std::string signature, RsaSha256Sign(key.private_key, signing_input));
  return signing_input + "." + Base64Url(signature);
}

std::shared_ptr<GcsCredentials> GcsCredentials::Anonymous(std::string source) {
  auto c = std::make_shared<GcsCredentials>();
  c->source_ = std::move(source);
  return c;
}

std::shared_ptr<GcsCredentials> GcsCredentials::Bearer(std::string token, std::string source) {
  auto c = std::make_shared<GcsCredentials>();
  c->kind_ = Kind::kBearer;
  c->token_ = std::move(token);
  c->source_ = std::move(source);
  return c;
}

std::shared_ptr<GcsCredentials> GcsCredentials::ServiceAccount(ServiceAccountKey key,
                                                               std::string source,
                                                               std::shared_ptr<HttpClient> http,
                                                               StoreHooks hooks) {
  auto c = std::make_shared<GcsCredentials>();
  c->kind_ = Kind::kServiceAccount;
  c->key_ = std::move(key);
  c->source_ = std::move(source);
  c->http_ = std::move(http);
  c->hooks_ = std::move(hooks);
  return c;
}

std::shared_ptr<GcsCredentials> GcsCredentials::AuthorizedUser(AuthorizedUserKey key,
                                                               std::string source,
                                                               std::shared_ptr<HttpClient> http,
                                                               StoreHooks hooks) {
  auto c = std::make_shared<GcsCredentials>();
  c->kind_ = Kind::kAuthorizedUser;
  c->user_ = std::move(key);
  c->source_ = std::move(source);
  c->http_ = std::move(http);
  c->hooks_ = std::move(hooks);
  return c;
}

std::shared_ptr<GcsCredentials> GcsCredentials::MetadataServer(std::string root, std::string source,
                                                               std::shared_ptr<HttpClient> http,
                                                               StoreHooks hooks) {
  auto c = std::make_shared<GcsCredentials>();
  c->kind_ = Kind::kMetadataServer;
  c->metadata_root_ = std::move(root);
  c->source_ = std::move(source);
  c->http_ = std::move(http);
  c->hooks_ = std::move(hooks);
  return c;
}

bool GcsCredentials::Invalidate() {
  if (kind_ == Kind::kAnonymous || kind_ == Kind::kBearer) return false;
  std::lock_guard<std::mutex> lock(mu_);
  token_.clear();
  token_expiry_ = 0;
  return true;
}

Result<std::string> GcsCredentials::Authorization() {
  if (kind_ == Kind::kAnonymous) return std::string();
  std::lock_guard<std::mutex> lock(mu_);
  if (kind_ == Kind::kBearer) return "Bearer " + token_;
  int64_t now = hooks_.clock();
  if (!token_.empty() && now < token_expiry_ - 60) return "Bearer " + token_;
  DELTA_RETURN_NOT_OK(FetchToken(now));
  return "Bearer " + token_;
}

Status GcsCredentials::FetchToken(int64_t now) {
  std::string endpoint;
  std::string who;
  HttpRequest request;
  switch (kind_) {
    case Kind::kServiceAccount: {
      DELTA_ASSIGN_OR_RETURN(std::string assertion, MakeServiceAccountAssertion(key_, now));
      endpoint = "the token endpoint " + key_.token_uri;
      who = "the service account '" + key_.client_email + "' from " + source_;
      request.method = "POST";
      request.url = key_.token_uri;
      request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
      request.body = "grant_type=" + QueryEscape("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                     "&assertion=" + assertion;
      break;
    }
    case Kind::kAuthorizedUser:
      endpoint = "the token endpoint " + user_.token_uri;
      who = "the authorized_user refresh token of client '" + user_.client_id + "' from " + source_;
      request.method = "POST";
      request.url = user_.token_uri;
      request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
      request.body = "grant_type=refresh_token&client_id=" + QueryEscape(user_.client_id) +
                     "&client_secret=" + QueryEscape(user_.client_secret) +
                     "&refresh_token=" + QueryEscape(user_.refresh_token);
      break;
    case Kind::kMetadataServer:
      request.method = "GET";
      request.url = metadata_root_ + "/computeMetadata/v1/instance/service-accounts/default/token";
      request.headers = {{"Metadata-Flavor", "Google"}};
      endpoint = "the GCE metadata server " + request.url;
      who = "the VM's default service account (" + source_ + ")";
      break;
    default:
      return Status::OK();
  }
  Result<HttpResponse> r =
      SendWithRetry(*http_, hooks_.retry, [&]() -> Result<HttpRequest> { return request; });
  if (!r.ok()) {
    return Status::IoError("getting an access token for " + who + " from " + endpoint +
                           " failed: " + r.status().message());
  }
  if (r->status != 200) {
    return Status::PermissionDenied(endpoint + " refused " + who + " (HTTP " +
                                    std::to_string(r->status) + "): " + r->body.substr(0, 200));
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view token;
  int64_t expires_in = 3600;
  if (parser.parse(r->body).get(doc) != simdjson::SUCCESS ||
      doc["access_token"].get(token) != simdjson::SUCCESS || token.empty()) {
    return Status::IoError(endpoint + " sent no access_token for " + who);
  }
  if (doc["expires_in"].get(expires_in) != simdjson::SUCCESS) expires_in = 3600;
  token_ = std::string(token);
  token_expiry_ = now + expires_in;
  return Status::OK();
}

}  // namespace delta::cloud
