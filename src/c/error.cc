// Errors, strings and versions of the C ABI.
#include <cstdlib>
#include <cstring>

#include "c_api_internal.h"
#include "delta/exception_status.h"

namespace delta::c_api {

// The C codes are delta::StatusCode and delta::ErrorDetailKind under other names, so the
// library's tables (names included) serve both: a code added on one side must be added on the
// other.
#define DELTA_SAME_CODE(c, cpp) \
  static_assert(static_cast<int>(c) == static_cast<int>(cpp), #c " is " #cpp)
DELTA_SAME_CODE(DELTA_OK, StatusCode::kOk);
DELTA_SAME_CODE(DELTA_ERROR_NOT_FOUND, StatusCode::kNotFound);
DELTA_SAME_CODE(DELTA_ERROR_INVALID_TABLE, StatusCode::kInvalidTable);
DELTA_SAME_CODE(DELTA_ERROR_UNSUPPORTED, StatusCode::kUnsupported);
DELTA_SAME_CODE(DELTA_ERROR_CONFLICT, StatusCode::kConflict);
DELTA_SAME_CODE(DELTA_ERROR_IO, StatusCode::kIoError);
DELTA_SAME_CODE(DELTA_ERROR_INVALID_ARGUMENT, StatusCode::kInvalidArgument);
DELTA_SAME_CODE(DELTA_ERROR_PERMISSION_DENIED, StatusCode::kPermissionDenied);
DELTA_SAME_CODE(DELTA_ERROR_CANCELLED, StatusCode::kCancelled);
DELTA_SAME_CODE(DELTA_ERROR_INTERNAL, StatusCode::kInternal);
DELTA_SAME_CODE(DELTA_ERROR_RESOURCE_EXHAUSTED, StatusCode::kResourceExhausted);
DELTA_SAME_CODE(DELTA_ERROR_RESOURCE_EXHAUSTED, kLastStatusCode);
DELTA_SAME_CODE(DELTA_DETAIL_NONE, ErrorDetailKind::kNone);
DELTA_SAME_CODE(DELTA_DETAIL_ALREADY_EXISTS, ErrorDetailKind::kAlreadyExists);
DELTA_SAME_CODE(DELTA_DETAIL_PROTOCOL_CHANGED, ErrorDetailKind::kProtocolChanged);
DELTA_SAME_CODE(DELTA_DETAIL_METADATA_CHANGED, ErrorDetailKind::kMetadataChanged);
DELTA_SAME_CODE(DELTA_DETAIL_CONCURRENT_APPEND, ErrorDetailKind::kConcurrentAppend);
DELTA_SAME_CODE(DELTA_DETAIL_CONCURRENT_DELETE_READ, ErrorDetailKind::kConcurrentDeleteRead);
DELTA_SAME_CODE(DELTA_DETAIL_CONCURRENT_DELETE_DELETE, ErrorDetailKind::kConcurrentDeleteDelete);
DELTA_SAME_CODE(DELTA_DETAIL_CONCURRENT_TRANSACTION, ErrorDetailKind::kConcurrentTransaction);
DELTA_SAME_CODE(DELTA_DETAIL_CONCURRENT_DOMAIN_METADATA,
                ErrorDetailKind::kConcurrentDomainMetadata);
DELTA_SAME_CODE(DELTA_DETAIL_CONCURRENT_WRITE, ErrorDetailKind::kConcurrentWrite);
DELTA_SAME_CODE(DELTA_DETAIL_COMMIT_STATE_UNKNOWN, ErrorDetailKind::kCommitStateUnknown);
DELTA_SAME_CODE(DELTA_DETAIL_COMMIT_STATE_UNKNOWN, kLastErrorDetailKind);
#undef DELTA_SAME_CODE

void SetError(delta_error** error, const Status& status) noexcept {
  if (error == nullptr) return;
  try {
    *error = new delta_error{status};
  } catch (...) {
    // Out of memory while reporting: the return value still carries the failure.
    *error = nullptr;
  }
}

Status StatusFromCurrentException() noexcept { return delta::StatusFromCurrentException({}); }

Status NullArgument(const char* function, const char* what) {
  return Status::InvalidArgument(std::string(function) + ": " + what + " is NULL");
}

}  // namespace delta::c_api

extern "C" {

uint32_t delta_abi_version(void) { return DELTA_C_ABI_VERSION; }

const char* delta_library_version(void) { return DELTA_KERNEL_VERSION; }

delta_error_code delta_error_kind(const delta_error* error) {
  return error == nullptr ? DELTA_ERROR_INVALID_ARGUMENT
                          : delta::c_api::ToCode(error->status.code());
}

const char* delta_error_message(const delta_error* error) {
  return error == nullptr ? "" : error->status.message().c_str();
}

void delta_error_free(delta_error* error) { delete error; }

const char* delta_error_code_name(delta_error_code code) {
  // The library's table; its names are string literals, so NUL-terminated.
  return delta::StatusCodeName(static_cast<delta::StatusCode>(code)).data();
}

delta_error_detail_code delta_error_detail_kind(const delta_error* error) {
  if (error == nullptr) return DELTA_DETAIL_NONE;
  return static_cast<delta_error_detail_code>(error->status.detail_kind());
}

int64_t delta_error_detail_version(const delta_error* error) {
  const delta::ErrorDetail* detail = error == nullptr ? nullptr : error->status.detail();
  return detail == nullptr ? -1 : detail->version;
}

const char* delta_error_detail_subject(const delta_error* error) {
  const delta::ErrorDetail* detail = error == nullptr ? nullptr : error->status.detail();
  return detail == nullptr ? "" : detail->subject.c_str();
}

const char* delta_error_detail_name(delta_error_detail_code code) {
  return delta::ErrorDetailKindName(static_cast<delta::ErrorDetailKind>(code)).data();
}

void delta_string_free(char* s) { std::free(s); }

}  // extern "C"

namespace delta::c_api {

/// An owned C string (malloc'd, freed by delta_string_free).
char* CopyString(std::string_view s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

}  // namespace delta::c_api
