#include "scan/changes_log.h"

#include <algorithm>
#include <utility>

#include "log/commit_timestamp.h"
#include "log/log_path.h"
#include "log/log_segment.h"
#include "log/replay.h"
#include "protocol/action_json.h"
#include "util/ascii.h"
#include "util/parallel.h"
#include "util/task_guard.h"

namespace delta {

namespace {

bool CdfEnabled(const Metadata& m) {
  auto it = m.configuration.find("delta.enableChangeDataFeed");
  if (it == m.configuration.end()) return false;
  return EqualsIgnoreCase(it->second, "true");
}

Result<std::shared_ptr<const StructType>> SchemaOf(const Metadata& m) {
  if (m.schema_string.empty()) {
    return std::make_shared<const StructType>(std::vector<StructField>{});
  }
  return ParseSchema(m.schema_string);
}

std::vector<std::string> LowerAll(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(AsciiLower(n));
  return out;
}

// Checks the state after commit `version` (or at the start) against the end of the range.
Status CheckReadableAsChanges(const std::string& table_root, int64_t version,
                              const Metadata& metadata, const StructType& schema,
                              const Metadata& end_metadata, const StructType& end_schema) {
  if (!CdfEnabled(metadata)) {
    return Status::Unsupported("change data feed is not enabled at version " +
                               std::to_string(version) + " of table " + table_root +
                               " (table property delta.enableChangeDataFeed is not true), so "
                               "its changes cannot be read");
  }
  std::string problem = SchemaChangeProblem(schema, end_schema);
  if (problem.empty() &&
      LowerAll(metadata.partition_columns) != LowerAll(end_metadata.partition_columns)) {
    problem = "the partition columns changed";
  }
  if (!problem.empty()) {
    return Status::Unsupported("cannot read changes of table " + table_root + " across version " +
                               std::to_string(version) + ": its schema differs from the end " +
                               "version's incompatibly (" + problem + ")");
  }
  return Status::OK();
}

}  // namespace

std::string SchemaChangeProblem(const StructType& older, const StructType& newer) {
  for (const StructField& f : older.fields()) {
    const StructField* n = newer.field(f.name);
    if (n == nullptr) return "column '" + f.name + "' was dropped or renamed";
    if (n->type->ToString() != f.type->ToString()) {
      return "column '" + f.name + "' changed type from " + f.type->ToString() + " to " +
             n->type->ToString();
    }
    if (n->PhysicalName() != f.PhysicalName()) {
      return "column '" + f.name + "' was dropped and added again";
    }
    if (!n->nullable && f.nullable) return "column '" + f.name + "' became non-nullable";
  }
  for (const StructField& n : newer.fields()) {
    if (older.field(n.name) == nullptr && !n.nullable) {
      return "non-nullable column '" + n.name + "' was added";
    }
  }
  return "";
}

Result<ChangeRange> ReadChangeRange(Engine& engine, const std::string& table_root, int64_t start,
                                    int64_t end) {
  FileSystem& fs = engine.file_system();
  ChangeRange range;
  range.table_root = table_root;
  range.start = start;
  range.end = end;

  // The commit files of the range, which must all still be there.
  // Listed from version 0: file times of earlier commits bound the range's (see below).
  DELTA_ASSIGN_OR_RETURN(std::vector<LogFile> listed, ListLogFiles(fs, table_root, 0));
  std::vector<FileInfo> files;
  int64_t earlier_file_time = INT64_MIN;
  for (const LogFile& f : listed) {
    if (f.type == LogFileType::kCommit && f.version < start) {
      earlier_file_time = std::max(earlier_file_time, f.file.modification_time_ms);
    }
    if (f.type != LogFileType::kCommit || f.version < start || f.version > end) continue;
    if (f.version != start + static_cast<int64_t>(files.size())) {
      return Status::NotFound("table " + table_root + ": the commit file of version " +
                              std::to_string(start + static_cast<int64_t>(files.size())) +
                              " is missing, so changes from version " + std::to_string(start) +
                              " cannot be read (log entries may have been cleaned up)");
    }
    files.push_back(f.file);
  }
  if (static_cast<int64_t>(files.size()) != end - start + 1) {
    return Status::NotFound("table " + table_root + ": the commit file of version " +
                            std::to_string(start + static_cast<int64_t>(files.size())) +
                            " is missing");
  }

  // Read and parse them in parallel.
  std::vector<std::string> locations;
  for (const FileInfo& f : files) locations.push_back(f.location);
  std::vector<std::string> bytes(files.size());
  std::vector<Status> read_errors(files.size());
  fs.ReadFiles(locations, [&](size_t i, Result<std::string> r) {
    if (r.ok()) {
      bytes[i] = std::move(*r);
    } else {
      read_errors[i] = r.status();
    }
  });
  std::vector<std::shared_ptr<ActionBatch>> batches(files.size());
  std::vector<Status> errors(files.size());
  ParallelFor(&engine.executor(), files.size(), [&](size_t i) {
    if (!read_errors[i].ok()) {
      errors[i] = read_errors[i].WithContext("reading commit " + locations[i]);
      return;
    }
    errors[i] = CatchAsStatus("parsing", locations[i], [&] {
      auto batch = std::make_shared<ActionBatch>();
      Status st = ParseJsonActions(&bytes[i], locations[i], batch.get());
      std::string().swap(bytes[i]);
      batches[i] = std::move(batch);
      return st;
    });
  });
  for (const Status& st : errors) DELTA_RETURN_NOT_OK(st);

  // The state at the start, then every change of protocol or metadata up to the end.
  DELTA_ASSIGN_OR_RETURN(LogSegment segment, BuildLogSegment(fs, table_root, start));
  Protocol protocol;
  Metadata metadata;
  DELTA_RETURN_NOT_OK(LoadProtocolAndMetadata(engine, segment, &protocol, &metadata));
  std::vector<std::pair<int64_t, Metadata>> metadata_changes = {{start, metadata}};
  for (size_t i = 0; i < batches.size(); ++i) {
    if (batches[i]->protocol) protocol = *batches[i]->protocol;
    if (batches[i]->metadata && i > 0) {
      metadata = *batches[i]->metadata;
      metadata_changes.emplace_back(start + static_cast<int64_t>(i), metadata);
    }
  }
  range.protocol = protocol;
  range.metadata = metadata;
  auto end_schema = SchemaOf(range.metadata);
  if (!end_schema.ok()) {
    return end_schema.status().WithContext("table " + table_root + " at version " +
                                           std::to_string(end) + ": schema");
  }
  range.schema = std::move(*end_schema);
  for (const auto& [version, m] : metadata_changes) {
    auto schema = SchemaOf(m);
    if (!schema.ok()) {
      return schema.status().WithContext("table " + table_root + " at version " +
                                         std::to_string(version) + ": schema");
    }
    DELTA_RETURN_NOT_OK(
        CheckReadableAsChanges(table_root, version, m, **schema, range.metadata, *range.schema));
  }

  // Timestamps: in-commit ones where enabled; file times never go backwards (a time earlier
  // than any earlier commit's counts as that one), as for history and time travel, so a row's
  // _commit_timestamp is the time History reports for its version whatever the range's start.
  int64_t previous = earlier_file_time;
  for (size_t i = 0; i < batches.size(); ++i) {
    ChangeCommit c;
    c.version = start + static_cast<int64_t>(i);
    c.file = files[i];
    DELTA_ASSIGN_OR_RETURN(c.timestamp_ms, CommitTimestamp(range.metadata, c.version,
                                                           batches[i]->commit_info, files[i]));
    std::optional<int64_t> ict_from = InCommitTimestampEnablementVersion(range.metadata);
    bool is_ict = ict_from && c.version >= *ict_from;
    if (!is_ict) c.timestamp_ms = std::max(c.timestamp_ms, previous);
    previous = c.timestamp_ms;
    c.actions = std::move(batches[i]);
    range.commits.push_back(std::move(c));
  }
  return range;
}

}  // namespace delta
