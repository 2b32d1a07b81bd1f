// delta::Status and delta::Result<T>: the error model of the whole public API.
// No exception crosses the public API; every fallible call returns one of these.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace delta {

/// What went wrong, phrased as what the caller can do about it.
enum class StatusCode : int {
  kOk = 0,
  kNotFound = 1,          ///< table, version, file or key does not exist
  kInvalidTable = 2,      ///< corrupt or inconsistent log / data
  kUnsupported = 3,       ///< a feature this kernel does not implement (named in the message)
  kConflict = 4,          ///< a concurrent commit won; retryable
  kIoError = 5,           ///< storage failed (may be transient)
  kInvalidArgument = 6,   ///< the caller passed something wrong
  kPermissionDenied = 7,  ///< storage refused access
  kCancelled = 8,         ///< the caller cancelled the operation
  kInternal = 9,          ///< a bug in this library
  /// Out of memory or threads: the process could not get what the operation needs (the
  /// message names what was being read). Retry with more memory or a smaller request.
  kResourceExhausted = 10,
};

/// The last code: tables indexed by code (names, C ABI codes, exit codes) check they cover it.
inline constexpr StatusCode kLastStatusCode = StatusCode::kResourceExhausted;

/// Stable lower-case name of a code, e.g. "InvalidTable".
/// The one table of kind names: the C ABI, Python and the CLI take theirs from it. The view is
/// of a string literal, so `.data()` is NUL-terminated; "Unknown" for a value out of range.
std::string_view StatusCodeName(StatusCode code);

/// The finer reason behind some errors (Status::detail()): which concurrent change a Conflict
/// lost to (the kinds Delta Spark's ConflictChecker tells apart), or that a commit's outcome is
/// unknown. The values are stable: the C ABI and Python expose them.
enum class ErrorDetailKind : int {
  kNone = 0,
  kAlreadyExists = 1,             ///< Conflict: create-if-absent found the name taken
  kProtocolChanged = 2,           ///< Conflict: a concurrent commit changed the protocol
  kMetadataChanged = 3,           ///< Conflict: ... changed the metadata (schema, properties)
  kConcurrentAppend = 4,          ///< Conflict: ... added files this transaction would have read
  kConcurrentDeleteRead = 5,      ///< Conflict: ... removed a file this transaction read
  kConcurrentDeleteDelete = 6,    ///< Conflict: ... removed a file this transaction removes
  kConcurrentTransaction = 7,     ///< Conflict: ... committed a txn action for the same app id
  kConcurrentDomainMetadata = 8,  ///< Conflict: ... changed a domain this transaction changes
  kConcurrentWrite = 9,           ///< Conflict: any other concurrent change that cannot be allowed
  /// IoError: the reply to a conditional put was lost, so the commit may or may not have
  /// landed; read the log before retrying.
  kCommitStateUnknown = 10,
};
inline constexpr ErrorDetailKind kLastErrorDetailKind = ErrorDetailKind::kCommitStateUnknown;

/// Stable name of a detail kind, e.g. "ConcurrentAppend" ("None" for kNone); NUL-terminated as
/// StatusCodeName's, "Unknown" for a value out of range.
std::string_view ErrorDetailKindName(ErrorDetailKind kind);

/// The typed detail an error may carry besides its code and message.
struct ErrorDetail {
  ErrorDetailKind kind = ErrorDetailKind::kNone;
  /// The version the winning commit wrote (a Conflict), or the version the ambiguous commit
  /// tried to write (kCommitStateUnknown); -1 when not known.
  int64_t version = -1;
  /// What the two changes share: a file path, a predicate, a domain or an app id; may be empty.
  std::string subject;
};

