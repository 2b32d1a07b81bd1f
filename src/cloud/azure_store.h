// Azure Blob Storage (and ADLS Gen2 through its blob endpoint) as an ObjectStore: Shared Key
// or SAS authorization, List Blobs, Get Blob with x-ms-range, Get Blob Properties, Put Blob
// with If-None-Match: * for put-if-absent, Delete Blob.
#pragma once

#include <memory>

#include "cloud/object_store.h"
#include "cloud/store_request.h"

namespace delta::cloud {

/// The Azurite emulator's well-known account and key (public, documented by Microsoft).
inline constexpr const char* kAzuriteAccount = "devstoreaccount1";
inline constexpr const char* kAzuriteKey =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// MakeAzureStore with a substitute clock and retry policy (tests).
Result<std::shared_ptr<ObjectStore>> MakeAzureStoreWithHooks(const StoreLocation& location,
                                                             const StorageOptions& options,
                                                             std::shared_ptr<HttpClient> http,
                                                             StoreHooks hooks);

}  // namespace delta::cloud
