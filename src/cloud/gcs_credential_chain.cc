#include "cloud/gcs_credential_chain.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace delta::cloud {
namespace {

Result<std::string> ReadKeyFile(const FoundSetting& path) {
  std::ifstream in(path.value, std::ios::binary);
  if (!in) {
    return Status::NotFound("the service account key file '" + path.value + "' (from " +
                            path.source + ") cannot be read");
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A credentials file's JSON as the credential its "type" names.
Result<std::shared_ptr<GcsCredentials>> FromCredentialsJson(const std::string& text,
                                                            const std::string& source,
                                                            std::shared_ptr<HttpClient> http,
                                                            StoreHooks hooks) {
  std::string type = GoogleCredentialsFileType(text);
  if (type == "authorized_user") {
    DELTA_ASSIGN_OR_RETURN(AuthorizedUserKey key, ParseAuthorizedUserKey(text, source));
    return GcsCredentials::AuthorizedUser(std::move(key), source, std::move(http),
                                          std::move(hooks));
  }
  if (!type.empty() && type != "service_account") {
    return Status::Unsupported("the Google credentials from " + source + " are of type '" + type +
                               "'; supported: service_account, authorized_user");
  }
  DELTA_ASSIGN_OR_RETURN(ServiceAccountKey key, ParseServiceAccountKey(text, source));
  return GcsCredentials::ServiceAccount(std::move(key), source, std::move(http), std::move(hooks));
}

// gcloud's `application-default login` file, where Google's libraries look for it.
std::string WellKnownFile() {
  if (const char* dir = std::getenv("CLOUDSDK_CONFIG"); dir && *dir) {
    return std::string(dir) + "/application_default_credentials.json";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.config/gcloud/application_default_credentials.json";
  }
  return std::string();
}

// GCE VMs report "Google" / "Google Compute Engine" as their DMI product name.
bool OnGoogleComputeEngine() {
  std::ifstream in("/sys/class/dmi/id/product_name");
  std::string name;
  std::getline(in, name);
  return name.starts_with("Google");
}

std::string HostToUrl(const std::string& host) {
  std::string url = host.find("://") == std::string::npos ? "http://" + host : host;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

Result<std::shared_ptr<GcsCredentials>> ResolveGcsCredentials(const StorageOptions& options,
                                                              bool emulator,
                                                              std::shared_ptr<HttpClient> http,
                                                              StoreHooks hooks) {
  using Names = std::vector<std::string_view>;
  auto env = [&](Names names) { return emulator ? Names{} : names; };
  if (auto token =
          FindSetting(options, {"GOOGLE_BEARER_TOKEN", "google_bearer_token", "token"}, {})) {
    return GcsCredentials::Bearer(token->value, "the access token from " + token->source);
  }
  if (auto json = FindSetting(options, {"GOOGLE_SERVICE_ACCOUNT_KEY", "google_service_account_key"},
                              {"GOOGLE_SERVICE_ACCOUNT_KEY"})) {
    return FromCredentialsJson(json->value, json->source, http, hooks);
  }
  if (auto path =
          FindSetting(options,
                      {"GOOGLE_SERVICE_ACCOUNT", "GOOGLE_SERVICE_ACCOUNT_PATH",
                       "GOOGLE_APPLICATION_CREDENTIALS", "google_service_account",
                       "service_account", "service_account_path", "google_application_credentials"},
                      env({"GOOGLE_SERVICE_ACCOUNT", "GOOGLE_SERVICE_ACCOUNT_PATH",
                           "GOOGLE_APPLICATION_CREDENTIALS"}))) {
    std::string text;
    if (!path->value.empty() && path->value.front() == '{') {
      text = path->value;  // the key itself rather than a path
    } else {
      DELTA_ASSIGN_OR_RETURN(text, ReadKeyFile(*path));
    }
    return FromCredentialsJson(text, path->source, http, hooks);
  }
  if (auto env_token = FindSetting({}, {}, {"GOOGLE_OAUTH_ACCESS_TOKEN"})) {
    return GcsCredentials::Bearer(env_token->value, "the access token from " + env_token->source);
  }
  std::string tried =
      "options GOOGLE_BEARER_TOKEN, GOOGLE_SERVICE_ACCOUNT_KEY, GOOGLE_SERVICE_ACCOUNT";
  if (emulator) {
    return GcsCredentials::Anonymous(
        "no credentials (anonymous, for the emulator at "
        "STORAGE_EMULATOR_HOST; tried " +
        tried + ")");
  }
  tried +=
      "; environment variables GOOGLE_SERVICE_ACCOUNT_KEY, GOOGLE_SERVICE_ACCOUNT, "
      "GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_OAUTH_ACCESS_TOKEN";
  if (std::string file = WellKnownFile(); !file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      return FromCredentialsJson(text.str(), "gcloud's application default credentials " + file,
                                 http, hooks);
    }
    tried += "; gcloud's application default credentials " + file + " (absent)";
  }
  bool use_metadata = false;
  if (auto s =
          FindSetting(options, {"GOOGLE_USE_METADATA_SERVER", "google_use_metadata_server"}, {})) {
    DELTA_ASSIGN_OR_RETURN(use_metadata, ParseBoolSetting("GOOGLE_USE_METADATA_SERVER", s->value));
  }
  std::string root = "http://metadata.google.internal";
  std::string root_source = "the default metadata host";
  if (auto host = FindSetting({}, {}, {"GCE_METADATA_HOST", "GCE_METADATA_ROOT"})) {
    root = HostToUrl(host->value);
    root_source = host->source;
    use_metadata = true;
  } else if (!use_metadata && OnGoogleComputeEngine()) {
    use_metadata = true;
    root_source = "a GCE VM";
  }
  if (use_metadata) {
    return GcsCredentials::MetadataServer(root, "the GCE metadata server from " + root_source,
                                          std::move(http), std::move(hooks));
  }
  tried += "; the GCE metadata server (not a GCE VM; set GCE_METADATA_HOST)";
  return GcsCredentials::Anonymous("no credentials (anonymous; tried " + tried + ")");
}

}  // namespace delta::cloud
