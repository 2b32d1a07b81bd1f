// The Delta type objects: names, JSON serialisation, equality and field lookup.
// Parsing lives in schema_json.cc.
#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <string>
#include <utility>

#include "delta/json_writer.h"
#include "delta/schema.h"
#include "util/ascii.h"

namespace delta {

namespace {

// Wide structs get sorted lookup tables; below this a linear scan is as fast.
constexpr size_t kIndexThreshold = 16;

}  // namespace

std::string_view TypeKindName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kString:
      return "string";
    case TypeKind::kLong:
      return "long";
    case TypeKind::kInteger:
      return "integer";
    case TypeKind::kShort:
      return "short";
    case TypeKind::kByte:
      return "byte";
    case TypeKind::kFloat:
      return "float";
    case TypeKind::kDouble:
      return "double";
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kBinary:
      return "binary";
    case TypeKind::kDate:
      return "date";
    case TypeKind::kTimestamp:
      return "timestamp";
    case TypeKind::kTimestampNtz:
      return "timestamp_ntz";
    case TypeKind::kDecimal:
      return "decimal";
    case TypeKind::kVariant:
      return "variant";
    case TypeKind::kVoid:
      return "void";
    case TypeKind::kGeometry:
      return "geometry";
    case TypeKind::kGeography:
      return "geography";
    case TypeKind::kStruct:
      return "struct";
    case TypeKind::kArray:
      return "array";
    case TypeKind::kMap:
      return "map";
  }
  return "unknown";
}

// ---- DataType ---------------------------------------------------------------------------------

std::string DataType::ToString() const { return std::string(TypeKindName(kind_)); }

std::string DataType::ToJson() const {
  std::string out;
  AppendJsonString(&out, ToString());
  return out;
}

bool DataType::Equals(const DataType& other) const { return kind_ == other.kind_; }

const StructType* DataType::as_struct() const {
  return kind_ == TypeKind::kStruct ? static_cast<const StructType*>(this) : nullptr;
}
const ArrayType* DataType::as_array() const {
  return kind_ == TypeKind::kArray ? static_cast<const ArrayType*>(this) : nullptr;
}
const MapType* DataType::as_map() const {
  return kind_ == TypeKind::kMap ? static_cast<const MapType*>(this) : nullptr;
}

DataTypePtr PrimitiveType::Make(TypeKind kind) {
  // One immutable instance per kind, created on first use (thread-safe static init).
  static const auto kInstances = [] {
    std::array<DataTypePtr, static_cast<size_t>(TypeKind::kMap) + 1> a{};
    for (TypeKind k : {TypeKind::kString, TypeKind::kLong, TypeKind::kInteger, TypeKind::kShort,
                       TypeKind::kByte, TypeKind::kFloat, TypeKind::kDouble, TypeKind::kBoolean,
                       TypeKind::kBinary, TypeKind::kDate, TypeKind::kTimestamp,
                       TypeKind::kTimestampNtz, TypeKind::kVariant, TypeKind::kVoid}) {
      a[static_cast<size_t>(k)] = std::make_shared<PrimitiveType>(k);
    }
    return a;
  }();
  auto i = static_cast<size_t>(kind);
  return i < kInstances.size() ? kInstances[i] : nullptr;
}

// ---- DecimalType --------------------------------------------------------------------------------

Result<DataTypePtr> DecimalType::Make(int precision, int scale) {
  if (precision < 1 || precision > kMaxPrecision) {
    return Status::InvalidArgument("decimal precision must be between 1 and 38, got " +
                                   std::to_string(precision));
  }
  if (scale < 0 || scale > precision) {
    return Status::InvalidArgument("decimal scale must be between 0 and the precision (" +
                                   std::to_string(precision) + "), got " + std::to_string(scale));
  }
  return DataTypePtr(std::make_shared<DecimalType>(precision, scale));
}

std::string DecimalType::ToString() const {
  return "decimal(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
}

std::string DecimalType::ToJson() const { return "\"" + ToString() + "\""; }

bool DecimalType::Equals(const DataType& other) const {
  if (other.kind() != TypeKind::kDecimal) return false;
  const auto& o = static_cast<const DecimalType&>(other);
  return precision_ == o.precision_ && scale_ == o.scale_;
}

// ---- Geospatial ---------------------------------------------------------------------------------

std::string GeometryType::ToString() const { return "geometry(" + crs_ + ")"; }

