#include "protocol/schema_from_arrow.h"

#include <charconv>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/ascii.h"

namespace delta {
namespace {

std::string ChildPath(const std::string& parent, std::string_view name) {
  return parent.empty() ? std::string(name) : parent + "." + std::string(name);
}

Status UnsupportedType(const std::string& path, std::string_view format) {
  return Status::Unsupported("column '" + path + "' has Arrow type '" + std::string(format) +
                             "', which has no Delta type");
}

bool ParseInt(std::string_view text, int* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

// "d:P,S" or "d:P,S,BITS".
Result<DataTypePtr> DecimalFromFormat(const std::string& path, std::string_view format) {
  std::string_view rest = format.substr(2);
  std::vector<std::string_view> parts;
  while (true) {
    size_t comma = rest.find(',');
    parts.push_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  int precision = 0;
  int scale = 0;
  int bits = 128;
  if (parts.size() < 2 || parts.size() > 3 || !ParseInt(parts[0], &precision) ||
      !ParseInt(parts[1], &scale) || (parts.size() == 3 && !ParseInt(parts[2], &bits))) {
    return Status::InvalidArgument("column '" + path + "' has a malformed Arrow decimal format '" +
                                   std::string(format) + "'");
  }
  if (bits != 32 && bits != 64 && bits != 128) return UnsupportedType(path, format);
  if (precision < 1 || precision > DecimalType::kMaxPrecision || scale < 0 || scale > precision) {
    return Status::Unsupported("column '" + path + "' has Arrow type '" + std::string(format) +
                               "': Delta decimals need 1 <= precision <= 38 and 0 <= scale <= "
                               "precision");
  }
  return DecimalType::Make(precision, scale);
}

Result<DataTypePtr> TypeFromArrow(const ArrowSchema& schema, const std::string& path);

Result<const ArrowSchema*> Child(const ArrowSchema& schema, int64_t k, const std::string& path) {
  if (schema.n_children <= k || schema.children == nullptr || schema.children[k] == nullptr) {
    return Status::InvalidArgument("column '" + path + "': Arrow type '" +
                                   std::string(schema.format) + "' is missing child " +
                                   std::to_string(k));
  }
  return schema.children[k];
}

bool Nullable(const ArrowSchema& schema) { return (schema.flags & ARROW_FLAG_NULLABLE) != 0; }

Result<std::shared_ptr<const StructType>> StructFromArrow(const ArrowSchema& schema,
                                                          const std::string& path) {
  std::vector<StructField> fields;
  fields.reserve(static_cast<size_t>(schema.n_children));
  for (int64_t k = 0; k < schema.n_children; ++k) {
    DELTA_ASSIGN_OR_RETURN(const ArrowSchema* child, Child(schema, k, path));
    if (child->name == nullptr) {
      return Status::InvalidArgument("field " + std::to_string(k) + " of " +
                                     (path.empty() ? std::string("the schema") : "'" + path + "'") +
                                     " has no name");
    }
    std::string child_path = ChildPath(path, child->name);
    // Delta column names are case-insensitive: two that differ only in case collide.
    for (const StructField& earlier : fields) {
      if (EqualsIgnoreCase(earlier.name, child->name)) {
        return Status::InvalidArgument("column '" + child_path + "' appears twice (as '" +
                                       earlier.name + "' and '" + child->name +
                                       "'; names are case-insensitive)");
      }
    }
    DELTA_ASSIGN_OR_RETURN(DataTypePtr type, TypeFromArrow(*child, child_path));
    fields.push_back(StructField{child->name, std::move(type), Nullable(*child), {}});
  }
  return std::make_shared<const StructType>(std::move(fields));
}

Result<DataTypePtr> TypeFromArrow(const ArrowSchema& schema, const std::string& path) {
  if (schema.format == nullptr) {
    return Status::InvalidArgument("column '" + path + "' has no Arrow format");
  }
  // A dictionary-encoded column holds values of the dictionary's type.
  if (schema.dictionary != nullptr) return TypeFromArrow(*schema.dictionary, path);
  std::string_view f(schema.format);
  if (f.size() == 1) {
    switch (f[0]) {
      case 'n':
        return PrimitiveType::Make(TypeKind::kVoid);
      case 'b':
        return PrimitiveType::Make(TypeKind::kBoolean);
      case 'c':
        return PrimitiveType::Make(TypeKind::kByte);
      case 's':
        return PrimitiveType::Make(TypeKind::kShort);
      case 'i':
        return PrimitiveType::Make(TypeKind::kInteger);
      case 'l':
        return PrimitiveType::Make(TypeKind::kLong);
      case 'f':
        return PrimitiveType::Make(TypeKind::kFloat);
      case 'g':
        return PrimitiveType::Make(TypeKind::kDouble);
      case 'u':
      case 'U':
        return PrimitiveType::Make(TypeKind::kString);
      case 'z':
      case 'Z':
        return PrimitiveType::Make(TypeKind::kBinary);
      default:
        return UnsupportedType(path, f);
    }
  }
  if (f == "vu") return PrimitiveType::Make(TypeKind::kString);
  if (f == "vz" || f.starts_with("w:")) return PrimitiveType::Make(TypeKind::kBinary);
  if (f == "tdD") return PrimitiveType::Make(TypeKind::kDate);
  if (f.size() >= 4 && f.starts_with("ts") && f[3] == ':' &&
      (f[2] == 's' || f[2] == 'm' || f[2] == 'u' || f[2] == 'n')) {
    return PrimitiveType::Make(f.size() > 4 ? TypeKind::kTimestamp : TypeKind::kTimestampNtz);
  }
  if (f.starts_with("d:")) return DecimalFromFormat(path, f);
  if (f == "+s") {
    DELTA_ASSIGN_OR_RETURN(auto st, StructFromArrow(schema, path));
    return DataTypePtr(std::move(st));
  }
  if (f == "+l" || f == "+L" || f == "+vl" || f == "+vL" || f.starts_with("+w:")) {
    DELTA_ASSIGN_OR_RETURN(const ArrowSchema* element, Child(schema, 0, path));
    DELTA_ASSIGN_OR_RETURN(DataTypePtr type, TypeFromArrow(*element, path + ".element"));
    return DataTypePtr(std::make_shared<ArrayType>(std::move(type), Nullable(*element)));
  }
  if (f == "+m") {
    DELTA_ASSIGN_OR_RETURN(const ArrowSchema* entries, Child(schema, 0, path));
    DELTA_ASSIGN_OR_RETURN(const ArrowSchema* key, Child(*entries, 0, path));
    DELTA_ASSIGN_OR_RETURN(const ArrowSchema* value, Child(*entries, 1, path));
    DELTA_ASSIGN_OR_RETURN(DataTypePtr key_type, TypeFromArrow(*key, path + ".key"));
    DELTA_ASSIGN_OR_RETURN(DataTypePtr value_type, TypeFromArrow(*value, path + ".value"));
    return DataTypePtr(
        std::make_shared<MapType>(std::move(key_type), std::move(value_type), Nullable(*value)));
  }
  return UnsupportedType(path, f);
}

}  // namespace

Result<std::shared_ptr<const StructType>> SchemaFromArrow(const ArrowSchema& schema) {
  if (schema.release == nullptr) {
    return Status::InvalidArgument("the Arrow schema is released");
  }
  if (schema.format == nullptr || std::string_view(schema.format) != "+s") {
    return Status::InvalidArgument(
        "a table schema must be an Arrow struct ('+s'), got Arrow type '" +
        std::string(schema.format == nullptr ? "" : schema.format) + "'");
  }
  return StructFromArrow(schema, "");
}

}  // namespace delta
