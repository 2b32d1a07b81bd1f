// Random (version 4) UUIDs: deletion vector file names and data file names.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace delta {

/// A random (version 4, RFC 4122 variant) UUID.
std::array<uint8_t, 16> RandomUuid();

/// The canonical text form: 8-4-4-4-12 lower-case hex digits.
std::string UuidText(const std::array<uint8_t, 16>& uuid);

}  // namespace delta
