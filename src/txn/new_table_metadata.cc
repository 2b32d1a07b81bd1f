#include "txn/new_table_metadata.h"

#include <memory>
#include <string_view>
#include <utility>

#include "delta/table_properties.h"
#include "protocol/column_mapping_assign.h"
#include "txn/table_protocol.h"
#include "util/ascii.h"
#include "util/uuid.h"

namespace delta {
namespace {

constexpr std::string_view kInvalidParquetNameChars = " ,;{}()\n\t=";

std::string Uuid() { return UuidText(RandomUuid()); }

Status CheckNames(const DataType& type, const std::string& path, bool column_mapping) {
  if (const StructType* st = type.as_struct()) {
    for (size_t k = 0; k < st->num_fields(); ++k) {
      const StructField& f = st->fields()[k];
      std::string child = path.empty() ? f.name : path + "." + f.name;
      if (f.name.empty()) {
        return Status::InvalidArgument("field " + std::to_string(k) + " of " +
                                       (path.empty() ? "the schema" : "'" + path + "'") +
                                       " has an empty name");
      }
      for (size_t j = 0; j < k; ++j) {
        if (EqualsIgnoreCase(st->fields()[j].name, f.name)) {
          return Status::InvalidArgument("column '" + child + "' appears twice (as '" +
                                         st->fields()[j].name + "' and '" + f.name +
                                         "'; names are case-insensitive)");
        }
      }
      if (!column_mapping && f.name.find_first_of(kInvalidParquetNameChars) != std::string::npos) {
        return Status::InvalidArgument(
            "column '" + child +
            "' has a character among ' ,;{}()\\n\\t=' in its name; such names need column "
            "mapping (delta.columnMapping.mode=name)");
      }
      DELTA_RETURN_NOT_OK(CheckNames(*f.type, child, column_mapping));
    }
  } else if (const ArrayType* at = type.as_array()) {
    return CheckNames(*at->element_type(), path + ".element", column_mapping);
  } else if (const MapType* mt = type.as_map()) {
    DELTA_RETURN_NOT_OK(CheckNames(*mt->key_type(), path + ".key", column_mapping));
    return CheckNames(*mt->value_type(), path + ".value", column_mapping);
  }
  return Status::OK();
}

Result<std::vector<std::string>> ResolvePartitionColumns(const StructType& schema,
                                                         const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const StructField* f = schema.FieldIgnoreCase(name);
    if (f == nullptr) {
      return Status::InvalidArgument("partition column '" + name + "' is not a " +
                                     (name.find('.') != std::string::npos ? "top-level " : "") +
                                     "column of the schema");
    }
    if (!f->type->is_primitive() || f->type->kind() == TypeKind::kVariant ||
        f->type->kind() == TypeKind::kGeometry || f->type->kind() == TypeKind::kGeography) {
      return Status::InvalidArgument("partition column '" + f->name + "' has type " +
                                     f->type->ToString() +
                                     "; partition columns must be of a primitive type");
    }
    for (const std::string& earlier : out) {
      if (earlier == f->name) {
        return Status::InvalidArgument("partition column '" + f->name + "' is listed twice");
      }
    }
    out.push_back(f->name);
  }
  if (!out.empty() && out.size() == schema.num_fields()) {
    return Status::InvalidArgument(
        "every column is a partition column; a table needs at least one data column");
  }
  return out;
}

}  // namespace

Result<Metadata> NewTableMetadata(const StructType& schema,
                                  const std::vector<std::string>& partition_columns,
                                  std::map<std::string, std::string> properties,
                                  std::optional<std::string> name,
                                  std::optional<std::string> description, int64_t now_ms) {
  std::erase_if(properties, [](const auto& kv) { return IsProtocolProperty(kv.first); });
  auto parsed = TableProperties::Parse(properties);
  // A bad value is the caller's input here, not a broken table.
  if (!parsed.ok()) return Status::InvalidArgument(parsed.status().message());
  const TableProperties& tp = *parsed;

  if (schema.num_fields() == 0) {
    return Status::InvalidArgument("a table needs at least one column");
  }
  const bool column_mapping = tp.column_mapping_mode() != ColumnMappingMode::kNone;
  DELTA_RETURN_NOT_OK(CheckNames(schema, "", column_mapping));

  Metadata m;
  DELTA_ASSIGN_OR_RETURN(m.partition_columns, ResolvePartitionColumns(schema, partition_columns));
  if (column_mapping) {
    int64_t max_id = tp.column_mapping_max_column_id();
    DELTA_ASSIGN_OR_RETURN(auto mapped, AssignColumnMapping(schema, &max_id));
    m.schema_string = mapped->ToJson();
    properties[std::string(TableProperties::kColumnMappingMaxColumnId)] = std::to_string(max_id);
  } else {
    m.schema_string = schema.ToJson();
  }
  if (tp.enable_row_tracking()) {
    properties.try_emplace(std::string(TableProperties::kMaterializedRowIdColumnName),
                           "_row-id-col-" + Uuid());
    properties.try_emplace(std::string(TableProperties::kMaterializedRowCommitVersionColumnName),
                           "_row-commit-version-col-" + Uuid());
  }
  m.id = Uuid();
  m.name = std::move(name);
  m.description = std::move(description);
  m.format_provider = "parquet";
  m.configuration = std::move(properties);
  m.created_time = now_ms;
  return m;
}

Result<NewTableDefinition> DefineNewTable(const StructType& schema,
                                          const std::vector<std::string>& partition_columns,
                                          const std::map<std::string, std::string>& properties,
                                          std::optional<std::string> name,
                                          std::optional<std::string> description, int64_t now_ms) {
  DELTA_ASSIGN_OR_RETURN(NewTableProtocol p, ProtocolForNewTable(schema, properties));
  NewTableDefinition out;
  out.protocol = std::move(p.protocol);
  DELTA_ASSIGN_OR_RETURN(out.metadata,
                         NewTableMetadata(schema, partition_columns, std::move(p.configuration),
                                          std::move(name), std::move(description), now_ms));
  DELTA_ASSIGN_OR_RETURN(out.schema, ParseSchema(out.metadata.schema_string));
  return out;
}

}  // namespace delta
