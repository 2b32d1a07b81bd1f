#include "cloud/retry.h"

#include <algorithm>
#include <random>
#include <thread>

namespace delta::cloud {

bool IsTransientHttpStatus(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool RetryIdempotent(const Result<HttpResponse>& outcome) {
  if (!outcome.ok()) return outcome.status().code() == StatusCode::kIoError;
  return IsTransientHttpStatus(outcome->status);
}

Result<HttpResponse> SendWithRetry(
    HttpClient& http, const RetryPolicy& policy, const std::function<Result<HttpRequest>()>& build,
    const std::function<bool(const Result<HttpResponse>&)>& should_retry) {
  thread_local std::mt19937_64 rng(std::random_device{}());
  const auto start = std::chrono::steady_clock::now();
  const int max_attempts = std::max(1, policy.max_attempts);
  auto backoff = std::max(policy.initial_backoff, std::chrono::milliseconds(1));
  for (int attempt = 1;; ++attempt) {
    DELTA_ASSIGN_OR_RETURN(HttpRequest request, build());
    Result<HttpResponse> outcome = http.Send(request);
    if (attempt >= max_attempts || !should_retry(outcome)) {
      if (!outcome.ok() && attempt > 1) {
        return Status::IoError(outcome.status().message() + " (after " + std::to_string(attempt) +
                               " attempts)");
      }
      return outcome;
    }
    auto wait = std::chrono::milliseconds(
        std::uniform_int_distribution<int64_t>(backoff.count() / 2, backoff.count())(rng));
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (elapsed + wait > policy.max_total) {
      if (!outcome.ok()) {
        return Status::IoError(outcome.status().message() + " (after " + std::to_string(attempt) +
                               " attempts in " + std::to_string(elapsed.count()) + " ms)");
      }
      return outcome;
    }
    std::this_thread::sleep_for(wait);
    backoff = std::min(backoff * 2, std::max(policy.max_backoff, backoff));
  }
}

}  // namespace delta::cloud
