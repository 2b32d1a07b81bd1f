// Scan::Make: binds the filter, resolves the selected columns, and derives the output, working
// and physical schemas with one transform per working column.
#include "delta/scan.h"

#include <algorithm>
#include <array>
#include <functional>
#include <utility>

#include "delta/table_features.h"
#include "log/snapshot_state.h"
#include "scan/scan_arrow_schema.h"
#include "scan/scan_columns.h"
#include "scan/scan_extension.h"
#include "scan/scan_state.h"

namespace delta {

namespace {

// Reader-writer features a scan honours, and how:
//   columnMapping          physical names / field ids in the physical schema
//   deletionVectors        descriptors on ScanFile, applied by the executor
//   timestampNtz           a type (timestamp without zone)
//   typeWidening(-preview) the physical schema carries current types; readers widen
//   v2Checkpoint           log replay only
//   vacuumProtocolCheck    constrains VACUUM only
//   variantType(-preview)  unshredded variant read as struct<value, metadata>
constexpr std::array<std::string_view, 9> kScanReaderFeatures = {
    feature::kColumnMapping,       feature::kDeletionVectors,     feature::kTimestampNtz,
    feature::kTypeWidening,        feature::kTypeWideningPreview, feature::kV2Checkpoint,
    feature::kVacuumProtocolCheck, feature::kVariantType,         feature::kVariantTypePreview,
};

constexpr std::array<std::string_view, 4> kMetadataColumnNames = {"_file_path", "_row_index",
                                                                  "_row_id", "_row_commit_version"};

void CollectColumns(const Expression& e, std::vector<std::vector<std::string>>* out) {
  if (e.kind == ExprKind::kColumn) {
    out->push_back(e.path);
    return;
  }
  for (const ExprPtr& c : e.children) {
    if (c) CollectColumns(*c, out);
  }
}

DataTypePtr LongType() { return PrimitiveType::Make(TypeKind::kLong); }

// Spark keeps a string column's collation in its field metadata; anything but the default
// (byte-wise UTF8_BINARY) compares differently from the filter evaluation here.
constexpr std::string_view kCollationsKey = "__COLLATIONS";

const StructField* FieldAtPath(const StructType& schema, const std::vector<std::string>& path) {
  const StructType* current = &schema;
  const StructField* f = nullptr;
  for (const std::string& name : path) {
    if (current == nullptr) return nullptr;
    f = current->field(name);
    if (f == nullptr) return nullptr;
    current = f->type->as_struct();
  }
  return f;
}

bool HasNonBinaryCollation(const StructField& f) {
  auto it = f.metadata.find(std::string(kCollationsKey));
  if (it == f.metadata.end()) return false;
  // The value is a JSON object of collation names; only UTF8_BINARY ones are harmless.
  std::string_view text = it->second;
  size_t at = 0;
  while ((at = text.find(':', at)) != std::string_view::npos) {
    size_t open = text.find('"', at);
    if (open == std::string_view::npos) break;
    size_t close = text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open + 1, close - open - 1);
    if (name.find("UTF8_BINARY") == std::string_view::npos) return true;
    at = close + 1;
  }
  return false;
}

}  // namespace

std::string_view MetadataColumnName(MetadataColumn column) {
  return kMetadataColumnNames[static_cast<size_t>(column)];
}

std::optional<MetadataColumn> MetadataColumnFromName(std::string_view name) {
  for (size_t i = 0; i < kMetadataColumnNames.size(); ++i) {
    if (kMetadataColumnNames[i] == name) return static_cast<MetadataColumn>(i);
  }
  return std::nullopt;
}

// Builds a Scan's state step by step.
struct ScanBuilder {
  std::unique_ptr<ScanState> st = std::make_unique<ScanState>();
  const StructType* schema = nullptr;
  TableProperties properties;
  std::string table;                           // for messages
  std::shared_ptr<const StructType> extended;  // table schema + extension columns, if any

  const ExtraScanColumn* FindExtra(const std::string& name) const {
    if (st->extension == nullptr) return nullptr;
    for (const ExtraScanColumn& c : st->extension->columns) {
      if (c.field.name == name) return &c;
    }
    return nullptr;
  }

  Status CheckFeatures() {
    const Protocol& p = st->snapshot->protocol();
    for (const std::string& f : EffectiveReaderFeatures(p)) {
      bool honoured = std::find(kScanReaderFeatures.begin(), kScanReaderFeatures.end(), f) !=
                      kScanReaderFeatures.end();
      if (!honoured && GetFeatureKind(f) != FeatureKind::kWriterOnly) {
        return Status::Unsupported("table " + table + " at version " +
                                   std::to_string(st->snapshot->version()) +
                                   " needs reader feature '" + f + "', which scans do not support");
      }
    }
    ColumnMappingMode mode = properties.column_mapping_mode();
    if (mode != ColumnMappingMode::kNone && !IsFeatureEnabled(p, feature::kColumnMapping)) {
      return Status::InvalidTable("table " + table + " sets delta.columnMapping.mode=" +
                                  std::string(ColumnMappingModeName(mode)) +
                                  " but its protocol does not support columnMapping");
    }
    st->mapping_mode = mode;
    return Status::OK();
  }

