// What the Azure and GCS stores share around one HTTP request: option look-up with
// environment fallbacks, URL escaping, HTTP dates, and retries with backoff for throttling and
// transient errors (re-signing each attempt, since signatures carry the time).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/http_client.h"
#include "cloud/object_store.h"
#include "cloud/retry.h"
#include "delta/status.h"

namespace delta::cloud {

/// A setting found in the options or the environment, and where it came from (for messages:
/// "option AZURE_STORAGE_ACCOUNT_KEY", "environment variable AZURE_STORAGE_SAS_TOKEN").
struct FoundSetting {
  std::string value;
  std::string source;
};

/// The first of `keys` present in `options` (names compared case-insensitively), else the first
/// of `env_vars` set (non-empty) in the environment.
std::optional<FoundSetting> FindSetting(const StorageOptions& options,
                                        const std::vector<std::string_view>& keys,
                                        const std::vector<std::string_view>& env_vars);

/// "true"/"1"/"yes"/"on" (any case) -> true, "false"/"0"/"no"/"off" -> false; otherwise an
/// InvalidArgument naming `name`.
Result<bool> ParseBoolSetting(std::string_view name, std::string_view value);

/// Percent-encodes every byte outside the RFC 3986 unreserved set (for query values).
std::string QueryEscape(std::string_view s);

/// Percent-encodes an object key for a URL path: '/' and the characters that are literal in a
/// path stay, so the common keys read the same encoded and decoded (signatures agree however a
/// server compares them).
std::string KeyPathEscape(std::string_view key);

/// True when the URL's host is 127.x, localhost or [::1] (emulators, test servers).
bool IsLoopbackUrl(std::string_view url);

/// OK for an https:// endpoint, or an http:// one when `allow_http`; otherwise an
/// InvalidArgument naming `store` ("Azure", "GCS"), the endpoint and `allow_option`.
Status CheckEndpoint(std::string_view store, std::string_view endpoint, bool allow_http,
                     std::string_view allow_option);

/// "bytes=OFFSET-LAST" for a read of `length` bytes at `offset` (length < 0: to the end);
/// empty for the whole object.
std::string ByteRange(int64_t offset, int64_t length);

/// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 7231 IMF-fixdate) for seconds since the epoch.
std::string FormatHttpDate(int64_t epoch_seconds);

/// Milliseconds since the epoch of an IMF-fixdate; nullopt when malformed.
std::optional<int64_t> ParseHttpDateMillis(std::string_view text);

/// Milliseconds since the epoch of an RFC 3339 time ("2024-01-02T03:04:05.678Z", offsets
/// allowed); nullopt when malformed.
std::optional<int64_t> ParseRfc3339Millis(std::string_view text);

/// Whether to try a conditional create again: only on 429 and 503, which say it was not
/// carried out. After a transport failure or another 5xx it may have landed, and repeating it
/// would turn our own commit into an AlreadyExists that the transaction could not tell from a
/// lost race; the caller gets the error instead and the transaction reads the log back (its
/// txnId check).
bool RetryCreate(const Result<HttpResponse>& outcome);

/// The current time in seconds since the epoch.
int64_t SystemEpochSeconds();

/// What tests substitute in a store: the clock requests are signed with and the retry policy
/// (no sleeping through backoffs in unit tests).
struct StoreHooks {
  std::function<int64_t()> clock = SystemEpochSeconds;
  RetryPolicy retry;
};

}  // namespace delta::cloud
