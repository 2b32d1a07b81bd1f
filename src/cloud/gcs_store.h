// Google Cloud Storage as an ObjectStore over the JSON API: objects.list with prefix,
// delimiter, startOffset and pageToken; alt=media reads with Range; metadata reads; media
// uploads with ifGenerationMatch=0 for put-if-absent; deletes.
#pragma once

#include <memory>

#include "cloud/object_store.h"
#include "cloud/store_request.h"

namespace delta::cloud {

/// MakeGcsStore with a substitute clock and retry policy (tests).
Result<std::shared_ptr<ObjectStore>> MakeGcsStoreWithHooks(const StoreLocation& location,
                                                           const StorageOptions& options,
                                                           std::shared_ptr<HttpClient> http,
                                                           StoreHooks hooks);

}  // namespace delta::cloud
