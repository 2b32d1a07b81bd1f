// The process-wide default engine.
#include <mutex>

#include "common.h"
#include "delta/default_engine.h"

namespace delta::python {

std::shared_ptr<Engine> ProcessEngine() {
  // Deliberately never destroyed: its thread pools must not be joined during interpreter
  // shutdown, when a scan stream may still be alive somewhere.
  static std::shared_ptr<Engine>* engine = nullptr;
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  if (engine == nullptr) {
    engine = new std::shared_ptr<Engine>(ValueOrThrow(MakeDefaultEngine()));
  }
  return *engine;
}

}  // namespace delta::python
