// CreateTable and WriteTable: the table operations, each one transaction.
#include "delta/write_table.h"

#include <algorithm>
#include <utility>

#include <arrow/c/bridge.h>
#include <arrow/table.h>

#include "delta/engine.h"
#include "delta/json_writer.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_features.h"
#include "engine/arrow_status.h"
#include "ops/operation_parameters.h"
#include "ops/row_deletion.h"
#include "ops/row_rewrite.h"
#include "protocol/column_mapping_assign.h"
#include "protocol/schema_from_arrow.h"
#include "txn/new_table_metadata.h"
#include "txn/schema_merge.h"
#include "txn/table_protocol.h"
#include "txn/write_support.h"
#include "util/clock.h"
#include "util/printable.h"

namespace delta {
namespace {

using ops::JsonStringArray;
using ops::JsonStringMap;

// Releases a stream the operation took ownership of, unless it was handed on.
class StreamOwner {
 public:
  explicit StreamOwner(ArrowArrayStream* s) : s_(s) {}
  ~StreamOwner() {
    if (s_ && s_->release) s_->release(s_);
  }
  ArrowArrayStream* Release() { return std::exchange(s_, nullptr); }
  ArrowArrayStream* get() const { return s_; }

 private:
  ArrowArrayStream* s_;
};

Result<std::shared_ptr<const StructType>> StreamSchema(ArrowArrayStream* data) {
  ArrowSchema schema{};
  if (int rc = data->get_schema(data, &schema); rc != 0) {
    const char* why = data->get_last_error ? data->get_last_error(data) : nullptr;
    return Status::InvalidArgument(std::string("data stream: cannot read its schema: ") +
                                   (why ? why : std::to_string(rc)));
  }
  Result<std::shared_ptr<const StructType>> result = SchemaFromArrow(schema);
  if (schema.release) schema.release(&schema);
  if (!result.ok()) return result.status().WithContext("data stream");
  return result;
}

std::string_view SaveModeName(SaveMode mode) {
  switch (mode) {
    case SaveMode::kErrorIfExists:
      return "ErrorIfExists";
    case SaveMode::kAppend:
      return "Append";
    case SaveMode::kOverwrite:
      return "Overwrite";
    case SaveMode::kIgnore:
      return "Ignore";
  }
  return "Append";
}

// The latest snapshot, or null when there is no table at the location yet.
Result<std::shared_ptr<const Snapshot>> LatestOrNone(const Table& table) {
  Result<std::shared_ptr<const Snapshot>> s = table.LatestSnapshot();
  if (s.ok()) return s;
  if (s.status().code() == StatusCode::kNotFound) {
    return std::shared_ptr<const Snapshot>();
  }
  return s.status();
}

ParquetWriteOptions FileOptions(const WriteOptions& options) {
  ParquetWriteOptions o;
  if (options.target_file_size) o.target_file_size = *options.target_file_size;
  if (options.row_group_rows) o.row_group_rows = *options.row_group_rows;
  if (options.compression) o.compression = *options.compression;
  return o;
}

// A new table's protocol and metadata, staged on a BeginCreate transaction.
Status StageNewTable(Transaction& txn, const StructType& schema,
                     const std::vector<std::string>& partition_columns,
                     const std::map<std::string, std::string>& properties,
                     const std::optional<std::string>& name,
                     const std::optional<std::string>& description) {
  DELTA_ASSIGN_OR_RETURN(
      NewTableDefinition def,
      DefineNewTable(schema, partition_columns, properties, name, description, WallClockMillis()));
  DELTA_RETURN_NOT_OK(CheckWriteSupported(def.protocol, def.metadata, *def.schema));
  if (def.protocol.HasWriterFeature(feature::kClustering)) {
    // A clustered table names its columns in domain metadata, which creation does not write.
    return Status::Unsupported(
        "creating a table with the clustering feature (CLUSTER BY) is not supported; create it "
        "with an engine that writes the delta.clustering domain metadata");
  }
  DELTA_RETURN_NOT_OK(txn.UpdateProtocol(std::move(def.protocol)));
  return txn.UpdateMetadata(std::move(def.metadata));
}

// The metadata after a write changes the schema (or, replacing, everything).
Status StageMetadataChange(Transaction& txn, const Snapshot& snapshot, Metadata m) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const StructType> schema, ParseSchema(m.schema_string));
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(m.configuration));
  if (props.column_mapping_mode() != ColumnMappingMode::kNone) {
    // New columns get ids and physical names above the table's.
    int64_t max_id = props.column_mapping_max_column_id();
    DELTA_ASSIGN_OR_RETURN(schema, AssignColumnMapping(*schema, &max_id));
    m.schema_string = schema->ToJson();
    m.configuration["delta.columnMapping.maxColumnId"] = std::to_string(max_id);
  }
  DELTA_ASSIGN_OR_RETURN(std::optional<Protocol> upgraded,
                         ProtocolForMetadataUpdate(snapshot.protocol(), *schema, m.configuration));
  if (upgraded) DELTA_RETURN_NOT_OK(txn.UpdateProtocol(std::move(*upgraded)));
  return txn.UpdateMetadata(std::move(m));
}

