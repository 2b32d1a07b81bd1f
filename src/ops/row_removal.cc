#include "ops/row_removal.h"

#include <utility>

#include "delta/deletion_vector.h"

namespace delta::ops {

std::string LooseStats(std::string_view stats) {
  if (stats.empty()) return {};
  std::string out(stats);
  static constexpr std::string_view kTight = "\"tightBounds\":true";
  if (size_t at = out.find(kTight); at != std::string::npos) {
    out.replace(at, kTight.size(), "\"tightBounds\":false");
    return out;
  }
  if (out.find("\"tightBounds\"") != std::string::npos) return out;
  size_t close = out.rfind('}');
  if (close == std::string::npos) return out;
  bool empty_object = out.find_first_not_of(" \t\r\n", out.find('{') + 1) == close;
  out.insert(close, empty_object ? "\"tightBounds\":false" : ",\"tightBounds\":false");
  return out;
}

Status ReAddWithDeletionVector(Transaction& txn, const Snapshot& snapshot, Engine& engine,
                               const AddFile& f, std::vector<uint64_t> rows, int64_t* dvs_added,
                               int64_t* dvs_removed) {
  FileSystem& fs = engine.file_system();
  if (f.deletion_vector) {
    DELTA_ASSIGN_OR_RETURN(DeletionVector old,
                           LoadDeletionVector(fs, snapshot.table_location(), *f.deletion_vector,
                                              engine.location_policy()));
    std::vector<uint64_t> before = old.RowIndexes();
    rows.insert(rows.end(), before.begin(), before.end());
    ++*dvs_removed;
  }
  DELTA_ASSIGN_OR_RETURN(DeletionVector dv, DeletionVector::FromRowIndexes(rows));
  DELTA_ASSIGN_OR_RETURN(WrittenDeletionVector written,
                         WriteDeletionVectorFile(fs, snapshot.table_location(), dv));
  ++*dvs_added;
  DeletionVectorDescriptor descriptor = written.descriptor();
  std::string stats = LooseStats(f.stats);
  AddFile add = f;
  add.data_change = true;
  add.stats = stats;
  add.deletion_vector = &descriptor;
  return txn.AddAction(add);
}

}  // namespace delta::ops
