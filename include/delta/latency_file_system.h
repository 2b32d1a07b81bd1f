// A FileSystem wrapper that simulates object-store latency, injects faults and counts requests.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/forwarding_file_system.h"

namespace delta {

class ThreadPool;

/// The kinds of request a FileSystem serves. ReadFiles counts one kReadFile per location,
/// DeleteMany one kDelete per location; ListPrefix is a kList; a stream from OpenForCreate is
/// one kPutIfAbsent, made by its Close() (its writes are not requests).
enum class RequestKind : int {
  kList = 0,
  kReadFile,
  kReadRange,
  kHead,
  kPutIfAbsent,
  kWrite,
  kDelete,
};

/// A failure to inject. A request fails with IoError when it matches every set condition.
struct InjectedFault {
  /// Only requests whose location contains this substring (empty = any location).
  std::string location_contains;
  /// Only requests of this kind (nullopt = any kind).
  std::optional<RequestKind> kind;
  /// Only the request with this 1-based sequence number (see request_count()); 0 = any.
  int64_t request_number = 0;
  /// How many matching requests fail before the fault disarms; -1 = forever.
  int64_t times = -1;
  /// When true the request still reaches the inner storage and only the reply is lost:
  /// an ambiguous outcome (e.g. a commit that landed but reported failure; a kPutIfAbsent then
  /// fails with Status::CommitStateUnknown).
  bool after_apply = false;
};

/// Configuration of a LatencyFileSystem.
struct LatencyFileSystemOptions {
  /// Delay added to every request (success or failure).
  std::chrono::microseconds latency{0};
  /// How many requests ReadFiles keeps in flight.
  int max_concurrency = 16;
};

/// Wraps any FileSystem. Thread-safe; every request sleeps for the configured latency, is
/// counted, and may be failed by an injected fault before or after reaching `inner`.
class LatencyFileSystem final : public ForwardingFileSystem {
 public:
  explicit LatencyFileSystem(std::shared_ptr<FileSystem> inner,
                             LatencyFileSystemOptions options = {});
  ~LatencyFileSystem() override;

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override;
  Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix) override;
  Result<std::string> ReadFile(std::string_view location) override;
  Result<std::string> ReadRange(std::string_view location, int64_t offset, int64_t length) override;
  /// Issues the reads on an internal pool with up to max_concurrency() in flight.
  void ReadFiles(std::span<const std::string> locations,
                 const std::function<void(size_t, Result<std::string>)>& on_done) override;
  Result<FileInfo> Head(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override;
  Status PutIfAbsent(std::string_view location, std::string_view data) override;
  Status Write(std::string_view location, std::string_view data) override;
  Status Delete(std::string_view location) override;
  Status DeleteMany(std::span<const std::string> locations) override;
  int max_concurrency() const override { return max_concurrency_; }

  /// Changes the delay added to each request from now on.
  void set_latency(std::chrono::microseconds latency);
  /// Arms a fault; several may be armed at once.
  void InjectFault(InjectedFault fault);
  /// Fails the request with 1-based sequence number `n` (counted like request_count()).
  void FailRequestNumber(int64_t n);
  /// Fails every request whose location contains `substring`.
  void FailMatching(std::string substring);
  /// Disarms every fault.
  void ClearFaults();

  /// Requests served since construction or the last ResetCounts(), failed ones included.
  int64_t request_count() const;
  /// Requests of one kind.
  int64_t request_count(RequestKind kind) const;
  /// The largest number of requests that were in flight at the same time.
  int64_t peak_in_flight() const;
  /// Zeroes every counter (request numbers restart at 1).
  void ResetCounts();

  /// The wrapped storage.
  const std::shared_ptr<FileSystem>& inner() const { return shared_target(); }

 private:
  class CreateStream;
  static constexpr int kKinds = 7;
  struct Admission {
    bool fail_before = false;
    bool fail_after = false;
    int64_t number = 0;
  };
  // Counts the request, applies latency, and decides whether a fault fires.
  Admission Begin(RequestKind kind, std::string_view location);
  void End();
  template <typename T, typename Fn>
  T Run(RequestKind kind, std::string_view location, Fn&& fn);

  int max_concurrency_;
  std::unique_ptr<ThreadPool> pool_;

  std::atomic<int64_t> latency_us_;
  std::atomic<int64_t> total_{0};
  std::atomic<int64_t> by_kind_[kKinds] = {};
  std::atomic<int64_t> in_flight_{0};
  std::atomic<int64_t> peak_in_flight_{0};

  std::mutex faults_mu_;
  std::vector<InjectedFault> faults_;
};

}  // namespace delta
