#include "cloud/aws_credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cloud/store_factory.h"
#include "util/ascii.h"

namespace delta::cloud {

namespace {

// The value of `key` in `options` only (case-insensitive).
std::string OptionOnly(const StorageOptions& options, std::string_view key) {
  for (const auto& [k, v] : options) {
    if (EqualsIgnoreCase(k, key)) return v;
  }
  return {};
}

std::string EnvOnly(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

Result<bool> Complete(const AwsCredentials& c) {
  if (c.access_key_id.empty() && c.secret_access_key.empty()) return false;
  if (c.access_key_id.empty() || c.secret_access_key.empty()) {
    return Status::InvalidArgument(c.source + " has " +
                                   (c.access_key_id.empty() ? "AWS_SECRET_ACCESS_KEY but no "
                                                              "AWS_ACCESS_KEY_ID"
                                                            : "AWS_ACCESS_KEY_ID but no "
                                                              "AWS_SECRET_ACCESS_KEY"));
  }
  return true;
}

}  // namespace

Result<AwsCredentials> ResolveAwsCredentials(const StorageOptions& options) {
  AwsCredentials from_options{OptionOnly(options, "AWS_ACCESS_KEY_ID"),
                              OptionOnly(options, "AWS_SECRET_ACCESS_KEY"),
                              OptionOnly(options, "AWS_SESSION_TOKEN"), "the storage options"};
  DELTA_ASSIGN_OR_RETURN(bool found, Complete(from_options));
  if (found) return from_options;

  AwsCredentials from_env{EnvOnly("AWS_ACCESS_KEY_ID"), EnvOnly("AWS_SECRET_ACCESS_KEY"),
                          EnvOnly("AWS_SESSION_TOKEN"), "the environment variables"};
  DELTA_ASSIGN_OR_RETURN(found, Complete(from_env));
  if (found) return from_env;

  std::string profile = LookupOption(options, "AWS_PROFILE");
  if (profile.empty()) profile = "default";
  std::string file = LookupOption(options, "AWS_SHARED_CREDENTIALS_FILE");
  if (file.empty()) file = EnvOnly("HOME") + "/.aws/credentials";
  std::string why;
  std::ifstream in(file);
  if (!in) {
    why = "file not found";
  } else {
    AwsCredentials c{{}, {}, {}, "profile '" + profile + "' of " + file};
    bool in_profile = false, seen = false;
    for (std::string line; std::getline(in, line);) {
      std::string_view l = AsciiTrim(line);
      if (l.empty() || l[0] == '#' || l[0] == ';') continue;
      if (l.front() == '[' && l.back() == ']') {
        std::string_view name = AsciiTrim(l.substr(1, l.size() - 2));
        if (name.starts_with("profile ")) name = AsciiTrim(name.substr(8));
        in_profile = name == profile;
        seen = seen || in_profile;
        continue;
      }
      size_t eq = l.find('=');
      if (!in_profile || eq == std::string_view::npos) continue;
      std::string key = AsciiLower(AsciiTrim(l.substr(0, eq)));
      std::string value(AsciiTrim(l.substr(eq + 1)));
      if (key == "aws_access_key_id") c.access_key_id = value;
      if (key == "aws_secret_access_key") c.secret_access_key = value;
      if (key == "aws_session_token") c.session_token = value;
    }
    DELTA_ASSIGN_OR_RETURN(found, Complete(c));
    if (found) return c;
    why = seen ? "no keys in that profile" : "no such profile";
  }
  return Status::PermissionDenied(
      "no AWS credentials: tried the storage options AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
      "the environment variables of the same names, and profile '" +
      profile + "' of " + file + " (" + why + ")");
}

}  // namespace delta::cloud
