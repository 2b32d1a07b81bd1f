#include "protocol/metadata_check.h"

#include <set>
#include <string>

namespace delta {

Status CheckMetadata(const Metadata& metadata, const StructType& schema) {
  // PROTOCOL.md: the provider "must always be parquet" for Delta data files.
  if (metadata.format_provider != "parquet") {
    return Status::Unsupported("metaData.format.provider is '" + metadata.format_provider +
                               "'; Delta tables store their data as 'parquet'");
  }
  std::set<const StructField*> seen;
  for (const std::string& name : metadata.partition_columns) {
    const StructField* f = schema.field(name);
    if (f == nullptr) f = schema.FieldIgnoreCase(name);
    if (f == nullptr) {
      return Status::InvalidTable("metaData.partitionColumns names '" + name +
                                  "', which is not a column of the schema");
    }
    if (!f->type->is_primitive()) {
      return Status::InvalidTable("metaData.partitionColumns names '" + name + "', whose type " +
                                  f->type->ToString() + " is not primitive");
    }
    if (!seen.insert(f).second) {
      return Status::InvalidTable("metaData.partitionColumns names column '" + f->name + "' twice");
    }
  }
  return Status::OK();
}

}  // namespace delta
