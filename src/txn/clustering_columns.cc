#include "txn/clustering_columns.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>

#include "delta/exception_status.h"
#include "util/printable.h"

namespace delta {

namespace {

namespace dom = simdjson::dom;

// Leaf columns a field contributes to delta.dataSkippingNumIndexedCols: a struct's leaves,
// anything else (an array or a map too) one.
int64_t LeafCount(const DataType& type) {
  if (type.kind() != TypeKind::kStruct) return 1;
  int64_t n = 0;
  for (const StructField& f : static_cast<const StructType&>(type).fields())
    n += LeafCount(*f.type);
  return n;
}

}  // namespace

Result<std::vector<std::vector<std::string>>> ParseClusteringColumns(
    std::string_view configuration) {
  const std::string where = "domain metadata " + std::string(kClusteringDomain);
  try {
    dom::parser parser;
    dom::element root;
    if (configuration.data() == nullptr) configuration = std::string_view("", 0);
    if (parser.parse(configuration.data(), configuration.size()).get(root) != simdjson::SUCCESS ||
        !root.is_object()) {
      return Status::InvalidTable(where +
                                  ": configuration is not a JSON object: " + Quoted(configuration));
    }
    dom::element list;
    if (root["clusteringColumns"].get(list) != simdjson::SUCCESS) {
      return std::vector<std::vector<std::string>>{};  // none listed
    }
    dom::array columns;
    if (list.get(columns) != simdjson::SUCCESS) {
      return Status::InvalidTable(where + ": clusteringColumns is not an array");
    }
    std::vector<std::vector<std::string>> out;
    for (dom::element c : columns) {
      dom::array parts;
      if (c.get(parts) != simdjson::SUCCESS) {
        return Status::Unsupported(where + ": clustering column entry " + simdjson::to_string(c) +
                                   " is not a list of column names (clustering transforms are "
                                   "not supported)");
      }
      std::vector<std::string> path;
      for (dom::element p : parts) {
        std::string_view name;
        if (p.get(name) != simdjson::SUCCESS) {
          return Status::InvalidTable(where + ": clustering column entry " +
                                      simdjson::to_string(c) + " holds a non-string name");
        }
        path.emplace_back(name);
      }
      if (path.empty()) return Status::InvalidTable(where + ": an empty clustering column path");
      out.push_back(std::move(path));
    }
    return out;
  } catch (...) {
    return StatusFromCurrentException("parsing " + where);
  }
}

Result<std::vector<std::string>> ClusteringColumnNames(
    const std::map<std::string, DomainMetadata>& domains, const StructType& schema,
    ColumnMappingMode mapping) {
  auto it = domains.find(std::string(kClusteringDomain));
  if (it == domains.end() || it->second.removed) return std::vector<std::string>{};
  DELTA_ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> paths,
                         ParseClusteringColumns(it->second.configuration));
  std::vector<std::string> names;
  for (const std::vector<std::string>& path : paths) {
    std::string dotted;
    for (const std::string& p : path) dotted += (dotted.empty() ? "" : ".") + p;
    if (path.size() != 1) {
      return Status::Unsupported("clustering column " + Quoted(dotted) +
                                 " is nested; this kernel clusters by top-level columns only");
    }
    const StructField* found = nullptr;
    for (const StructField& f : schema.fields()) {
      const std::string physical =
          mapping == ColumnMappingMode::kNone ? f.name : f.PhysicalName().value_or(f.name);
      if (physical == path[0]) found = &f;
    }
    if (found == nullptr) {
      return Status::InvalidTable("clustering column " + Quoted(dotted) + " (domain metadata " +
                                  std::string(kClusteringDomain) +
                                  ") is not a column of the table");
    }
    names.push_back(found->name);
  }
  return names;
}

Status CheckClusteringStats(const std::vector<std::string>& columns, const StructType& schema,
                            const TableProperties& properties) {
  const auto& listed = properties.data_skipping_stats_columns();
  const int32_t budget = properties.data_skipping_num_indexed_cols();
  for (const std::string& name : columns) {
    bool covered = false;
    if (listed) {
      covered = std::any_of(listed->begin(), listed->end(), [&](const std::vector<std::string>& p) {
        return p.size() == 1 && p[0] == name;
      });
    } else {
      int64_t before = 0;  // leaf columns ahead of this one
      for (const StructField& f : schema.fields()) {
        if (f.name == name) break;
        before += LeafCount(*f.type);
      }
      covered = budget < 0 || before < budget;
    }
    if (!covered) {
      return Status::InvalidArgument(
          "clustering column " + Quoted(name) +
          " would get no statistics (delta.dataSkippingNumIndexedCols / "
          "delta.dataSkippingStatsColumns leave it out), which clustered tables require");
    }
  }
  return Status::OK();
}

}  // namespace delta
