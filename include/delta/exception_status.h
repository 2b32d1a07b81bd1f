// The boundary between C++ exceptions and Status, for code that must not let one escape: the
// kernel's public calls and pool tasks, and hosts built on it (the C ABI, language bindings).
#pragma once

#include <string_view>

#include "delta/status.h"

namespace delta {

/// The Status of the exception being handled (call only inside a catch block), prefixed with
/// what was being done: `action` and `object` joined by a space ("reading", "<file>"), so
/// callers build no string unless something failed. ResourceExhausted for an allocation
/// failure, an absurd length or a thread that could not start; Internal for anything else (a
/// bug). Never throws: when even the message cannot be allocated, a fixed status is returned.
Status StatusFromCurrentException(std::string_view action, std::string_view object = {}) noexcept;

}  // namespace delta
