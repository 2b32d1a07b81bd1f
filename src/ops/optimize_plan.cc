#include "ops/optimize_plan.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <utility>

#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "ops/operation_parameters.h"
#include "scan/partition_pruning.h"
#include "scan/partition_values.h"
#include "txn/clustering_columns.h"
#include "util/printable.h"

namespace delta {

namespace {

// Spark's spelling of a null partition value in paths.
constexpr std::string_view kNullPartitionText = "__HIVE_DEFAULT_PARTITION__";

void CollectColumns(const Expression& e, std::vector<const Expression*>* out) {
  if (e.kind == ExprKind::kColumn) out->push_back(&e);
  for (const ExprPtr& c : e.children) {
    if (c) CollectColumns(*c, out);
  }
}

// The predicate, bound, when it names partition columns only.
Result<ExprPtr> BindPartitionPredicate(const Snapshot& snapshot, std::string_view text) {
  DELTA_ASSIGN_OR_RETURN(ExprPtr parsed, ParseExpression(text));
  DELTA_ASSIGN_OR_RETURN(ExprPtr bound, BindExpression(parsed, *snapshot.schema()));
  std::vector<const Expression*> columns;
  CollectColumns(*bound, &columns);
  const std::vector<std::string>& parts = snapshot.partition_columns();
  for (const Expression* c : columns) {
    const bool is_partition =
        c->path.size() == 1 && std::find(parts.begin(), parts.end(), c->path[0]) != parts.end();
    if (!is_partition) {
      std::string name;
      for (const std::string& p : c->path) name += (name.empty() ? "" : ".") + p;
      return Status::InvalidArgument("optimize predicate " + Quoted(text) + " names column " +
                                     Quoted(name) +
                                     ", which is not a partition column; OPTIMIZE selects "
                                     "whole partitions (partition columns: " +
                                     ops::JsonStringArray(parts) + ")");
    }
  }
  return bound;
}

// `names` as the schema spells them, checked to be sortable columns; `what` names them in errors
// ("z-order column" or "clustering column").
Result<std::vector<std::string>> ResolveSortColumns(const Snapshot& snapshot,
                                                    const std::vector<std::string>& names,
                                                    const std::string& what) {
  std::vector<std::string> out;
  const StructType& schema = *snapshot.schema();
  const std::vector<std::string>& parts = snapshot.partition_columns();
  for (const std::string& name : names) {
    const StructField* f = schema.field(name);
    if (f == nullptr) f = schema.FieldIgnoreCase(name);
    if (f == nullptr) {
      return Status::InvalidArgument(what + " " + Quoted(name) +
                                     " is not a top-level column of the table");
    }
    if (std::find(parts.begin(), parts.end(), f->name) != parts.end()) {
      return Status::InvalidArgument(what + " " + Quoted(f->name) +
                                     " is a partition column: each partition is one value of "
                                     "it already");
    }
    const TypeKind k = f->type->kind();
    if (!f->type->is_primitive() || k == TypeKind::kVariant || k == TypeKind::kVoid ||
        k == TypeKind::kGeometry || k == TypeKind::kGeography) {
      return Status::InvalidArgument(what + " " + Quoted(f->name) + " has type " +
                                     std::string(TypeKindName(k)) +
                                     ", which has no order to sort by");
    }
    if (std::find(out.begin(), out.end(), f->name) != out.end()) {
      return Status::InvalidArgument(what + " " + Quoted(f->name) + " is named twice");
    }
    out.push_back(f->name);
  }
  return out;
}

Result<int64_t> DefaultTargetSize(const Snapshot& snapshot) {
  auto it = snapshot.properties().find("delta.targetFileSize");
  if (it == snapshot.properties().end()) return kDefaultOptimizeTargetSize;
  char* end = nullptr;
  const long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || v <= 0) {
    return Status::InvalidTable("table property delta.targetFileSize=" + Quoted(it->second) +
                                " is not a positive number of bytes");
  }
  return static_cast<int64_t>(v);
}

// "day=2024-01-01/country=NL", by logical names in partition column order.
std::string PartitionKey(const Snapshot& snapshot, const AddFile& f) {
  std::string key;
  for (const std::string& name : snapshot.partition_columns()) {
    const StructField* field = snapshot.schema()->field(name);
    const std::string physical =
        field != nullptr ? field->PhysicalName().value_or(name) : std::string(name);
    std::string_view text = kNullPartitionText;
    for (const PartitionValue& v : f.partition_values) {
      if (v.column == physical && v.value) text = *v.value;
    }
    if (!key.empty()) key += '/';
    key += name;
    key += '=';
    key += text;
  }
  return key;
}

bool TooManyDeletedRows(const AddFile& f, double max_ratio) {
  if (f.deletion_vector == nullptr) return false;
  std::optional<int64_t> records = f.NumRecords();
  // Without a row count the ratio is unknown: compact, so the new file has stats.
  if (!records || *records <= 0) return true;
  return static_cast<double>(f.deletion_vector->cardinality) / static_cast<double>(*records) >
         max_ratio;
}

}  // namespace

