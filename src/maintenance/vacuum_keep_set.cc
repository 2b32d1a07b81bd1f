#include "maintenance/vacuum_keep_set.h"

#include <utility>

#include "delta/deletion_vector.h"
#include "protocol/uri.h"

namespace delta {

VacuumKeepSet::VacuumKeepSet(std::string table_root)
    : root_(std::move(table_root)), root_decoded_(PercentDecode(root_)) {}

void VacuumKeepSet::AddLive(const AddFile& add) {
  // A plain relative path is its own key: the view into the snapshot is kept as it is.
  keys_.Insert(MakeFileKey(add.path, nullptr, root_decoded_, &arena_));
  AddDv(add.deletion_vector);
}

void VacuumKeepSet::AddCopy(std::string_view log_path, const DeletionVectorDescriptor* dv) {
  if (IsPlainRelativePath(log_path)) {
    FileKey key = MakeCanonicalFileKey(log_path, nullptr);
    if (!keys_.Contains(key)) keys_.Insert(MakeCanonicalFileKey(arena_.Copy(log_path), nullptr));
  } else {
    keys_.Insert(MakeFileKey(log_path, nullptr, root_decoded_, &arena_));
  }
  AddDv(dv);
}

void VacuumKeepSet::AddAll(const ActionBatch& b) {
  for (const AddFile& a : b.adds) AddCopy(a.path, a.deletion_vector);
  for (const RemoveFile& r : b.removes) AddCopy(r.path, r.deletion_vector);
  for (const AddCdcFile& c : b.cdcs) AddCopy(c.path, nullptr);
}

void VacuumKeepSet::AddDv(const DeletionVectorDescriptor* dv) {
  if (dv == nullptr || dv->storage_type == 'i') return;
  std::string location = DeletionVectorAbsolutePath(root_, *dv);
  if (!location.empty()) keys_.Insert(MakeFileKey(location, nullptr, root_decoded_, &arena_));
}

bool VacuumKeepSet::Contains(std::string_view key) const {
  return keys_.Contains(MakeCanonicalFileKey(key, nullptr));
}

std::string VacuumKeepSet::KeyOf(std::string_view location) const {
  return CanonicalPathKey(location, root_decoded_);
}

}  // namespace delta