void SetWriteOperation(Transaction& txn, const WriteOptions& options,
                       const std::vector<std::string>& partition_columns) {
  std::map<std::string, std::string> params = {{"mode", std::string(SaveModeName(options.mode))},
                                               {"partitionBy", JsonStringArray(partition_columns)}};
  if (!options.predicate.empty()) params["predicate"] = JsonStringArray({options.predicate});
  txn.SetOperation("WRITE", std::move(params));
}

// Writes `data` and commits it on `txn`: the file-writing half of every WriteTable path.
// With `as_changes`, the rows are also written as `insert` change rows: the commit has change
// files (a replaceWhere that kept part of a file on a CDF table), so readers take all of its
// changes from them. The data is held in memory then, to be written twice.
Result<CommitResult> WriteAndCommit(Transaction& txn, ArrowArrayStream* data,
                                    const WriteOptions& options,
                                    std::vector<WriteConstraint> extra_constraints,
                                    std::vector<WrittenFile>* written, bool as_changes = false) {
  ParquetWriteOptions file_options = FileOptions(options);
  file_options.constraints = std::move(extra_constraints);
  std::shared_ptr<arrow::Table> rows;
  ArrowArrayStream again{};
  if (as_changes) {
    auto reader = arrow::ImportRecordBatchReader(data);
    if (!reader.ok()) return engine::DataStatus(reader.status(), "data stream");
    auto all = (*reader)->ToTable();
    if (!all.ok()) return engine::DataStatus(all.status(), "data stream");
    rows = *all;
    auto batches = std::make_shared<arrow::TableBatchReader>(rows);
    arrow::Status st = arrow::ExportRecordBatchReader(batches, &again);
    if (!st.ok()) return engine::DataStatus(st, "data stream");
    data = &again;
  }
  DELTA_ASSIGN_OR_RETURN(*written, txn.WriteFiles(data, &file_options));
  DELTA_RETURN_NOT_OK(txn.AddFiles(*written));
  if (as_changes) {
    auto batches = arrow::TableBatchReader(rows).ToRecordBatches();
    if (!batches.ok()) return engine::DataStatus(batches.status(), "data stream");
    std::vector<ops::ChangeRows> groups;
    groups.emplace_back(std::move(*batches), "insert");
    DELTA_RETURN_NOT_OK(ops::StageChangeRows(txn, std::move(groups)).status());
  }
  if (options.app_transaction) {
    DELTA_RETURN_NOT_OK(
        txn.SetAppTransaction(options.app_transaction->app_id, options.app_transaction->version));
  }
  return txn.Commit();
}

Status ValidateWriteOptions(const WriteOptions& o) {
  if (!o.predicate.empty() && o.mode != SaveMode::kOverwrite) {
    return Status::InvalidArgument("a predicate (replaceWhere) needs mode overwrite");
  }
  if (o.schema_mode == SchemaMode::kOverwrite &&
      (o.mode != SaveMode::kOverwrite || !o.predicate.empty())) {
    return Status::InvalidArgument(
        "schema mode overwrite needs mode overwrite without a predicate");
  }
  return Status::OK();
}

