#include "ops/row_removal.h"

#include <utility>

#include "delta/deletion_vector.h"
#include "protocol/loose_stats.h"

namespace delta::ops {

Status ReAddWithDeletionVectors(Transaction& txn, const Snapshot& snapshot, Engine& engine,
                                std::vector<DeletionVectorReAdd> files, int64_t* dvs_added,
                                int64_t* dvs_removed) {
  if (files.empty()) return Status::OK();
  FileSystem& fs = engine.file_system();
  std::vector<DeletionVector> dvs;
  for (DeletionVectorReAdd& f : files) {
    if (f.file->deletion_vector) {
      DELTA_ASSIGN_OR_RETURN(DeletionVector old, LoadDeletionVector(fs, snapshot.table_location(),
                                                                    *f.file->deletion_vector,
                                                                    engine.location_policy()));
      std::vector<uint64_t> before = old.RowIndexes();
      f.rows.insert(f.rows.end(), before.begin(), before.end());
      ++*dvs_removed;
    }
    DELTA_ASSIGN_OR_RETURN(DeletionVector dv, DeletionVector::FromRowIndexes(f.rows));
    dvs.push_back(std::move(dv));
  }
  std::vector<const DeletionVector*> pointers;
  for (const DeletionVector& dv : dvs) pointers.push_back(&dv);
  DELTA_ASSIGN_OR_RETURN(std::vector<WrittenDeletionVector> written,
                         StoreDeletionVectors(fs, snapshot.table_location(), pointers,
                                              txn.options().max_inline_deletion_vector_bytes));
  for (size_t i = 0; i < written.size(); ++i) {
    ++*dvs_added;
    DeletionVectorDescriptor descriptor = written[i].descriptor();
    std::string stats = LooseStats(files[i].file->stats);
    AddFile add = *files[i].file;
    add.data_change = true;
    add.stats = stats;
    add.deletion_vector = &descriptor;
    DELTA_RETURN_NOT_OK(txn.AddAction(add));
  }
  return Status::OK();
}

}  // namespace delta::ops
