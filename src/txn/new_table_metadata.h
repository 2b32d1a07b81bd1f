// The metaData action of a new table (CREATE TABLE, or a write that creates the table).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// Builds a new table's metadata: a fresh random id, format parquet, createdTime `now_ms`,
/// schemaString = the schema's JSON, the configuration `properties` without protocol
/// properties (delta.feature.*, delta.minReaderVersion, ...; see ProtocolForNewTable).
/// - Partition columns are matched case-insensitively and stored with the schema's spelling;
///   InvalidArgument naming the column when one is missing, nested, not a primitive type,
///   listed twice, or when every column is a partition column.
/// - Properties are validated (TableProperties::Parse); InvalidArgument naming the key.
/// - Column names are checked: none empty or repeated (case-insensitively) within a struct, and
///   without column mapping none holding one of " ,;{}()\n\t=" (Parquet cannot store them).
/// - With delta.columnMapping.mode name or id, every field gets its id and physical name
///   (AssignColumnMapping) and delta.columnMapping.maxColumnId is set.
/// - With delta.enableRowTracking=true, the materialized row id and row commit version column
///   names are set as Delta Spark sets them ("_row-id-col-<uuid>",
///   "_row-commit-version-col-<uuid>") unless given.
Result<Metadata> NewTableMetadata(const StructType& schema,
                                  const std::vector<std::string>& partition_columns,
                                  std::map<std::string, std::string> properties,
                                  std::optional<std::string> name,
                                  std::optional<std::string> description, int64_t now_ms);

/// The first protocol and metadata of a new table, and its schema as stored (with column
/// mapping assigned where the properties ask for it).
struct NewTableDefinition {
  Protocol protocol;
  Metadata metadata;
  std::shared_ptr<const StructType> schema;
};

/// ProtocolForNewTable and NewTableMetadata together: the protocol Delta Spark would create for
/// `schema` and `properties`, and the metadata with the remaining properties as configuration.
/// Whether this kernel can then write to it is CheckWriteSupported's question.
Result<NewTableDefinition> DefineNewTable(const StructType& schema,
                                          const std::vector<std::string>& partition_columns,
                                          const std::map<std::string, std::string>& properties,
                                          std::optional<std::string> name,
                                          std::optional<std::string> description, int64_t now_ms);

}  // namespace delta
