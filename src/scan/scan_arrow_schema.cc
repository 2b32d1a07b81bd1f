#include "scan/scan_arrow_schema.h"

#include <string>
#include <utility>
#include <vector>

namespace delta {

namespace {

Result<ArrowField> TypeToArrow(std::string name, const DataType& type, bool nullable,
                               bool with_field_ids) {
  ArrowField out{std::move(name), "", nullable, {}, {}, 0};
  switch (type.kind()) {
    case TypeKind::kString:
      out.format = "u";
      break;
    case TypeKind::kLong:
      out.format = "l";
      break;
    case TypeKind::kInteger:
      out.format = "i";
      break;
    case TypeKind::kShort:
      out.format = "s";
      break;
    case TypeKind::kByte:
      out.format = "c";
      break;
    case TypeKind::kFloat:
      out.format = "f";
      break;
    case TypeKind::kDouble:
      out.format = "g";
      break;
    case TypeKind::kBoolean:
      out.format = "b";
      break;
    case TypeKind::kBinary:
      out.format = "z";
      break;
    case TypeKind::kDate:
      out.format = "tdD";
      break;
    case TypeKind::kTimestamp:
      out.format = "tsu:UTC";
      break;
    case TypeKind::kTimestampNtz:
      out.format = "tsu:";
      break;
    case TypeKind::kDecimal: {
      const auto& d = static_cast<const DecimalType&>(type);
      out.format = "d:" + std::to_string(d.precision()) + "," + std::to_string(d.scale());
      break;
    }
    case TypeKind::kVoid:
      out.format = "n";
      out.nullable = true;
      break;
    case TypeKind::kVariant:
      // Unshredded variant: Parquet's group of two binaries, matched by name.
      out.format = "+s";
      out.children.push_back(ArrowField::Binary("value", true));
      out.children.push_back(ArrowField::Binary("metadata", true));
      break;
    case TypeKind::kGeometry:
    case TypeKind::kGeography:
      return Status::Unsupported("column '" + out.name + "' has type " + type.ToString() +
                                 ", which scans cannot read yet");
    case TypeKind::kStruct: {
      out.format = "+s";
      for (const StructField& f : type.as_struct()->fields()) {
        DELTA_ASSIGN_OR_RETURN(ArrowField child, ToArrowField(f, with_field_ids));
        out.children.push_back(std::move(child));
      }
      break;
    }
    case TypeKind::kArray: {
      const ArrayType* at = type.as_array();
      DELTA_ASSIGN_OR_RETURN(ArrowField element, TypeToArrow("element", *at->element_type(),
                                                             at->contains_null(), with_field_ids));
      return ArrowField::List(std::move(out.name), std::move(element), nullable);
    }
    case TypeKind::kMap: {
      const MapType* mt = type.as_map();
      DELTA_ASSIGN_OR_RETURN(ArrowField key,
                             TypeToArrow("key", *mt->key_type(), false, with_field_ids));
      DELTA_ASSIGN_OR_RETURN(
          ArrowField value,
          TypeToArrow("value", *mt->value_type(), mt->value_contains_null(), with_field_ids));
      return ArrowField::Map(std::move(out.name), std::move(key), std::move(value), nullable);
    }
  }
  return out;
}

}  // namespace

Result<ArrowField> ToArrowField(const StructField& field, bool with_field_ids) {
  DELTA_ASSIGN_OR_RETURN(ArrowField out,
                         TypeToArrow(field.name, *field.type, field.nullable, with_field_ids));
  if (with_field_ids) {
    if (std::optional<int64_t> id = field.ColumnMappingId()) {
      out.WithFieldId(static_cast<int32_t>(*id));
    }
  }
  return out;
}

Result<ArrowSchemaHandle> ToArrowSchema(const StructType& schema, bool with_field_ids) {
  std::vector<ArrowField> fields;
  fields.reserve(schema.num_fields());
  for (const StructField& f : schema.fields()) {
    DELTA_ASSIGN_OR_RETURN(ArrowField af, ToArrowField(f, with_field_ids));
    fields.push_back(std::move(af));
  }
  return ArrowField::Struct("", std::move(fields), /*nullable=*/false).Export();
}

}  // namespace delta
