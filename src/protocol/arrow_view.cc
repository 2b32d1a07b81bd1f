#include "protocol/arrow_view.h"

#include <charconv>
#include <cstring>

namespace delta {
namespace {

std::string JoinPath(const std::string& parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  std::string out = parent;
  out += '.';
  out += child;
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Checks the parts of an (ArrowSchema, ArrowArray) pair every view relies on.
Status CheckNode(const ArrowSchema& schema, const ArrowArray& array, const std::string& path) {
  if (schema.format == nullptr) {
    return Status::InvalidTable("column '" + path + "': Arrow schema has no format");
  }
  if (array.length < 0 || array.offset < 0) {
    return Status::InvalidTable("column '" + path + "': negative Arrow array length or offset");
  }
  if (schema.n_children != array.n_children) {
    return Status::InvalidTable("column '" + path + "': Arrow schema has " +
                                std::to_string(schema.n_children) + " children but the array has " +
                                std::to_string(array.n_children));
  }
  if (schema.n_children > 0 && (schema.children == nullptr || array.children == nullptr)) {
    return Status::InvalidTable("column '" + path + "': Arrow children are missing");
  }
  if (array.n_buffers > 0 && array.buffers == nullptr) {
    return Status::InvalidTable("column '" + path + "': Arrow buffers are missing");
  }
  if (schema.dictionary != nullptr || array.dictionary != nullptr) {
    return Status::InvalidTable("column '" + path +
                                "': dictionary-encoded Arrow columns are not supported");
  }
  return Status::OK();
}

// Formats whose layout has no validity bitmap in buffer 0.
bool HasValidityBuffer(std::string_view format) {
  return format != "n" && !StartsWith(format, "+u") && format != "+r";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// ArrayView

Result<ArrayView> ArrayView::Make(const ArrowSchema& schema, const ArrowArray& array,
                                  std::string path) {
  if (path.empty() && schema.name != nullptr) path = schema.name;
  DELTA_RETURN_NOT_OK(CheckNode(schema, array, path));
  ArrayView v;
  v.schema_ = &schema;
  v.array_ = &array;
  v.start_ = array.offset;
  v.length_ = array.length;
  v.path_ = std::move(path);
  std::string_view format = schema.format;
  if (format == "n") {
    v.all_null_ = true;
  } else if (HasValidityBuffer(format) && array.null_count != 0 && array.n_buffers >= 1 &&
             array.buffers[0] != nullptr) {
    v.validity_.push_back({static_cast<const uint8_t*>(array.buffers[0]), v.start_});
  }
  return v;
}

ArrayView ArrayView::AllNull(int64_t length, std::string path) {
  ArrayView v;
  v.length_ = length;
  v.all_null_ = true;
  v.path_ = std::move(path);
  return v;
}

Status ArrayView::TypeMismatch(std::string_view expected) const {
  return Status::InvalidTable("column '" + path_ + "' has Arrow format '" + std::string(format()) +
                              "', expected " + std::string(expected));
}

Status ArrayView::CheckBuffers(int64_t buffers) const {
  if (array_->n_buffers < buffers) {
    return Status::InvalidTable("column '" + path_ + "' (Arrow format '" + std::string(format()) +
                                "') has " + std::to_string(array_->n_buffers) +
                                " buffers, expected " + std::to_string(buffers));
  }
  if (array_->length == 0) return Status::OK();
  for (int64_t k = 1; k < buffers; ++k) {
    if (array_->buffers[k] == nullptr) {
      return Status::InvalidTable("column '" + path_ + "': Arrow buffer " + std::to_string(k) +
                                  " is null");
    }
  }
  return Status::OK();
}

Result<ArrayView> ArrayView::StructChild(int64_t index) const {
  const ArrowSchema* cs = schema_->children[index];
  std::string child_path =
      JoinPath(path_, cs && cs->name ? std::string(cs->name) : std::to_string(index));
  if (all_null_ || array_ == nullptr) return AllNull(length_, std::move(child_path));
  const ArrowArray* ca = array_->children[index];
  if (cs == nullptr || ca == nullptr) {
    return Status::InvalidTable("column '" + child_path + "': Arrow child is missing");
  }
  DELTA_ASSIGN_OR_RETURN(ArrayView child, Make(*cs, *ca, child_path));
  // Struct row i is row (start_ + i) of the child's logical range.
  if (start_ + length_ > ca->length) {
    return Status::InvalidTable("column '" + child_path + "': Arrow child has " +
                                std::to_string(ca->length) + " rows, the struct needs " +
                                std::to_string(start_ + length_));
  }
  child.start_ = ca->offset + start_;
  child.length_ = length_;
  for (Bitmap& b : child.validity_) b.start = child.start_;
  // Enclosing nulls first: they are the likelier reason a row is null.
  child.validity_.insert(child.validity_.begin(), validity_.begin(), validity_.end());
  child.all_null_ = child.all_null_ || all_null_;
  return child;
}

Result<ArrayView> ArrayView::ElementChild(int64_t index, std::string path) const {
  const ArrowSchema* cs = schema_->children[index];
  const ArrowArray* ca = array_->children[index];
  std::string child_path =
      !path.empty() ? std::move(path) : JoinPath(path_, cs && cs->name ? cs->name : "element");
  if (cs == nullptr || ca == nullptr) {
    return Status::InvalidTable("column '" + child_path + "': Arrow child is missing");
  }
  return Make(*cs, *ca, std::move(child_path));
}

// ---------------------------------------------------------------------------------------------
// StructArrayView

Result<StructArrayView> StructArrayView::Make(ArrayView column) {
  StructArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.schema_ == nullptr) return v;  // absent: every field is absent too
  if (v.format() != "+s") {
    if (v.all_null()) {
      v.schema_ = nullptr;  // Arrow null type: no fields, all rows null
      v.array_ = nullptr;
      return v;
    }
    return v.TypeMismatch("a struct");
  }
  return v;
}

Result<StructArrayView> StructArrayView::Make(const ArrowSchema& schema, const ArrowArray& array,
                                              std::string path) {
  DELTA_ASSIGN_OR_RETURN(ArrayView column, ArrayView::Make(schema, array, std::move(path)));
  return Make(std::move(column));
}

std::string_view StructArrayView::field_name(int64_t index) const {
  const char* name = schema_->children[index]->name;
  return name ? std::string_view(name) : std::string_view();
}

int64_t StructArrayView::FieldIndex(std::string_view name) const {
  for (int64_t k = 0; k < num_fields(); ++k) {
    if (field_name(k) == name) return k;
  }
  return -1;
}

Result<ArrayView> StructArrayView::Field(int64_t index) const {
  if (index < 0 || index >= num_fields()) {
    return Status::InvalidArgument("column '" + path_ + "' has no field " + std::to_string(index));
  }
  return StructChild(index);
}

Result<ArrayView> StructArrayView::Field(std::string_view name) const {
  if (!present()) return AllNull(length_, JoinPath(path_, name));
  int64_t index = FieldIndex(name);
  if (index < 0) {
    return Status::InvalidTable("column '" + JoinPath(path_, name) + "' is missing");
  }
  return StructChild(index);
}

Result<ArrayView> StructArrayView::FieldOrNull(std::string_view name) const {
  int64_t index = FieldIndex(name);
  if (index < 0) return AllNull(length_, JoinPath(path_, name));
  return StructChild(index);
}

// ---------------------------------------------------------------------------------------------
// StringArrayView

Result<StringArrayView> StringArrayView::Make(ArrayView column) {
  StringArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) return v;
  std::string_view f = v.format();
  if (f == "u" || f == "z" || f == "U" || f == "Z") {
    bool large = f == "U" || f == "Z";
    v.layout_ = large ? Layout::kOffsets64 : Layout::kOffsets32;
    DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
    if (v.array_->n_buffers < 3) return v.CheckBuffers(3);
    if (v.array_->length == 0) return v;
    v.offsets_ = v.Buffer(1);
    int64_t first = 0;
    int64_t last = 0;
    if (large) {
      first = static_cast<const int64_t*>(v.offsets_)[v.start_];
      last = static_cast<const int64_t*>(v.offsets_)[v.start_ + v.length_];
    } else {
      first = static_cast<const int32_t*>(v.offsets_)[v.start_];
      last = static_cast<const int32_t*>(v.offsets_)[v.start_ + v.length_];
    }
    if (first < 0 || last < first) {
      return Status::InvalidTable("column '" + v.path_ + "': invalid Arrow string offsets");
    }
    v.data_ = static_cast<const char*>(v.Buffer(2));
    if (v.data_ == nullptr) {
      // Allowed when every value is empty.
      if (last != first) return v.CheckBuffers(3);
      static const char kEmpty[1] = {0};
      v.data_ = kEmpty - first;
    }
    return v;
  }
  if (f == "vu" || f == "vz") {
    v.layout_ = Layout::kViews;
    // validity, views, data buffers..., buffer sizes
    DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
    if (v.array_->n_buffers < 3) return v.CheckBuffers(3);
    v.offsets_ = v.Buffer(1);
    return v;
  }
  return v.TypeMismatch("a string or binary");
}

std::string_view StringArrayView::ViewValue(int64_t p) const {
  const char* view = static_cast<const char*>(offsets_) + 16 * p;
  int32_t size = 0;
  std::memcpy(&size, view, 4);
  if (size <= 12) return {view + 4, static_cast<size_t>(size < 0 ? 0 : size)};
  int32_t buffer_index = 0;
  int32_t offset = 0;
  std::memcpy(&buffer_index, view + 8, 4);
  std::memcpy(&offset, view + 12, 4);
  // The last buffer holds the variadic buffer sizes, not data.
  if (buffer_index < 0 || buffer_index >= array_->n_buffers - 3) return {};
  const char* data = static_cast<const char*>(array_->buffers[2 + buffer_index]);
  if (data == nullptr) return {};
  return {data + offset, static_cast<size_t>(size)};
}

// ---------------------------------------------------------------------------------------------
// IntArrayView

Result<IntArrayView> IntArrayView::Make(ArrayView column) {
  IntArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) return v;
  std::string_view f = v.format();
  if (f == "c") {
    v.kind_ = Kind::kI8;
  } else if (f == "C") {
    v.kind_ = Kind::kU8;
  } else if (f == "s") {
    v.kind_ = Kind::kI16;
  } else if (f == "S") {
    v.kind_ = Kind::kU16;
  } else if (f == "i" || f == "tdD" || f == "tts" || f == "ttm" || f == "tiM") {
    v.kind_ = Kind::kI32;
  } else if (f == "I") {
    v.kind_ = Kind::kU32;
  } else if (f == "l" || f == "tdm" || f == "ttu" || f == "ttn" || StartsWith(f, "ts") ||
             StartsWith(f, "tD")) {
    v.kind_ = Kind::kI64;
  } else {
    return v.TypeMismatch("an integer");
  }
  DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
  v.data_ = v.Buffer(1);
  return v;
}

int IntArrayView::byte_width() const {
  switch (kind_) {
    case Kind::kI8:
    case Kind::kU8:
      return 1;
    case Kind::kI16:
    case Kind::kU16:
      return 2;
    case Kind::kI32:
    case Kind::kU32:
      return 4;
    case Kind::kI64:
      return 8;
  }
  return 8;
}

// ---------------------------------------------------------------------------------------------
// BoolArrayView and FloatArrayView

Result<BoolArrayView> BoolArrayView::Make(ArrayView column) {
  BoolArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) return v;
  if (v.format() != "b") return v.TypeMismatch("a boolean");
  DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
  v.data_ = static_cast<const uint8_t*>(v.Buffer(1));
  return v;
}

