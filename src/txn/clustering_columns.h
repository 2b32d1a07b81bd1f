// The clustering columns of a clustered table (the `clustering` writer feature, "liquid
// clustering"): PROTOCOL.md "Clustered Table". They live in the `delta.clustering` domain
// metadata as {"clusteringColumns":[["physical","path"],...]}.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "delta/table_properties.h"

namespace delta {

inline constexpr std::string_view kClusteringDomain = "delta.clustering";
/// What this kernel writes as clusteringProvider on the files it clusters (as Delta Spark).
inline constexpr std::string_view kLiquidClusteringProvider = "liquid";

/// The physical paths listed by a delta.clustering domain's configuration. InvalidTable when
/// the JSON is malformed; Unsupported for entries this kernel does not know (e.g. transforms).
Result<std::vector<std::vector<std::string>>> ParseClusteringColumns(
    std::string_view configuration);

/// The table's clustering columns as logical top-level column names, in clustering order: none
/// when `domains` has no delta.clustering domain. Column mapping resolves the physical names.
/// InvalidTable naming a column the schema lacks; Unsupported naming a nested column.
Result<std::vector<std::string>> ClusteringColumnNames(
    const std::map<std::string, DomainMetadata>& domains, const StructType& schema,
    ColumnMappingMode mapping);

/// OK when the files the writer adds carry statistics for every clustering column, as the
/// protocol requires (delta.dataSkippingStatsColumns lists it, or it is among the first
/// delta.dataSkippingNumIndexedCols leaf columns); InvalidArgument naming the column otherwise.
Status CheckClusteringStats(const std::vector<std::string>& columns, const StructType& schema,
                            const TableProperties& properties);

}  // namespace delta
