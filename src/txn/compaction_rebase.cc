#include "txn/compaction_rebase.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "delta/deletion_vector.h"
#include "delta/table_features.h"
#include "protocol/loose_stats.h"
#include "txn/file_row_ids.h"
#include "txn/live_file_remove.h"
#include "txn/staged_file_actions.h"
#include "util/printable.h"

namespace delta {
namespace {

Result<DeletionVector> LoadDv(const TransactionState& s, const DeletionVectorDescriptor* dv) {
  if (dv == nullptr) return DeletionVector();
  return LoadDeletionVector(s.engine->file_system(), s.table_root, *dv,
                            s.engine->location_policy());
}

std::optional<int64_t> NumRecordsOf(std::string_view stats) {
  AddFile probe;
  probe.stats = stats;
  return probe.NumRecords();
}

// Adds `delta` to every metric of `metrics` named in `names` (DELETE/UPDATE and MERGE names).
void AdjustMetric(std::vector<std::pair<std::string, int64_t>>* metrics,
                  std::initializer_list<std::string_view> names, int64_t delta) {
  for (auto& [name, value] : *metrics) {
    if (std::find(names.begin(), names.end(), name) != names.end()) value += delta;
  }
}

}  // namespace

Status CompactionRebase::CheckTargets(int64_t version, const ActionBatch& winner) const {
  for (const RemoveFile& r : winner.removes) {
    if (targets_.count(r.path) == 0) continue;
    return Status::Conflict(
        "concurrent commit " + std::to_string(version) + " removed file " + Quoted(r.path) +
            ", onto which this transaction moved the rows it deletes from a "
            "compacted file",
        ErrorDetail{ErrorDetailKind::kConcurrentDeleteDelete, version, std::string(r.path)});
  }
  return Status::OK();
}

Status CompactionRebase::Map(int64_t version, const ActionBatch& winner,
                             const std::vector<std::string>& compacted,
                             std::vector<std::pair<std::string, int64_t>>* metrics) {
  if (compacted.empty()) return Status::OK();
  const std::optional<std::string>& column = s_.properties.materialized_row_id_column_name();
  auto conflict = [&](const std::string& path, const std::string& why) {
    return Status::Conflict("concurrent commit " + std::to_string(version) + " compacted file " +
                                Quoted(path) +
                                ", which this transaction removes, and its deleted rows cannot be "
                                "mapped to the compacted files: " +
                                why,
                            ErrorDetail{ErrorDetailKind::kConcurrentDeleteDelete, version, path});
  };
  auto locate = [&](std::string_view path) -> Result<std::string> {
    if (s_.snapshot) return s_.snapshot->LocateFile(path);
    return s_.table_root + "/" + std::string(path);
  };

  // The mapped rows go into deletion vectors, which only a table that takes them may get.
  if (!s_.properties.enable_deletion_vectors() ||
      !s_.protocol.HasWriterFeature(feature::kDeletionVectors)) {
    return conflict(compacted.front(),
                    "the table takes no deletion vectors (delta.enableDeletionVectors)");
  }
  // Without change files, readers would take the restaged remove + re-add of the compacted
  // files for changes of all their rows.
  if (s_.properties.enable_change_data_feed() && s_.staged.cdcs.empty()) {
    return conflict(compacted.front(),
                    "the change data feed is on and this commit has no change data files");
  }

  // 1. The rows we delete from each compacted file, by row id.
  struct Source {
    std::string path;
    std::vector<uint64_t> rows;  // positions in the file
    std::vector<int64_t> ids;    // their row ids
  };
  std::vector<Source> sources;
  std::vector<size_t> drop_removes, drop_adds;
  int64_t dvs_added = 0, dvs_removed = 0, dvs_removed_now = 0, bytes_removed = 0;
  for (const std::string& path : compacted) {
    auto remove = std::find_if(s_.staged.removes.begin(), s_.staged.removes.end(),
                               [&](const RemoveFile& r) { return r.path == path; });
    if (remove == s_.staged.removes.end()) {
      return Status::Internal("compaction rebase: " + Quoted(path) + " is not removed");
    }
    auto add = std::find_if(s_.staged.adds.begin(), s_.staged.adds.end(),
                            [&](const AddFile& a) { return a.path == path; });
    const bool re_added = add != s_.staged.adds.end();
    if (re_added && add->deletion_vector == nullptr) {
      return conflict(path, "this transaction re-adds it without a deletion vector");
    }
    DELTA_ASSIGN_OR_RETURN(DeletionVector before, LoadDv(s_, remove->deletion_vector));
    DELTA_ASSIGN_OR_RETURN(std::string location, locate(path));
    DELTA_ASSIGN_OR_RETURN(
        std::optional<std::vector<int64_t>> ids,
        ReadFileRowIds(*s_.engine, FileInfo{location, remove->size.value_or(0), 0},
                       remove->base_row_id, column, NumRecordsOf(remove->stats)));
    if (!ids) return conflict(path, "it has neither a baseRowId nor materialized row ids");
    Source src{path, {}, {}};
    if (re_added) {
      // Our deletes: the rows our deletion vector adds to the one the file had.
      DELTA_ASSIGN_OR_RETURN(DeletionVector ours, LoadDv(s_, add->deletion_vector));
      for (uint64_t row : ours.RowIndexes()) {
        if (!before.Contains(row)) src.rows.push_back(row);
      }
      ++dvs_added;
    } else {
      // Removed whole (every row deleted): every live row.
      for (uint64_t row = 0; row < ids->size(); ++row) {
        if (!before.Contains(row)) src.rows.push_back(row);
      }
    }
    for (uint64_t row : src.rows) {
      if (row >= ids->size()) {
        return conflict(path, "row " + std::to_string(row) + " is beyond its " +
                                  std::to_string(ids->size()) + " rows");
      }
      src.ids.push_back((*ids)[row]);
    }
    if (remove->deletion_vector != nullptr) ++dvs_removed;
    bytes_removed -= remove->size.value_or(0);
    drop_removes.push_back(static_cast<size_t>(remove - s_.staged.removes.begin()));
    if (re_added) drop_adds.push_back(static_cast<size_t>(add - s_.staged.adds.begin()));
    sources.push_back(std::move(src));
  }

  // 2. Where those row ids are in the winner's new files.
  std::unordered_set<int64_t> wanted;
  for (const Source& src : sources) wanted.insert(src.ids.begin(), src.ids.end());
  std::unordered_map<int64_t, std::pair<size_t, uint64_t>> found;  // id -> (add, position)
  std::vector<std::string> unidentified;                           // new files without ids
  for (size_t i = 0; i < winner.adds.size() && found.size() < wanted.size(); ++i) {
    const AddFile& g = winner.adds[i];
    DELTA_ASSIGN_OR_RETURN(std::string location, locate(g.path));
    DELTA_ASSIGN_OR_RETURN(
        std::optional<std::vector<int64_t>> ids,
        ReadFileRowIds(*s_.engine, FileInfo{location, g.size, g.modification_time}, g.base_row_id,
                       column, g.NumRecords()));
    if (!ids) {
      unidentified.emplace_back(g.path);
      continue;
    }
    for (uint64_t pos = 0; pos < ids->size(); ++pos) {
      if (wanted.count((*ids)[pos]) > 0) found.emplace((*ids)[pos], std::make_pair(i, pos));
    }
  }

  // 3. The positions each new file loses.
  std::map<size_t, std::vector<uint64_t>> positions;  // winner add index -> positions
  for (const Source& src : sources) {
    for (size_t k = 0; k < src.ids.size(); ++k) {
      auto it = found.find(src.ids[k]);
      if (it == found.end()) {
        std::string why = "row " + std::to_string(src.rows[k]) + " (row id " +
                          std::to_string(src.ids[k]) + ") is in none of the files it added";
        if (!unidentified.empty()) {
          why += " (" + Quoted(unidentified.front()) + " has no row ids)";
        }
        return conflict(src.path, why);
      }
      positions[it->second.first].push_back(it->second.second);
    }
  }
  std::vector<DeletionVector> united;
  std::vector<const AddFile*> targets;
  for (auto& [index, rows] : positions) {
    const AddFile& g = winner.adds[index];
    DELTA_ASSIGN_OR_RETURN(DeletionVector existing, LoadDv(s_, g.deletion_vector));
    for (uint64_t pos : rows) {
      if (existing.Contains(pos)) {
        return conflict(std::string(g.path),
                        "row " + std::to_string(pos) + " of " + Quoted(g.path) +
                            ", which this transaction deletes, is deleted there already");
      }
    }
    std::vector<uint64_t> all = existing.RowIndexes();
    all.insert(all.end(), rows.begin(), rows.end());
    DELTA_ASSIGN_OR_RETURN(DeletionVector dv, DeletionVector::FromRowIndexes(all));
    if (g.deletion_vector != nullptr) ++dvs_removed_now;
    united.push_back(std::move(dv));
    targets.push_back(&g);
  }

  // 4. Restage: our actions on the compacted files go; remove + re-add of each new file come.
  std::vector<const DeletionVector*> dvs;
  for (const DeletionVector& dv : united) dvs.push_back(&dv);
  DELTA_ASSIGN_OR_RETURN(std::vector<WrittenDeletionVector> written,
                         StoreDeletionVectors(s_.engine->file_system(), s_.table_root, dvs,
                                              s_.options.max_inline_deletion_vector_bytes));
  std::sort(drop_adds.rbegin(), drop_adds.rend());
  for (size_t index : drop_adds) DropStagedAdd(s_, index);
  std::sort(drop_removes.rbegin(), drop_removes.rend());
  for (size_t index : drop_removes) DropStagedRemove(s_, index);
  int64_t dvs_added_now = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    const AddFile& g = *targets[i];
    s_.staged.AppendRemove(RemoveOfLiveFile(g, /*data_change=*/true));
    bytes_removed += g.size;
    targets_.emplace(std::string(g.path));
    // A file whose every row is now deleted is not re-added (as a single delete would drop it).
    std::optional<int64_t> records = g.NumRecords();
    if (records && static_cast<int64_t>(united[i].cardinality()) >= *records) continue;
    DeletionVectorDescriptor descriptor = written[i].descriptor();
    std::string stats = LooseStats(g.stats);
    AddFile add = g;
    add.data_change = true;
    add.stats = stats;
    add.deletion_vector = &descriptor;
    s_.staged.AppendAdd(add);
    s_.assign_row_tracking.push_back(false);
    ++dvs_added_now;
  }

  // 5. The counts of the commit follow its actions.
  const auto removed_files =
      static_cast<int64_t>(targets.size()) - static_cast<int64_t>(sources.size());
  AdjustMetric(metrics, {"numRemovedFiles", "numTargetFilesRemoved"}, removed_files);
  AdjustMetric(metrics, {"numDeletionVectorsAdded", "numTargetDeletionVectorsAdded"},
               dvs_added_now - dvs_added);
  AdjustMetric(metrics, {"numDeletionVectorsRemoved", "numTargetDeletionVectorsRemoved"},
               dvs_removed_now - dvs_removed);
  AdjustMetric(metrics, {"numRemovedBytes", "numTargetBytesRemoved"}, bytes_removed);
  return Status::OK();
}

}  // namespace delta
