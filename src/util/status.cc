#include "delta/status.h"

#include <cstddef>

namespace delta {

namespace {

template <typename Enum>
struct Named {
  Enum value;
  std::string_view name;
};

// True when row i names the enum value i, so a table can be indexed by value.
template <typename Enum, size_t N>
constexpr bool IndexedByValue(const Named<Enum> (&rows)[N], Enum last) {
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(rows[i].value) != i) return false;
  }
  return N == static_cast<size_t>(last) + 1;
}

template <typename Enum, size_t N>
std::string_view NameIn(const Named<Enum> (&rows)[N], Enum value) {
  auto i = static_cast<size_t>(value);  // a negative value wraps past N
  return i < N ? rows[i].name : "Unknown";
}

// The one table of kind names. The C ABI, Python and the CLI print these: they are stable.
constexpr Named<StatusCode> kCodeNames[] = {
    {StatusCode::kOk, "OK"},
    {StatusCode::kNotFound, "NotFound"},
    {StatusCode::kInvalidTable, "InvalidTable"},
    {StatusCode::kUnsupported, "Unsupported"},
    {StatusCode::kConflict, "Conflict"},
    {StatusCode::kIoError, "IoError"},
    {StatusCode::kInvalidArgument, "InvalidArgument"},
    {StatusCode::kPermissionDenied, "PermissionDenied"},
    {StatusCode::kCancelled, "Cancelled"},
    {StatusCode::kInternal, "Internal"},
    {StatusCode::kResourceExhausted, "ResourceExhausted"},
};
static_assert(IndexedByValue(kCodeNames, kLastStatusCode), "one row per StatusCode, in order");

constexpr Named<ErrorDetailKind> kDetailNames[] = {
    {ErrorDetailKind::kNone, "None"},
    {ErrorDetailKind::kAlreadyExists, "AlreadyExists"},
    {ErrorDetailKind::kProtocolChanged, "ProtocolChanged"},
    {ErrorDetailKind::kMetadataChanged, "MetadataChanged"},
    {ErrorDetailKind::kConcurrentAppend, "ConcurrentAppend"},
    {ErrorDetailKind::kConcurrentDeleteRead, "ConcurrentDeleteRead"},
    {ErrorDetailKind::kConcurrentDeleteDelete, "ConcurrentDeleteDelete"},
    {ErrorDetailKind::kConcurrentTransaction, "ConcurrentTransaction"},
    {ErrorDetailKind::kConcurrentDomainMetadata, "ConcurrentDomainMetadata"},
    {ErrorDetailKind::kConcurrentWrite, "ConcurrentWrite"},
    {ErrorDetailKind::kCommitStateUnknown, "CommitStateUnknown"},
};
static_assert(IndexedByValue(kDetailNames, kLastErrorDetailKind),
              "one row per ErrorDetailKind, in order");

}  // namespace

std::string_view StatusCodeName(StatusCode code) { return NameIn(kCodeNames, code); }

std::string_view ErrorDetailKindName(ErrorDetailKind kind) { return NameIn(kDetailNames, kind); }

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code()));
  out += ": ";
  out += state_->message;
  if (const ErrorDetail* d = detail()) {
    out += " [";
    out += ErrorDetailKindName(d->kind);
    if (d->version >= 0) out += ", version " + std::to_string(d->version);
    if (!d->subject.empty()) out += ", '" + d->subject + "'";
    out += ']';
  }
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += state_->message;
  return {code(), std::move(msg), state_->detail};
}

Status Status::WithDetail(ErrorDetail detail) const {
  if (ok()) return *this;
  return {code(), state_->message, std::move(detail)};
}

}  // namespace delta
