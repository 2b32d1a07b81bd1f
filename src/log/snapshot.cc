#include "delta/snapshot.h"

#include "delta/engine.h"
#include "log/replay.h"
#include "log/snapshot_state.h"
#include "protocol/uri.h"
#include "util/task_guard.h"

namespace delta {

Snapshot::Snapshot(std::unique_ptr<SnapshotState> state) : state_(std::move(state)) {}
Snapshot::~Snapshot() = default;

const std::string& Snapshot::table_location() const { return state_->table_root; }
int64_t Snapshot::version() const { return state_->version; }
int64_t Snapshot::timestamp() const { return state_->timestamp; }
const Protocol& Snapshot::protocol() const { return state_->protocol; }
const Metadata& Snapshot::metadata() const { return state_->metadata; }
const std::shared_ptr<const StructType>& Snapshot::schema() const { return state_->schema; }
const std::vector<std::string>& Snapshot::partition_columns() const {
  return state_->metadata.partition_columns;
}
const std::map<std::string, std::string>& Snapshot::properties() const {
  return state_->metadata.configuration;
}
std::span<const AddFile> Snapshot::files() const { return state_->files; }
int64_t Snapshot::total_bytes() const { return state_->total_bytes; }
bool Snapshot::has_file_list() const { return state_->deferred == nullptr; }
const std::map<std::string, SetTransaction>& Snapshot::set_transactions() const {
  return state_->txns;
}
const std::map<std::string, DomainMetadata>& Snapshot::domain_metadata() const {
  return state_->domains;
}
const std::optional<CommitInfo>& Snapshot::commit_info() const { return state_->commit_info; }
std::optional<int64_t> Snapshot::checkpoint_version() const {
  return state_->segment.checkpoint_version;
}
const std::vector<std::string>& Snapshot::warnings() const { return state_->warnings; }

std::string Snapshot::ResolvePath(std::string_view log_path) const {
  return ResolveLogPath(state_->table_root, log_path);
}

Result<std::string> Snapshot::LocateFile(std::string_view log_path) const {
  std::string location = ResolveLogPath(state_->table_root, log_path);
  // Relative paths were checked while the log was read: they stay inside the root.
  if (!HasUriScheme(log_path) && !log_path.starts_with('/')) return location;
  DELTA_RETURN_NOT_OK(
      CheckLocationAllowed(state_->engine->location_policy(), state_->table_root, location));
  return location;
}

Result<std::shared_ptr<const Snapshot>> Snapshot::Refresh(std::optional<int64_t> version) const {
  return CatchAsStatus(
      "refreshing the snapshot of", state_->table_root,
      [&]() -> Result<std::shared_ptr<const Snapshot>> {
  const SnapshotState& base = *state_;
  if (version && *version < base.version) {
    return Status::InvalidArgument("cannot refresh snapshot of " + base.table_root +
                                   " at version " + std::to_string(base.version) +
                                   " back to older version " + std::to_string(*version));
  }
  if (version && *version == base.version) return shared_from_this();
  FileSystem& fs = base.engine->file_system();
  DELTA_ASSIGN_OR_RETURN(auto files, ListLogFiles(fs, base.table_root, base.version + 1));
  int64_t latest = base.version;
  for (const LogFile& f : files) {
    if (f.type == LogFileType::kCommit) latest = std::max(latest, f.version);
  }
  int64_t target = version.value_or(latest);
  if (target > latest) {
    return Status::NotFound("table " + base.table_root + " has no version " +
                            std::to_string(target) + ": the latest version is " +
                            std::to_string(latest));
  }
  if (target == base.version) return shared_from_this();

  LogSegment seg = base.segment;
  seg.version = target;
  seg.latest_commit.reset();
  seg.checksum.reset();
  seg.warnings.clear();
  int64_t expect = base.version + 1;
  for (const LogFile& f : files) {
    if (f.version > target) break;
    if (f.type == LogFileType::kCommit) {
      if (f.version != expect) {
        return Status::InvalidTable("table " + base.table_root + ": commit " +
                                    std::to_string(expect) + " is missing before version " +
                                    std::to_string(f.version));
      }
      seg.commits.push_back(f);
      ++expect;
      if (f.version == target) seg.latest_commit = f;
    } else if (f.type == LogFileType::kChecksum && f.version == target) {
      seg.checksum = f;
    }
  }
  if (expect <= target) {
          return Status::InvalidTable("table " + base.table_root + ": commit " +
                                      std::to_string(expect) + " is missing");
  }
  if (base.deferred != nullptr) {
    // No file list to build on: load the new version the same way, from the same checkpoint.
    ReplayOptions options;
    options.defer_checkpoint_files = true;
    DELTA_ASSIGN_OR_RETURN(auto state, ReplaySegment(base.engine, std::move(seg), options));
    return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(state)));
  }
  DELTA_ASSIGN_OR_RETURN(auto state, ReplayIncremental(base, std::move(seg)));
  return std::shared_ptr<const Snapshot>(std::make_shared<Snapshot>(std::move(state)));
      });
}

}  // namespace delta
