// Retries of object-store requests: exponential backoff with jitter within a RetryPolicy,
// and only for requests a store says may be repeated.
#pragma once

#include <functional>

#include "cloud/http_client.h"
#include "cloud/object_store.h"

namespace delta::cloud {

/// 429, 500, 502, 503 and 504: throttling and transient server errors.
bool IsTransientHttpStatus(int status);

/// For idempotent requests (GET, HEAD, LIST, DELETE, overwriting PUT): retry transport
/// failures and transient statuses.
bool RetryIdempotent(const Result<HttpResponse>& outcome);

/// Sends `build()` (rebuilt for every attempt: signatures carry the time) until
/// `should_retry(outcome)` is false or the policy's attempts or total time run out, sleeping
/// a jittered, doubling backoff between attempts. Returns the last outcome: a response (any
/// status) or the transport error, the latter noting how many attempts were made.
Result<HttpResponse> SendWithRetry(
    HttpClient& http, const RetryPolicy& policy, const std::function<Result<HttpRequest>()>& build,
    const std::function<bool(const Result<HttpResponse>&)>& should_retry = RetryIdempotent);

}  // namespace delta::cloud
