// Builds owned ArrowSchema trees in C++ without Arrow C++: the core uses these to ask an
// engine's Parquet reader for a projected read (e.g. the checkpoint read schema).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "delta/arrow_handles.h"

namespace delta {

/// One field of an Arrow schema: a value tree that exports to a C ArrowSchema.
struct ArrowField {
  std::string name;
  std::string format;  ///< Arrow C format string, e.g. "u", "l", "+s"
  bool nullable = true;
  std::vector<std::pair<std::string, std::string>> metadata;  ///< in order
  std::vector<ArrowField> children;
  int64_t extra_flags = 0;  ///< ORed into flags, e.g. ARROW_FLAG_MAP_KEYS_SORTED

  /// A utf8 string field.
  static ArrowField String(std::string name, bool nullable = true);
  /// A binary field.
  static ArrowField Binary(std::string name, bool nullable = true);
  /// An int32 field.
  static ArrowField Int32(std::string name, bool nullable = true);
  /// An int64 field.
  static ArrowField Int64(std::string name, bool nullable = true);
  /// A boolean field.
  static ArrowField Bool(std::string name, bool nullable = true);
  /// A float64 field.
  static ArrowField Double(std::string name, bool nullable = true);
  /// A struct of `fields`.
  static ArrowField Struct(std::string name, std::vector<ArrowField> fields, bool nullable = true);
  /// A list whose element field is `element` (renamed "element", Parquet's convention).
  static ArrowField List(std::string name, ArrowField element, bool nullable = true);
  /// A map<string, string> with nullable values (the shape of partitionValues and tags).
  static ArrowField StringMap(std::string name, bool nullable = true);
  /// A map with the given key and value fields (renamed "key" and "value"; the key is made
  /// non-nullable as Arrow requires).
  static ArrowField Map(std::string name, ArrowField key, ArrowField value, bool nullable = true);

  /// Appends a metadata entry; returns *this for chaining.
  ArrowField& WithMetadata(std::string key, std::string value);
  /// Sets "PARQUET:field_id" so readers match the column by Parquet field id.
  ArrowField& WithFieldId(int32_t id);

  /// Exports this field (and its children) as a C ArrowSchema that owns copies of everything;
  /// its release callback frees them.
  ArrowSchemaHandle Export() const;
  /// Like Export(), writing into `out` (which must be released or uninitialised).
  void ExportTo(ArrowSchema* out) const;
};

/// Encodes key/value pairs in the ArrowSchema.metadata binary layout (empty when no pairs).
std::string EncodeArrowMetadata(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace delta
