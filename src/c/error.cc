// Errors, strings and versions of the C ABI.
#include <cstdlib>
#include <cstring>

#include "c_api_internal.h"
#include "delta/exception_status.h"

namespace delta::c_api {

void SetError(delta_error** error, const Status& status) noexcept {
  if (error == nullptr) return;
  try {
    *error = new delta_error{status.code(), status.message()};
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
  return error == nullptr ? DELTA_ERROR_INVALID_ARGUMENT : delta::c_api::ToCode(error->code);
}

const char* delta_error_message(const delta_error* error) {
  return error == nullptr ? "" : error->message.c_str();
}

void delta_error_free(delta_error* error) { delete error; }

const char* delta_error_code_name(delta_error_code code) {
  switch (code) {
    case DELTA_OK:
      return "OK";
    case DELTA_ERROR_NOT_FOUND:
      return "NotFound";
    case DELTA_ERROR_INVALID_TABLE:
      return "InvalidTable";
    case DELTA_ERROR_UNSUPPORTED:
      return "Unsupported";
    case DELTA_ERROR_CONFLICT:
      return "Conflict";
    case DELTA_ERROR_IO:
      return "IoError";
    case DELTA_ERROR_INVALID_ARGUMENT:
      return "InvalidArgument";
    case DELTA_ERROR_PERMISSION_DENIED:
      return "PermissionDenied";
    case DELTA_ERROR_CANCELLED:
      return "Cancelled";
    case DELTA_ERROR_INTERNAL:
      return "Internal";
    case DELTA_ERROR_RESOURCE_EXHAUSTED:
      return "ResourceExhausted";
    case DELTA_ERROR_CODE_FORCE_INT_:
      break;
  }
  return "Unknown";
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