/// Success, or an error kind plus a message naming the table, version and file involved.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : state_(code == StatusCode::kOk ? nullptr
                                       : std::make_shared<State>(State{code, std::move(message)})) {}
  /// An error with a typed detail (ignored, like the message, when `code` is kOk).
  Status(StatusCode code, std::string message, ErrorDetail detail)
      : state_(code == StatusCode::kOk
                   ? nullptr
                   : std::make_shared<State>(State{code, std::move(message), std::move(detail)})) {}

  static Status OK() { return {}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status InvalidTable(std::string msg) { return {StatusCode::kInvalidTable, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {StatusCode::kUnsupported, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
  /// A Conflict saying what it lost to (`detail.kind` is one of the Conflict kinds).
  static Status Conflict(std::string msg, ErrorDetail detail) {
    return {StatusCode::kConflict, std::move(msg), std::move(detail)};
  }
  /// A Conflict of kind kAlreadyExists: create-if-absent found `location` taken.
  static Status AlreadyExists(std::string msg, std::string location) {
    return Conflict(std::move(msg), {ErrorDetailKind::kAlreadyExists, -1, std::move(location)});
  }
  /// An IoError of kind kCommitStateUnknown: the write of `version` (-1: not known) may or may
  /// not have landed.
  static Status CommitStateUnknown(std::string msg, int64_t version = -1) {
    ErrorDetail detail{ErrorDetailKind::kCommitStateUnknown, version, {}};
    return {StatusCode::kIoError, std::move(msg), std::move(detail)};
  }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status PermissionDenied(std::string msg) {
    return {StatusCode::kPermissionDenied, std::move(msg)};
  }
  static Status Cancelled(std::string msg) { return {StatusCode::kCancelled, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }
  static Status ResourceExhausted(std::string msg) {
    return {StatusCode::kResourceExhausted, std::move(msg)};
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  /// The message without the kind; empty when ok().
  const std::string& message() const;
  /// "Kind: message", then the detail if any ("Kind: message [ConcurrentAppend, version 5,
  /// 'subject']"), or "OK".
  std::string ToString() const;

  /// The typed detail, or null when there is none (always null when ok()).
  const ErrorDetail* detail() const {
    return state_ && state_->detail.kind != ErrorDetailKind::kNone ? &state_->detail : nullptr;
  }
  /// The detail's kind; kNone when there is none.
  ErrorDetailKind detail_kind() const {
    return state_ ? state_->detail.kind : ErrorDetailKind::kNone;
  }

  /// Returns a copy whose message is prefixed with `context` + ": " (the detail is kept).
  Status WithContext(std::string_view context) const;
  /// Returns a copy carrying `detail` instead of any it had; OK stays OK.
  Status WithDetail(ErrorDetail detail) const;

  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsInvalidTable() const { return code() == StatusCode::kInvalidTable; }
  bool IsUnsupported() const { return code() == StatusCode::kUnsupported; }
  bool IsConflict() const { return code() == StatusCode::kConflict; }
  bool IsIoError() const { return code() == StatusCode::kIoError; }
  bool IsInvalidArgument() const { return code() == StatusCode::kInvalidArgument; }
  bool IsResourceExhausted() const { return code() == StatusCode::kResourceExhausted; }
  /// A Conflict because create-if-absent found the name taken.
  bool IsAlreadyExists() const { return detail_kind() == ErrorDetailKind::kAlreadyExists; }
  /// A write whose outcome is not known (see ErrorDetailKind::kCommitStateUnknown).
  bool IsCommitStateUnknown() const {
    return detail_kind() == ErrorDetailKind::kCommitStateUnknown;
  }

 private:
  struct State {
    StatusCode code;
    std::string message;
    ErrorDetail detail;
  };
  // Shared so copying a Status is cheap; a State is never mutated after creation.
  std::shared_ptr<const State> state_;
};

/// A value of type T, or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "Result constructed from an OK status");
    if (std::get<Status>(v_).ok()) v_ = Status::Internal("Result constructed from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  /// The error, or OK.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The value, or `fallback` on error.
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace delta

#define DELTA_CONCAT_IMPL(a, b) a##b
#define DELTA_CONCAT(a, b) DELTA_CONCAT_IMPL(a, b)

/// Returns the Status from the enclosing function if `expr` is an error.
#define DELTA_RETURN_NOT_OK(expr)                     \
  do {                                                \
    ::delta::Status _delta_st = (expr);               \
    if (!_delta_st.ok()) return _delta_st;            \
  } while (false)

#define DELTA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

/// `DELTA_ASSIGN_OR_RETURN(auto x, F())`: assigns the value or returns the error.
#define DELTA_ASSIGN_OR_RETURN(lhs, rexpr) \
  DELTA_ASSIGN_OR_RETURN_IMPL(DELTA_CONCAT(_delta_res_, __LINE__), lhs, rexpr)
