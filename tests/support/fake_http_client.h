// An HttpClient for store unit tests: records every request and answers from a script (a
// function of the request), so tests see exactly what a store sends and how it reads replies.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cloud/http_client.h"
#include "cloud/store_request.h"

namespace delta::test {

class FakeHttpClient : public cloud::HttpClient {
 public:
  using Handler = std::function<Result<cloud::HttpResponse>(const cloud::HttpRequest&)>;

  explicit FakeHttpClient(Handler handler) : handler_(std::move(handler)) {}

  Result<cloud::HttpResponse> Send(const cloud::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    return handler_(request);
  }

  std::vector<cloud::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

  /// The value of header `name` (exact spelling) in `request`, or "<absent>".
  static std::string HeaderOf(const cloud::HttpRequest& request, const std::string& name) {
    for (const auto& [n, v] : request.headers) {
      if (n == name) return v;
    }
    return "<absent>";
  }

 private:
  Handler handler_;
  mutable std::mutex mu_;
  std::vector<cloud::HttpRequest> requests_;
};

inline cloud::HttpResponse Reply(int status, std::string body = {},
                                 cloud::HttpHeaders headers = {}) {
  cloud::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

/// Hooks for a store under test: signing at the fixed time `now`, 3 tries without sleeping.
inline cloud::StoreHooks FixedTimeHooks(int64_t now) {
  cloud::StoreHooks hooks;
  hooks.clock = [now] { return now; };
  hooks.retry.initial_backoff = std::chrono::milliseconds(0);
  hooks.retry.max_attempts = 3;
  return hooks;
}

}  // namespace delta::test
