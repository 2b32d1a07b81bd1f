// Which credential a GCS store uses, in the order Google's client libraries look: explicit
// options, then GOOGLE_APPLICATION_CREDENTIALS (a service-account or authorized_user file),
// then gcloud's application default credentials file, then the GCE metadata server; anonymous
// when none is found, with every source tried named for error messages.
#pragma once

#include <memory>

#include "cloud/gcs_credentials.h"
#include "cloud/http_client.h"
#include "cloud/object_store.h"
#include "cloud/store_request.h"

namespace delta::cloud {

/// The credential for a store configured by `options`. `emulator`: the endpoint came from
/// STORAGE_EMULATOR_HOST, so the environment's credentials are not used (emulators are
/// anonymous). The metadata server is asked only when GCE_METADATA_HOST / GCE_METADATA_ROOT or
/// the option GOOGLE_USE_METADATA_SERVER=true says so, or the machine reports itself as a Google
/// Compute Engine VM: never a network probe that could hang off GCE.
Result<std::shared_ptr<GcsCredentials>> ResolveGcsCredentials(const StorageOptions& options,
                                                              bool emulator,
                                                              std::shared_ptr<HttpClient> http,
                                                              StoreHooks hooks);

}  // namespace delta::cloud
