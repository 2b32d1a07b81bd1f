// S3 (and S3-compatible stores): placeholder until the store lands.
#include "cloud/object_store.h"

namespace delta::cloud {

Result<std::shared_ptr<ObjectStore>> MakeS3Store(const StoreLocation& location,
                                                 const StorageOptions&,
                                                 std::shared_ptr<HttpClient>) {
  return Status::Unsupported("S3 ('s3://" + location.bucket + "') support is being added");
}

}  // namespace delta::cloud
