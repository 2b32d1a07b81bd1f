#include "protocol/arrow_array_builder.h"

#include <cassert>
#include <cerrno>
#include <cstring>
#include <utility>

namespace delta {
namespace {

// What an exported array owns: its buffers, its children and the pointer arrays the C struct
// points at.
struct Owned {
  std::vector<uint8_t> validity;
  std::vector<int32_t> offsets;
  std::vector<uint8_t> data;
  std::vector<const void*> buffers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  auto* owned = static_cast<Owned*>(array->private_data);
  for (ArrowArray& c : owned->children) {
    if (c.release != nullptr) c.release(&c);
  }
  delete owned;
  array->release = nullptr;
}

void SetBit(std::vector<uint8_t>* bits, int64_t i, bool v) {
  if (static_cast<size_t>(i / 8) >= bits->size()) bits->push_back(0);
  if (v) (*bits)[static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(1u << (i % 8));
}

}  // namespace

ArrowArrayBuilder::ArrowArrayBuilder(const ArrowField& field) : field_(field) {
  const std::string& f = field.format;
  if (f == "u" || f == "z") {
    kind_ = Kind::kString;
  } else if (f == "c" || f == "s" || f == "i" || f == "l" || f == "tdD" || f.rfind("ts", 0) == 0) {
    kind_ = Kind::kFixed;
    width_ = f == "c" ? 1 : f == "s" ? 2 : (f == "i" || f == "tdD") ? 4 : 8;
  } else if (f == "f") {
    kind_ = Kind::kFloat;
  } else if (f == "g") {
    kind_ = Kind::kDouble;
  } else if (f.rfind("d:", 0) == 0) {
    kind_ = Kind::kDecimal;
  } else if (f == "b") {
    kind_ = Kind::kBool;
  } else if (f == "+s") {
    kind_ = Kind::kStruct;
  } else if (f == "+l") {
    kind_ = Kind::kList;
  } else {
    assert(f == "+m");
    kind_ = Kind::kMap;
  }
  for (const ArrowField& c : field.children) {
    children_.push_back(std::make_unique<ArrowArrayBuilder>(c));
  }
  field_.children.clear();  // the children's builders keep theirs
  Reset();
}

ArrowArrayBuilder::~ArrowArrayBuilder() = default;

void ArrowArrayBuilder::Reset() {
  length_ = 0;
  null_count_ = 0;
  validity_.clear();
  data_.clear();
  offsets_.clear();
  if (kind_ == Kind::kString || kind_ == Kind::kList || kind_ == Kind::kMap) offsets_.push_back(0);
}

void ArrowArrayBuilder::PushValidity(bool valid) {
  SetBit(&validity_, length_, valid);
  if (!valid) ++null_count_;
  ++length_;
}

void ArrowArrayBuilder::AppendNull() {
  switch (kind_) {
    case Kind::kString:
    case Kind::kList:
    case Kind::kMap:
      offsets_.push_back(offsets_.back());
      break;
    case Kind::kFixed:
      data_.insert(data_.end(), static_cast<size_t>(width_), 0);
      break;
    case Kind::kFloat:
      data_.insert(data_.end(), 4, 0);
      break;
    case Kind::kDouble:
      data_.insert(data_.end(), 8, 0);
      break;
    case Kind::kDecimal:
      data_.insert(data_.end(), 16, 0);
      break;
    case Kind::kBool:
      SetBit(&data_, length_, false);
      break;
    case Kind::kStruct:
      for (auto& c : children_) c->AppendEmpty();
      break;
  }
  PushValidity(false);
}

void ArrowArrayBuilder::AppendEmpty() {
  if (field_.nullable) return AppendNull();
  switch (kind_) {
    case Kind::kString:
      return AppendString({});
    case Kind::kFixed:
      return AppendInteger(0);
    case Kind::kFloat:
    case Kind::kDouble:
      return AppendFloating(0);
    case Kind::kDecimal:
      return AppendDecimal(0, 0);
    case Kind::kBool:
      return AppendBool(false);
    case Kind::kStruct:
      for (auto& c : children_) c->AppendEmpty();
      return AppendValid();
    case Kind::kList:
    case Kind::kMap:
      return AppendValid();
  }
}

void ArrowArrayBuilder::PushValidities(int64_t n, bool valid) {
  const int64_t end = length_ + n;
  validity_.resize(static_cast<size_t>((end + 7) / 8), 0);
  if (valid) {
    for (int64_t i = length_; i < end; ++i) {
      validity_[static_cast<size_t>(i / 8)] |= static_cast<uint8_t>(1u << (i % 8));
    }
  } else {
    null_count_ += n;
  }
  length_ = end;
}

void ArrowArrayBuilder::AppendZeros(int64_t n) {
  const size_t rows = static_cast<size_t>(n);
  switch (kind_) {
    case Kind::kString:
      offsets_.insert(offsets_.end(), rows, offsets_.back());
      break;
    case Kind::kList:
    case Kind::kMap:
      offsets_.insert(offsets_.end(), rows, static_cast<int32_t>(children_[0]->length()));
      break;
    case Kind::kFixed:
      data_.resize(data_.size() + rows * static_cast<size_t>(width_), 0);
      break;
    case Kind::kFloat:
      data_.resize(data_.size() + rows * 4, 0);
      break;
    case Kind::kDouble:
      data_.resize(data_.size() + rows * 8, 0);
      break;
    case Kind::kDecimal:
      data_.resize(data_.size() + rows * 16, 0);
      break;
    case Kind::kBool:
      data_.resize(static_cast<size_t>((length_ + n + 7) / 8), 0);
      break;
    case Kind::kStruct:
      assert(false);
      break;
  }
}

void ArrowArrayBuilder::AppendNulls(int64_t n) {
  if (n <= 0) return;
  if (kind_ == Kind::kStruct) {
    for (auto& c : children_) c->AppendEmpties(n);
  } else {
    AppendZeros(n);
  }
  PushValidities(n, false);
}

void ArrowArrayBuilder::AppendEmpties(int64_t n) {
  if (n <= 0) return;
  if (field_.nullable) return AppendNulls(n);
  if (kind_ == Kind::kStruct) {
    for (auto& c : children_) c->AppendEmpties(n);
    return AppendValids(n);
  }
  AppendZeros(n);  // "", 0, false, empty lists and maps
  PushValidities(n, true);
}

void ArrowArrayBuilder::AppendValids(int64_t n) {
  assert(kind_ == Kind::kStruct);
  for ([[maybe_unused]] auto& c : children_) assert(c->length() == length_ + n);
  PushValidities(n, true);
}

void ArrowArrayBuilder::AppendString(std::string_view v) {
  assert(kind_ == Kind::kString);
  data_.insert(data_.end(), v.begin(), v.end());
  offsets_.push_back(static_cast<int32_t>(data_.size()));
  PushValidity(true);
}

void ArrowArrayBuilder::AppendInteger(int64_t v) {
  assert(kind_ == Kind::kFixed);
  // Little-endian, as Arrow's buffers are on every platform the kernel builds for.
  uint8_t bytes[8];
  std::memcpy(bytes, &v, 8);
  data_.insert(data_.end(), bytes, bytes + width_);
  PushValidity(true);
}

void ArrowArrayBuilder::AppendFloating(double v) {
  assert(kind_ == Kind::kFloat || kind_ == Kind::kDouble);
  uint8_t bytes[8];
  if (kind_ == Kind::kFloat) {
    float f = static_cast<float>(v);
    std::memcpy(bytes, &f, 4);
    data_.insert(data_.end(), bytes, bytes + 4);
  } else {
    std::memcpy(bytes, &v, 8);
    data_.insert(data_.end(), bytes, bytes + 8);
  }
  PushValidity(true);
}

void ArrowArrayBuilder::AppendDecimal(int64_t high, uint64_t low) {
  assert(kind_ == Kind::kDecimal);
  uint8_t bytes[16];
  std::memcpy(bytes, &low, 8);
  std::memcpy(bytes + 8, &high, 8);
  data_.insert(data_.end(), bytes, bytes + 16);
  PushValidity(true);
}

void ArrowArrayBuilder::AppendBool(bool v) {
  assert(kind_ == Kind::kBool);
  SetBit(&data_, length_, v);
  PushValidity(true);
}

void ArrowArrayBuilder::AppendValid() {
  assert(kind_ == Kind::kStruct || kind_ == Kind::kList || kind_ == Kind::kMap);
  if (kind_ != Kind::kStruct) {
    offsets_.push_back(static_cast<int32_t>(children_[0]->length()));
  } else {
    for ([[maybe_unused]] auto& c : children_) assert(c->length() == length_ + 1);
  }
  PushValidity(true);
}

void ArrowArrayBuilder::Finish(ArrowArray* out) {
  auto* owned = new Owned;
  owned->validity = std::move(validity_);
  owned->offsets = std::move(offsets_);
  owned->data = std::move(data_);
  owned->buffers.push_back(null_count_ > 0 ? owned->validity.data() : nullptr);
  switch (kind_) {
    case Kind::kString:
      owned->buffers.push_back(owned->offsets.data());
      // A non-null data pointer even when no byte was written.
      if (owned->data.empty()) owned->data.push_back(0);
      owned->buffers.push_back(owned->data.data());
      break;
    case Kind::kFixed:
    case Kind::kFloat:
    case Kind::kDouble:
    case Kind::kDecimal:
    case Kind::kBool:
      if (owned->data.empty()) owned->data.push_back(0);
      owned->buffers.push_back(owned->data.data());
      break;
    case Kind::kList:
    case Kind::kMap:
      owned->buffers.push_back(owned->offsets.data());
      break;
    case Kind::kStruct:
      break;
  }
  owned->children.resize(children_.size());
  for (size_t i = 0; i < children_.size(); ++i) {
    children_[i]->Finish(&owned->children[i]);
    owned->child_pointers.push_back(&owned->children[i]);
  }
  out->length = length_;
  out->null_count = null_count_;
  out->offset = 0;
  out->n_buffers = static_cast<int64_t>(owned->buffers.size());
  out->n_children = static_cast<int64_t>(owned->children.size());
  out->buffers = owned->buffers.data();
  out->children = owned->child_pointers.empty() ? nullptr : owned->child_pointers.data();
  out->dictionary = nullptr;
  out->release = &ReleaseArray;
  out->private_data = owned;
  Reset();
}

}  // namespace delta

namespace delta {
namespace {

struct Generated {
  ArrowField schema;
  ArrowBatchSource next;
  std::shared_ptr<Status> error;
  std::string last_error;
};

int GetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  static_cast<Generated*>(stream->private_data)->schema.ExportTo(out);
  return 0;
}

int GetNext(ArrowArrayStream* stream, ArrowArray* out) {
  auto* g = static_cast<Generated*>(stream->private_data);
  out->release = nullptr;
  Status st = g->next(out);
  if (st.ok()) return 0;
  if (out->release != nullptr) out->release(out);
  g->last_error = st.ToString();
  if (g->error != nullptr) *g->error = std::move(st);
  return EIO;
}

const char* GetLastError(ArrowArrayStream* stream) {
  auto* g = static_cast<Generated*>(stream->private_data);
  return g->last_error.empty() ? nullptr : g->last_error.c_str();
}

void ReleaseStream(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) return;
  delete static_cast<Generated*>(stream->private_data);
  stream->release = nullptr;
}

}  // namespace

ArrowStreamHandle MakeGeneratedStream(ArrowField schema, ArrowBatchSource next,
                                      std::shared_ptr<Status> error) {
  ArrowArrayStream raw;
  raw.get_schema = &GetSchema;
  raw.get_next = &GetNext;
  raw.get_last_error = &GetLastError;
  raw.release = &ReleaseStream;
  raw.private_data = new Generated{std::move(schema), std::move(next), std::move(error), {}};
  return ArrowStreamHandle(&raw);
}

}  // namespace delta
