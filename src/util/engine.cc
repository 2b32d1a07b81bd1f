#include "delta/engine.h"

namespace delta {

const LocationPolicy& Engine::location_policy() const {
  static const LocationPolicy kDefault;
  return kDefault;
}

}  // namespace delta