Result<OptimizePlan> PlanOptimize(const Snapshot& snapshot, const OptimizeOptions& options) {
  const std::string where = "optimize table " + snapshot.table_location();
  if (!snapshot.has_file_list()) {
    return Status::InvalidArgument(where + ": the snapshot was loaded without its file list");
  }
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(snapshot.properties()));
  std::vector<std::string> clustering;
  if (IsFeatureEnabled(snapshot.protocol(), feature::kClustering)) {
    Result<std::vector<std::string>> names = ClusteringColumnNames(
        snapshot.domain_metadata(), *snapshot.schema(), props.column_mapping_mode());
    if (!names.ok()) return names.status().WithContext(where);
    clustering = std::move(*names);
  }
  if (!clustering.empty() && !snapshot.partition_columns().empty()) {
    return Status::InvalidTable(where +
                                ": the table is both clustered and partitioned, which "
                                "the protocol forbids");
  }
  if (!clustering.empty() && !options.z_order.empty()) {
    return Status::InvalidArgument(
        where + ": the table is clustered by " + ops::JsonStringArray(clustering) +
        "; OPTIMIZE sorts it by its clustering columns and takes no z-order columns " +
        ops::JsonStringArray(options.z_order));
  }
  if (options.max_deleted_rows_ratio < 0 || options.max_deleted_rows_ratio > 1) {
    return Status::InvalidArgument(where + ": max_deleted_rows_ratio must be within [0, 1]");
  }

  OptimizePlan plan;
  if (options.target_size) {
    if (*options.target_size <= 0) {
      return Status::InvalidArgument(where + ": target size must be a positive number of bytes");
    }
    plan.target_size = *options.target_size;
  } else {
    DELTA_ASSIGN_OR_RETURN(plan.target_size, DefaultTargetSize(snapshot));
  }
  const int64_t min_file_size = options.min_file_size.value_or(plan.target_size);
  if (!options.predicate.empty()) {
    DELTA_ASSIGN_OR_RETURN(plan.predicate, BindPartitionPredicate(snapshot, options.predicate));
  }
  DELTA_ASSIGN_OR_RETURN(plan.z_order,
                         ResolveSortColumns(snapshot, options.z_order, "z-order column"));
  DELTA_ASSIGN_OR_RETURN(plan.clustering,
                         ResolveSortColumns(snapshot, clustering, "clustering column"));
  const bool clustered = !plan.clustering.empty();
  const bool z_order = !plan.z_order.empty() || clustered;

  // Partition key -> candidate files.
  std::map<std::string, std::vector<const AddFile*>> partitions;
  for (const AddFile& f : snapshot.files()) {
    if (plan.predicate) {
      DELTA_ASSIGN_OR_RETURN(PartitionValueMap values,
                             ParsePartitionValues(f.partition_values, *snapshot.schema(),
                                                  snapshot.partition_columns()));
      if (EvaluatePartitionPredicate(*plan.predicate, values) != PartitionPredicateResult::kTrue) {
        continue;
      }
    }
    ++plan.files_considered;
    // Clustering rewrites the files nobody clustered yet; files clustered by us, or by another
    // clustering implementation (which only it may recluster), are left as they are.
    if (clustered && !f.clustering_provider.empty()) continue;
    if (!z_order && f.size >= min_file_size &&
        !TooManyDeletedRows(f, options.max_deleted_rows_ratio)) {
      continue;
    }
    partitions[PartitionKey(snapshot, f)].push_back(&f);
  }

  for (auto& [key, files] : partitions) {
    std::sort(files.begin(), files.end(), [](const AddFile* a, const AddFile* b) {
      return a->size != b->size ? a->size < b->size : a->path < b->path;
    });
    std::vector<OptimizeBin> bins;
    if (z_order) {
      // The whole partition is sorted as one: the curve orders all of its rows.
      OptimizeBin bin{key, files, 0};
      for (const AddFile* f : files) bin.bytes += f->size;
      bins.push_back(std::move(bin));
    } else {
      OptimizeBin current{key, {}, 0};
      for (const AddFile* f : files) {
        if (!current.files.empty() && current.bytes + f->size > plan.target_size) {
          bins.push_back(std::move(current));
          current = OptimizeBin{key, {}, 0};
        }
        current.files.push_back(f);
        current.bytes += f->size;
      }
      if (!current.files.empty()) bins.push_back(std::move(current));
      std::erase_if(bins, [](const OptimizeBin& b) { return b.files.size() < 2; });
    }
    if (!bins.empty()) ++plan.partitions;
    for (OptimizeBin& b : bins) plan.bins.push_back(std::move(b));
  }
  return plan;
}

std::map<std::string, std::string> OptimizeOperationParameters(const OptimizePlan& plan,
                                                               const OptimizeOptions& options) {
  std::vector<std::string> predicates;
  if (!options.predicate.empty()) predicates.push_back(options.predicate);
  return {{"predicate", ops::JsonStringArray(predicates)},
          {"zOrderBy", ops::JsonStringArray(plan.z_order)},
          {"clusterBy", ops::JsonStringArray(plan.clustering)},
          {"auto", "false"}};
}

}  // namespace delta
