// A FileSystem wrapper for tests that fails chosen calls: which operation, which location,
// which of the matching calls, and how (an error before the call reaches storage, or a "lost
// response" after it did). Commit protocols are tested against it step by step.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/forwarding_file_system.h"

namespace delta {

/// The calls a FaultInjectingFileSystem tells apart. A stream from OpenForCreate is three:
/// the open, each Write on the stream, and its Close (which publishes the file).
enum class FsOp : int {
  kListFrom = 0,
  kListPrefix,
  kReadFile,  ///< ReadFiles counts one per location
  kReadRange,
  kHead,
  kWrite,
  kPutIfAbsent,
  kOpenForCreate,
  kStreamWrite,
  kStreamClose,
  kDelete,
  kDeleteMany,
};
inline constexpr int kFsOpCount = 12;

/// The operation's name in messages ("put-if-absent", "stream close", ...).
std::string_view FsOpName(FsOp op);

enum class FaultMode {
  /// The call fails without reaching the wrapped storage.
  kFail,
  /// The call reaches the wrapped storage and succeeds there, then the caller gets the error:
  /// for PutIfAbsent and a stream's Close, a commit that landed but reported failure.
  kLostResponse,
};

/// Which calls fail and how. A call matches when it is of `op` and its location contains
/// `location_contains` (DeleteMany: any of its locations). Matching calls are numbered from 1
/// per rule, counting from when the rule was added; calls nth .. nth + count - 1 fail.
struct FaultRule {
  FsOp op = FsOp::kPutIfAbsent;
  std::string location_contains;  ///< empty: any location
  int64_t nth = 1;                ///< the first matching call that fails (1-based)
  int64_t count = 1;              ///< how many fail from the nth on; -1: every one
  FaultMode mode = FaultMode::kFail;
  /// What the failing call returns; OK (the default) means an IoError naming the operation,
  /// the location and the call number.
  Status error;
};

/// Wraps any FileSystem. Thread-safe: rules may be added and cleared while calls run. When
/// several rules fire for one call, the first added decides how it fails.
class FaultInjectingFileSystem final : public ForwardingFileSystem {
 public:
  explicit FaultInjectingFileSystem(std::shared_ptr<FileSystem> inner);

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override;
  Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix) override;
  Result<std::string> ReadFile(std::string_view location) override;
  Result<std::string> ReadRange(std::string_view location, int64_t offset, int64_t length) override;
  Result<FileInfo> Head(std::string_view location) override;
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override;
  Status PutIfAbsent(std::string_view location, std::string_view data) override;
  Status Write(std::string_view location, std::string_view data) override;
  Status Delete(std::string_view location) override;
  Status DeleteMany(std::span<const std::string> locations) override;

  /// Arms a rule (one with count 0 never fires).
  void AddRule(FaultRule rule);
  /// Shorthand: fail the nth matching call of `op` at a location containing `substring`.
  void FailNth(FsOp op, std::string substring, int64_t nth = 1);
  /// Shorthand: apply the nth matching call of `op`, then report an IoError.
  void LoseResponse(FsOp op, std::string substring, int64_t nth = 1);
  /// Disarms every rule.
  void ClearRules();

  /// Calls of `op` since construction or ResetCounts(), failed ones included.
  int64_t calls(FsOp op) const;
  /// Calls that an armed rule failed.
  int64_t injected() const;
  void ResetCounts();

  /// The wrapped storage.
  const std::shared_ptr<FileSystem>& inner() const { return shared_target(); }

 private:
  class Stream;
  struct Armed {
    FaultRule rule;
    int64_t matched = 0;
  };
  struct Decision {
    bool fail = false;
    bool after_apply = false;
    Status error;
  };
  Decision Check(FsOp op, std::span<const std::string_view> locations);
  template <typename T, typename Fn>
  T Run(FsOp op, std::string_view location, Fn&& fn);

  std::atomic<int64_t> calls_[kFsOpCount] = {};
  std::atomic<int64_t> injected_{0};
  std::mutex mu_;
  std::vector<Armed> rules_;
};

}  // namespace delta
