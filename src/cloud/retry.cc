#include "cloud/retry.h"

#include <algorithm>
#include <cstdlib>
#include <random>
#include <thread>

#include "cloud/store_request.h"
#include "util/ascii.h"

namespace delta::cloud {

bool IsTransientHttpStatus(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool RetryIdempotent(const Result<HttpResponse>& outcome) {
  if (!outcome.ok()) return outcome.status().code() == StatusCode::kIoError;
  return IsTransientHttpStatus(outcome->status);
}

bool IsThrottlingStatus(int status) { return status == 429 || status == 503; }

std::string AttemptsNote(const HttpResponse& response) {
  if (response.attempts <= 1) return {};
  return "; gave up after " + std::to_string(response.attempts) + " attempts";
}

std::optional<std::chrono::milliseconds> RetryAfter(const HttpResponse& response, int64_t now_ms) {
  std::string_view text = AsciiTrim(response.Header("Retry-After"));
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    if (text.size() > 9) return std::chrono::milliseconds(int64_t{999999999} * 1000);
    return std::chrono::milliseconds(std::strtoll(std::string(text).c_str(), nullptr, 10) * 1000);
  }
  std::optional<int64_t> at = ParseHttpDateMillis(text);
  if (!at) return std::nullopt;
  return std::chrono::milliseconds(std::max<int64_t>(0, *at - now_ms));
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
    if (outcome.ok()) outcome->attempts = attempt;
    if (attempt >= max_attempts || !should_retry(outcome)) {
      if (!outcome.ok() && attempt > 1) {
        return Status::IoError(outcome.status().message() + " (after " + std::to_string(attempt) +
                               " attempts)");
      }
      return outcome;
    }
    auto wait = std::chrono::milliseconds(
        std::uniform_int_distribution<int64_t>(backoff.count() / 2, backoff.count())(rng));
    if (outcome.ok()) {
      // A throttling server that says when to come back is believed: trying earlier only
      // adds to the load it is shedding.
      int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      if (auto asked = RetryAfter(*outcome, now_ms)) wait = std::max(wait, *asked);
    }
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
