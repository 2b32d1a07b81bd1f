#include "protocol/column_metadata_search.h"

namespace delta {
namespace {

std::optional<std::string> Find(const DataType& type, const std::string& path,
                                std::string_view prefix) {
  if (const StructType* st = type.as_struct()) {
    for (const StructField& f : st->fields()) {
      std::string child = path.empty() ? f.name : path + "." + f.name;
      for (const auto& entry : f.metadata) {
        if (std::string_view(entry.first).starts_with(prefix)) return child;
      }
      if (auto found = Find(*f.type, child, prefix)) return found;
    }
  } else if (const ArrayType* at = type.as_array()) {
    return Find(*at->element_type(), path + ".element", prefix);
  } else if (const MapType* mt = type.as_map()) {
    if (auto found = Find(*mt->key_type(), path + ".key", prefix)) return found;
    return Find(*mt->value_type(), path + ".value", prefix);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindColumnWithMetadata(const StructType& schema,
                                                  std::string_view key_prefix) {
  return Find(schema, "", key_prefix);
}

}  // namespace delta
