// Azure Storage Shared Key authorization (Blob service, x-ms-version 2015-02-21 and later):
// the string to sign built from the request's verb, standard headers, x-ms-* headers and
// canonicalized resource, and the Authorization header's HMAC-SHA256 signature.
#pragma once

#include <string>
#include <string_view>

#include "cloud/http_client.h"

namespace delta::cloud {

/// The string to sign for `request` by `account`: verb, the twelve standard header lines
/// (Content-Length empty when zero), the x-ms-* headers lower-cased and sorted, then
/// "/account/path" and the query parameters ("\nname:value", names lower-cased and sorted,
/// values decoded). The path is the URL's as sent (encoded), which for an emulator includes
/// the account again ("/devstoreaccount1/devstoreaccount1/container/blob").
std::string AzureStringToSign(std::string_view account, const HttpRequest& request);

/// "SharedKey account:signature" for `request`, with `key` the decoded account key.
std::string AzureSharedKeyAuthorization(std::string_view account, std::string_view key,
                                        const HttpRequest& request);

}  // namespace delta::cloud
