// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104): what object-store request signing needs
// (AWS Signature V4, Azure Shared Key). Kept in the core so signing needs no crypto library.
#pragma once

#include <string>
#include <string_view>

namespace delta {

/// The 32-byte SHA-256 digest of `data`.
std::string Sha256(std::string_view data);

/// The SHA-256 digest of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

/// The 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);

/// `bytes` as lower-case hex digits.
std::string HexLower(std::string_view bytes);

}  // namespace delta
