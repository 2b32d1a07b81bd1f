// The Delta type system (PROTOCOL.md, "Schema Serialization Format") as typed objects.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta {

/// Every kind of Delta data type.
enum class TypeKind {
  // primitives
  kString,
  kLong,
  kInteger,
  kShort,
  kByte,
  kFloat,
  kDouble,
  kBoolean,
  kBinary,
  kDate,
  kTimestamp,
  kTimestampNtz,
  kDecimal,
  kVariant,
  kVoid,
  kGeometry,   ///< geometry(<crs>): WKB in Parquet; needs the `geospatial` table feature
  kGeography,  ///< geography(<crs>, <algorithm>): WKB in Parquet; `geospatial` feature
  // nested
  kStruct,
  kArray,
  kMap,
};

/// The protocol's name of a kind: "long", "timestamp_ntz", "decimal", "struct", ...
std::string_view TypeKindName(TypeKind kind);

class StructType;
class ArrayType;
class MapType;

/// A Delta data type. Immutable; shared as std::shared_ptr<const DataType>.
class DataType {
 public:
  virtual ~DataType() = default;
  TypeKind kind() const { return kind_; }
  /// True for every type that is not a struct, array or map.
  bool is_primitive() const {
    return kind_ != TypeKind::kStruct && kind_ != TypeKind::kArray && kind_ != TypeKind::kMap;
  }
  /// For primitives the protocol's name ("long", "decimal(10,2)", "geometry(OGC:CRS84)");
  /// nested types render as "struct<a:long,b:array<string>>", "map<string,int>" for messages.
  virtual std::string ToString() const;
  /// The protocol's JSON form: a quoted name for primitives, an object for nested types.
  virtual std::string ToJson() const;
  /// Structural equality, including nullability and field metadata.
  virtual bool Equals(const DataType& other) const;

  /// This type as a struct/array/map, or nullptr when it is another kind.
  const StructType* as_struct() const;
  const ArrayType* as_array() const;
  const MapType* as_map() const;

 protected:
  explicit DataType(TypeKind kind) : kind_(kind) {}

 private:
  TypeKind kind_;
};

using DataTypePtr = std::shared_ptr<const DataType>;

/// A primitive type without parameters (everything but decimal, geometry and geography).
class PrimitiveType : public DataType {
 public:
  /// Shared instance for `kind`; nullptr when `kind` is parameterised or nested.
  static DataTypePtr Make(TypeKind kind);
  explicit PrimitiveType(TypeKind kind) : DataType(kind) {}
};

/// decimal(precision, scale), 1 <= precision <= 38, 0 <= scale <= precision.
class DecimalType : public DataType {
 public:
  static constexpr int kMaxPrecision = 38;
  /// InvalidArgument when precision or scale is out of range.
  static Result<DataTypePtr> Make(int precision, int scale);
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;
  DecimalType(int precision, int scale)
      : DataType(TypeKind::kDecimal), precision_(precision), scale_(scale) {}

 private:
  int precision_;
  int scale_;
};

/// geometry(<crs>): planar geometries stored as WKB. The CRS is kept as written.
class GeometryType : public DataType {
 public:
  static constexpr std::string_view kDefaultCrs = "OGC:CRS84";
  explicit GeometryType(std::string crs = std::string(kDefaultCrs))
      : DataType(TypeKind::kGeometry), crs_(std::move(crs)) {}
  const std::string& crs() const { return crs_; }
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;

 private:
  std::string crs_;
};

/// geography(<crs>, <algorithm>): geometries on a spheroid with an edge interpolation
/// algorithm (spherical, vincenty, thomas, andoyer, karney), stored as WKB.
class GeographyType : public DataType {
 public:
  static constexpr std::string_view kDefaultCrs = "OGC:CRS84";
  static constexpr std::string_view kDefaultAlgorithm = "spherical";
  explicit GeographyType(std::string crs = std::string(kDefaultCrs),
                         std::string algorithm = std::string(kDefaultAlgorithm))
      : DataType(TypeKind::kGeography), crs_(std::move(crs)), algorithm_(std::move(algorithm)) {}
  const std::string& crs() const { return crs_; }
  const std::string& algorithm() const { return algorithm_; }
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;

