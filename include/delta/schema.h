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
  kString, kLong, kInteger, kShort, kByte, kFloat, kDouble, kBoolean, kBinary, kDate,
  kTimestamp, kTimestampNtz, kDecimal, kVariant, kVoid,  // primitives
  kStruct, kArray, kMap,                                  // nested
};

class StructType;
class ArrayType;
class MapType;

/// A Delta data type. Immutable; shared as std::shared_ptr<const DataType>.
class DataType {
 public:
  virtual ~DataType() = default;
  TypeKind kind() const { return kind_; }
  bool is_primitive() const { return kind_ < TypeKind::kStruct; }
  /// The protocol's name: "long", "decimal(10,2)", "struct", "array", "map", ...
  virtual std::string ToString() const;
  /// The protocol's JSON form: a quoted name for primitives, an object for nested types.
  virtual std::string ToJson() const;
  virtual bool Equals(const DataType& other) const;

  const StructType* as_struct() const;
  const ArrayType* as_array() const;
  const MapType* as_map() const;

 protected:
  explicit DataType(TypeKind kind) : kind_(kind) {}

 private:
  TypeKind kind_;
};

using DataTypePtr = std::shared_ptr<const DataType>;

/// A primitive type other than decimal.
class PrimitiveType : public DataType {
 public:
  /// Shared instance for `kind` (must be a non-decimal primitive).
  static DataTypePtr Make(TypeKind kind);
  explicit PrimitiveType(TypeKind kind) : DataType(kind) {}
};

/// decimal(precision, scale), 1 <= precision <= 38, 0 <= scale <= precision.
class DecimalType : public DataType {
 public:
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
  std::string ToJson() const;
  bool Equals(const StructField& other) const;
};

/// struct<...>. The table schema is a StructType.
class StructType : public DataType {
 public:
  explicit StructType(std::vector<StructField> fields);
  const std::vector<StructField>& fields() const { return fields_; }
  size_t num_fields() const { return fields_.size(); }
  /// Field by exact name, or nullptr.
  const StructField* field(std::string_view name) const;
  /// Index of a field by exact name, or -1.
  int FieldIndex(std::string_view name) const;
  /// Field by case-insensitive name (Delta column names are case-insensitive), or nullptr.
  const StructField* FieldIgnoreCase(std::string_view name) const;
  std::string ToString() const override;
  std::string ToJson() const override;
  bool Equals(const DataType& other) const override;

 private:
  std::vector<StructField> fields_;
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

/// Parses a schemaString (a struct type as JSON). InvalidTable on malformed input;
/// Unsupported naming the type for a type this kernel does not know.
Result<std::shared_ptr<const StructType>> ParseSchema(std::string_view json);

/// Parses one data type from its JSON form (a quoted primitive name or an object).
Result<DataTypePtr> ParseDataType(std::string_view json);

}  // namespace delta
