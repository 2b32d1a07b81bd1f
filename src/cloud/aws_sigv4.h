// AWS Signature Version 4: the canonical request, the string to sign and the signature, as
// S3 (and every S3-compatible store) checks them.
#pragma once

#include <string>
#include <string_view>

#include "cloud/http_client.h"

namespace delta::cloud {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  ///< empty without temporary credentials
  std::string source;         ///< where they came from, for error messages
};

/// RFC 3986 encoding as AWS wants it: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case
/// hex); '/' kept too when `keep_slash`.
std::string AwsUriEncode(std::string_view s, bool keep_slash);

/// The canonical request of `request` (its URL's path taken as already encoded, its query
/// decoded, re-encoded and sorted), signing every header it carries plus Host. `payload_hash`
/// is the hex SHA-256 of the body (or UNSIGNED-PAYLOAD).
std::string AwsCanonicalRequest(const HttpRequest& request, std::string_view payload_hash,
                                std::string* signed_headers = nullptr);

/// The Authorization header value for `request` at `amz_date` (YYYYMMDDTHHMMSSZ, which the
/// request's x-amz-date header must carry).
std::string AwsAuthorization(const HttpRequest& request, std::string_view payload_hash,
                             const AwsCredentials& credentials, std::string_view region,
                             std::string_view service, std::string_view amz_date);

/// Signs an S3 request in place: adds Host, x-amz-date, x-amz-content-sha256 (of the body),
/// x-amz-security-token (when the credentials carry one) and Authorization.
void SignS3Request(HttpRequest& request, const AwsCredentials& credentials, std::string_view region,
                   std::string_view amz_date);

/// The current time as YYYYMMDDTHHMMSSZ.
std::string AwsDateNow();

}  // namespace delta::cloud