Result<FloatArrayView> FloatArrayView::Make(ArrayView column) {
  FloatArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) return v;
  if (v.format() == "g") {
    v.is_double_ = true;
  } else if (v.format() == "f") {
    v.is_double_ = false;
  } else {
    return v.TypeMismatch("a float or double");
  }
  DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
  v.data_ = v.Buffer(1);
  return v;
}

Result<DecimalArrayView> DecimalArrayView::Make(ArrayView column) {
  DecimalArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) return v;
  std::string_view f = v.format();
  if (!StartsWith(f, "d:")) return v.TypeMismatch("decimal128");
  std::string_view rest = f.substr(2);
  const char* end = rest.data() + rest.size();
  auto [p1, e1] = std::from_chars(rest.data(), end, v.precision_);
  if (e1 != std::errc() || p1 == end || *p1 != ',') return v.TypeMismatch("decimal128");
  auto [p2, e2] = std::from_chars(p1 + 1, end, v.scale_);
  if (e2 != std::errc()) return v.TypeMismatch("decimal128");
  std::string_view tail(p2, static_cast<size_t>(end - p2));
  if (!tail.empty() && tail != ",128") return v.TypeMismatch("decimal128");
  DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
  return v;
}

// ---------------------------------------------------------------------------------------------
// ListArrayView and MapArrayView

