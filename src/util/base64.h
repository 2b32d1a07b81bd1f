// Base64 (RFC 4648, standard alphabet, padded): Azure keys and signatures, GCS tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace delta {

/// `bytes` in padded standard Base64.
std::string Base64Encode(std::string_view bytes);

/// The bytes of padded or unpadded standard Base64 text; nullopt for any other character.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace delta
