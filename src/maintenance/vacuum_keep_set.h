// The files vacuum must keep, by table-relative key (CanonicalPathKey): an open-addressing
// set of views (log/file_key.h), not of strings. Live files' keys point into the snapshot's
// arenas, which outlive a vacuum; every other key is copied once into the set's own arena. A
// million live files cost a hash slot and a view each rather than a string and a node.
#pragma once

#include <string>
#include <string_view>

#include "delta/actions.h"
#include "log/file_key.h"
#include "protocol/action_batch.h"
#include "util/arena.h"

namespace delta {

class VacuumKeepSet {
 public:
  explicit VacuumKeepSet(std::string table_root);

  /// A live file of the snapshot and its deletion vector: `add`'s strings must outlive the set.
  void AddLive(const AddFile& add);
  /// A file named by a log path (relative or absolute) and its deletion vector, copied.
  void AddCopy(std::string_view log_path, const DeletionVectorDescriptor* dv);
  /// Every file a batch names (adds, removes, change data files), copied.
  void AddAll(const ActionBatch& batch);

  /// Whether `key` (a table-relative key, as KeyOf gives) is kept.
  bool Contains(std::string_view key) const;
  /// The key of a location (an absolute URI) or log path; it keeps "://" when outside the root.
  std::string KeyOf(std::string_view location) const;
  const std::string& root() const { return root_; }
  size_t size() const { return keys_.size(); }

 private:
  void AddDv(const DeletionVectorDescriptor* dv);

  std::string root_;
  std::string root_decoded_;
  Arena arena_;
  FileKeySet keys_;  // path-only keys (no deletion vector)
};

}  // namespace delta
