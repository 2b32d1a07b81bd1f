#include "gen_actions.h"

#include <span>

namespace delta::gen {
namespace {

std::span<const PartitionValue> PartitionOf(const TableModel& model, const GenFile& f,
                                            FileActionScratch* scratch) {
  if (f.partition < 0) return {};
  scratch->partition.column = model.partition_column();
  scratch->partition.value = model.partition_values()[static_cast<size_t>(f.partition)];
  return {&scratch->partition, 1};
}

}  // namespace

Protocol ModelProtocol(const TableModel& model) {
  Protocol p;
  p.min_reader_version = model.min_reader_version();
  p.min_writer_version = model.min_writer_version();
  if (p.min_reader_version >= 3) p.reader_features = model.reader_features();
  if (p.min_writer_version >= 7) p.writer_features = model.writer_features();
  return p;
}

Metadata ModelMetadata(const TableModel& model, int64_t created_time) {
  Metadata m;
  m.id = model.table_id();
  m.format_provider = "parquet";
  m.schema_string = model.SchemaString();
  if (!model.partition_column().empty()) m.partition_columns.push_back(model.partition_column());
  m.configuration = model.configuration();
  m.created_time = created_time;
  return m;
}

AddFile ModelAdd(const TableModel& model, const GenFile& f, std::string_view stats,
                 bool data_change, FileActionScratch* scratch) {
  scratch->path.clear();
  model.AppendPath(f, &scratch->path);
  AddFile a;
  a.path = scratch->path;
  a.partition_values = PartitionOf(model, f, scratch);
  a.size = f.size;
  a.modification_time = f.modification_time;
  a.data_change = data_change;
  a.stats = stats;
  return a;
}

RemoveFile ModelRemove(const TableModel& model, const GenFile& f, int64_t deletion_timestamp,
                       bool data_change, FileActionScratch* scratch) {
  scratch->path.clear();
  model.AppendPath(f, &scratch->path);
  RemoveFile r;
  r.path = scratch->path;
  r.deletion_timestamp = deletion_timestamp;
  r.data_change = data_change;
  r.extended_file_metadata = true;
  r.partition_values = PartitionOf(model, f, scratch);
  r.size = f.size;
  return r;
}

}  // namespace delta::gen