namespace {

// Checks that the offsets of rows [start, start + length) lie within `elements` entries.
template <typename Offset>
Status CheckListOffsets(const void* offsets, int64_t start, int64_t length, int64_t elements,
                        const std::string& path) {
  const Offset* o = static_cast<const Offset*>(offsets);
  int64_t first = o[start];
  int64_t last = o[start + length];
  if (first < 0 || last < first || last > elements) {
    return Status::InvalidTable("column '" + path + "': Arrow list offsets [" +
                                std::to_string(first) + ", " + std::to_string(last) +
                                ") exceed its " + std::to_string(elements) + " elements");
  }
  return Status::OK();
}

}  // namespace

Result<ListArrayView> ListArrayView::Make(ArrayView column) {
  ListArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) {
    v.elements_ = AllNull(0, v.path_ + ".element");
    return v;
  }
  std::string_view f = v.format();
  if (f == "+l" || f == "+L") {
    v.large_ = f == "+L";
  } else if (StartsWith(f, "+w:")) {
    v.fixed_size_ = std::atoll(f.data() + 3);
    if (v.fixed_size_ <= 0) return v.TypeMismatch("a list");
  } else {
    return v.TypeMismatch("a list");
  }
  if (v.schema_->n_children != 1) return v.TypeMismatch("a list with one child");
  DELTA_ASSIGN_OR_RETURN(v.elements_, v.ElementChild(0));
  if (v.fixed_size_ > 0) {
    DELTA_RETURN_NOT_OK(v.CheckBuffers(1));
    if ((v.start_ + v.length_) * v.fixed_size_ > v.elements_.length()) {
      return Status::InvalidTable("column '" + v.path_ + "': Arrow fixed-size list has too few " +
                                  "elements");
    }
    return v;
  }
  DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
  v.offsets_ = v.Buffer(1);
  if (v.array_->length == 0) return v;
  Status st = v.large_ ? CheckListOffsets<int64_t>(v.offsets_, v.start_, v.length_,
                                                   v.elements_.length(), v.path_)
                       : CheckListOffsets<int32_t>(v.offsets_, v.start_, v.length_,
                                                   v.elements_.length(), v.path_);
  if (!st.ok()) return st;
  return v;
}

