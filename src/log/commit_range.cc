#include "log/commit_range.h"

#include <algorithm>
#include <climits>
#include <utility>

#include "log/commit_reader.h"
#include "log/commit_timestamp.h"
#include "log/log_segment.h"

namespace delta {
namespace {

// ForEach reads at most this many commits and bytes at once (always at least one commit):
// enough to keep storage and every core busy, few enough that the parsed window (each
// commit's arena takes at least a 64 KiB block) stays small.
constexpr int64_t kCommitWindowBytes = int64_t{16} << 20;
constexpr size_t kCommitWindowFiles = 128;

}  // namespace

Result<CommitRange> CommitRange::List(FileSystem& fs, const std::string& table_root, int64_t first,
                                      std::optional<int64_t> last) {
  if (first < 0) {
    return Status::InvalidArgument("first commit version must be >= 0, got " +
                                   std::to_string(first));
  }
  DELTA_ASSIGN_OR_RETURN(std::vector<LogFile> listing, ListLogFiles(fs, table_root, 0));
  CommitRange range = FromListing(table_root, listing, first, last);
  DELTA_RETURN_NOT_OK(CheckContiguous(range, first, last));
  return range;
}

Result<CommitRange> CommitRange::After(FileSystem& fs, const std::string& table_root,
                                       int64_t read_version) {
  const int64_t first = read_version + 1;
  if (first < 0) {
    return Status::InvalidArgument("read version must be >= -1, got " +
                                   std::to_string(read_version));
  }
  DELTA_ASSIGN_OR_RETURN(std::vector<LogFile> listing, ListLogFiles(fs, table_root, first));
  CommitRange range = FromListing(table_root, listing, first);
  DELTA_RETURN_NOT_OK(CheckContiguous(range, first, std::nullopt));
  return range;
}

Status CommitRange::CheckContiguous(const CommitRange& range, int64_t first,
                                    std::optional<int64_t> last) {
  const std::string& table_root = range.table_root_;
  int64_t expect = first;
  for (const LogFile& f : range.commits_) {
    if (f.version != expect) {
      return Status::NotFound("table " + table_root + ": the commit file of version " +
                              std::to_string(expect) + " is missing, so commits from version " +
                              std::to_string(first) +
                              " on cannot be read (log entries may have been cleaned up)");
    }
    ++expect;
  }
  if (last && expect <= *last) {
    return Status::NotFound("table " + table_root + ": the commit file of version " +
                            std::to_string(expect) + " is missing");
  }
  return Status::OK();
}

CommitRange CommitRange::FromListing(const std::string& table_root,
                                     const std::vector<LogFile>& listing, int64_t first,
                                     std::optional<int64_t> last) {
  CommitRange range;
  range.table_root_ = table_root;
  int64_t floor = INT64_MIN;  // the latest file time of the listed commits before `first`
  for (const LogFile& f : listing) {
    if (f.type != LogFileType::kCommit || (last && f.version > *last)) continue;
    if (f.version < first) {
      floor = std::max(floor, f.file.modification_time_ms);
    } else {
      range.commits_.push_back(f);
    }
  }
  range.latest_file_times_ = LatestFileTimes(range.commits_, floor);
  return range;
}

CommitRange CommitRange::Newest(size_t n) const {
  size_t from = commits_.size() - std::min(n, commits_.size());
  CommitRange tail;
  tail.table_root_ = table_root_;
  tail.commits_.assign(commits_.begin() + static_cast<ptrdiff_t>(from), commits_.end());
  tail.latest_file_times_.assign(latest_file_times_.begin() + static_cast<ptrdiff_t>(from),
                                 latest_file_times_.end());
  return tail;
}

Status CommitRange::Parse(Engine& engine, size_t begin, size_t end,
                          std::vector<ActionBatch>* out) const {
  std::vector<FileInfo> files;
  files.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) files.push_back(commits_[i].file);
  return ReadJsonLogFiles(engine, files, out);
}

Result<LogCommit> CommitRange::Dated(size_t i, ActionBatch&& actions,
                                     const Metadata& metadata) const {
  LogCommit c;
  c.version = commits_[i].version;
  c.file = commits_[i].file;
  DELTA_ASSIGN_OR_RETURN(c.timestamp_ms,
                         SmoothedCommitTimestamp(metadata, c.version, actions.commit_info, c.file,
                                                 latest_file_times_[i]));
  c.actions = std::make_shared<ActionBatch>(std::move(actions));
  return c;
}

Result<std::vector<LogCommit>> CommitRange::ReadAll(Engine& engine,
                                                    const Metadata& metadata_before) const {
  std::vector<ActionBatch> batches;
  DELTA_RETURN_NOT_OK(Parse(engine, 0, commits_.size(), &batches));
  // The range's newest metaData, else the one before it, decides where timestamps are
  // in-commit ones (copied: the batches move out below).
  Metadata end_metadata = metadata_before;
  for (size_t i = batches.size(); i-- > 0;) {
    if (batches[i].metadata) {
      end_metadata = *batches[i].metadata;
      break;
    }
  }
  std::vector<LogCommit> out;
  out.reserve(batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    DELTA_ASSIGN_OR_RETURN(LogCommit c, Dated(i, std::move(batches[i]), end_metadata));
    out.push_back(std::move(c));
  }
  return out;
}

Status CommitRange::ForEach(Engine& engine, const Metadata& end_metadata,
                            const std::function<Status(LogCommit&&)>& fn) const {
  for (size_t begin = 0; begin < commits_.size();) {
    size_t end = begin + 1;
    int64_t bytes = commits_[begin].file.size;
    while (end < commits_.size() && end - begin < kCommitWindowFiles &&
           bytes + commits_[end].file.size <= kCommitWindowBytes) {
      bytes += commits_[end++].file.size;
    }
    std::vector<ActionBatch> batches;
    DELTA_RETURN_NOT_OK(Parse(engine, begin, end, &batches));
    for (size_t i = begin; i < end; ++i) {
      DELTA_ASSIGN_OR_RETURN(LogCommit c, Dated(i, std::move(batches[i - begin]), end_metadata));
      DELTA_RETURN_NOT_OK(fn(std::move(c)));
    }
    begin = end;
  }
  return Status::OK();
}

Result<std::vector<int64_t>> CommitRange::Timestamps(Engine& engine,
                                                     const Metadata& end_metadata) const {
  std::vector<int64_t> out = latest_file_times_;
  std::optional<int64_t> ict_from = InCommitTimestampEnablementVersion(end_metadata);
  if (!ict_from) return out;
  // In-commit timestamps apply to a suffix of the range: read only that.
  size_t from = static_cast<size_t>(
      std::partition_point(commits_.begin(), commits_.end(),
                           [&](const LogFile& f) { return f.version < *ict_from; }) -
      commits_.begin());
  size_t i = from;
  DELTA_RETURN_NOT_OK(
      Newest(commits_.size() - from).ForEach(engine, end_metadata, [&](LogCommit&& c) {
        out[i++] = c.timestamp_ms;
        return Status::OK();
      }));
  return out;
}

}  // namespace delta
