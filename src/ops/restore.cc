// Restore (include/delta/restore.h): the difference between two snapshots' live files,
// committed as removes and adds, with the old version's metadata.
#include "delta/restore.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "delta/deletion_vector.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_features.h"
#include "delta/timestamp_text.h"
#include "log/snapshot_state.h"
#include "txn/write_support.h"
#include "util/parallel.h"

namespace delta {

namespace {

// How many missing files an error names.
constexpr size_t kMissingNamed = 10;

// Files are the same logical file when path and deletion vector agree (as in reconciliation).
std::string FileIdentity(const AddFile& a) {
  std::string id(a.path);
  id.push_back('\n');
  if (a.deletion_vector != nullptr) id += a.deletion_vector->UniqueId();
  return id;
}

std::vector<std::string> Union(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

// `latest` grown to support everything `source` does; nullopt when it already does.
std::optional<Protocol> MergedProtocol(const Protocol& latest, const Protocol& source) {
  auto covers = [](const std::vector<std::string>& have, const std::vector<std::string>& need) {
    return std::includes(have.begin(), have.end(), need.begin(), need.end());
  };
  if (latest.min_reader_version >= source.min_reader_version &&
      latest.min_writer_version >= source.min_writer_version &&
      covers(EffectiveReaderFeatures(latest), EffectiveReaderFeatures(source)) &&
      covers(EffectiveWriterFeatures(latest), EffectiveWriterFeatures(source))) {
    return std::nullopt;
  }
  Protocol merged;
  merged.min_reader_version = std::max(latest.min_reader_version, source.min_reader_version);
  merged.min_writer_version = std::max(latest.min_writer_version, source.min_writer_version);
  if (merged.min_reader_version >= 3) {
    merged.reader_features =
        Union(EffectiveReaderFeatures(latest), EffectiveReaderFeatures(source));
  }
  if (merged.min_writer_version >= 7) {
    merged.writer_features =
        Union(EffectiveWriterFeatures(latest), EffectiveWriterFeatures(source));
  }
  return merged;
}

// NotFound naming the files to add back (and their deletion vector files) that storage no
// longer has; other errors as Head reports them.
Status CheckFilesExist(Engine& engine, const Snapshot& source,
                       const std::vector<const AddFile*>& files) {
  std::vector<std::string> locations;
  for (const AddFile* a : files) {
    DELTA_ASSIGN_OR_RETURN(std::string loc, source.LocateFile(a->path));
    locations.push_back(std::move(loc));
    if (a->deletion_vector != nullptr && a->deletion_vector->storage_type != 'i') {
      DELTA_ASSIGN_OR_RETURN(
          std::string dv, ResolveDeletionVectorPath(source.table_location(), *a->deletion_vector));
      locations.push_back(std::move(dv));
    }
  }
  std::vector<Status> found(locations.size());
  ParallelFor(&engine.executor(), locations.size(),
              [&](size_t i) { found[i] = engine.file_system().Head(locations[i]).status(); });
  std::vector<std::string> missing;
  for (size_t i = 0; i < locations.size(); ++i) {
    if (found[i].IsNotFound()) {
      missing.push_back(locations[i]);
    } else if (!found[i].ok()) {
      return found[i];
    }
  }
  if (missing.empty()) return Status::OK();
  std::string names;
  for (size_t i = 0; i < missing.size() && i < kMissingNamed; ++i) {
    names += (i == 0 ? "'" : ", '") + missing[i] + "'";
  }
  if (missing.size() > kMissingNamed) names += ", ...";
  return Status::NotFound(
      "cannot restore " + source.table_location() + " to version " +
      std::to_string(source.version()) + ": " + std::to_string(missing.size()) +
      " file(s) it needs are missing from storage (vacuumed or deleted): " + names);
}

Result<RestoreResult> Restore(const Table& table, std::shared_ptr<const Snapshot> source,
                              std::map<std::string, std::string> parameters,
                              const RestoreOptions& options) {
  DELTA_ASSIGN_OR_RETURN(auto latest, table.LatestSnapshot());
  if (source->version() >= latest->version()) {
    return Status::InvalidArgument(
        "cannot restore " + table.location() + " to version " + std::to_string(source->version()) +
        ": it must be older than the latest version " + std::to_string(latest->version()));
  }
  // The old version must be one this kernel can write as the current state.
  DELTA_RETURN_NOT_OK(CheckWriteSupported(source->protocol(), source->metadata(), *source->schema())
                          .WithContext("restore of " + table.location() + " to version " +
                                       std::to_string(source->version())));

  std::unordered_set<std::string> in_source;
  for (const AddFile& a : source->files()) in_source.insert(FileIdentity(a));
  std::unordered_set<std::string> in_latest;
  for (const AddFile& a : latest->files()) in_latest.insert(FileIdentity(a));

  RestoreResult result;
  result.restored_version = source->version();
  std::vector<const AddFile*> to_add;
  for (const AddFile& a : source->files()) {
    result.num_files_after += 1;
    result.table_size_after += a.size;
    if (in_latest.contains(FileIdentity(a))) continue;
    to_add.push_back(&a);
    result.num_restored_files += 1;
    result.restored_files_size += a.size;
  }
  std::vector<const AddFile*> to_remove;
  for (const AddFile& a : latest->files()) {
    if (in_source.contains(FileIdentity(a))) continue;
    to_remove.push_back(&a);
    result.num_removed_files += 1;
    result.removed_files_size += a.size;
  }
  DELTA_RETURN_NOT_OK(CheckFilesExist(*table.engine(), *source, to_add));

  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(latest, options.transaction));
  txn->RecordReadWholeTable();
  if (auto merged = MergedProtocol(latest->protocol(), source->protocol())) {
    DELTA_RETURN_NOT_OK(txn->UpdateProtocol(std::move(*merged)));
  }
  DELTA_RETURN_NOT_OK(txn->UpdateMetadata(source->metadata()));
  for (const AddFile* a : to_remove) DELTA_RETURN_NOT_OK(txn->RemoveLiveFile(*a));
  for (const AddFile* a : to_add) {
    AddFile add = *a;
    add.data_change = true;
    DELTA_RETURN_NOT_OK(txn->AddAction(add));
  }
  txn->SetOperation("RESTORE", std::move(parameters));
  txn->SetOperationMetric("numRestoredFiles", result.num_restored_files);
  txn->SetOperationMetric("restoredFilesSize", result.restored_files_size);
  txn->SetOperationMetric("numRemovedFiles", result.num_removed_files);
  txn->SetOperationMetric("removedFilesSize", result.removed_files_size);
  txn->SetOperationMetric("numOfFilesAfterRestore", result.num_files_after);
  txn->SetOperationMetric("tableSizeAfterRestore", result.table_size_after);
  DELTA_ASSIGN_OR_RETURN(result.commit, txn->Commit());
  return result;
}

}  // namespace

Result<RestoreResult> RestoreTable(const Table& table, int64_t version,
                                   const RestoreOptions& options) {
  DELTA_ASSIGN_OR_RETURN(auto source, table.SnapshotAtVersion(version));
  return Restore(table, std::move(source), {{"version", std::to_string(version)}}, options);
}

Result<RestoreResult> RestoreTableToTimestamp(const Table& table, int64_t timestamp_ms,
                                              const RestoreOptions& options) {
  DELTA_ASSIGN_OR_RETURN(auto source, table.SnapshotAtTimestamp(timestamp_ms));
  return Restore(table, std::move(source), {{"timestamp", FormatTimestampMillis(timestamp_ms)}},
                 options);
}

}  // namespace delta