std::string GeometryType::ToJson() const {
  std::string out;
  AppendJsonString(&out, ToString());
  return out;
}

bool GeometryType::Equals(const DataType& other) const {
  return other.kind() == TypeKind::kGeometry &&
         static_cast<const GeometryType&>(other).crs_ == crs_;
}

// The reference implementation writes "geography(<crs>, <algorithm>)" with a space.
std::string GeographyType::ToString() const {
  return "geography(" + crs_ + ", " + algorithm_ + ")";
}

std::string GeographyType::ToJson() const {
  std::string out;
  AppendJsonString(&out, ToString());
  return out;
}

bool GeographyType::Equals(const DataType& other) const {
  if (other.kind() != TypeKind::kGeography) return false;
  const auto& o = static_cast<const GeographyType&>(other);
  return crs_ == o.crs_ && algorithm_ == o.algorithm_;
}

// ---- StructField --------------------------------------------------------------------------------

std::optional<std::string> StructField::MetadataString(std::string_view key) const {
  auto it = metadata.find(std::string(key));
  if (it == metadata.end()) return std::nullopt;
  const std::string& text = it->second;
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return text;
  // Undo JSON string escaping. The text was produced by our own serialiser (or validated by
  // the parser), so it is well formed.
  std::string out;
  out.reserve(text.size() - 2);
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 2 >= text.size()) {
      out.push_back(c);
      continue;
    }
    char e = text[++i];
    switch (e) {
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        auto hex4 = [&](size_t at, uint32_t* v) {
          if (at + 4 > text.size() - 1) return false;
          auto r = std::from_chars(text.data() + at, text.data() + at + 4, *v, 16);
          return r.ec == std::errc() && r.ptr == text.data() + at + 4;
        };
        uint32_t cp = 0;
        if (!hex4(i + 1, &cp)) {
          out.push_back('u');
          break;
        }
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < text.size() && text[i + 1] == '\\' &&
            text[i + 2] == 'u') {
          uint32_t lo = 0;
          if (hex4(i + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // lone surrogate
        if (cp < 0x80) {
          out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
          out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        break;
      }
      default:  // '"', '\\', '/'
        out.push_back(e);
    }
  }
  return out;
}

std::optional<int64_t> StructField::ColumnMappingId() const {
  // Written as a JSON number; tolerate a quoted number as well.
  auto text = MetadataString("delta.columnMapping.id");
  if (!text || text->empty()) return std::nullopt;
  int64_t v = 0;
  auto r = std::from_chars(text->data(), text->data() + text->size(), v);
  if (r.ec != std::errc() || r.ptr != text->data() + text->size()) return std::nullopt;
  return v;
}

std::optional<std::string> StructField::PhysicalName() const {
  auto it = metadata.find("delta.columnMapping.physicalName");
  if (it == metadata.end() || it->second.empty() || it->second.front() != '"') return std::nullopt;
  return MetadataString("delta.columnMapping.physicalName");
}

std::string StructField::ToJson() const {
  std::string out = "{\"name\":";
  AppendJsonString(&out, name);
  out += ",\"type\":";
  out += type ? type->ToJson() : "null";
  out += ",\"nullable\":";
  out += nullable ? "true" : "false";
  out += ",\"metadata\":{";
  bool first = true;
  for (const auto& [k, v] : metadata) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(&out, k);
    out += ':';
    out += v;
  }
  out += "}}";
  return out;
}

bool StructField::Equals(const StructField& other) const {
  if (name != other.name || nullable != other.nullable || metadata != other.metadata) return false;
  if (!type || !other.type) return type == other.type;
  return type->Equals(*other.type);
}

// ---- StructType ---------------------------------------------------------------------------------

