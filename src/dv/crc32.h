// CRC-32 (IEEE 802.3, the zlib / java.util.zip.CRC32 polynomial): the checksum of each
// deletion vector in a DV file.
#pragma once

#include <cstdint>
#include <string_view>

namespace delta {

/// CRC-32 of `data` (reflected polynomial 0xEDB88320, initial value and final xor 0xFFFFFFFF).
uint32_t Crc32(std::string_view data);

}  // namespace delta
