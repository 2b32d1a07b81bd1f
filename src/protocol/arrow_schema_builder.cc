#include "protocol/arrow_schema_builder.h"

#include <cstring>
#include <memory>

namespace delta {
namespace {

// What an exported ArrowSchema node owns; its private_data.
struct ExportedSchema {
  std::string format;
  std::string name;
  std::string metadata;  // binary; empty = none
  std::unique_ptr<ArrowSchema[]> children;
  std::unique_ptr<ArrowSchema*[]> child_pointers;
};

void ReleaseExportedSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  for (int64_t k = 0; k < schema->n_children; ++k) {
    ArrowSchema* child = schema->children[k];
    // A consumer may have moved a child out, leaving it released.
    if (child != nullptr && child->release != nullptr) child->release(child);
  }
  delete static_cast<ExportedSchema*>(schema->private_data);
  schema->release = nullptr;
  schema->private_data = nullptr;
}

void AppendInt32(std::string* out, int32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);
  out->append(bytes, 4);
}

}  // namespace

std::string EncodeArrowMetadata(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  if (pairs.empty()) return out;
  AppendInt32(&out, static_cast<int32_t>(pairs.size()));
  for (const auto& [key, value] : pairs) {
    AppendInt32(&out, static_cast<int32_t>(key.size()));
    out += key;
    AppendInt32(&out, static_cast<int32_t>(value.size()));
    out += value;
  }
  return out;
}

ArrowField ArrowField::String(std::string name, bool nullable) {
  return {std::move(name), "u", nullable, {}, {}, 0};
}
ArrowField ArrowField::Binary(std::string name, bool nullable) {
  return {std::move(name), "z", nullable, {}, {}, 0};
}
ArrowField ArrowField::Int32(std::string name, bool nullable) {
  return {std::move(name), "i", nullable, {}, {}, 0};
}
ArrowField ArrowField::Int64(std::string name, bool nullable) {
  return {std::move(name), "l", nullable, {}, {}, 0};
}
ArrowField ArrowField::Bool(std::string name, bool nullable) {
  return {std::move(name), "b", nullable, {}, {}, 0};
}
ArrowField ArrowField::Double(std::string name, bool nullable) {
  return {std::move(name), "g", nullable, {}, {}, 0};
}

ArrowField ArrowField::Struct(std::string name, std::vector<ArrowField> fields, bool nullable) {
  return {std::move(name), "+s", nullable, {}, std::move(fields), 0};
}

ArrowField ArrowField::List(std::string name, ArrowField element, bool nullable) {
  element.name = "element";
  std::vector<ArrowField> children;
  children.push_back(std::move(element));
  return {std::move(name), "+l", nullable, {}, std::move(children), 0};
}

ArrowField ArrowField::StringMap(std::string name, bool nullable) {
  return Map(std::move(name), String("key", false), String("value", true), nullable);
}

ArrowField ArrowField::Map(std::string name, ArrowField key, ArrowField value, bool nullable) {
  key.name = "key";
  key.nullable = false;
  value.name = "value";
  std::vector<ArrowField> kv;
  kv.push_back(std::move(key));
  kv.push_back(std::move(value));
  std::vector<ArrowField> children;
  children.push_back(Struct("entries", std::move(kv), /*nullable=*/false));
  return {std::move(name), "+m", nullable, {}, std::move(children), 0};
}

ArrowField& ArrowField::WithMetadata(std::string key, std::string value) {
  metadata.emplace_back(std::move(key), std::move(value));
  return *this;
}

ArrowField& ArrowField::WithFieldId(int32_t id) {
  return WithMetadata("PARQUET:field_id", std::to_string(id));
}

void ArrowField::ExportTo(ArrowSchema* out) const {
  auto owned = std::make_unique<ExportedSchema>();
  owned->format = format;
  owned->name = name;
  owned->metadata = EncodeArrowMetadata(metadata);
  size_t n = children.size();
  if (n > 0) {
    owned->children = std::make_unique<ArrowSchema[]>(n);
    owned->child_pointers = std::make_unique<ArrowSchema*[]>(n);
    for (size_t k = 0; k < n; ++k) {
      children[k].ExportTo(&owned->children[k]);
      owned->child_pointers[k] = &owned->children[k];
    }
  }
  out->format = owned->format.c_str();
  out->name = owned->name.c_str();
  out->metadata = owned->metadata.empty() ? nullptr : owned->metadata.data();
  out->flags = (nullable ? ARROW_FLAG_NULLABLE : 0) | extra_flags;
  out->n_children = static_cast<int64_t>(n);
  out->children = n > 0 ? owned->child_pointers.get() : nullptr;
  out->dictionary = nullptr;
  out->release = &ReleaseExportedSchema;
  out->private_data = owned.release();
}

ArrowSchemaHandle ArrowField::Export() const {
  ArrowSchema raw;
  ExportTo(&raw);
  return ArrowSchemaHandle(&raw);
}

}  // namespace delta
