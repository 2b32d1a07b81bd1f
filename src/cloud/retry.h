// Retries of object-store requests: exponential backoff with jitter within a RetryPolicy,
// and only for requests a store says may be repeated.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "cloud/http_client.h"
#include "cloud/object_store.h"

namespace delta::cloud {

/// 429, 500, 502, 503 and 504: throttling and transient server errors.
bool IsTransientHttpStatus(int status);

/// For idempotent requests (GET, HEAD, LIST, DELETE, overwriting PUT): retry transport
/// failures and transient statuses.
bool RetryIdempotent(const Result<HttpResponse>& outcome);

/// Whether `status` is a store asking the client to slow down (429 Too Many Requests, 503
/// SlowDown / ServerBusy).
bool IsThrottlingStatus(int status);

/// "" for a response got at the first attempt, else "; gave up after N attempts": error
/// messages say that the request was retried, so a throttled store is told from a broken one.
std::string AttemptsNote(const HttpResponse& response);

/// How long a response asks the client to wait (Retry-After in seconds or as an HTTP date,
/// relative to `now_ms`); nullopt when it does not say.
std::optional<std::chrono::milliseconds> RetryAfter(const HttpResponse& response, int64_t now_ms);

/// Sends `build()` (rebuilt for every attempt: signatures carry the time) until
/// `should_retry(outcome)` is false or the policy's attempts or total time run out, sleeping
/// a jittered, doubling backoff between attempts, or longer when the server asks (Retry-After);
/// a wait that would overrun the policy's total time ends the retries at once. Returns the
/// last outcome: a response (any status, its `attempts` set) or the transport error, the
/// latter noting how many attempts were made.
Result<HttpResponse> SendWithRetry(
    HttpClient& http, const RetryPolicy& policy, const std::function<Result<HttpRequest>()>& build,
    const std::function<bool(const Result<HttpResponse>&)>& should_retry = RetryIdempotent);

}  // namespace delta::cloud