  Status ResolvePartitionColumns() {
    for (const std::string& name : st->snapshot->partition_columns()) {
      const StructField* f = schema->field(name);
      if (f == nullptr) f = schema->FieldIgnoreCase(name);
      if (f == nullptr) {
        return Status::InvalidTable("table " + table + ": partition column '" + name +
                                    "' is not in the schema");
      }
      if (!f->type->is_primitive()) {
        return Status::InvalidTable("table " + table + ": partition column '" + name +
                                    "' has non-primitive type " + f->type->ToString());
      }
      st->partition_columns.push_back(f->name);
      st->partition_log_keys.push_back(st->mapping_mode == ColumnMappingMode::kNone
                                           ? f->name
                                           : f->PhysicalName().value_or(f->name));
      st->partition_types.push_back(f->type);
    }
    return Status::OK();
  }

  bool IsPartitionColumn(const std::string& name) const {
    const auto& pc = st->partition_columns;
    return std::find(pc.begin(), pc.end(), name) != pc.end();
  }

  Status Build() {
    const ScanOptions& opts = st->options;
    if (opts.limit && *opts.limit < 0) {
      return Status::InvalidArgument("scan limit must be >= 0, got " + std::to_string(*opts.limit));
    }
    DELTA_RETURN_NOT_OK(CheckFeatures());
    DELTA_RETURN_NOT_OK(ResolvePartitionColumns());

    // The filter, bound to the logical schema.
    std::vector<std::vector<std::string>> filter_columns;
    if (opts.filter) {
      auto bound = BindExpression(opts.filter, *schema);
      if (!bound.ok()) return bound.status().WithContext("scan filter on table " + table);
      st->bound_filter = std::move(*bound);
      CollectColumns(*st->bound_filter, &filter_columns);
      for (const auto& path : filter_columns) {
        const StructField* f = FieldAtPath(*schema, path);
        if (f != nullptr && HasNonBinaryCollation(*f)) {
          return Status::Unsupported(
              "scan filter on table " + table + ": column '" + f->name + "' has a collation (" +
              f->metadata.at(std::string(kCollationsKey)) + "), which filters do not support yet");
        }
      }
    }

    // Selected columns: top-level names in order, each with its selected sub-fields.
    std::vector<std::pair<std::string, ColumnSelection>> selected;
    std::vector<MetadataColumn> metadata;
    // Output order: (is metadata, index into `metadata` or `selected`).
    std::vector<std::pair<bool, size_t>> order;
    const auto select = [&selected, &order](const std::vector<std::string>& path) {
      for (auto& [name, sel] : selected) {
        if (name == path[0]) {
          sel.Add(path, 1);
          return;
        }
      }
      order.emplace_back(false, selected.size());
      selected.emplace_back(path[0], ColumnSelection{});
      selected.back().second.Add(path, 1);
    };
    if (!opts.columns) {
      for (const StructField& f : schema->fields()) select({f.name});
    } else {
      std::vector<std::vector<std::string>> seen;
      for (const std::string& text : *opts.columns) {
        DELTA_ASSIGN_OR_RETURN(std::vector<std::string> path, ParseColumnPath(text));
        auto resolved = ResolveColumnPath(*schema, path, text);
        if (!resolved.ok()) {
          std::optional<MetadataColumn> mc =
              path.size() == 1 ? MetadataColumnFromName(path[0]) : std::nullopt;
          if (!mc) return resolved.status().WithContext("table " + table);
          order.emplace_back(true, metadata.size());
          metadata.push_back(*mc);
          continue;
        }
        if (std::find(seen.begin(), seen.end(), *resolved) != seen.end()) {
          return Status::InvalidArgument("column '" + text + "' is selected more than once");
        }
        seen.push_back(*resolved);
        if (resolved->size() > 1 && IsPartitionColumn((*resolved)[0])) {
          return Status::InvalidArgument("column '" + text + "': partition column '" +
                                         (*resolved)[0] + "' is not a struct");
        }
        select(*resolved);
      }
    }
    for (MetadataColumn mc : opts.metadata_columns) {
      order.emplace_back(true, metadata.size());
      metadata.push_back(mc);
    }
    for (size_t i = 0; i < metadata.size(); ++i) {
      std::string_view name = MetadataColumnName(metadata[i]);
      if (std::find(metadata.begin(), metadata.begin() + static_cast<long>(i), metadata[i]) !=
          metadata.begin() + static_cast<long>(i)) {
        return Status::InvalidArgument("metadata column '" + std::string(name) +
                                       "' is selected more than once");
      }
      for (const auto& [col, sel] : selected) {
        if (col == name) {
          return Status::InvalidArgument("metadata column '" + std::string(name) +
                                         "' clashes with a table column of that name");
        }
      }
    }

    // Working columns: the output's data columns (widened by what the filter reads inside
    // them), then the filter's other top-level columns.
    std::vector<std::pair<std::string, ColumnSelection>> working = selected;
    std::vector<std::pair<std::string, ColumnSelection>> filter_only;
    for (const auto& path : filter_columns) {
      bool merged = false;
      for (auto& [name, sel] : working) {
        if (name == path[0]) {
          sel.Add(path, 1);
          merged = true;
          break;
        }
      }
      if (merged) continue;
      for (auto& [name, sel] : filter_only) {
        if (name == path[0]) {
          sel.Add(path, 1);
          merged = true;
          break;
        }
      }
      if (!merged) {
        filter_only.emplace_back(path[0], ColumnSelection{});
        filter_only.back().second.Add(path, 1);
      }
    }

    std::vector<StructField> output_fields;
    std::vector<StructField> working_fields;
    std::vector<StructField> physical_fields;
    const auto add_data_column = [&](const std::string& name, const ColumnSelection& sel,
                                     bool output, const ColumnSelection* output_sel) -> Status {
      const StructField* field = schema->field(name);
      StructField logical = PruneField(*field, sel);
      if (logical.type->kind() == TypeKind::kGeometry ||
          logical.type->kind() == TypeKind::kGeography) {
        return Status::Unsupported("table " + table + ": column '" + name + "' has type " +
                                   logical.type->ToString() + ", which scans cannot read yet");
      }
      ColumnTransform t;
      t.name = logical.name;
      t.type = logical.type;
      t.nullable = logical.nullable;
      if (const ExtraScanColumn* extra = FindExtra(name)) {
        t.source = extra->source;
        t.partition_column = name;
        if (extra->source == ColumnSource::kPartitionOrPhysical) {
          t.physical_index = static_cast<int>(physical_fields.size());
          physical_fields.push_back(StructField{extra->physical_name, logical.type, true, {}});
        }
      } else if (IsPartitionColumn(name)) {
        t.source = ColumnSource::kPartition;
        t.partition_column = name;
      } else if (logical.type->kind() == TypeKind::kVoid) {
        t.source = ColumnSource::kNull;
      } else {
        t.source = ColumnSource::kPhysical;
        DELTA_ASSIGN_OR_RETURN(StructField physical, PhysicalField(logical, st->mapping_mode));
        t.physical_index = static_cast<int>(physical_fields.size());
        physical_fields.push_back(std::move(physical));
      }
      if (output) output_fields.push_back(PruneField(*field, *output_sel));
      working_fields.push_back(std::move(logical));
      st->transforms.push_back(std::move(t));
      return Status::OK();
    };
    for (const auto& [is_metadata, i] : order) {
      if (!is_metadata) {
        DELTA_RETURN_NOT_OK(
            add_data_column(working[i].first, working[i].second, true, &selected[i].second));
        continue;
      }
      DELTA_RETURN_NOT_OK(AddMetadataColumn(metadata[i], &physical_fields));
      const ColumnTransform& t = st->transforms.back();
      StructField f{t.name, t.type, t.nullable, {}};
      output_fields.push_back(f);
      working_fields.push_back(std::move(f));
    }
    for (const auto& [name, sel] : filter_only) {
      DELTA_RETURN_NOT_OK(add_data_column(name, sel, false, nullptr));
    }

    st->output_schema = std::make_shared<StructType>(std::move(output_fields));
    st->working_schema = std::make_shared<StructType>(std::move(working_fields));
    st->physical_schema = std::make_shared<StructType>(std::move(physical_fields));
    // Fail now, not per file, when a type has no Arrow form.
    DELTA_RETURN_NOT_OK(
        ToArrowSchema(*st->physical_schema, st->mapping_mode == ColumnMappingMode::kId).status());
    DELTA_RETURN_NOT_OK(ToArrowSchema(*st->output_schema, /*with_field_ids=*/false).status());
    return Status::OK();
  }

