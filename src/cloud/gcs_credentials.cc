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

Result<std::string> GcsCredentials::Authorization() {
  if (kind_ == Kind::kAnonymous) return std::string();
  std::lock_guard<std::mutex> lock(mu_);
  if (kind_ == Kind::kBearer) return "Bearer " + token_;
  int64_t now = hooks_.clock();
  if (!token_.empty() && now < token_expiry_ - 60) return "Bearer " + token_;
  DELTA_ASSIGN_OR_RETURN(std::string assertion, MakeServiceAccountAssertion(key_, now));
  auto make = [&]() -> Result<HttpRequest> {
    HttpRequest request;
    request.method = "POST";
    request.url = key_.token_uri;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "grant_type=" + QueryEscape("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                   "&assertion=" + assertion;
    return request;
  };
  Result<HttpResponse> r = SendWithRetry(*http_, hooks_.retry, make);
  std::string who = "the service account '" + key_.client_email + "' from " + source_;
  if (!r.ok()) {
    return Status::IoError("getting an access token for " + who +
                           " failed: " + r.status().message());
  }
  if (r->status != 200) {
    return Status::PermissionDenied("the token endpoint " + key_.token_uri + " refused " + who +
                                    " (HTTP " + std::to_string(r->status) +
                                    "): " + r->body.substr(0, 200));
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view token;
  int64_t expires_in = 3600;
  if (parser.parse(r->body).get(doc) != simdjson::SUCCESS ||
      doc["access_token"].get(token) != simdjson::SUCCESS || token.empty()) {
    return Status::IoError("the token endpoint " + key_.token_uri + " sent no access_token for " +
                           who);
  }
  if (doc["expires_in"].get(expires_in) != simdjson::SUCCESS) expires_in = 3600;
  token_ = std::string(token);
  token_expiry_ = now + expires_in;
  return "Bearer " + token_;
}

}  // namespace delta::cloud
