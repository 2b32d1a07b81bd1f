// Parsing of the schema JSON (PROTOCOL.md, "Schema Serialization Format") with simdjson's DOM
// API. This is not a hot path: a schema is parsed once per snapshot.
#include <simdjson.h>

#include <charconv>
#include <exception>
#include <set>
#include <string>
#include <utility>

#include "delta/json_writer.h"
#include "delta/schema.h"
#include "util/ascii.h"
#include "util/task_guard.h"

namespace delta {

namespace {

namespace dom = simdjson::dom;

// Callers check the element's type first; on a mismatch these return an empty container.
dom::object AsObject(dom::element e) {
  dom::object o;
  if (e.get(o) != simdjson::SUCCESS) return {};
  return o;
}

dom::array AsArray(dom::element e) {
  dom::array a;
  if (e.get(a) != simdjson::SUCCESS) return {};
  return a;
}

// If `name` is "<prefix>(<args>)" (spaces allowed before '('), returns the text between the
// parentheses.
std::optional<std::string_view> ParenArgs(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = AsciiTrim(name.substr(prefix.size()));
  if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') return std::nullopt;
  return rest.substr(1, rest.size() - 2);
}

std::vector<std::string_view> SplitArgs(std::string_view args) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t comma = args.find(',', start);
    out.push_back(
        AsciiTrim(args.substr(start, comma == std::string_view::npos ? args.npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// A CRS or algorithm token: non-empty, no spaces, commas or parentheses.
bool IsGeoToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == ',' || c == '(' || c == ')' || c == '"') return false;
  }
  return true;
}

Status InvalidType(std::string_view name, std::string_view why) {
  return Status::InvalidTable("invalid data type '" + std::string(name) + "': " + std::string(why));
}

// Writes a DOM value back as compact JSON, so field metadata is kept as JSON text.
void AppendElement(std::string* out, dom::element e) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      out->push_back('{');
      bool first = true;
      for (dom::key_value_pair kv : AsObject(e)) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(out, kv.key);
        out->push_back(':');
        AppendElement(out, kv.value);
      }
      out->push_back('}');
      break;
    }
    case dom::element_type::ARRAY: {
      out->push_back('[');
      bool first = true;
      for (dom::element v : AsArray(e)) {
        if (!first) out->push_back(',');
        first = false;
        AppendElement(out, v);
      }
      out->push_back(']');
      break;
    }
    case dom::element_type::STRING:
      AppendJsonString(out, e.get_string().value_unsafe());
      break;
    case dom::element_type::INT64:
      *out += std::to_string(e.get_int64().value_unsafe());
      break;
    case dom::element_type::UINT64:
      *out += std::to_string(e.get_uint64().value_unsafe());
      break;
    case dom::element_type::DOUBLE:
      AppendJsonDouble(out, e.get_double().value_unsafe());
      break;
    case dom::element_type::BOOL:
      *out += e.get_bool().value_unsafe() ? "true" : "false";
      break;
    case dom::element_type::NULL_VALUE:
      *out += "null";
      break;
  }
}

std::string JoinPath(const std::string& parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  return parent + "." + std::string(child);
}

// Real schemas nest a few levels and hold up to tens of thousands of fields. The bounds keep
// every recursive walk over a schema (here and downstream) off the end of the stack, and the
// work per schema proportional to its size.
constexpr int kMaxSchemaDepth = 128;
constexpr size_t kMaxSchemaFields = 1'000'000;

class SchemaParser {
 public:
  Result<DataTypePtr> ParseType(dom::element e, const std::string& path) {
    if (depth_ >= kMaxSchemaDepth) {
      return Invalid(path, "types nest deeper than " + std::to_string(kMaxSchemaDepth) +
                               " levels, the most this kernel accepts");
    }
    ++depth_;
    Result<DataTypePtr> r = ParseTypeAtDepth(e, path);
    --depth_;
    return r;
  }

  Result<std::shared_ptr<const StructType>> ParseStruct(dom::object obj, const std::string& path) {
    dom::array fields;
    if (obj["fields"].get(fields) != simdjson::SUCCESS) {
      return Invalid(path, "a struct needs an array 'fields'");
    }
    fields_ += fields.size();
    if (fields_ > kMaxSchemaFields) {
      return Invalid(path, "more than " + std::to_string(kMaxSchemaFields) +
                               " fields in the schema, the most this kernel accepts");
    }
    std::vector<StructField> out;
    out.reserve(fields.size());
    std::set<std::string> seen;
    size_t index = 0;
    for (dom::element fe : fields) {
      DELTA_ASSIGN_OR_RETURN(StructField f, ParseField(fe, path, index));
      if (!seen.insert(AsciiLower(f.name)).second) {
        return Invalid(JoinPath(path, f.name),
                       "duplicate field name (names must be unique regardless of case)");
      }
      out.push_back(std::move(f));
      ++index;
    }
    return std::make_shared<const StructType>(std::move(out));
  }

