// Finding columns by their field metadata: generated, identity, default-valued columns and
// invariants are marked there, and which of them a schema has decides features.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "delta/schema.h"

namespace delta {

/// The dotted path of the first field (depth first, inside arrays and maps too) with a
/// metadata key starting with `key_prefix`, or nullopt when none has one.
std::optional<std::string> FindColumnWithMetadata(const StructType& schema,
                                                  std::string_view key_prefix);

}  // namespace delta
