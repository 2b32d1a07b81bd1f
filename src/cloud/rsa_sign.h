// RSASSA-PKCS1-v1_5 with SHA-256 (JWT "RS256"), for Google service-account tokens. OpenSSL's
// libcrypto is loaded with dlopen on first use, so neither the build nor the Python wheel
// depends on it; without it the error says what to install or use instead.
#pragma once

#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta::cloud {

/// The signature of SHA-256(`data`) under the PEM private key (PKCS#8 "PRIVATE KEY" or
/// PKCS#1 "RSA PRIVATE KEY"). Unsupported when libcrypto cannot be loaded; InvalidArgument
/// when the key does not parse.
Result<std::string> RsaSha256Sign(std::string_view pem_private_key, std::string_view data);

}  // namespace delta::cloud
