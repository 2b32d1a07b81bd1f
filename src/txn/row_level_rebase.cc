#include "txn/row_level_rebase.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "txn/live_file_remove.h"
#include "txn/staged_file_actions.h"
#include "util/printable.h"

namespace delta {

Result<DeletionVector> RowLevelRebase::Load(const AddFile& add) const {
  if (add.deletion_vector == nullptr) return DeletionVector();
  return LoadDeletionVector(s_.engine->file_system(), s_.table_root, *add.deletion_vector,
                            s_.engine->location_policy());
}

Status RowLevelRebase::Absorb(int64_t version, const AddFile& winner_add) {
  auto read = s_.row_level_reads.find(winner_add.path);
  if (read == s_.row_level_reads.end()) {
    return Status::Internal("row-level rebase: " + Quoted(winner_add.path) +
                            " was not read row by row");
  }
  auto it = files_.find(winner_add.path);
  if (it == files_.end()) {
    File f;
    f.live = read->second.live;
    DELTA_ASSIGN_OR_RETURN(f.dv, Load(f.live));
    it = files_.emplace(std::string(winner_add.path), std::move(f)).first;
  }
  File& f = it->second;
  const std::string path(winner_add.path);
  auto conflict = [&](ErrorDetailKind kind, const std::string& what) {
    return Status::Conflict("concurrent commit " + std::to_string(version) + " " + what,
                            ErrorDetail{kind, version, path});
  };
  DELTA_ASSIGN_OR_RETURN(DeletionVector winner_dv, Load(winner_add));
  // Only deleting rows: every row deleted before stays deleted.
  for (uint64_t row : f.dv.RowIndexes()) {
    if (!winner_dv.Contains(row)) {
      return conflict(ErrorDetailKind::kConcurrentWrite, "re-added file " + Quoted(path) +
                                                             " with row " + std::to_string(row) +
                                                             " no longer deleted");
    }
  }
  bool we_remove = std::any_of(s_.staged.removes.begin(), s_.staged.removes.end(),
                               [&](const RemoveFile& r) { return r.path == winner_add.path; });
  for (uint64_t row : read->second.rows) {
    if (winner_dv.Contains(row)) {
      return conflict(we_remove ? ErrorDetailKind::kConcurrentDeleteDelete
                                : ErrorDetailKind::kConcurrentDeleteRead,
                      "deleted row " + std::to_string(row) + " of file " + Quoted(path) +
                          (we_remove ? ", which this transaction also deletes or rewrites"
                                     : ", which this transaction read"));
    }
  }
  f.live = s_.rebase_copies.AppendAdd(winner_add);
  f.dv = std::move(winner_dv);
  f.pending = true;
  f.version = version;
  return Status::OK();
}

Status RowLevelRebase::Apply() {
  struct Restage {
    File* file;
    size_t remove_index;
    size_t add_index;
    DeletionVector united;
  };
  std::vector<Restage> restage;
  for (auto& [path, f] : files_) {
    if (!f.pending) continue;
    f.pending = false;
    auto remove = std::find_if(s_.staged.removes.begin(), s_.staged.removes.end(),
                               [&](const RemoveFile& r) { return r.path == path; });
    if (remove == s_.staged.removes.end()) continue;  // only read: nothing of ours to move
    auto add = std::find_if(s_.staged.adds.begin(), s_.staged.adds.end(),
                            [&](const AddFile& a) { return a.path == path; });
    if (add == s_.staged.adds.end() || add->deletion_vector == nullptr) {
      // Every row of it went at an earlier rebase; the winner changed it again.
      return Status::Conflict(
          "concurrent commit " + std::to_string(f.version) + " re-added file " + Quoted(path) +
              ", which this transaction removes",
          ErrorDetail{ErrorDetailKind::kConcurrentDeleteDelete, f.version, path});
    }
    DELTA_ASSIGN_OR_RETURN(DeletionVector ours, Load(*add));
    std::vector<uint64_t> rows = ours.RowIndexes();
    std::vector<uint64_t> theirs = f.dv.RowIndexes();
    rows.insert(rows.end(), theirs.begin(), theirs.end());
    DELTA_ASSIGN_OR_RETURN(DeletionVector united, DeletionVector::FromRowIndexes(rows));
    restage.push_back(Restage{&f, static_cast<size_t>(remove - s_.staged.removes.begin()),
                              static_cast<size_t>(add - s_.staged.adds.begin()),
                              std::move(united)});
  }
  if (restage.empty()) return Status::OK();
  std::vector<const DeletionVector*> dvs;
  for (const Restage& r : restage) dvs.push_back(&r.united);
  DELTA_ASSIGN_OR_RETURN(std::vector<WrittenDeletionVector> written,
                         StoreDeletionVectors(s_.engine->file_system(), s_.table_root, dvs,
                                              s_.options.max_inline_deletion_vector_bytes));
  for (size_t i = 0; i < restage.size(); ++i) {
    const Restage& r = restage[i];
    RemoveFile& remove = s_.staged.removes[r.remove_index];
    remove = s_.rebase_copies.AppendRemove(RemoveOfLiveFile(r.file->live, remove.data_change));
    DeletionVectorDescriptor descriptor = written[i].descriptor();
    AddFile add = s_.staged.adds[r.add_index];
    add.deletion_vector = &descriptor;
    s_.staged.adds[r.add_index] = s_.rebase_copies.AppendAdd(add);
  }
  // A file whose every row is now deleted is not re-added (as a single delete would drop it).
  std::vector<size_t> drop;
  for (const Restage& r : restage) {
    std::optional<int64_t> records = s_.staged.adds[r.add_index].NumRecords();
    if (records && static_cast<int64_t>(r.united.cardinality()) >= *records) {
      drop.push_back(r.add_index);
    }
  }
  std::sort(drop.rbegin(), drop.rend());
  for (size_t index : drop) DropStagedAdd(s_, index);
  return Status::OK();
}

}  // namespace delta
