// The defaults of ObjectStore.
#include "cloud/object_store.h"

#include "cloud/multipart_upload.h"

namespace delta::cloud {

Status ObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  for (const std::string& key : keys) DELTA_RETURN_NOT_OK(Delete(key));
  return Status::OK();
}

Result<std::unique_ptr<MultipartUpload>> ObjectStore::StartUpload(std::string_view key) {
  return Status::Unsupported(Describe() + ": no multipart upload for key '" + std::string(key) +
                             "'");
}

}  // namespace delta::cloud
