// delta::Status and delta::Result<T>: the error model of the whole public API.
// No exception crosses the public API; every fallible call returns one of these.
#pragma once

#include <cassert>
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

/// Stable lower-case name of a code, e.g. "InvalidTable".
std::string_view StatusCodeName(StatusCode code);

/// Success, or an error kind plus a message naming the table, version and file involved.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : state_(code == StatusCode::kOk ? nullptr
                                       : std::make_shared<State>(State{code, std::move(message)})) {}

  static Status OK() { return {}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status InvalidTable(std::string msg) { return {StatusCode::kInvalidTable, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {StatusCode::kUnsupported, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
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
  /// "Kind: message", or "OK".
  std::string ToString() const;

  /// Returns a copy whose message is prefixed with `context` + ": ".
  Status WithContext(std::string_view context) const;

  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsInvalidTable() const { return code() == StatusCode::kInvalidTable; }
  bool IsUnsupported() const { return code() == StatusCode::kUnsupported; }
  bool IsConflict() const { return code() == StatusCode::kConflict; }
  bool IsIoError() const { return code() == StatusCode::kIoError; }
  bool IsInvalidArgument() const { return code() == StatusCode::kInvalidArgument; }
  bool IsResourceExhausted() const { return code() == StatusCode::kResourceExhausted; }

 private:
  struct State {
    StatusCode code;
    std::string message;
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
