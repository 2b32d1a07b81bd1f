// The process-wide default engine.
#include <map>
#include <mutex>
#include <string>

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

std::shared_ptr<Engine> ProcessEngine(const std::map<std::string, std::string>& storage_options) {
  if (storage_options.empty()) return ProcessEngine();
  // One engine per distinct set of options, so tables of one store share its clients and
  // pools; never destroyed, like the default one.
  static auto* engines = new std::map<std::map<std::string, std::string>, std::shared_ptr<Engine>>;
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  auto it = engines->find(storage_options);
  if (it != engines->end()) return it->second;
  DefaultEngineOptions options;
  options.storage_options = storage_options;
  std::shared_ptr<Engine> engine = ValueOrThrow(MakeDefaultEngine(options));
  engines->emplace(storage_options, engine);
  return engine;
}

}  // namespace delta::python