// A table created by another writer while we created ours: when it is the table we would
// have made (same schema and partitioning, no column mapping), the files written for ours are
// valid in it and are appended; otherwise the race is reported.
Result<CommitResult> AppendAfterCreateRace(const Table& table, const Metadata& ours,
                                           const std::vector<WrittenFile>& written,
                                           const WriteOptions& options, Status lost) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, table.LatestSnapshot());
  DELTA_ASSIGN_OR_RETURN(TableProperties props,
                         TableProperties::Parse(snapshot->metadata().configuration));
  if (snapshot->metadata().schema_string != ours.schema_string ||
      snapshot->partition_columns() != ours.partition_columns ||
      props.column_mapping_mode() != ColumnMappingMode::kNone) {
    return lost;
  }
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, options.transaction));
  SetWriteOperation(*txn, options, snapshot->partition_columns());
  DELTA_RETURN_NOT_OK(txn->AddFiles(written));
  if (options.app_transaction) {
    DELTA_RETURN_NOT_OK(
        txn->SetAppTransaction(options.app_transaction->app_id, options.app_transaction->version));
  }
  return txn->Commit();
}

}  // namespace

Result<CommitResult> CreateTable(std::string_view location, std::shared_ptr<Engine> engine,
                                 const StructType& schema, const CreateTableOptions& options) {
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(location, std::move(engine)));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, LatestOrNone(table));
  std::map<std::string, std::string> params = {
      {"isManaged", "false"},
      {"partitionBy", JsonStringArray(options.partition_columns)},
      {"properties", JsonStringMap(options.properties)}};
  if (options.description) params["description"] = *options.description;
  if (!snapshot) {
    DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::BeginCreate(table, options.transaction));
    DELTA_RETURN_NOT_OK(StageNewTable(*txn, schema, options.partition_columns, options.properties,
                                      options.name, options.description));
    txn->SetOperation("CREATE TABLE", std::move(params));
    Result<CommitResult> r = txn->Commit();
    if (!r.ok() && options.mode == CreateMode::kIgnore &&
        r.status().detail_kind() == ErrorDetailKind::kAlreadyExists) {
      CommitResult ignored;
      ignored.committed = false;
      return ignored;
    }
    return r;
  }
  switch (options.mode) {
    case CreateMode::kErrorIfExists:
      return Status::AlreadyExists("a Delta table already exists at " + table.location(),
                                   table.location());
    case CreateMode::kIgnore: {
      CommitResult ignored;
      ignored.version = snapshot->version();
      ignored.committed = false;
      return ignored;
    }
    case CreateMode::kReplace:
      break;
  }
  // Replace: new definition, same table id, every file removed.
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, options.transaction));
  txn->RecordReadWholeTable();
  DELTA_ASSIGN_OR_RETURN(NewTableDefinition def,
                         DefineNewTable(schema, options.partition_columns, options.properties,
                                        options.name, options.description, WallClockMillis()));
  def.metadata.id = snapshot->metadata().id;
  DELTA_ASSIGN_OR_RETURN(
      std::optional<Protocol> upgraded,
      ProtocolForMetadataUpdate(snapshot->protocol(), *def.schema, def.metadata.configuration));
  if (upgraded) DELTA_RETURN_NOT_OK(txn->UpdateProtocol(std::move(*upgraded)));
  DELTA_RETURN_NOT_OK(txn->UpdateMetadata(std::move(def.metadata)));
  for (const AddFile& f : snapshot->files()) DELTA_RETURN_NOT_OK(txn->RemoveLiveFile(f));
  txn->SetOperation("CREATE OR REPLACE TABLE", std::move(params));
  return txn->Commit();
}