StructType::StructType(std::vector<StructField> fields)
    : DataType(TypeKind::kStruct), fields_(std::move(fields)) {
  if (fields_.size() < kIndexThreshold) return;
  by_name_.resize(fields_.size());
  by_lower_name_.reserve(fields_.size());
  for (size_t i = 0; i < fields_.size(); ++i) {
    by_name_[i] = static_cast<int>(i);
    by_lower_name_.emplace_back(AsciiLower(fields_[i].name), static_cast<int>(i));
  }
  // Stable sorts keep the first of any duplicate names first, matching the linear scan.
  std::stable_sort(by_name_.begin(), by_name_.end(),
                   [&](int a, int b) { return fields_[a].name < fields_[b].name; });
  std::stable_sort(by_lower_name_.begin(), by_lower_name_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

int StructType::FieldIndex(std::string_view name) const {
  if (by_name_.empty()) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                             [&](int i, std::string_view n) { return fields_[i].name < n; });
  return it != by_name_.end() && fields_[*it].name == name ? *it : -1;
}

const StructField* StructType::field(std::string_view name) const {
  int i = FieldIndex(name);
  return i < 0 ? nullptr : &fields_[i];
}

int StructType::FieldIndexIgnoreCase(std::string_view name) const {
  // An exact match wins over a case-insensitive one.
  int exact = FieldIndex(name);
  if (exact >= 0) return exact;
  std::string lower = AsciiLower(name);
  if (by_lower_name_.empty()) {
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (AsciiLower(fields_[i].name) == lower) return static_cast<int>(i);
    }
    return -1;
  }
  auto it = std::lower_bound(by_lower_name_.begin(), by_lower_name_.end(), lower,
                             [](const auto& e, const std::string& n) { return e.first < n; });
  return it != by_lower_name_.end() && it->first == lower ? it->second : -1;
}

const StructField* StructType::FieldIgnoreCase(std::string_view name) const {
  int i = FieldIndexIgnoreCase(name);
  return i < 0 ? nullptr : &fields_[i];
}

std::string StructType::ToString() const {
  std::string out = "struct<";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) out += ',';
    out += fields_[i].name;
    out += ':';
    out += fields_[i].type ? fields_[i].type->ToString() : "null";
  }
  out += '>';
  return out;
}

std::string StructType::ToJson() const {
  std::string out = "{\"type\":\"struct\",\"fields\":[";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) out += ',';
    out += fields_[i].ToJson();
  }
  out += "]}";
  return out;
}

bool StructType::Equals(const DataType& other) const {
  const StructType* o = other.as_struct();
  if (!o || o->fields_.size() != fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i].Equals(o->fields_[i])) return false;
  }
  return true;
}

// ---- ArrayType / MapType ------------------------------------------------------------------------

std::string ArrayType::ToString() const {
  return "array<" + (element_ ? element_->ToString() : std::string("null")) + ">";
}

std::string ArrayType::ToJson() const {
  std::string out = "{\"type\":\"array\",\"elementType\":";
  out += element_ ? element_->ToJson() : "null";
  out += ",\"containsNull\":";
  out += contains_null_ ? "true" : "false";
  out += '}';
  return out;
}

bool ArrayType::Equals(const DataType& other) const {
  const ArrayType* o = other.as_array();
  if (!o || o->contains_null_ != contains_null_) return false;
  if (!element_ || !o->element_) return element_ == o->element_;
  return element_->Equals(*o->element_);
}

std::string MapType::ToString() const {
  return "map<" + (key_ ? key_->ToString() : std::string("null")) + "," +
         (value_ ? value_->ToString() : std::string("null")) + ">";
}

std::string MapType::ToJson() const {
  std::string out = "{\"type\":\"map\",\"keyType\":";
  out += key_ ? key_->ToJson() : "null";
  out += ",\"valueType\":";
  out += value_ ? value_->ToJson() : "null";
  out += ",\"valueContainsNull\":";
  out += value_contains_null_ ? "true" : "false";
  out += '}';
  return out;
}

bool MapType::Equals(const DataType& other) const {
  const MapType* o = other.as_map();
  if (!o || o->value_contains_null_ != value_contains_null_) return false;
  auto same = [](const DataTypePtr& a, const DataTypePtr& b) {
    if (!a || !b) return a == b;
    return a->Equals(*b);
  };
  return same(key_, o->key_) && same(value_, o->value_);
}

// ---- helpers ------------------------------------------------------------------------------------

bool ContainsTypeKind(const DataType& type, TypeKind kind) {
  if (type.kind() == kind) return true;
  if (const StructType* s = type.as_struct()) {
    for (const StructField& f : s->fields()) {
      if (f.type && ContainsTypeKind(*f.type, kind)) return true;
    }
  } else if (const ArrayType* a = type.as_array()) {
    return a->element_type() && ContainsTypeKind(*a->element_type(), kind);
  } else if (const MapType* m = type.as_map()) {
    return (m->key_type() && ContainsTypeKind(*m->key_type(), kind)) ||
           (m->value_type() && ContainsTypeKind(*m->value_type(), kind));
  }
  return false;
}

}  // namespace delta
