#include "scan/changes_log.h"

#include <algorithm>
#include <utility>

#include "log/log_segment.h"
#include "log/replay.h"
#include "util/ascii.h"

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
  DELTA_ASSIGN_OR_RETURN(CommitRange commits, CommitRange::List(fs, table_root, start, end));

  // The state at the start, then every change of protocol or metadata up to the end.
  DELTA_ASSIGN_OR_RETURN(LogSegment segment, BuildLogSegment(fs, table_root, start));
  Protocol protocol;
  Metadata metadata;
  DELTA_RETURN_NOT_OK(LoadProtocolAndMetadata(engine, segment, &protocol, &metadata));
  // Dated as History dates them, so a row's _commit_timestamp is the time History reports
  // for its version whatever the range's start.
  DELTA_ASSIGN_OR_RETURN(range.commits, commits.ReadAll(engine, metadata));
  std::vector<std::pair<int64_t, Metadata>> metadata_changes = {{start, metadata}};
  for (size_t i = 0; i < range.commits.size(); ++i) {
    const ActionBatch& actions = *range.commits[i].actions;
    if (actions.protocol) protocol = *actions.protocol;
    if (actions.metadata && i > 0) {
      metadata = *actions.metadata;
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
  return range;
}

}  // namespace delta
