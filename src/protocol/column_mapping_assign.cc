#include "protocol/column_mapping_assign.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "util/uuid.h"

namespace delta {
namespace {

class Assigner {
 public:
  explicit Assigner(int64_t max_id) : max_id_(max_id) {}

  // Existing ids first, so new ids never collide with one that appears later in the schema.
  Status CollectIds(const DataType& type, const std::string& path) {
    if (const StructType* st = type.as_struct()) {
      for (const StructField& f : st->fields()) {
        std::string child = path.empty() ? f.name : path + "." + f.name;
        if (f.metadata.count(std::string(kColumnMappingIdKey)) != 0) {
          std::optional<int64_t> id = f.ColumnMappingId();
          if (!id || *id <= 0) {
            return Status::InvalidArgument("column '" + child + "' has an invalid " +
                                           std::string(kColumnMappingIdKey) + " " +
                                           f.metadata.at(std::string(kColumnMappingIdKey)));
          }
          if (!ids_.insert(*id).second) {
            return Status::InvalidArgument("column '" + child + "' repeats " +
                                           std::string(kColumnMappingIdKey) + " " +
                                           std::to_string(*id));
          }
          max_id_ = std::max(max_id_, *id);
        }
        DELTA_RETURN_NOT_OK(CollectIds(*f.type, child));
      }
    } else if (const ArrayType* at = type.as_array()) {
      return CollectIds(*at->element_type(), path);
    } else if (const MapType* mt = type.as_map()) {
      DELTA_RETURN_NOT_OK(CollectIds(*mt->key_type(), path));
      return CollectIds(*mt->value_type(), path);
    }
    return Status::OK();
  }

  DataTypePtr Assign(const DataTypePtr& type) {
    if (const StructType* st = type->as_struct()) {
      std::vector<StructField> fields;
      fields.reserve(st->num_fields());
      for (const StructField& f : st->fields()) {
        StructField out = f;
        if (!f.ColumnMappingId()) {
          out.metadata[std::string(kColumnMappingIdKey)] = std::to_string(++max_id_);
        }
        if (!f.PhysicalName()) {
          out.metadata[std::string(kColumnMappingPhysicalNameKey)] =
              "\"col-" + UuidText(RandomUuid()) + "\"";
        }
        out.type = Assign(f.type);
        fields.push_back(std::move(out));
      }
      return std::make_shared<StructType>(std::move(fields));
    }
    if (const ArrayType* at = type->as_array()) {
      return std::make_shared<ArrayType>(Assign(at->element_type()), at->contains_null());
    }
    if (const MapType* mt = type->as_map()) {
      return std::make_shared<MapType>(Assign(mt->key_type()), Assign(mt->value_type()),
                                       mt->value_contains_null());
    }
    return type;
  }

  int64_t max_id() const { return max_id_; }

 private:
  int64_t max_id_;
  std::set<int64_t> ids_;
};

}  // namespace

Result<std::shared_ptr<const StructType>> AssignColumnMapping(const StructType& schema,
                                                              int64_t* max_column_id) {
  Assigner assigner(*max_column_id);
  DELTA_RETURN_NOT_OK(assigner.CollectIds(schema, ""));
  // StructType has no shared_from_this: wrap a copy of the fields.
  DataTypePtr in = std::make_shared<StructType>(schema.fields());
  DataTypePtr out = assigner.Assign(in);
  *max_column_id = assigner.max_id();
  return std::static_pointer_cast<const StructType>(out);
}

}  // namespace delta
