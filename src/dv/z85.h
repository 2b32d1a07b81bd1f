// Z85 (ZeroMQ RFC 32), the base-85 variant Delta uses for inline deletion vectors and the UUIDs
// in relative deletion vector paths.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta {

/// Decodes Z85 text: every 5 characters become 4 bytes (big-endian). The length must be a
/// multiple of 5 and every character in the Z85 alphabet, else InvalidArgument naming the
/// position. A block above 2^32-1 wraps modulo 2^32, as the reference implementation decodes
/// it (such blocks occur in real inline DVs, in the padding of the last block).
Result<std::string> Z85Decode(std::string_view text);

/// Encodes bytes as Z85, padding with zero bytes to a multiple of 4 (the padding is not
/// marked; decoders trim it using the length they know).
std::string Z85Encode(std::string_view bytes);

/// Decodes the 20-character Z85 form of a UUID into its canonical lower-case textual form
/// ("d2c639aa-8816-431a-aaf6-d3fe2512ff61"). Wrong length or characters are InvalidArgument.
Result<std::string> Z85DecodeUuid(std::string_view text);

/// The canonical textual form of 16 UUID bytes (most significant first).
std::string FormatUuid(const std::array<uint8_t, 16>& bytes);

}  // namespace delta
