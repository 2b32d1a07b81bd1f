#include "log/checksum_writer.h"

#include <map>
#include <set>
#include <string>
#include <utility>

#include <simdjson.h>

#include "log/log_limits.h"
#include "log/log_path.h"
#include "log/snapshot_state.h"

namespace delta {

namespace {

std::optional<std::string> CommitTxnId(const std::optional<CommitInfo>& info) {
  if (!info || info->json.empty()) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view id;
  if (parser.parse(info->json).get(root) || root["txnId"].get_string().get(id)) {
    return std::nullopt;
  }
  return std::string(id);
}

// Counts one live file in or out of every per-file figure of `crc`.
void CountFile(int64_t size, const DeletionVectorDescriptor* dv, int delta, VersionChecksum* crc) {
  crc->num_files += delta;
  crc->table_size_bytes += delta * size;
  if (crc->file_size_histogram) crc->file_size_histogram->Insert(size, delta);
  const int64_t deleted = dv != nullptr ? dv->cardinality : 0;
  if (crc->num_deleted_records) *crc->num_deleted_records += delta * deleted;
  if (crc->num_deletion_vectors && dv != nullptr) *crc->num_deletion_vectors += delta;
  if (crc->deleted_record_counts)
    (*crc->deleted_record_counts)[DeletedRecordCountBin(deleted)] += delta;
}

bool AnyNegative(const VersionChecksum& crc) {
  if (crc.num_files < 0 || crc.table_size_bytes < 0) return true;
  if (crc.num_deleted_records.value_or(0) < 0 || crc.num_deletion_vectors.value_or(0) < 0) {
    return true;
  }
  if (crc.file_size_histogram) {
    for (int64_t c : crc.file_size_histogram->file_counts)
      if (c < 0) return true;
  }
  if (crc.deleted_record_counts) {
    for (int64_t c : *crc.deleted_record_counts)
      if (c < 0) return true;
  }
  return false;
}

std::string KeyOf(std::string_view path, const DeletionVectorDescriptor* dv) {
  std::string key(path);
  if (dv != nullptr) key.append(1, '\0').append(dv->UniqueId());
  return key;
}

}  // namespace

Result<VersionChecksum> NextVersionChecksum(const VersionChecksum& prev,
                                            const ActionBatch& commit) {
  VersionChecksum crc = prev;
  crc.txn_id = CommitTxnId(commit.commit_info);
  crc.in_commit_timestamp =
      commit.commit_info ? commit.commit_info->in_commit_timestamp : std::nullopt;
  crc.num_metadata = 1;
  crc.num_protocol = 1;
  if (commit.protocol) crc.protocol = *commit.protocol;
  if (commit.metadata) crc.metadata = *commit.metadata;
  if (crc.set_transactions && !commit.txns.empty()) {
    std::map<std::string, SetTransaction> txns;
    for (SetTransaction& t : *crc.set_transactions) txns[t.app_id] = std::move(t);
    for (const SetTransaction& t : commit.txns) txns[t.app_id] = t;
    crc.set_transactions->clear();
    for (auto& [id, t] : txns) crc.set_transactions->push_back(std::move(t));
  }
  if (crc.domain_metadata && !commit.domain_metadata.empty()) {
    std::map<std::string, DomainMetadata> domains;
    for (DomainMetadata& d : *crc.domain_metadata) domains[d.domain] = std::move(d);
    for (const DomainMetadata& d : commit.domain_metadata) {
      if (d.removed) {
        domains.erase(d.domain);
      } else {
        domains[d.domain] = d;
      }
    }
    crc.domain_metadata->clear();
    for (auto& [name, d] : domains) crc.domain_metadata->push_back(std::move(d));
  }

  // File actions in file order (adds then removes when the batch does not record it).
  std::vector<int32_t> order = commit.file_action_order;
  if (order.size() != commit.adds.size() + commit.removes.size()) {
    order.clear();
    for (size_t i = 0; i < commit.adds.size(); ++i) order.push_back(static_cast<int32_t>(i));
    for (size_t i = 0; i < commit.removes.size(); ++i)
      order.push_back(-static_cast<int32_t>(i) - 1);
  }
  std::set<std::string> seen;
  for (int32_t e : order) {
    if (e >= 0) {
      const AddFile& add = commit.adds[static_cast<size_t>(e)];
      if (!seen.insert(KeyOf(add.path, add.deletion_vector)).second) continue;
      CountFile(add.size, add.deletion_vector, 1, &crc);
    } else {
      const RemoveFile& rm = commit.removes[static_cast<size_t>(-(e + 1))];
      if (!seen.insert(KeyOf(rm.path, rm.deletion_vector)).second) continue;
      if (!rm.size) {
        return Status::Unsupported("version checksum: the remove of " + std::string(rm.path) +
                                   " has no size, so the table size cannot be derived");
      }
      CountFile(*rm.size, rm.deletion_vector, -1, &crc);
    }
  }
  if (AnyNegative(crc)) {
    return Status::Unsupported(
        "version checksum: the previous checksum disagrees with the commit's removes (a count "
        "would drop below zero)");
  }
  return crc;
}

VersionChecksum EmptyTableChecksum() {
  VersionChecksum crc;
  crc.set_transactions.emplace();
  crc.domain_metadata.emplace();
  crc.num_deleted_records = 0;
  crc.num_deletion_vectors = 0;
  crc.file_size_histogram = FileSizeHistogram::Empty();
  crc.deleted_record_counts = DeletedRecordCountsHistogram{};
  return crc;
}

Result<VersionChecksum> VersionChecksumFromSnapshot(const Snapshot& snapshot) {
  if (!snapshot.has_file_list()) {
    return Status::Unsupported("version checksum of " + snapshot.table_location() + " version " +
                               std::to_string(snapshot.version()) +
                               ": the snapshot was loaded without its file list");
  }
  VersionChecksum crc = EmptyTableChecksum();
  crc.txn_id = CommitTxnId(snapshot.commit_info());
  if (snapshot.commit_info()) crc.in_commit_timestamp = snapshot.commit_info()->in_commit_timestamp;
  crc.protocol = snapshot.protocol();
  crc.metadata = snapshot.metadata();
  for (const auto& [id, t] : snapshot.set_transactions()) crc.set_transactions->push_back(t);
  for (const auto& [name, d] : snapshot.domain_metadata()) {
    if (!d.removed) crc.domain_metadata->push_back(d);
  }
  for (const AddFile& add : snapshot.files()) CountFile(add.size, add.deletion_vector, 1, &crc);
  return crc;
}

Result<VersionChecksum> ChecksumAfterCommit(FileSystem& fs, std::string_view table_root,
                                            int64_t version, const ActionBatch& commit,
                                            const Snapshot* read_snapshot) {
  if (version == 0) return NextVersionChecksum(EmptyTableChecksum(), commit);
  if (read_snapshot != nullptr && read_snapshot->version() == version - 1 &&
      read_snapshot->has_file_list()) {
    DELTA_ASSIGN_OR_RETURN(VersionChecksum prev, VersionChecksumFromSnapshot(*read_snapshot));
    return NextVersionChecksum(prev, commit);
  }
  std::string location = VersionChecksumLocation(table_root, version - 1);
  auto data = ReadBoundedFile(fs, location, kMaxChecksumFileBytes, "version checksum");
  if (!data.ok()) {
    return Status::Unsupported("version checksum of version " + std::to_string(version) +
                               ": no snapshot of the version before and its checksum is "
                               "unreadable (" +
                               data.status().ToString() + ")");
  }
  DELTA_ASSIGN_OR_RETURN(VersionChecksum prev, ParseVersionChecksum(*data, location));
  return NextVersionChecksum(prev, commit);
}

std::string VersionChecksumLocation(std::string_view table_root, int64_t version) {
  while (!table_root.empty() && table_root.back() == '/') table_root.remove_suffix(1);
  return std::string(table_root) + "/_delta_log/" + FormatVersion(version) + ".crc";
}

Status WriteVersionChecksum(FileSystem& fs, std::string_view table_root, int64_t version,
                            const VersionChecksum& crc) {
  std::string location = VersionChecksumLocation(table_root, version);
  Status st = fs.PutIfAbsent(location, EncodeVersionChecksum(crc));
  if (st.ok() || st.IsAlreadyExists()) return Status::OK();  // never overwrite: first one wins
  return st.WithContext("writing version checksum " + location);
}

}  // namespace delta
