// WriteLogCompaction (include/delta/log_compaction.h): the commits of the range read in
// order, reconciled to the newest action per file key, application and domain, and written as
// one JSON file.
#include "delta/log_compaction.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "delta/json_writer.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "log/commit_range.h"
#include "log/log_path.h"
#include "log/snapshot_state.h"
#include "protocol/action_json.h"

namespace delta {
namespace {

std::string KeyOf(std::string_view path, const DeletionVectorDescriptor* dv) {
  return std::string(path) + "\n" + (dv ? dv->UniqueId() : std::string());
}

}  // namespace

Result<LogCompactionResult> WriteLogCompaction(const Table& table, int64_t start_version,
                                               int64_t end_version) {
  if (start_version < 0 || start_version >= end_version) {
    return Status::InvalidArgument("a log compaction needs 0 <= start version < end version, got " +
                                   std::to_string(start_version) + " and " +
                                   std::to_string(end_version));
  }
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, table.LatestSnapshot());
  const SnapshotState& st = snapshot->state();
  Engine& engine = *st.engine;
  if (end_version > st.version) {
    return Status::NotFound("table " + st.table_root + " has no version " +
                            std::to_string(end_version) + ": the latest version is " +
                            std::to_string(st.version));
  }
  const std::string location = st.segment.log_root + "/" + FormatVersion(start_version) + "." +
                               FormatVersion(end_version) + ".compacted.json";
  // An existing compaction is never rewritten: say so before reading the commits.
  if (engine.file_system().Head(location).ok()) {
    return Status::AlreadyExists("log compaction " + location + " exists already", location);
  }
  DELTA_ASSIGN_OR_RETURN(CommitRange range, CommitRange::List(engine.file_system(), st.table_root,
                                                              start_version, end_version));

  // The newest action wins: file actions by key (the commits stay alive for their views),
  // the rest by application or domain.
  std::vector<std::shared_ptr<ActionBatch>> commits;
  struct FileAction {
    const AddFile* add = nullptr;
    const RemoveFile* remove = nullptr;
    size_t order = 0;  // when it was seen: newest is written first
  };
  std::unordered_map<std::string, FileAction> files;
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::map<std::string, SetTransaction> txns;
  std::map<std::string, DomainMetadata> domains;
  size_t seen = 0;
  DELTA_RETURN_NOT_OK(range.ForEach(engine, st.metadata, [&](LogCommit&& c) {
    const ActionBatch& a = *c.actions;
    // Within a commit a key has one add or one remove at most (PROTOCOL.md), in any order.
    for (size_t i = 0; i < a.file_action_order.size(); ++i) {
      const int32_t at = a.file_action_order[i];
      FileAction f;
      f.order = seen++;
      if (at >= 0) {
        f.add = &a.adds[static_cast<size_t>(at)];
        files[KeyOf(f.add->path, f.add->deletion_vector)] = f;
      } else {
        f.remove = &a.removes[static_cast<size_t>(-at - 1)];
        files[KeyOf(f.remove->path, f.remove->deletion_vector)] = f;
      }
    }
    if (a.protocol) protocol = a.protocol;
    if (a.metadata) metadata = a.metadata;
    for (const SetTransaction& t : a.txns) txns[t.app_id] = t;
    for (const DomainMetadata& d : a.domain_metadata) domains[d.domain] = d;
    commits.push_back(std::move(c.actions));
    return Status::OK();
  }));

  std::vector<const FileAction*> ordered;
  ordered.reserve(files.size());
  for (const auto& [key, f] : files) ordered.push_back(&f);
  std::sort(ordered.begin(), ordered.end(),
            [](const FileAction* a, const FileAction* b) { return a->order > b->order; });

  std::string out;
  int64_t lines = 0;
  auto line = [&](const auto& action) {
    JsonWriter w;
    EncodeJsonAction(action, &w);
    out += w.Take();
    out.push_back('\n');
    ++lines;
  };
  if (protocol) line(*protocol);
  if (metadata) line(*metadata);
  for (const auto& [id, t] : txns) line(t);
  for (const auto& [name, d] : domains) line(d);
  for (const FileAction* f : ordered) {
    if (f->add != nullptr) {
      line(*f->add);
    } else {
      line(*f->remove);
    }
  }

  LogCompactionResult result;
  result.start_version = start_version;
  result.end_version = end_version;
  result.location = location;
  result.size_in_bytes = static_cast<int64_t>(out.size());
  result.actions = lines;
  DELTA_RETURN_NOT_OK(engine.file_system()
                          .PutIfAbsent(result.location, out)
                          .WithContext("writing log compaction " + result.location));
  return result;
}

}  // namespace delta