 private:
  std::string crs_;
  std::string algorithm_;
};

/// One field of a struct: name, type, nullability and metadata (column mapping, comments...).
struct StructField {
  std::string name;
  DataTypePtr type;
  bool nullable = true;
  /// Field metadata; each value is kept as its JSON text (e.g. "5", "\"col-1a2b\"", "true").
  std::map<std::string, std::string> metadata;

  /// delta.columnMapping.id, when present.
  std::optional<int64_t> ColumnMappingId() const;
  /// delta.columnMapping.physicalName, when present.
  std::optional<std::string> PhysicalName() const;
  /// Metadata value as a string (JSON strings unquoted), when present.
  std::optional<std::string> MetadataString(std::string_view key) const;
  /// {"name":...,"type":...,"nullable":...,"metadata":{...}} in the protocol's key order.
  std::string ToJson() const;
  /// Same name (exactly), type, nullability and metadata.
  bool Equals(const StructField& other) const;
};

/// struct<...>. The table schema is a StructType.
class StructType : public DataType {
 public:
  /// Takes the fields as given; ParseSchema is where names are validated.
  explicit StructType(std::vector<StructField> fields);
  const std::vector<StructField>& fields() const { return fields_; }
  size_t num_fields() const { return fields_.size(); }
  /// Field by exact name, or nullptr.
  const StructField* field(std::string_view name) const;
  /// Index of a field by exact name, or -1.
  int FieldIndex(std::string_view name) const;
  /// Field by case-insensitive name (Delta column names are case-insensitive), or nullptr.
  const StructField* FieldIgnoreCase(std::string_view name) const;
  /// Index of a field by case-insensitive name, or -1.
  int FieldIndexIgnoreCase(std::string_view name) const;
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;

 private:
  std::vector<StructField> fields_;
  // Lookup tables, built for wide structs only (linear search is faster for a handful).
  std::vector<int> by_name_;                                // field indexes sorted by name
  std::vector<std::pair<std::string, int>> by_lower_name_;  // sorted by ASCII-lowered name
};

/// array<element>.
class ArrayType : public DataType {
 public:
  ArrayType(DataTypePtr element, bool contains_null)
      : DataType(TypeKind::kArray), element_(std::move(element)), contains_null_(contains_null) {}
  const DataTypePtr& element_type() const { return element_; }
  bool contains_null() const { return contains_null_; }
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;

 private:
  DataTypePtr element_;
  bool contains_null_;
};

/// map<key, value>.
class MapType : public DataType {
 public:
  MapType(DataTypePtr key, DataTypePtr value, bool value_contains_null)
      : DataType(TypeKind::kMap),
        key_(std::move(key)),
        value_(std::move(value)),
        value_contains_null_(value_contains_null) {}
  const DataTypePtr& key_type() const { return key_; }
  const DataTypePtr& value_type() const { return value_; }
  bool value_contains_null() const { return value_contains_null_; }
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;

 private:
  DataTypePtr key_;
  DataTypePtr value_;
  bool value_contains_null_;
};

/// Parses a schemaString (a struct type as JSON). InvalidTable on malformed input (naming the
/// field path), including names that repeat within a struct regardless of case;
/// Unsupported naming the type for a type this kernel does not know (e.g. intervals).
Result<std::shared_ptr<const StructType>> ParseSchema(std::string_view json);

/// Parses one data type from its JSON form (a quoted primitive name or an object).
Result<DataTypePtr> ParseDataType(std::string_view json);

/// Parses a primitive type name as it appears in a schema: "long", "decimal(10, 2)",
/// "geometry(OGC:CRS84)", ... Unsupported for names this kernel does not know.
Result<DataTypePtr> ParsePrimitiveTypeName(std::string_view name);

/// True when `type` is or contains (at any depth) a type of `kind`.
bool ContainsTypeKind(const DataType& type, TypeKind kind);

}  // namespace delta