Result<CommitResult> WriteTable(std::string_view location, std::shared_ptr<Engine> engine,
                                ArrowArrayStream* data, const WriteOptions& options) {
  StreamOwner owner(data);
  if (!data || !data->release) return Status::InvalidArgument("WriteTable: no data stream");
  DELTA_RETURN_NOT_OK(ValidateWriteOptions(options));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const StructType> data_schema, StreamSchema(data));
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(location, std::move(engine)));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, LatestOrNone(table));
  std::vector<WrittenFile> written;

  if (!snapshot) {
    // No table yet: this write creates it with the data's schema.
    if (!options.predicate.empty()) {
      return Status::InvalidArgument("overwrite with a predicate: no table at " + table.location());
    }
    DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::BeginCreate(table, options.transaction));
    DELTA_RETURN_NOT_OK(StageNewTable(*txn, *data_schema, options.partition_by, options.properties,
                                      options.name, options.description));
    SetWriteOperation(*txn, options, options.partition_by);
    Metadata ours = txn->metadata();
    Result<CommitResult> r = WriteAndCommit(*txn, owner.Release(), options, {}, &written);
    if (!r.ok() && r.status().detail_kind() == ErrorDetailKind::kAlreadyExists &&
        options.mode == SaveMode::kAppend && !written.empty()) {
      return AppendAfterCreateRace(table, ours, written, options, r.status());
    }
    return r;
  }

  switch (options.mode) {
    case SaveMode::kErrorIfExists:
      return Status::AlreadyExists("a Delta table already exists at " + table.location(),
                                   table.location());
    case SaveMode::kIgnore: {
      CommitResult ignored;
      ignored.version = snapshot->version();
      ignored.committed = false;
      return ignored;
    }
    case SaveMode::kAppend:
    case SaveMode::kOverwrite:
      break;
  }
  if (!options.partition_by.empty() && options.partition_by != snapshot->partition_columns() &&
      options.schema_mode != SchemaMode::kOverwrite) {
    return Status::InvalidArgument("partition columns " + JsonStringArray(options.partition_by) +
                                   " differ from the table's " +
                                   JsonStringArray(snapshot->partition_columns()));
  }
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, options.transaction));
  DELTA_ASSIGN_OR_RETURN(TableProperties props,
                         TableProperties::Parse(snapshot->metadata().configuration));
  DELTA_ASSIGN_OR_RETURN(SchemaMerge merged,
                         MergeSchemaForWrite(*snapshot->schema(), *data_schema, options.schema_mode,
                                             props.enable_type_widening()));
  std::vector<std::string> partition_columns = snapshot->partition_columns();
  if (options.schema_mode == SchemaMode::kOverwrite) {
    Metadata m = snapshot->metadata();
    m.schema_string = merged.schema->ToJson();
    if (!options.partition_by.empty()) m.partition_columns = options.partition_by;
    partition_columns = m.partition_columns;
    DELTA_RETURN_NOT_OK(StageMetadataChange(*txn, *snapshot, std::move(m)));
  } else if (merged.changed) {
    Metadata m = snapshot->metadata();
    m.schema_string = merged.schema->ToJson();
    DELTA_RETURN_NOT_OK(StageMetadataChange(*txn, *snapshot, std::move(m)));
  }

  std::vector<WriteConstraint> extra;
  bool as_changes = false;
  if (options.mode == SaveMode::kOverwrite) {
    if (options.predicate.empty()) {
      txn->RecordReadWholeTable();
      for (const AddFile& f : snapshot->files()) DELTA_RETURN_NOT_OK(txn->RemoveLiveFile(f));
    } else {
      Result<ExprPtr> parsed = ParseExpression(options.predicate);
      if (!parsed.ok()) return parsed.status().WithContext("overwrite predicate");
      Result<ExprPtr> bound = BindExpression(*parsed, *snapshot->schema());
      if (!bound.ok()) return bound.status().WithContext("overwrite predicate");
      // The rows it covers go first: whole files by partition values, the rest row by row.
      ParquetWriteOptions file_options = FileOptions(options);
      DELTA_ASSIGN_OR_RETURN(
          ops::RowDeletionMetrics deleted,
          ops::StageRowDeletion(*txn, snapshot, table.engine(), *parsed, &file_options));
      txn->SetOperationMetric("numRemovedFiles", deleted.num_removed_files);
      txn->SetOperationMetric("numDeletedRows", deleted.num_deleted_rows);
      txn->SetOperationMetric("numCopiedRows", deleted.num_copied_rows);
      as_changes = deleted.num_added_change_files > 0;
      // Every row written must fall inside what is replaced, as Delta Spark checks it.
      extra.push_back(WriteConstraint{
          WriteConstraint::Kind::kCheck, "replaceWhere", options.predicate, {}, *bound});
    }
  }
  SetWriteOperation(*txn, options, partition_columns);
  return WriteAndCommit(*txn, owner.Release(), options, std::move(extra), &written, as_changes);
}

}  // namespace delta
