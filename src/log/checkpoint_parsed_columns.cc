#include "log/checkpoint_parsed_columns.h"

#include <optional>
#include <utility>

#include "delta/literal.h"
#include "log/checkpoint_stats.h"
#include "scan/literal_arrow.h"
#include "scan/partition_values.h"
#include "scan/stats.h"
#include "util/ascii.h"

namespace delta {
namespace {

std::string PhysicalName(const StructField& f) { return f.PhysicalName().value_or(f.name); }

// A node of stats_parsed's minValues/maxValues/nullCount trees: a struct of children or a leaf
// that reads StatsColumns column `column` (-1: a leaf statistics never hold, e.g. an array).
struct Node {
  int column = -1;
  bool is_struct = false;
  std::vector<Node> children;
};

bool HasMinMax(const DataType& type) { return !MinMaxArrowFormat(type).empty(); }

bool IsPrimitive(const DataType& type) {
  return type.as_struct() == nullptr && type.as_array() == nullptr && type.as_map() == nullptr;
}

// The trees of StatsParsedField (checkpoint_stats.cc), built by the same rules: min/max over
// leaves with min/max statistics (structs without any left out), null counts over every leaf.
std::vector<Node> Nodes(const StructType& s, std::vector<std::string>& path, bool min_max,
                        StatsColumns* columns) {
  std::vector<Node> out;
  for (const StructField& f : s.fields()) {
    path.push_back(PhysicalName(f));
    if (const StructType* child = f.type->as_struct()) {
      std::vector<Node> nested = Nodes(*child, path, min_max, columns);
      if (!nested.empty()) out.push_back(Node{-1, true, std::move(nested)});
    } else if (!min_max || HasMinMax(*f.type)) {
      Node leaf;
      if (IsPrimitive(*f.type)) leaf.column = static_cast<int>(columns->Add(path, f.type));
      out.push_back(std::move(leaf));
    }
    path.pop_back();
  }
  return out;
}

enum class Which { kMin, kMax, kNullCount };

void Fill(ArrowArrayBuilder& b, const Node& n, const FileStats* stats, Which which) {
  if (n.is_struct) {
    if (stats == nullptr) return b.AppendNull();
    for (size_t i = 0; i < n.children.size(); ++i) Fill(b.child(i), n.children[i], stats, which);
    return b.AppendValid();
  }
  if (stats == nullptr || n.column < 0) return b.AppendNull();
  const ColumnStats& c = stats->columns[static_cast<size_t>(n.column)];
  if (which == Which::kNullCount) {
    return c.null_count ? b.AppendInteger(*c.null_count) : b.AppendNull();
  }
  const std::optional<Literal>& v = which == Which::kMin ? c.min : c.max;
  if (!v) return b.AppendNull();
  AppendLiteral(b, *v);
}

// The Arrow format of a partition column's type ("" for a type partitions cannot have).
std::string PartitionFormat(const DataType& type) {
  if (type.kind() == TypeKind::kBoolean) return "b";
  if (type.kind() == TypeKind::kBinary) return "z";
  return MinMaxArrowFormat(type);
}

}  // namespace

struct CheckpointParsedColumns::Plan {
  bool stats = false;
  StatsColumns columns;
  bool has_min_max = false;
  bool has_null_count = false;
  Node min_max;
  Node null_count;
  // partitionValues_parsed: the logical names of its fields, in order.
  std::vector<std::string> partition_names;
  std::shared_ptr<const StructType> schema;
  std::vector<std::string> partition_columns;
};

CheckpointParsedColumns::CheckpointParsedColumns() : plan_(std::make_unique<Plan>()) {}
CheckpointParsedColumns::~CheckpointParsedColumns() = default;

Result<std::shared_ptr<const CheckpointParsedColumns>> CheckpointParsedColumns::Make(
    const StructType& schema, const std::vector<std::string>& partition_columns, bool stats,
    bool partition_values) {
  std::shared_ptr<CheckpointParsedColumns> out(new CheckpointParsedColumns());
  Plan& plan = *out->plan_;
  plan.schema = std::make_shared<StructType>(schema);
  plan.partition_columns = partition_columns;
  if (stats) {
    plan.stats = true;
    StructType data = StatsDataColumns(schema, partition_columns);
    std::vector<std::string> path;
    plan.min_max = Node{-1, true, Nodes(data, path, /*min_max=*/true, &plan.columns)};
    plan.null_count = Node{-1, true, Nodes(data, path, /*min_max=*/false, &plan.columns)};
    plan.has_min_max = !plan.min_max.children.empty();
    plan.has_null_count = !plan.null_count.children.empty();
    out->fields_.push_back(StatsParsedField(schema, partition_columns));
  }
  if (partition_values && !partition_columns.empty()) {
    std::vector<ArrowField> fields;
    for (const std::string& p : partition_columns) {
      const StructField* f = nullptr;
      for (const StructField& candidate : schema.fields()) {
        if (EqualsIgnoreCase(candidate.name, p)) f = &candidate;
      }
      if (f == nullptr) {
        return Status::InvalidTable("partition column '" + p + "' is not in the table schema");
      }
      std::string format = PartitionFormat(*f->type);
      if (format.empty()) {
        return Status::InvalidTable("partition column '" + p + "' has type " + f->type->ToString() +
                                    ", which cannot be a partition column");
      }
      fields.push_back(ArrowField{PhysicalName(*f), std::move(format)});
      plan.partition_names.push_back(f->name);
    }
    out->fields_.push_back(ArrowField::Struct("partitionValues_parsed", std::move(fields)));
  }
  return std::shared_ptr<const CheckpointParsedColumns>(std::move(out));
}

void CheckpointParsedColumns::Append(const AddFile& add, ArrowArrayBuilder* const* builders) const {
  const Plan& plan = *plan_;
  size_t next = 0;
  if (plan.stats) {
    ArrowArrayBuilder& b = *builders[next++];
    std::optional<FileStats> stats;
    if (!add.stats.empty()) {
      auto parsed = ParseFileStats(add.stats, plan.columns);
      if (parsed.ok()) stats = std::move(*parsed);
    }
    if (!stats) {
      b.AppendNull();
    } else {
      size_t child = 0;
      if (stats->num_records) {
        b.child(child++).AppendInteger(*stats->num_records);
      } else {
        b.child(child++).AppendNull();
      }
      if (plan.has_min_max) {
        Fill(b.child(child++), plan.min_max, &*stats, Which::kMin);
        Fill(b.child(child++), plan.min_max, &*stats, Which::kMax);
      }
      if (plan.has_null_count) Fill(b.child(child++), plan.null_count, &*stats, Which::kNullCount);
      // Only a false tightBounds says something (absent means true): readers render the JSON
      // statistics back from this struct, and they should read as written.
      if (stats->tight_bounds) {
        b.child(child++).AppendNull();
      } else {
        b.child(child++).AppendBool(false);
      }
      b.AppendValid();
    }
  }
  if (!plan.partition_names.empty()) {
    ArrowArrayBuilder& b = *builders[next++];
    auto values = ParsePartitionValues(add.partition_values, *plan.schema, plan.partition_columns);
    if (!values.ok()) return b.AppendNull();
    for (size_t i = 0; i < plan.partition_names.size(); ++i) {
      auto it = values->find(plan.partition_names[i]);
      if (it == values->end()) {
        b.child(i).AppendNull();
      } else {
        AppendLiteral(b.child(i), it->second);
      }
    }
    b.AppendValid();
  }
}

}  // namespace delta