 private:
  int depth_ = 0;
  size_t fields_ = 0;  // struct fields seen so far, at every level

  Result<DataTypePtr> ParseTypeAtDepth(dom::element e, const std::string& path) {
    if (e.is_string()) {
      auto r = ParsePrimitiveTypeName(e.get_string().value_unsafe());
      if (!r.ok()) return r.status().WithContext(Where(path));
      return r;
    }
    if (!e.is_object()) return Invalid(path, "a type must be a string or an object");
    dom::object obj = AsObject(e);
    std::string_view type_name;
    if (obj["type"].get(type_name) != simdjson::SUCCESS) {
      return Invalid(path, "a type object needs a string 'type'");
    }
    if (type_name == "struct") {
      DELTA_ASSIGN_OR_RETURN(auto s, ParseStruct(obj, path));
      return DataTypePtr(std::move(s));
    }
    if (type_name == "array") return ParseArray(obj, path);
    if (type_name == "map") return ParseMap(obj, path);
    // Tolerate {"type":"variant"} and friends: a primitive written as an object.
    auto r = ParsePrimitiveTypeName(type_name);
    if (!r.ok()) return r.status().WithContext(Where(path));
    return r;
  }

  static std::string Where(const std::string& path) {
    return path.empty() ? std::string("schema") : "schema field '" + path + "'";
  }

  static Status Invalid(const std::string& path, std::string_view what) {
    return Status::InvalidTable("invalid " + Where(path) + ": " + std::string(what));
  }

  Result<StructField> ParseField(dom::element e, const std::string& parent, size_t index) {
    std::string at =
        parent.empty() ? "#" + std::to_string(index) : parent + ".#" + std::to_string(index);
    if (!e.is_object()) return Invalid(at, "a struct field must be an object");
    dom::object obj = AsObject(e);
    StructField f;
    std::string_view name;
    if (obj["name"].get(name) != simdjson::SUCCESS) {
      return Invalid(at, "a struct field needs a string 'name'");
    }
    f.name = std::string(name);
    std::string path = JoinPath(parent, name);
    dom::element type;
    if (obj["type"].get(type) != simdjson::SUCCESS) return Invalid(path, "missing 'type'");
    DELTA_ASSIGN_OR_RETURN(f.type, ParseType(type, path));
    if (obj["nullable"].get(f.nullable) != simdjson::SUCCESS) {
      return Invalid(path, "missing or non-boolean 'nullable'");
    }
    dom::element md;
    if (obj["metadata"].get(md) == simdjson::SUCCESS && !md.is_null()) {
      if (!md.is_object()) return Invalid(path, "'metadata' must be an object");
      for (dom::key_value_pair kv : AsObject(md)) {
        std::string text;
        AppendElement(&text, kv.value);
        f.metadata[std::string(kv.key)] = std::move(text);
      }
    }
    return f;
  }

  Result<DataTypePtr> ParseArray(dom::object obj, const std::string& path) {
    dom::element element;
    if (obj["elementType"].get(element) != simdjson::SUCCESS) {
      return Invalid(path, "an array type needs 'elementType'");
    }
    bool contains_null = true;
    if (obj["containsNull"].get(contains_null) != simdjson::SUCCESS) {
      return Invalid(path, "an array type needs a boolean 'containsNull'");
    }
    DELTA_ASSIGN_OR_RETURN(auto et, ParseType(element, JoinPath(path, "element")));
    return DataTypePtr(std::make_shared<ArrayType>(std::move(et), contains_null));
  }

  Result<DataTypePtr> ParseMap(dom::object obj, const std::string& path) {
    dom::element key;
    dom::element value;
    if (obj["keyType"].get(key) != simdjson::SUCCESS) {
      return Invalid(path, "a map type needs 'keyType'");
    }
    if (obj["valueType"].get(value) != simdjson::SUCCESS) {
      return Invalid(path, "a map type needs 'valueType'");
    }
    bool value_contains_null = true;
    if (obj["valueContainsNull"].get(value_contains_null) != simdjson::SUCCESS) {
      return Invalid(path, "a map type needs a boolean 'valueContainsNull'");
    }
    DELTA_ASSIGN_OR_RETURN(auto kt, ParseType(key, JoinPath(path, "key")));
    DELTA_ASSIGN_OR_RETURN(auto vt, ParseType(value, JoinPath(path, "value")));
    return DataTypePtr(
        std::make_shared<MapType>(std::move(kt), std::move(vt), value_contains_null));
  }
};