Result<MapArrayView> MapArrayView::Make(ArrayView column) {
  MapArrayView v;
  static_cast<ArrayView&>(v) = std::move(column);
  if (v.all_null()) return v;
  std::string_view f = v.format();
  if (f == "+m" || f == "+l") {
    v.large_ = false;
  } else if (f == "+L") {
    v.large_ = true;
  } else {
    return v.TypeMismatch("a map<string, string>");
  }
  if (v.schema_->n_children != 1) return v.TypeMismatch("a map<string, string>");
  // Name keys and values "<map>.key" / "<map>.value" in errors, hiding the entries struct.
  DELTA_ASSIGN_OR_RETURN(ArrayView entries_column, v.ElementChild(0, v.path_));
  if (entries_column.format() != "+s" || entries_column.schema()->n_children != 2) {
    return v.TypeMismatch("a map<string, string>");
  }
  DELTA_ASSIGN_OR_RETURN(StructArrayView entries, StructArrayView::Make(entries_column));
  DELTA_ASSIGN_OR_RETURN(ArrayView keys, entries.Field(int64_t{0}));
  DELTA_ASSIGN_OR_RETURN(ArrayView values, entries.Field(int64_t{1}));
  DELTA_ASSIGN_OR_RETURN(v.keys_, StringArrayView::Make(std::move(keys)));
  DELTA_ASSIGN_OR_RETURN(v.values_, StringArrayView::Make(std::move(values)));
  DELTA_RETURN_NOT_OK(v.CheckBuffers(2));
  v.offsets_ = v.Buffer(1);
  if (v.array_->length == 0) return v;
  Status st =
      v.large_
          ? CheckListOffsets<int64_t>(v.offsets_, v.start_, v.length_, entries.length(), v.path_)
          : CheckListOffsets<int32_t>(v.offsets_, v.start_, v.length_, entries.length(), v.path_);
  if (!st.ok()) return st;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Metadata

Result<std::vector<std::pair<std::string, std::string>>> DecodeArrowMetadata(const char* metadata) {
  std::vector<std::pair<std::string, std::string>> out;
  if (metadata == nullptr) return out;
  const char* p = metadata;
  auto read_i32 = [&p]() {
    int32_t v = 0;
    std::memcpy(&v, p, 4);
    p += 4;
    return v;
  };
  int32_t n = read_i32();
  if (n < 0) return Status::InvalidTable("Arrow schema metadata has a negative entry count");
  out.reserve(static_cast<size_t>(n));
  for (int32_t k = 0; k < n; ++k) {
    int32_t key_len = read_i32();
    if (key_len < 0) return Status::InvalidTable("Arrow schema metadata has a negative length");
    std::string key(p, static_cast<size_t>(key_len));
    p += key_len;
    int32_t value_len = read_i32();
    if (value_len < 0) return Status::InvalidTable("Arrow schema metadata has a negative length");
    std::string value(p, static_cast<size_t>(value_len));
    p += value_len;
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace delta
