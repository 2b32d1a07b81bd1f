#include "txn/schema_merge.h"

#include <string>
#include <utility>
#include <vector>

#include "util/ascii.h"

namespace delta {
namespace {

constexpr std::string_view kTypeChangesKey = "delta.typeChanges";

// 1 (byte) to 4 (long) for the integral types, 0 for the others.
int IntegralRank(TypeKind kind) {
  switch (kind) {
    case TypeKind::kByte:
      return 1;
    case TypeKind::kShort:
      return 2;
    case TypeKind::kInteger:
      return 3;
    case TypeKind::kLong:
      return 4;
    default:
      return 0;
  }
}

// Integer digits an integral type needs in a decimal.
int IntegerDigits(TypeKind kind) {
  constexpr int kDigits[] = {0, 3, 5, 10, 20};
  return kDigits[IntegralRank(kind)];
}

// A widening found below a struct field: recorded in that field's delta.typeChanges.
struct TypeChange {
  std::string from;
  std::string to;
  std::string field_path;  // "" for the field itself, else "element", "key", "value.element"...
};

struct Merged {
  DataTypePtr type;
  bool changed = false;
  std::vector<TypeChange> changes;
};

class Merger {
 public:
  Merger(SchemaMode mode, bool widening) : mode_(mode), widening_(widening) {}

  Result<Merged> MergeStruct(const StructType& table, const StructType& data,
                             const std::string& path) {
    std::vector<StructField> fields = table.fields();
    bool changed = false;
    for (size_t k = 0; k < data.num_fields(); ++k) {
      const StructField& d = data.fields()[k];
      std::string child = path.empty() ? d.name : path + "." + d.name;
      for (size_t j = 0; j < k; ++j) {
        if (EqualsIgnoreCase(data.fields()[j].name, d.name)) {
          return Status::InvalidArgument("column '" + child + "' appears twice in the data");
        }
      }
      int idx = table.FieldIndexIgnoreCase(d.name);
      if (idx < 0) {
        if (mode_ != SchemaMode::kMerge) {
          return Status::InvalidArgument("column '" + child +
                                         "' is not in the table's schema (schema mode merge "
                                         "adds new columns)");
        }
        fields.push_back(StructField{d.name, d.type, /*nullable=*/true, {}});
        changed = true;
        continue;
      }
      StructField& t = fields[static_cast<size_t>(idx)];
      std::string table_path = path.empty() ? t.name : path + "." + t.name;
      DELTA_ASSIGN_OR_RETURN(Merged m, MergeType(t.type, d.type, table_path));
      if (!m.changed) continue;
      t.type = m.type;
      if (!m.changes.empty()) RecordTypeChanges(&t, m.changes);
      changed = true;
    }
    Merged out;
    out.changed = changed;
    out.type = std::make_shared<StructType>(std::move(fields));
    return out;
  }

 private:
  static void Prefix(std::vector<TypeChange>* changes, std::string_view step) {
    for (TypeChange& c : *changes) {
      c.field_path =
          c.field_path.empty() ? std::string(step) : std::string(step) + "." + c.field_path;
    }
  }

  static void RecordTypeChanges(StructField* field, const std::vector<TypeChange>& changes) {
    std::string entries;
    for (const TypeChange& c : changes) {
      if (!entries.empty()) entries += ",";
      entries += "{\"toType\":\"" + c.to + "\",\"fromType\":\"" + c.from + "\"";
      if (!c.field_path.empty()) entries += ",\"fieldPath\":\"" + c.field_path + "\"";
      entries += "}";
    }
    std::string& value = field->metadata[std::string(kTypeChangesKey)];
    if (value.size() >= 2 && value.back() == ']') {
      value.insert(value.size() - 1, value.size() > 2 ? "," + entries : entries);
    } else {
      value = "[" + entries + "]";
    }
  }

  Status Mismatch(const std::string& path, const DataType& table, const DataType& data) {
    std::string msg = "column '" + path + "' has type " + table.ToString() + " in the table but " +
                      data.ToString() + " in the data";
    if (IsTypeWideningAllowed(table, data)) {
      msg += mode_ != SchemaMode::kMerge
                 ? " (schema mode merge with type widening enabled would widen it)"
                 : " (widening it needs delta.enableTypeWidening=true)";
    }
    return Status::InvalidArgument(std::move(msg));
  }

