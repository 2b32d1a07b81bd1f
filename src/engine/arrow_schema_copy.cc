#include "engine/arrow_schema_copy.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace delta::engine {

namespace {

struct SchemaCopy {
  std::string format;
  std::string name;
  std::string metadata;
  bool has_name = false;
  bool has_metadata = false;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
  ArrowSchema dictionary{};
  bool has_dictionary = false;
};

// Length of the C Data Interface metadata encoding: int32 count, then (int32 len, bytes) pairs.
size_t MetadataLength(const char* metadata) {
  if (metadata == nullptr) return 0;
  auto read_int32 = [&](size_t pos) {
    int32_t v;
    std::memcpy(&v, metadata + pos, sizeof(v));
    return v;
  };
  size_t pos = 0;
  int32_t pairs = read_int32(pos);
  pos += 4;
  for (int32_t i = 0; i < pairs * 2; ++i) {
    int32_t len = read_int32(pos);
    pos += 4 + static_cast<size_t>(len);
  }
  return pos;
}

void ReleaseCopy(ArrowSchema* schema) {
  auto* copy = static_cast<SchemaCopy*>(schema->private_data);
  for (auto& child : copy->children) {
    if (child.release != nullptr) child.release(&child);
  }
  if (copy->has_dictionary && copy->dictionary.release != nullptr) {
    copy->dictionary.release(&copy->dictionary);
  }
  delete copy;
  schema->release = nullptr;
}

}  // namespace

void CopyArrowSchema(const ArrowSchema& src, ArrowSchema* out) {
  auto copy = std::make_unique<SchemaCopy>();
  copy->format = src.format != nullptr ? src.format : "";
  copy->has_name = src.name != nullptr;
  if (copy->has_name) copy->name = src.name;
  copy->has_metadata = src.metadata != nullptr;
  if (copy->has_metadata) copy->metadata.assign(src.metadata, MetadataLength(src.metadata));
  copy->children.resize(static_cast<size_t>(src.n_children));
  for (int64_t i = 0; i < src.n_children; ++i) {
    CopyArrowSchema(*src.children[i], &copy->children[static_cast<size_t>(i)]);
    copy->child_pointers.push_back(&copy->children[static_cast<size_t>(i)]);
  }
  if (src.dictionary != nullptr) {
    copy->has_dictionary = true;
    CopyArrowSchema(*src.dictionary, &copy->dictionary);
  }
  out->format = copy->format.c_str();
  out->name = copy->has_name ? copy->name.c_str() : nullptr;
  out->metadata = copy->has_metadata ? copy->metadata.data() : nullptr;
  out->flags = src.flags;
  out->n_children = src.n_children;
  out->children = copy->child_pointers.empty() ? nullptr : copy->child_pointers.data();
  out->dictionary = copy->has_dictionary ? &copy->dictionary : nullptr;
  out->release = ReleaseCopy;
  out->private_data = copy.release();
}

}  // namespace delta::engine