Status ParseJsonDocument(dom::parser* parser, std::string_view json, dom::element* root) {
  if (json.data() == nullptr) json = std::string_view("", 0);  // memcpy(_, NULL, 0) is UB
  auto err = parser->parse(json.data(), json.size()).get(*root);
  if (err != simdjson::SUCCESS) {
    return Status::InvalidTable(std::string("invalid schema: malformed JSON (") +
                                simdjson::error_message(err) + ")");
  }
  return Status::OK();
}

}  // namespace

Result<DataTypePtr> ParsePrimitiveTypeName(std::string_view name) {
  static const std::pair<std::string_view, TypeKind> kSimple[] = {
      {"string", TypeKind::kString},       {"long", TypeKind::kLong},
      {"integer", TypeKind::kInteger},     {"short", TypeKind::kShort},
      {"byte", TypeKind::kByte},           {"float", TypeKind::kFloat},
      {"double", TypeKind::kDouble},       {"boolean", TypeKind::kBoolean},
      {"binary", TypeKind::kBinary},       {"date", TypeKind::kDate},
      {"timestamp", TypeKind::kTimestamp}, {"timestamp_ntz", TypeKind::kTimestampNtz},
      {"variant", TypeKind::kVariant},     {"void", TypeKind::kVoid},
      {"null", TypeKind::kVoid},  // Spark 2's name for the same type
  };
  for (const auto& [n, k] : kSimple) {
    if (name == n) return PrimitiveType::Make(k);
  }
  if (name == "decimal") {  // Spark's default decimal
    return DecimalType::Make(10, 0);
  }
  if (auto args = ParenArgs(name, "decimal")) {
    auto parts = SplitArgs(*args);
    int precision = 0;
    int scale = 0;
    if (parts.size() != 2 || !ParseInt(parts[0], &precision) || !ParseInt(parts[1], &scale)) {
      return InvalidType(name, "expected decimal(<precision>,<scale>)");
    }
    auto r = DecimalType::Make(precision, scale);
    if (!r.ok()) return InvalidType(name, r.status().message());
    return r;
  }
  if (name == "geometry") return DataTypePtr(std::make_shared<GeometryType>());
  if (auto args = ParenArgs(name, "geometry")) {
    std::string_view crs = AsciiTrim(*args);
    if (!IsGeoToken(crs)) return InvalidType(name, "expected geometry(<crs>)");
    return DataTypePtr(std::make_shared<GeometryType>(std::string(crs)));
  }
  if (name == "geography") return DataTypePtr(std::make_shared<GeographyType>());
  if (auto args = ParenArgs(name, "geography")) {
    auto parts = SplitArgs(*args);
    for (std::string_view p : parts) {
      if (!IsGeoToken(p)) return InvalidType(name, "expected geography(<crs>, <algorithm>)");
    }
    if (parts.size() == 2) {
      return DataTypePtr(
          std::make_shared<GeographyType>(std::string(parts[0]), std::string(parts[1])));
    }
    if (parts.size() == 1) {
      // One argument is a CRS when it has an authority prefix ("EPSG:4326"), else an
      // edge-interpolation algorithm.
      if (parts[0].find(':') != std::string_view::npos) {
        return DataTypePtr(std::make_shared<GeographyType>(std::string(parts[0])));
      }
      return DataTypePtr(std::make_shared<GeographyType>(std::string(GeographyType::kDefaultCrs),
                                                         std::string(parts[0])));
    }
    return InvalidType(name, "expected geography(<crs>, <algorithm>)");
  }
  return Status::Unsupported("unsupported data type '" + std::string(name) + "'");
}

Result<std::shared_ptr<const StructType>> ParseSchema(std::string_view json) {
  try {
    dom::parser parser;
    dom::element root;
    DELTA_RETURN_NOT_OK(ParseJsonDocument(&parser, json, &root));
    std::string_view type;
    if (!root.is_object() || root["type"].get(type) != simdjson::SUCCESS || type != "struct") {
      return Status::InvalidTable(
          "invalid schema: expected a JSON object with \"type\":\"struct\"");
    }
    SchemaParser p;
    return p.ParseStruct(AsObject(root), "");
  } catch (...) {
    return StatusFromCurrentException("parsing schema");
  }
}

Result<DataTypePtr> ParseDataType(std::string_view json) {
  try {
    dom::parser parser;
    dom::element root;
    DELTA_RETURN_NOT_OK(ParseJsonDocument(&parser, json, &root));
    SchemaParser p;
    return p.ParseType(root, "");
  } catch (...) {
    return StatusFromCurrentException("parsing data type");
  }
}

}  // namespace delta