  Result<Merged> MergeType(const DataTypePtr& table, const DataTypePtr& data,
                           const std::string& path) {
    Merged out;
    out.type = table;
    if (table->kind() == TypeKind::kStruct && data->kind() == TypeKind::kStruct) {
      return MergeStruct(*table->as_struct(), *data->as_struct(), path);
    }
    if (table->kind() == TypeKind::kArray && data->kind() == TypeKind::kArray) {
      const ArrayType* t = table->as_array();
      DELTA_ASSIGN_OR_RETURN(
          Merged e,
          MergeType(t->element_type(), data->as_array()->element_type(), path + ".element"));
      if (e.changed) {
        out.type = std::make_shared<ArrayType>(e.type, t->contains_null());
        out.changed = true;
        out.changes = std::move(e.changes);
        Prefix(&out.changes, "element");
      }
      return out;
    }
    if (table->kind() == TypeKind::kMap && data->kind() == TypeKind::kMap) {
      const MapType* t = table->as_map();
      const MapType* d = data->as_map();
      DELTA_ASSIGN_OR_RETURN(Merged k, MergeType(t->key_type(), d->key_type(), path + ".key"));
      DELTA_ASSIGN_OR_RETURN(Merged v,
                             MergeType(t->value_type(), d->value_type(), path + ".value"));
      if (k.changed || v.changed) {
        out.type = std::make_shared<MapType>(k.type, v.type, t->value_contains_null());
        out.changed = true;
        Prefix(&k.changes, "key");
        Prefix(&v.changes, "value");
        out.changes = std::move(k.changes);
        out.changes.insert(out.changes.end(), v.changes.begin(), v.changes.end());
      }
      return out;
    }
    if (table->is_primitive() && data->is_primitive() && table->Equals(*data)) return out;
    if (mode_ == SchemaMode::kMerge && widening_ && IsTypeWideningAllowed(*table, *data)) {
      out.type = data;
      out.changed = true;
      out.changes.push_back(TypeChange{table->ToString(), data->ToString(), ""});
      return out;
    }
    return Mismatch(path, *table, *data);
  }

  SchemaMode mode_;
  bool widening_;
};

}  // namespace

bool IsTypeWideningAllowed(const DataType& from, const DataType& to) {
  const TypeKind f = from.kind();
  const TypeKind t = to.kind();
  if (int rf = IntegralRank(f)) {
    if (int rt = IntegralRank(t)) return rt > rf;
    if (t == TypeKind::kDouble) return f != TypeKind::kLong;
    if (t == TypeKind::kDecimal) {
      const auto& d = static_cast<const DecimalType&>(to);
      return d.precision() - d.scale() >= IntegerDigits(f);
    }
    return false;
  }
  if (f == TypeKind::kFloat) return t == TypeKind::kDouble;
  if (f == TypeKind::kDate) return t == TypeKind::kTimestampNtz;
  if (f == TypeKind::kDecimal && t == TypeKind::kDecimal) {
    const auto& a = static_cast<const DecimalType&>(from);
    const auto& b = static_cast<const DecimalType&>(to);
    if (a.precision() == b.precision() && a.scale() == b.scale()) return false;
    return b.precision() >= a.precision() && b.scale() >= a.scale() &&
           b.precision() - b.scale() >= a.precision() - a.scale();
  }
  return false;
}

Result<SchemaMerge> MergeSchemaForWrite(const StructType& table, const StructType& data,
                                        SchemaMode mode, bool type_widening_enabled) {
  Merger merger(mode, type_widening_enabled);
  SchemaMerge out;
  if (mode == SchemaMode::kOverwrite) {
    // Still reject data that names a column twice.
    DELTA_RETURN_NOT_OK(
        Merger(SchemaMode::kMerge, false).MergeStruct(StructType({}), data, "").status());
    out.schema = std::make_shared<StructType>(data.fields());
    out.changed = !table.Equals(data);
    return out;
  }
  DELTA_ASSIGN_OR_RETURN(Merged m, merger.MergeStruct(table, data, ""));
  out.schema = std::static_pointer_cast<const StructType>(m.type);
  out.changed = m.changed;
  return out;
}

}  // namespace delta
