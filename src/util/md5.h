// MD5 (RFC 1321): the digest PROTOCOL.md asks for in `_last_checkpoint`'s checksum. Not for
// security; only to match what other Delta implementations compute.
#pragma once

#include <string>
#include <string_view>

namespace delta {

/// The MD5 digest of `data` as 32 lower-case hex digits.
std::string Md5Hex(std::string_view data);

}  // namespace delta