  static Result<std::shared_ptr<const Scan>> MakeScan(
      std::shared_ptr<const Snapshot> snapshot, ScanOptions options,
      std::shared_ptr<const ScanExtension> extension);

  Status AddMetadataColumn(MetadataColumn mc, std::vector<StructField>* physical_fields) {
    ColumnTransform t;
    t.source = ColumnSource::kMetadata;
    t.metadata = mc;
    t.name = std::string(MetadataColumnName(mc));
    t.nullable = false;
    t.type = mc == MetadataColumn::kFilePath ? PrimitiveType::Make(TypeKind::kString) : LongType();
    if (mc == MetadataColumn::kRowId || mc == MetadataColumn::kRowCommitVersion) {
      const Protocol& p = st->snapshot->protocol();
      if (!IsFeatureEnabled(p, feature::kRowTracking) || !properties.enable_row_tracking()) {
        return Status::InvalidArgument("metadata column '" + t.name +
                                       "' needs row tracking, "
                                       "which is not enabled on table " +
                                       table + " (delta.enableRowTracking)");
      }
      const std::optional<std::string>& materialized =
          mc == MetadataColumn::kRowId ? properties.materialized_row_id_column_name()
                                       : properties.materialized_row_commit_version_column_name();
      if (materialized) {
        t.physical_index = static_cast<int>(physical_fields->size());
        physical_fields->push_back(StructField{*materialized, LongType(), true, {}});
      }
    }
    st->transforms.push_back(std::move(t));
    return Status::OK();
  }
};

