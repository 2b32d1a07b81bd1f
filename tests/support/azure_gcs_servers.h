// Azurite and fake-gcs-server for tests: their endpoints (DELTA_TEST_AZURE_ENDPOINT,
// DELTA_TEST_GCS_ENDPOINT, exported by scripts/test.sh from scripts/objectstores/*.sh), and
// fresh containers and buckets so tests running in parallel do not meet.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "cloud/azure_shared_key.h"
#include "cloud/azure_store.h"
#include "cloud/http_client.h"
#include "cloud/store_request.h"
#include "util/base64.h"

namespace delta::test {

inline std::string EnvOr(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

/// Declares `endpoint` from the variable `var`; skips the test when it is unset, except in
/// CI (CI=true), where the server must be there.
#define DELTA_SERVER_OR_SKIP(var, endpoint)                                    \
  std::string endpoint = ::delta::test::EnvOr(var);                            \
  if (endpoint.empty()) {                                                      \
    if (::delta::test::EnvOr("CI") == "true") {                                \
      FAIL() << var << " is not set: scripts/test.sh starts the server in CI"; \
    }                                                                          \
    GTEST_SKIP() << var << " not set (scripts/objectstores/*.sh start DIR)";   \
  }

/// A container or bucket name not used before (3-63 lower-case letters and digits).
inline std::string UniqueName(const char* prefix) {
  // 64 random bits: every test is its own process against one server per CI run, so a name
  // from a few decimal digits collided often enough to fail a run (409 already exists).
  static std::atomic<int> counter{0};
  std::random_device rd;
  const uint64_t bits = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(bits));
  return std::string(prefix) + hex + "x" + std::to_string(counter++);
}

/// Creates `container` on Azurite with a signed Create Container request.
inline void CreateContainer(const std::string& endpoint, const std::string& container) {
  auto http = cloud::MakeCurlHttpClient();
  ASSERT_TRUE(http.ok()) << http.status().ToString();
  cloud::HttpRequest request{"PUT", endpoint + "/" + container + "?restype=container", {}, {}};
  request.headers = {{"x-ms-date", cloud::FormatHttpDate(cloud::SystemEpochSeconds())},
                     {"x-ms-version", "2021-08-06"}};
  request.headers.emplace_back(
      "Authorization", cloud::AzureSharedKeyAuthorization(
                           cloud::kAzuriteAccount, *Base64Decode(cloud::kAzuriteKey), request));
  auto r = (*http)->Send(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->status, 201) << r->body;
}

/// Creates `bucket` on fake-gcs-server.
inline void CreateBucket(const std::string& endpoint, const std::string& bucket) {
  auto http = cloud::MakeCurlHttpClient();
  ASSERT_TRUE(http.ok()) << http.status().ToString();
  auto r = (*http)->Send({"POST",
                          endpoint + "/storage/v1/b?project=test",
                          {{"Content-Type", "application/json"}},
                          "{\"name\":\"" + bucket + "\"}"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->status, 200) << r->body;
}

}  // namespace delta::test
