#include "delta/transaction.h"

#include <algorithm>
#include <utility>

#include "delta/changes.h"
#include "delta/engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_features.h"
#include "log/log_path.h"
#include "log/snapshot_state.h"
#include "protocol/action_batch.h"
#include "txn/auto_checkpoint.h"
#include "txn/clustering_columns.h"
#include "txn/commit_loop.h"
#include "txn/conflict_checker.h"
#include "txn/live_file_remove.h"
#include "txn/rebase_metrics.h"
#include "txn/transaction_state.h"
#include "txn/write_constraints.h"
#include "txn/write_support.h"
#include "util/printable.h"
#include "util/uuid.h"

namespace delta {

namespace {

bool HasWriterFeature(const Protocol& p, std::string_view feature) {
  std::vector<std::string> features = EffectiveWriterFeatures(p);
  return std::find(features.begin(), features.end(), feature) != features.end();
}

// The physical name a partition value is keyed by in the log.
std::string PhysicalPartitionName(const StructType& schema, const std::string& logical) {
  for (const StructField& f : schema.fields()) {
    if (f.name == logical) return f.PhysicalName().value_or(logical);
  }
  return logical;
}

// Adds the commit's files to `footprint` as the conflict checker sees them.
void AddFileFootprint(const ActionBatch& staged, TransactionWrites* writes) {
  writes->data_change = false;
  for (const AddFile& a : staged.adds) {
    FootprintAdd f;
    f.path = std::string(a.path);
    for (const PartitionValue& v : a.partition_values) {
      f.partition_values[std::string(v.column)] =
          v.value ? std::optional<std::string>(std::string(*v.value)) : std::nullopt;
    }
    f.stats = std::string(a.stats);
    writes->adds.push_back(std::move(f));
    if (a.data_change) writes->data_change = true;
  }
  for (const RemoveFile& r : staged.removes) {
    writes->removes.push_back(FootprintRemove{std::string(r.path), r.data_change});
    if (r.data_change) writes->data_change = true;
  }
}

Status ValidateMetadata(const Metadata& m, std::shared_ptr<const StructType>* schema,
                        TableProperties* properties) {
  DELTA_ASSIGN_OR_RETURN(*schema, ParseSchema(m.schema_string));
  for (const std::string& c : m.partition_columns) {
    if (!(*schema)->field(c)) {
      return Status::InvalidArgument("partition column " + Quoted(c) +
                                     " is not a column of the schema");
    }
  }
  DELTA_ASSIGN_OR_RETURN(*properties, TableProperties::Parse(m.configuration));
  return Status::OK();
}

// The materialized row tracking columns (hidden from the schema) that `data` carries as
// top-level columns: rewrites hand them in to keep rows' ids and commit versions.
std::vector<std::string> HiddenRowTrackingColumns(const TransactionState& s,
                                                  ArrowArrayStream* data) {
  std::vector<std::string> out;
  if (data == nullptr || data->release == nullptr || data->get_schema == nullptr ||
      !HasWriterFeature(s.protocol, feature::kRowTracking)) {
    return out;
  }
  ArrowSchema schema{};
  if (data->get_schema(data, &schema) != 0) return out;  // the writer reports the error
  for (const auto* name : {&s.properties.materialized_row_id_column_name(),
                           &s.properties.materialized_row_commit_version_column_name()}) {
    if (!name->has_value()) continue;
    for (int64_t i = 0; i < schema.n_children; ++i) {
      const char* child = schema.children[i]->name;
      if (child != nullptr && **name == child) out.push_back(**name);
    }
  }
  if (schema.release) schema.release(&schema);
  return out;
}

}  // namespace

Transaction::Transaction(std::unique_ptr<TransactionState> state) : state_(std::move(state)) {}
Transaction::~Transaction() = default;

Result<std::unique_ptr<Transaction>> Transaction::Begin(std::shared_ptr<const Snapshot> snapshot,
                                                        TransactionOptions options) {
  if (!snapshot) return Status::InvalidArgument("Transaction::Begin: null snapshot");
  auto s = std::make_unique<TransactionState>();
  s->engine = snapshot->state().engine;
  s->table_root = snapshot->table_location();
  s->read_version = snapshot->version();
  s->protocol = snapshot->protocol();
  s->metadata = snapshot->metadata();
  s->schema = snapshot->schema();
  DELTA_ASSIGN_OR_RETURN(s->properties, TableProperties::Parse(s->metadata.configuration));
  DELTA_RETURN_NOT_OK(CheckWriteSupported(s->protocol, s->metadata, *s->schema)
                          .WithContext("table " + s->table_root));
  if (HasWriterFeature(s->protocol, feature::kClustering)) {
    // Every file added to a clustered table needs statistics on its clustering columns.
    Result<std::vector<std::string>> clustering = ClusteringColumnNames(
        snapshot->domain_metadata(), *s->schema, s->properties.column_mapping_mode());
    Status st = clustering.ok() ? CheckClusteringStats(*clustering, *s->schema, s->properties)
                                : clustering.status();
    DELTA_RETURN_NOT_OK(st.WithContext("table " + s->table_root));
  }
  s->snapshot = std::move(snapshot);
  s->options = std::move(options);
  s->txn_id = UuidText(RandomUuid());
  return std::unique_ptr<Transaction>(new Transaction(std::move(s)));
}

Result<std::unique_ptr<Transaction>> Transaction::BeginCreate(const Table& table,
                                                              TransactionOptions options) {
  auto s = std::make_unique<TransactionState>();
  s->engine = table.engine();
  s->table_root = table.location();
  // A log that holds any commit or checkpoint is a table already.
  Result<std::vector<FileInfo>> listing =
      s->engine->file_system().ListPrefix(s->table_root + "/_delta_log/");
  if (!listing.ok() && listing.status().code() != StatusCode::kNotFound) return listing.status();
  if (listing.ok()) {
    for (const FileInfo& f : *listing) {
      std::optional<LogFile> file = ParseLogFileName(FileNameOf(f.location));
      if (file && file->type != LogFileType::kChecksum) {
        return Status::AlreadyExists("a Delta table already exists at " + s->table_root,
                                     s->table_root);
      }
    }
  }
  s->options = std::move(options);
  s->txn_id = UuidText(RandomUuid());
  s->protocol_changed = true;
  s->metadata_changed = true;
  return std::unique_ptr<Transaction>(new Transaction(std::move(s)));
}

int64_t Transaction::read_version() const { return state_->read_version; }
const std::shared_ptr<const Snapshot>& Transaction::snapshot() const { return state_->snapshot; }
const Metadata& Transaction::metadata() const { return state_->metadata; }
const Protocol& Transaction::protocol() const { return state_->protocol; }
const std::shared_ptr<const StructType>& Transaction::schema() const { return state_->schema; }
const TransactionOptions& Transaction::options() const { return state_->options; }

IsolationLevel Transaction::isolation_level() const {
  return state_->options.isolation_level.value_or(state_->properties.isolation_level());
}

void Transaction::RecordReadWholeTable() { state_->reads.whole_table = true; }

Status Transaction::RecordReadPredicate(const ExprPtr& predicate) {
  if (!predicate) return Status::InvalidArgument("RecordReadPredicate: null predicate");
  if (!state_->schema)
    return Status::InvalidArgument("RecordReadPredicate: the table has no schema");
  Result<ExprPtr> bound = BindExpression(predicate, *state_->schema);
  if (!bound.ok())
    return bound.status().WithContext("read predicate " + Quoted(predicate->ToString()));
  state_->reads.predicates.push_back(*bound);
  return Status::OK();
}

void Transaction::RecordReadFile(std::string_view path) {
  state_->reads.files.emplace(std::string(path));
}

void Transaction::RecordReadRows(const AddFile& live, std::span<const uint64_t> rows) {
  TransactionState& s = *state_;
  // A file none of whose rows matter was read only as far as the recorded predicates say.
  if (!rows.empty()) RecordReadFile(live.path);
  if (!s.options.row_level_concurrency) return;
  s.reads.row_level_files.emplace(std::string(live.path));
  auto it = s.row_level_reads.find(live.path);
  if (it == s.row_level_reads.end()) {
    RowLevelRead read{s.rebase_copies.AppendAdd(live), {}};
    it = s.row_level_reads.emplace(std::string(live.path), std::move(read)).first;
  }
  it->second.rows.insert(it->second.rows.end(), rows.begin(), rows.end());
}

std::optional<int64_t> Transaction::ReadAppVersion(std::string_view app_id) {
  state_->reads.app_ids.emplace(std::string(app_id));
  if (!state_->snapshot) return std::nullopt;
  const auto& txns = state_->snapshot->set_transactions();
  auto it = txns.find(std::string(app_id));
  if (it == txns.end()) return std::nullopt;
  return it->second.version;
}

std::optional<DomainMetadata> Transaction::ReadDomainMetadata(std::string_view domain) {
  state_->reads.domains.emplace(std::string(domain));
  if (!state_->snapshot) return std::nullopt;
  const auto& domains = state_->snapshot->domain_metadata();
  auto it = domains.find(std::string(domain));
  if (it == domains.end()) return std::nullopt;
  return it->second;
}

Result<std::vector<WrittenFile>> Transaction::WriteFiles(ArrowArrayStream* data,
                                                         const ParquetWriteOptions* overrides) {
  TransactionState& s = *state_;
  if (!s.schema) {
    if (data && data->release) data->release(data);
    return Status::InvalidArgument("WriteFiles: the transaction has no table metadata yet");
  }
  ParquetWriteOptions options = overrides ? *overrides : ParquetWriteOptions{};
  // The table's CHECK constraints, invariants and generation expressions, then the caller's.
  Result<std::vector<WriteConstraint>> constraints =
      CollectWriteConstraints(s.metadata, *s.schema, &s.protocol);
  if (!constraints.ok()) {
    if (data && data->release) data->release(data);
    return constraints.status().WithContext("table " + s.table_root);
  }
  constraints->insert(constraints->end(), options.constraints.begin(), options.constraints.end());
  options.constraints = std::move(*constraints);
  options.num_indexed_cols = s.properties.data_skipping_num_indexed_cols();
  options.stats_columns = s.properties.data_skipping_stats_columns();
  options.column_mapping = HasWriterFeature(s.protocol, feature::kColumnMapping)
                               ? s.properties.column_mapping_mode()
                               : ColumnMappingMode::kNone;
  options.tight_bounds = s.protocol.HasReaderFeature(feature::kDeletionVectors) &&
                         s.properties.enable_deletion_vectors();
  options.hidden_columns = HiddenRowTrackingColumns(s, data);
  return s.engine->parquet_writer().Write(s.table_root, *s.schema, s.metadata.partition_columns,
                                          data, options);
}

namespace {

// A written file's partition values keyed as the log keys them (physical names under column
// mapping). `names` owns the keys the returned views point into.
std::vector<PartitionValue> LogPartitionValues(const WrittenFile& f, const StructType* schema,
                                               std::vector<std::string>* names) {
  names->clear();
  names->reserve(f.partition_values.size());
  for (const auto& [logical, value] : f.partition_values) {
    names->push_back(schema ? PhysicalPartitionName(*schema, logical) : logical);
  }
  std::vector<PartitionValue> values;
  size_t i = 0;
  for (const auto& [logical, value] : f.partition_values) {
    values.push_back(PartitionValue{
        (*names)[i++], value ? std::optional<std::string_view>(*value) : std::nullopt});
  }
  return values;
}

}  // namespace

Status Transaction::AddFiles(std::span<const WrittenFile> files, bool data_change) {
  const TransactionState& s = *state_;
  std::vector<std::string> names;
  for (const WrittenFile& f : files) {
    std::vector<PartitionValue> values = LogPartitionValues(f, s.schema.get(), &names);
    AddFile add;
    add.path = f.path;
    add.partition_values = values;
    add.size = f.size;
    add.modification_time = f.modification_time;
    add.data_change = data_change;
    add.stats = f.stats;
    DELTA_RETURN_NOT_OK(AddAction(add));
  }
  return Status::OK();
}

Result<std::vector<WrittenFile>> Transaction::WriteChangeFiles(ArrowArrayStream* data) {
  TransactionState& s = *state_;
  if (!s.schema) {
    if (data && data->release) data->release(data);
    return Status::InvalidArgument("WriteChangeFiles: the transaction has no table metadata yet");
  }
  std::vector<StructField> fields = s.schema->fields();
  StructField change_type{
      std::string(kChangeTypeColumn), PrimitiveType::Make(TypeKind::kString), true, {}};
  ParquetWriteOptions options;
  options.num_indexed_cols = 0;  // readers never skip change files by statistics
  options.column_mapping = HasWriterFeature(s.protocol, feature::kColumnMapping)
                               ? s.properties.column_mapping_mode()
                               : ColumnMappingMode::kNone;
  if (options.column_mapping != ColumnMappingMode::kNone) {
    // Not a table column: stored under its own name; an id no column can ever get.
    change_type.metadata.emplace("delta.columnMapping.physicalName",
                                 "\"" + std::string(kChangeTypeColumn) + "\"");
    change_type.metadata.emplace("delta.columnMapping.id", "2147483647");
  }
  fields.push_back(std::move(change_type));
  DELTA_ASSIGN_OR_RETURN(
      std::vector<WrittenFile> written,
      s.engine->parquet_writer().Write(s.table_root + "/" + std::string(kChangeDataDir),
                                       StructType(std::move(fields)), s.metadata.partition_columns,
                                       data, options));
  for (WrittenFile& f : written) f.path = std::string(kChangeDataDir) + "/" + f.path;
  return written;
}

Status Transaction::AddChangeFiles(std::span<const WrittenFile> files) {
  const TransactionState& s = *state_;
  std::vector<std::string> names;
  for (const WrittenFile& f : files) {
    std::vector<PartitionValue> values = LogPartitionValues(f, s.schema.get(), &names);
    AddCdcFile cdc;
    cdc.path = f.path;
    cdc.partition_values = values;
    cdc.size = f.size;
    cdc.data_change = false;
    DELTA_RETURN_NOT_OK(AddCdcAction(cdc));
  }
  return Status::OK();
}

Status Transaction::AddAction(const AddFile& add) {
  TransactionState& s = *state_;
  if (add.path.empty()) return Status::InvalidArgument("AddFile: empty path");
  if (add.size < 0)
    return Status::InvalidArgument("AddFile " + Quoted(add.path) + ": negative size");
  bool assign = !add.base_row_id.has_value();
  if (assign && HasWriterFeature(s.protocol, feature::kRowTracking) && !add.NumRecords()) {
    return Status::InvalidArgument("AddFile " + Quoted(add.path) +
                                   ": row tracking needs numRecords in the file's statistics");
  }
  s.staged.AppendAdd(add);
  s.assign_row_tracking.push_back(assign);
  return Status::OK();
}

Status Transaction::RemoveLiveFile(const AddFile& live, bool data_change) {
  if (live.path.empty()) return Status::InvalidArgument("RemoveFile: empty path");
  state_->staged.AppendRemove(RemoveOfLiveFile(live, data_change));
  return Status::OK();
}

Status Transaction::AddCdcAction(const AddCdcFile& cdc) {
  if (cdc.path.empty()) return Status::InvalidArgument("AddCdcFile: empty path");
  state_->staged.AppendCdc(cdc);
  return Status::OK();
}

Status Transaction::UpdateMetadata(Metadata metadata) {
  TransactionState& s = *state_;
  std::shared_ptr<const StructType> schema;
  TableProperties properties;
  DELTA_RETURN_NOT_OK(
      ValidateMetadata(metadata, &schema, &properties).WithContext("metadata for " + s.table_root));
  if (s.snapshot && metadata.id != s.snapshot->metadata().id && !metadata.id.empty()) {
    return Status::InvalidArgument("UpdateMetadata: the table id cannot change (" +
                                   s.snapshot->metadata().id + " -> " + metadata.id + ")");
  }
  if (metadata.id.empty()) {
    metadata.id = s.snapshot ? s.snapshot->metadata().id : UuidText(RandomUuid());
  }
  s.metadata = std::move(metadata);
  s.schema = std::move(schema);
  s.properties = std::move(properties);
  s.metadata_changed = true;
  return Status::OK();
}

Status Transaction::UpdateProtocol(Protocol protocol) {
  TransactionState& s = *state_;
  DELTA_RETURN_NOT_OK(CheckReadSupported(protocol));
  if (s.snapshot) {
    const Protocol& old = s.snapshot->protocol();
    if (protocol.min_reader_version < old.min_reader_version ||
        protocol.min_writer_version < old.min_writer_version) {
      return Status::InvalidArgument("UpdateProtocol: protocol versions cannot be lowered");
    }
    for (const std::string& f : EffectiveWriterFeatures(old)) {
      if (!HasWriterFeature(protocol, f)) {
        return Status::InvalidArgument("UpdateProtocol: feature " + Quoted(f) +
                                       " cannot be dropped");
      }
    }
  }
  s.protocol = std::move(protocol);
  s.protocol_changed = true;
  return Status::OK();
}

Status Transaction::SetAppTransaction(std::string app_id, int64_t version) {
  if (app_id.empty()) return Status::InvalidArgument("SetAppTransaction: empty app id");
  if (version < 0) return Status::InvalidArgument("SetAppTransaction: negative version");
  TransactionState& s = *state_;
  // Our commit depends on the app's version we saw: a concurrent commit of the same app id
  // conflicts (or, when it holds our version, makes ours a no-op).
  s.reads.app_ids.insert(app_id);
  for (SetTransaction& t : s.txns) {
    if (t.app_id == app_id) {
      t.version = version;
      return Status::OK();
    }
  }
  s.txns.push_back(SetTransaction{std::move(app_id), version, std::nullopt});
  return Status::OK();
}

Status Transaction::SetDomainMetadata(DomainMetadata domain) {
  TransactionState& s = *state_;
  if (domain.domain.empty()) return Status::InvalidArgument("SetDomainMetadata: empty domain");
  if (domain.domain.starts_with("delta.")) {
    return Status::InvalidArgument("SetDomainMetadata: domain " + Quoted(domain.domain) +
                                   " is reserved for the Delta protocol");
  }
  if (!HasWriterFeature(s.protocol, feature::kDomainMetadata)) {
    return Status::Unsupported("SetDomainMetadata: the table's protocol does not support the '" +
                               std::string(feature::kDomainMetadata) + "' writer feature");
  }
  for (DomainMetadata& d : s.domains) {
    if (d.domain == domain.domain) {
      d = std::move(domain);
      return Status::OK();
    }
  }
  s.domains.push_back(std::move(domain));
  return Status::OK();
}

void Transaction::SetOperation(std::string operation,
                               std::map<std::string, std::string> parameters) {
  state_->operation = std::move(operation);
  state_->operation_parameters = std::move(parameters);
}

void Transaction::SetOperationMetric(std::string name, int64_t value) {
  for (auto& [k, v] : state_->operation_metrics) {
    if (k == name) {
      v = value;
      return;
    }
  }
  state_->operation_metrics.emplace_back(std::move(name), value);
}

void Transaction::SetCommitTag(std::string key, std::string value) {
  state_->commit_tags[std::move(key)] = std::move(value);
}

Result<CommitResult> Transaction::Commit() {
  TransactionState& s = *state_;
  if (s.commit_called)
    return Status::InvalidArgument("Commit: this transaction was committed already");
  s.commit_called = true;
  const bool creating = !s.snapshot;
  if (creating && (!s.schema || s.metadata.schema_string.empty())) {
    return Status::InvalidArgument("Commit: a new table needs metadata (UpdateMetadata)");
  }
  // Whatever the staged protocol and metadata need, this kernel must honour.
  DELTA_RETURN_NOT_OK(
      CheckWriteSupported(s.protocol, s.metadata, *s.schema).WithContext("table " + s.table_root));
  if (s.properties.append_only()) {
    for (const RemoveFile& r : s.staged.removes) {
      if (r.data_change) {
        return Status::Unsupported("table " + s.table_root +
                                   " is append-only (delta.appendOnly=true): cannot remove " +
                                   Quoted(r.path));
      }
    }
  }
  if (!s.domains.empty() || s.properties.enable_row_tracking()) {
    if (!HasWriterFeature(s.protocol, feature::kDomainMetadata) && !s.domains.empty()) {
      return Status::Unsupported("the table's protocol lacks the 'domainMetadata' writer feature");
    }
  }

  // Idempotent writes: the table holds this app's version already.
  if (s.snapshot) {
    for (const SetTransaction& t : s.txns) {
      auto it = s.snapshot->set_transactions().find(t.app_id);
      if (it != s.snapshot->set_transactions().end() && it->second.version >= t.version) {
        CommitResult result;
        result.version = s.read_version;
        result.committed = false;
        return result;
      }
    }
  }

  // Our side of every conflict check.
  TransactionFootprint footprint;
  footprint.isolation_level = isolation_level();
  footprint.reads = s.reads;
  AddFileFootprint(s.staged, &footprint.writes);
  for (const DomainMetadata& d : s.domains) footprint.writes.domains.insert(d.domain);
  for (const SetTransaction& t : s.txns) footprint.writes.app_ids.insert(t.app_id);
  footprint.writes.metadata_changed = s.metadata_changed && !creating;
  footprint.writes.protocol_changed = s.protocol_changed && !creating;
  if (!s.options.row_level_concurrency) {
    footprint.writes.rows_unmappable_reason =
        "row-level concurrency is off (TransactionOptions::row_level_concurrency)";
  } else if (!HasWriterFeature(s.protocol, feature::kRowTracking) ||
             !s.properties.enable_row_tracking()) {
    footprint.writes.rows_unmappable_reason =
        "the table has no row tracking (delta.enableRowTracking)";
  } else {
    footprint.writes.rows_mappable = true;
  }

  CommitPlan plan;
  plan.creating = creating;
  plan.isolation =
      footprint.writes.data_change ? footprint.isolation_level : IsolationLevel::kSnapshotIsolation;
  plan.blind_append = s.reads.IsBlind() && s.staged.removes.empty() && !s.staged.adds.empty() &&
                      std::all_of(s.staged.adds.begin(), s.staged.adds.end(),
                                  [](const AddFile& a) { return a.data_change; });
  plan.row_tracking = HasWriterFeature(s.protocol, feature::kRowTracking);
  plan.in_commit_timestamps = s.properties.enable_in_commit_timestamps() &&
                              HasWriterFeature(s.protocol, feature::kInCommitTimestamp);
  plan.version = s.read_version + 1;
  if (s.snapshot) {
    DELTA_ASSIGN_OR_RETURN(TableProperties read_properties,
                           TableProperties::Parse(s.snapshot->properties()));
    plan.in_commit_timestamps_before =
        read_properties.enable_in_commit_timestamps() &&
        HasWriterFeature(s.snapshot->protocol(), feature::kInCommitTimestamp);
    if (plan.in_commit_timestamps_before) plan.previous_ict = s.snapshot->timestamp();
    auto it = s.snapshot->domain_metadata().find(std::string(kRowTrackingDomain));
    if (it != s.snapshot->domain_metadata().end()) {
      DELTA_ASSIGN_OR_RETURN(plan.row_id_high_water_mark,
                             ParseRowIdHighWaterMark(it->second.configuration));
    }
  }
  plan.metrics = s.operation_metrics;
  if (plan.metrics.empty()) plan.metrics = DefaultOperationMetrics(s.staged);
  plan.engine_info = s.options.engine_info.empty()
                         ? std::string("delta-kernel-cpp/") + DELTA_KERNEL_VERSION
                         : s.options.engine_info;

  const std::shared_ptr<const StructType> read_schema = creating ? s.schema : s.snapshot->schema();
  const std::vector<std::string> read_partition_columns =
      creating ? s.metadata.partition_columns : s.snapshot->partition_columns();
  DELTA_ASSIGN_OR_RETURN(
      ConflictChecker checker,
      ConflictChecker::Make(std::move(footprint), read_schema, read_partition_columns));
  DELTA_ASSIGN_OR_RETURN(CommitResult result, RunCommitAttempts(s, checker, std::move(plan)));
  CheckpointAfterCommit(s, &result);
  return result;
}

}  // namespace delta
