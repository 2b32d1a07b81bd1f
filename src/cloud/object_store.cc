// The defaults of ObjectStore.
#include "cloud/object_store.h"

namespace delta::cloud {

Status ObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  for (const std::string& key : keys) DELTA_RETURN_NOT_OK(Delete(key));
  return Status::OK();
}

}  // namespace delta::cloud
