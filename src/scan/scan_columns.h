// Column resolution for scans: parsing selected column paths, pruning nested structs to the
// selected fields, and mapping logical fields to the physical names and ids of data files.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/schema.h"
#include "delta/status.h"
#include "delta/table_properties.h"

namespace delta {

/// Splits a column path: "a.b" -> {"a", "b"}; backquoted parts may hold dots ("`a.b`.c"), and
/// "``" inside backquotes is one backquote. InvalidArgument on an empty part or an unclosed
/// backquote.
Result<std::vector<std::string>> ParseColumnPath(std::string_view text);

/// The fields selected below one column: all of them, or some children of a struct.
struct ColumnSelection {
  bool all = false;
  /// A selected child by schema name. Not a std::pair: a pair of this still-incomplete type
  /// does not compile with clang and libstdc++ 12 (the fuzz and clang builds).
  struct Child;
  /// Selected children, in selection order.
  std::vector<Child> children;

  /// Marks `path` (schema spelling, below this node) selected.
  void Add(const std::vector<std::string>& path, size_t from = 0);
  /// Merges another selection into this one.
  void Merge(const ColumnSelection& other);
};

struct ColumnSelection::Child {
  std::string name;
  ColumnSelection selection;
};

/// Resolves `path` in `schema` case-insensitively through nested structs, returning the
/// schema's spelling of each part. InvalidArgument naming `what` (the path as written) when a
/// part is missing or a parent is not a struct.
Result<std::vector<std::string>> ResolveColumnPath(const StructType& schema,
                                                   const std::vector<std::string>& path,
                                                   std::string_view what);

/// `field` with struct children limited to `selection` (kept in schema order).
StructField PruneField(const StructField& field, const ColumnSelection& selection);

/// The physical form of a logical field: under column mapping (name or id mode) every level
/// takes its delta.columnMapping.physicalName, and only delta.columnMapping.id is kept as
/// metadata (id mode only); with mode none names stay logical and metadata is dropped.
/// InvalidTable naming the field when a mapped field lacks its physical name (or its id in id
/// mode).
Result<StructField> PhysicalField(const StructField& field, ColumnMappingMode mode);

}  // namespace delta
