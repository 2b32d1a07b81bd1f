// Placeholder until the framework's object_store.cc lands on main (take main's on merge).
#include "cloud/object_store.h"

namespace delta::cloud {

Status ObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  for (const std::string& key : keys) DELTA_RETURN_NOT_OK(Delete(key));
  return Status::OK();
}

}  // namespace delta::cloud
