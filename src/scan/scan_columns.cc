#include "scan/scan_columns.h"

#include <memory>

namespace delta {

namespace {

constexpr std::string_view kColumnMappingId = "delta.columnMapping.id";

std::string JoinPath(const std::vector<std::string>& path, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < path.size(); ++i) {
    if (i > 0) out += '.';
    out += path[i];
  }
  return out;
}

Result<DataTypePtr> PhysicalType(const DataTypePtr& type, ColumnMappingMode mode,
                                 const std::string& where);

Result<StructField> PhysicalFieldAt(const StructField& field, ColumnMappingMode mode,
                                    const std::string& parent) {
  std::string where = parent.empty() ? field.name : parent + "." + field.name;
  StructField out;
  out.nullable = field.nullable;
  if (mode == ColumnMappingMode::kNone) {
    out.name = field.name;
  } else {
    std::optional<std::string> physical = field.PhysicalName();
    if (!physical) {
      return Status::InvalidTable(
          "column '" + where + "' has no delta.columnMapping.physicalName " +
          "although column mapping mode is " + std::string(ColumnMappingModeName(mode)));
    }
    out.name = std::move(*physical);
    if (mode == ColumnMappingMode::kId) {
      auto it = field.metadata.find(std::string(kColumnMappingId));
      if (it == field.metadata.end() || !field.ColumnMappingId()) {
        return Status::InvalidTable("column '" + where +
                                    "' has no delta.columnMapping.id although column mapping "
                                    "mode is id");
      }
      out.metadata.emplace(it->first, it->second);
    }
  }
  DELTA_ASSIGN_OR_RETURN(out.type, PhysicalType(field.type, mode, where));
  return out;
}

Result<DataTypePtr> PhysicalType(const DataTypePtr& type, ColumnMappingMode mode,
                                 const std::string& where) {
  if (const StructType* st = type->as_struct()) {
    std::vector<StructField> fields;
    fields.reserve(st->num_fields());
    for (const StructField& f : st->fields()) {
      DELTA_ASSIGN_OR_RETURN(StructField pf, PhysicalFieldAt(f, mode, where));
      fields.push_back(std::move(pf));
    }
    return DataTypePtr(std::make_shared<StructType>(std::move(fields)));
  }
  if (const ArrayType* at = type->as_array()) {
    DELTA_ASSIGN_OR_RETURN(DataTypePtr element,
                           PhysicalType(at->element_type(), mode, where + ".element"));
    if (element == at->element_type()) return type;
    return DataTypePtr(std::make_shared<ArrayType>(std::move(element), at->contains_null()));
  }
  if (const MapType* mt = type->as_map()) {
    DELTA_ASSIGN_OR_RETURN(DataTypePtr key, PhysicalType(mt->key_type(), mode, where + ".key"));
    DELTA_ASSIGN_OR_RETURN(DataTypePtr value,
                           PhysicalType(mt->value_type(), mode, where + ".value"));
    if (key == mt->key_type() && value == mt->value_type()) return type;
    return DataTypePtr(
        std::make_shared<MapType>(std::move(key), std::move(value), mt->value_contains_null()));
  }
  return type;
}

}  // namespace

Result<std::vector<std::string>> ParseColumnPath(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted_part = false;
  size_t i = 0;
  const auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("column '" + std::string(text) + "': " + why);
  };
  while (i <= text.size()) {
    if (i == text.size() || text[i] == '.') {
      if (current.empty() && !quoted_part) return bad("empty name in the path");
      parts.push_back(std::move(current));
      current.clear();
      quoted_part = false;
      ++i;
      if (i > text.size()) break;
      if (i == text.size()) return bad("empty name at the end of the path");
      continue;
    }
    if (text[i] == '`') {
      if (!current.empty() || quoted_part) return bad("a backquote must start a name");
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '`') {
          if (i + 1 < text.size() && text[i + 1] == '`') {
            current += '`';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        current += text[i++];
      }
      if (!closed) return bad("unclosed backquote");
      quoted_part = true;
      if (i < text.size() && text[i] != '.') return bad("'.' expected after a backquoted name");
      continue;
    }
    if (quoted_part) return bad("'.' expected after a backquoted name");
    current += text[i++];
  }
  return parts;
}

void ColumnSelection::Add(const std::vector<std::string>& path, size_t from) {
  if (all) return;
  if (from >= path.size()) {
    all = true;
    children.clear();
    return;
  }
  for (auto& [name, child] : children) {
    if (name == path[from]) {
      child.Add(path, from + 1);
      return;
    }
  }
  children.emplace_back(path[from], ColumnSelection{});
  children.back().selection.Add(path, from + 1);
}

void ColumnSelection::Merge(const ColumnSelection& other) {
  if (all) return;
  if (other.all) {
    all = true;
    children.clear();
    return;
  }
  for (const auto& [name, theirs] : other.children) {
    bool found = false;
    for (auto& [mine_name, mine] : children) {
      if (mine_name == name) {
        mine.Merge(theirs);
        found = true;
        break;
      }
    }
    if (!found) children.emplace_back(name, theirs);
  }
}

Result<std::vector<std::string>> ResolveColumnPath(const StructType& schema,
                                                   const std::vector<std::string>& path,
                                                   std::string_view what) {
  std::vector<std::string> out;
  out.reserve(path.size());
  const StructType* current = &schema;
  for (size_t i = 0; i < path.size(); ++i) {
    if (current == nullptr) {
      return Status::InvalidArgument("column '" + std::string(what) + "': '" + JoinPath(out, i) +
                                     "' is not a struct");
    }
    const StructField* f = current->field(path[i]);
    if (f == nullptr) f = current->FieldIgnoreCase(path[i]);
    if (f == nullptr) {
      if (i == 0) {
        return Status::InvalidArgument("column '" + std::string(what) +
                                       "' is not in the table schema");
      }
      return Status::InvalidArgument("column '" + std::string(what) + "': struct '" +
                                     JoinPath(out, i) + "' has no field '" + path[i] + "'");
    }
    out.push_back(f->name);
    current = f->type->as_struct();
  }
  return out;
}

StructField PruneField(const StructField& field, const ColumnSelection& selection) {
  if (selection.all) return field;
  const StructType* st = field.type->as_struct();
  if (st == nullptr) return field;
  std::vector<StructField> kept;
  for (const StructField& child : st->fields()) {
    for (const auto& [name, sub] : selection.children) {
      if (name == child.name) {
        kept.push_back(PruneField(child, sub));
        break;
      }
    }
  }
  StructField out = field;
  out.type = std::make_shared<StructType>(std::move(kept));
  return out;
}

Result<StructField> PhysicalField(const StructField& field, ColumnMappingMode mode) {
  return PhysicalFieldAt(field, mode, "");
}

}  // namespace delta