Result<std::shared_ptr<const Scan>> Scan::Make(std::shared_ptr<const Snapshot> snapshot,
                                               ScanOptions options) {
  return MakeExtendedScan(std::move(snapshot), std::move(options), nullptr);
}

Result<std::shared_ptr<const Scan>> ScanBuilder::MakeScan(
    std::shared_ptr<const Snapshot> snapshot, ScanOptions options,
    std::shared_ptr<const ScanExtension> extension) {
  if (snapshot == nullptr) return Status::InvalidArgument("Scan::Make: snapshot is null");
  ScanBuilder b;
  b.st->snapshot = std::move(snapshot);
  b.st->options = std::move(options);
  b.st->extension = std::move(extension);
  b.schema = b.st->snapshot->schema().get();
  if (b.st->extension != nullptr && !b.st->extension->columns.empty()) {
    std::vector<StructField> fields = b.schema->fields();
    for (const ExtraScanColumn& c : b.st->extension->columns) {
      if (b.schema->FieldIgnoreCase(c.field.name) != nullptr) {
        return Status::InvalidTable("table " + b.st->snapshot->table_location() +
                                    " has a column named '" + c.field.name +
                                    "', which this read reserves");
      }
      fields.push_back(c.field);
    }
    b.extended = std::make_shared<StructType>(std::move(fields));
    b.schema = b.extended.get();
  }
  b.table = b.st->snapshot->table_location();
  DELTA_ASSIGN_OR_RETURN(b.properties, TableProperties::Parse(b.st->snapshot->properties()));
  DELTA_RETURN_NOT_OK(b.Build());
  return std::shared_ptr<const Scan>(std::make_shared<Scan>(std::move(b.st)));
}

Result<std::shared_ptr<const Scan>> MakeExtendedScan(
    std::shared_ptr<const Snapshot> snapshot, ScanOptions options,
    std::shared_ptr<const ScanExtension> extension) {
  return ScanBuilder::MakeScan(std::move(snapshot), std::move(options), std::move(extension));
}

Scan::Scan(std::unique_ptr<const ScanState> state) : state_(std::move(state)) {}
Scan::~Scan() = default;

const std::shared_ptr<const Snapshot>& Scan::snapshot() const { return state_->snapshot; }
const std::shared_ptr<Engine>& Scan::engine() const { return state_->snapshot->state().engine; }
const ScanOptions& Scan::options() const { return state_->options; }
const ExprPtr& Scan::bound_filter() const { return state_->bound_filter; }
ColumnMappingMode Scan::column_mapping_mode() const { return state_->mapping_mode; }
const std::shared_ptr<const StructType>& Scan::output_schema() const {
  return state_->output_schema;
}
const std::shared_ptr<const StructType>& Scan::working_schema() const {
  return state_->working_schema;
}
const std::shared_ptr<const StructType>& Scan::physical_schema() const {
  return state_->physical_schema;
}
const std::vector<ColumnTransform>& Scan::transforms() const { return state_->transforms; }
size_t Scan::num_output_columns() const { return state_->output_schema->num_fields(); }
const std::vector<std::string>& Scan::partition_columns() const {
  return state_->partition_columns;
}

Result<ArrowSchemaHandle> Scan::PhysicalArrowSchema() const {
  return ToArrowSchema(*state_->physical_schema, state_->mapping_mode == ColumnMappingMode::kId);
}

Result<ArrowSchemaHandle> Scan::OutputArrowSchema() const {
  return ToArrowSchema(*state_->output_schema, /*with_field_ids=*/false);
}

}  // namespace delta
