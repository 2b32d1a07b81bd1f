#include "util/task_guard.h"

#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

namespace delta {
namespace {

// Built when the library loads, so that reporting an allocation failure needs no allocation.
const Status kOutOfMemory = Status::ResourceExhausted("out of memory");

}  // namespace

Status StatusFromCurrentException(std::string_view action, std::string_view object) noexcept {
  try {
    std::string prefix(action);
    if (!object.empty()) {
      if (!prefix.empty()) prefix += ' ';
      prefix += object;
    }
    if (!prefix.empty()) prefix += ": ";
    try {
      throw;
    } catch (const std::bad_alloc&) {
      return Status::ResourceExhausted(prefix + "out of memory");
    } catch (const std::length_error& e) {
      // A size beyond what a container can hold: the same outcome as running out of memory.
      return Status::ResourceExhausted(prefix + "out of memory (" + e.what() + ")");
    } catch (const std::system_error& e) {
      // std::thread reports a thread it could not start this way (EAGAIN).
      if (e.code() == std::errc::resource_unavailable_try_again ||
          e.code() == std::errc::not_enough_memory) {
        return Status::ResourceExhausted(prefix + "out of threads or memory (" + e.what() + ")");
      }
      return Status::Internal(prefix + "unexpected system error: " + e.what());
    } catch (const std::exception& e) {
      return Status::Internal(prefix + "unexpected exception: " + e.what());
    } catch (...) {
      return Status::Internal(prefix + "unexpected exception");
    }
  } catch (...) {
    return kOutOfMemory;
  }
}

}  // namespace delta
