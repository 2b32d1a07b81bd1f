// Read-only typed views over Arrow C Data Interface arrays (ArrowSchema + ArrowArray).
//
// This is where the core's knowledge of the Arrow memory layout lives: the core never includes
// Arrow C++ and reads columnar data (checkpoint rows, scan metadata) only through these views.
// A view validates the column's format once, when it is made, and returns InvalidTable naming
// the column on a mismatch; row accessors are then branch-light and never allocate.
//
// Offsets are honoured at every level: a child of a struct is read at the struct's offset plus
// its own, list elements through the offsets buffer plus the element array's offset. A child
// of a struct reports a row as null when the struct row (or any enclosing struct row) is null.
//
// Views borrow the schema and array; both must outlive every view made from them.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/arrow_c.h"
#include "delta/literal.h"
#include "delta/status.h"

namespace delta {

/// An untyped column: validity, length and format. Base of the typed views below.
/// A default-constructed or `AllNull` view stands for a column absent from the data.
class ArrayView {
 public:
  ArrayView() = default;

  /// A top-level view over `array` described by `schema`. Checks the buffer and child counts
  /// against the format. `path` names the column in error messages (defaults to the schema's
  /// name).
  static Result<ArrayView> Make(const ArrowSchema& schema, const ArrowArray& array,
                                std::string path = {});

  /// A column of `length` rows, all null, standing for a column the data does not have.
  static ArrayView AllNull(int64_t length, std::string path);

  /// Number of rows.
  int64_t length() const { return length_; }
  /// True when the column exists in the data (it may still be all null).
  bool present() const { return array_ != nullptr; }
  /// True when row `i` is null, here or in an enclosing struct.
  bool IsNull(int64_t i) const {
    if (all_null_) return true;
    for (const Bitmap& b : validity_) {
      int64_t bit = b.start + i;
      if ((b.bits[bit >> 3] & (1u << (bit & 7))) == 0) return true;
    }
    return false;
  }
  /// True when row `i` holds a value.
  bool IsValid(int64_t i) const { return !IsNull(i); }
  /// The Arrow format string ("u", "+s", "tsu:UTC", ...); empty when absent.
  std::string_view format() const { return schema_ ? schema_->format : std::string_view(); }
  /// The dotted column path used in error messages, e.g. "add.deletionVector.offset".
  const std::string& path() const { return path_; }
  /// The described schema node, or null when absent.
  const ArrowSchema* schema() const { return schema_; }
  /// The array node, or null when absent.
  const ArrowArray* array() const { return array_; }

 protected:
  struct Bitmap {
    const uint8_t* bits;
    int64_t start;  // bit index of row 0
  };

  /// InvalidTable naming this column, its format and what was expected.
  Status TypeMismatch(std::string_view expected) const;
  /// Checks n_buffers >= `buffers` and the non-null-ness of the data buffers 1..buffers-1.
  Status CheckBuffers(int64_t buffers) const;
  /// A child column of this array at `index`, indexed like this array (struct semantics).
  Result<ArrayView> StructChild(int64_t index) const;
  /// A child column of this array at `index`, indexed on its own (list semantics), named
  /// `path` in errors (default: this path plus the child's name).
  Result<ArrayView> ElementChild(int64_t index, std::string path = {}) const;
  /// Marks this view as all-null (used for Arrow's null type "n").
  void MakeAllNull() { all_null_ = true; }
  bool all_null() const { return all_null_; }

  /// Physical index of row `i` in this array's buffers.
  int64_t Phys(int64_t i) const { return start_ + i; }
  const void* Buffer(int64_t k) const { return array_->buffers[k]; }

  const ArrowSchema* schema_ = nullptr;
  const ArrowArray* array_ = nullptr;
  int64_t start_ = 0;   // array offset plus the offsets of enclosing structs
  int64_t length_ = 0;  // logical rows
  bool all_null_ = false;
  std::vector<Bitmap> validity_;  // own and enclosing structs' bitmaps that have nulls
  std::string path_;
};

/// A struct column ("+s"): children by index or name.
class StructArrayView : public ArrayView {
 public:
  StructArrayView() = default;
  /// Views `column` as a struct; InvalidTable if it is not one.
  static Result<StructArrayView> Make(ArrayView column);
  /// A top-level struct, e.g. one batch of a Parquet read.
  static Result<StructArrayView> Make(const ArrowSchema& schema, const ArrowArray& array,
                                      std::string path = {});

  /// Number of child fields (0 when absent).
  int64_t num_fields() const { return schema_ ? schema_->n_children : 0; }
  /// The name of child `index`.
  std::string_view field_name(int64_t index) const;
  /// Index of the child named `name`, or -1.
  int64_t FieldIndex(std::string_view name) const;
  /// Child `index`, reporting this struct's nulls as its own.
  Result<ArrayView> Field(int64_t index) const;
  /// The child named `name`; InvalidTable naming the missing column if there is none.
  Result<ArrayView> Field(std::string_view name) const;
  /// The child named `name`, or an all-null column when the struct has no such child.
  Result<ArrayView> FieldOrNull(std::string_view name) const;

  /// The child named `name` as a typed view; missing or mistyped is InvalidTable.
  template <typename View>
  Result<View> Get(std::string_view name) const {
    DELTA_ASSIGN_OR_RETURN(ArrayView child, Field(name));
    return View::Make(std::move(child));
  }
  /// The child named `name` as a typed view, or an all-null one when there is no such child.
  template <typename View>
  Result<View> GetOrNull(std::string_view name) const {
    DELTA_ASSIGN_OR_RETURN(ArrayView child, FieldOrNull(name));
    return View::Make(std::move(child));
  }
};

/// A string or binary column: utf8 "u", large utf8 "U", binary "z", large binary "Z", and the
/// view layouts "vu"/"vz". Each row is a string_view into the array's buffers.
class StringArrayView : public ArrayView {
 public:
  StringArrayView() = default;
  /// Views `column` as strings; InvalidTable if it is another type.
  static Result<StringArrayView> Make(ArrayView column);

  /// The bytes of row `i`. Precondition: !IsNull(i).
  std::string_view Value(int64_t i) const {
    int64_t p = Phys(i);
    switch (layout_) {
      case Layout::kOffsets32: {
        const int32_t* o = static_cast<const int32_t*>(offsets_);
        return {data_ + o[p], static_cast<size_t>(o[p + 1] - o[p])};
      }
      case Layout::kOffsets64: {
        const int64_t* o = static_cast<const int64_t*>(offsets_);
        return {data_ + o[p], static_cast<size_t>(o[p + 1] - o[p])};
      }
      case Layout::kViews:
        return ViewValue(p);
    }
    return {};
  }
  /// Row `i`, or nullopt when null.
  std::optional<std::string_view> Get(int64_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Value(i);
  }

 private:
  enum class Layout { kOffsets32, kOffsets64, kViews };
  std::string_view ViewValue(int64_t p) const;

  Layout layout_ = Layout::kOffsets32;
  const void* offsets_ = nullptr;  // offsets, or the 16-byte views
  const char* data_ = nullptr;
};

/// An integer column read as int64: int8/16/32/64, uint8/16/32, and the integer-backed
/// temporal types (dates, times, timestamps, durations) as their raw stored value.
class IntArrayView : public ArrayView {
 public:
  IntArrayView() = default;
  /// Views `column` as integers; InvalidTable if it is another type.
  static Result<IntArrayView> Make(ArrayView column);

  /// Row `i` widened to int64. Precondition: !IsNull(i).
  int64_t Value(int64_t i) const {
    int64_t p = Phys(i);
    switch (kind_) {
      case Kind::kI8:
        return static_cast<const int8_t*>(data_)[p];
      case Kind::kU8:
        return static_cast<const uint8_t*>(data_)[p];
      case Kind::kI16:
        return static_cast<const int16_t*>(data_)[p];
      case Kind::kU16:
        return static_cast<const uint16_t*>(data_)[p];
      case Kind::kI32:
        return static_cast<const int32_t*>(data_)[p];
      case Kind::kU32:
        return static_cast<const uint32_t*>(data_)[p];
      case Kind::kI64:
        return static_cast<const int64_t*>(data_)[p];
    }
    return 0;
  }
  /// Row `i`, or nullopt when null.
  std::optional<int64_t> Get(int64_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Value(i);
  }
  /// Bytes per stored value (1, 2, 4 or 8).
  int byte_width() const;

 private:
  enum class Kind { kI8, kU8, kI16, kU16, kI32, kU32, kI64 };
  Kind kind_ = Kind::kI64;
  const void* data_ = nullptr;
};

/// A boolean column ("b", bit-packed).
class BoolArrayView : public ArrayView {
 public:
  BoolArrayView() = default;
  /// Views `column` as booleans; InvalidTable if it is another type.
  static Result<BoolArrayView> Make(ArrayView column);

  /// Row `i`. Precondition: !IsNull(i).
  bool Value(int64_t i) const {
    int64_t p = Phys(i);
    return (data_[p >> 3] & (1u << (p & 7))) != 0;
  }
  /// Row `i`, or nullopt when null.
  std::optional<bool> Get(int64_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Value(i);
  }

 private:
  const uint8_t* data_ = nullptr;
};

/// A float ("f") or double ("g") column read as double.
class FloatArrayView : public ArrayView {
 public:
  FloatArrayView() = default;
  /// Views `column` as floating point; InvalidTable if it is another type.
  static Result<FloatArrayView> Make(ArrayView column);

  /// Row `i`. Precondition: !IsNull(i).
  double Value(int64_t i) const {
    int64_t p = Phys(i);
    return is_double_ ? static_cast<const double*>(data_)[p]
                      : static_cast<double>(static_cast<const float*>(data_)[p]);
  }
  /// Row `i`, or nullopt when null.
  std::optional<double> Get(int64_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Value(i);
  }

 private:
  bool is_double_ = true;
  const void* data_ = nullptr;
};

/// A decimal128 column ("d:precision,scale", optionally with ",128"): 16-byte little-endian
/// two's complement unscaled values. Other bit widths are a type mismatch.
class DecimalArrayView : public ArrayView {
 public:
  DecimalArrayView() = default;
  /// Views `column` as decimal128; InvalidTable if it is another type.
  static Result<DecimalArrayView> Make(ArrayView column);

  int precision() const { return precision_; }
  int scale() const { return scale_; }
  /// The unscaled value of row `i`. Precondition: !IsNull(i).
  Decimal128 Value(int64_t i) const {
    const auto* data = static_cast<const uint8_t*>(Buffer(1)) + Phys(i) * 16;
    Decimal128 out;
    std::memcpy(&out.low, data, 8);
    std::memcpy(&out.high, data + 8, 8);
    return out;
  }

 private:
  int precision_ = 0;
  int scale_ = 0;
};

/// A list column: list "+l", large list "+L" or fixed-size list "+w:N". Row `i` is the
/// element range [first, second) of `elements()`.
class ListArrayView : public ArrayView {
 public:
  ListArrayView() = default;
  /// Views `column` as a list; InvalidTable if it is another type.
  static Result<ListArrayView> Make(ArrayView column);

  /// Element index range of row `i`. Precondition: !IsNull(i).
  std::pair<int64_t, int64_t> Range(int64_t i) const {
    int64_t p = Phys(i);
    if (fixed_size_ > 0) return {p * fixed_size_, (p + 1) * fixed_size_};
    if (large_) {
      const int64_t* o = static_cast<const int64_t*>(offsets_);
      return {o[p], o[p + 1]};
    }
    const int32_t* o = static_cast<const int32_t*>(offsets_);
    return {o[p], o[p + 1]};
  }
  /// The element column; index it with the values from Range().
  const ArrayView& elements() const { return elements_; }

 private:
  bool large_ = false;
  int64_t fixed_size_ = 0;
  const void* offsets_ = nullptr;
  ArrayView elements_;
};

/// A map<string, string> column ("+m"; a list of two-field structs is accepted too). Row `i` is
/// the entry range [first, second); keys and values are read with Key() and Value().
class MapArrayView : public ArrayView {
 public:
  MapArrayView() = default;
  /// Views `column` as a string map; InvalidTable if it is another type.
  static Result<MapArrayView> Make(ArrayView column);

  /// Entry index range of row `i`. Precondition: !IsNull(i).
  std::pair<int64_t, int64_t> Range(int64_t i) const {
    int64_t p = Phys(i);
    if (large_) {
      const int64_t* o = static_cast<const int64_t*>(offsets_);
      return {o[p], o[p + 1]};
    }
    const int32_t* o = static_cast<const int32_t*>(offsets_);
    return {o[p], o[p + 1]};
  }
  /// True when the key of entry `j` is null (invalid in a map, but possible in a list).
  bool KeyIsNull(int64_t j) const { return keys_.IsNull(j); }
  /// The key of entry `j`. Precondition: !KeyIsNull(j).
  std::string_view Key(int64_t j) const { return keys_.Value(j); }
  /// The value of entry `j`, or nullopt when null.
  std::optional<std::string_view> Value(int64_t j) const { return values_.Get(j); }
  /// The key column (indexed by entry).
  const StringArrayView& keys() const { return keys_; }
  /// The value column (indexed by entry).
  const StringArrayView& values() const { return values_; }

 private:
  bool large_ = false;
  const void* offsets_ = nullptr;
  StringArrayView keys_;
  StringArrayView values_;
};

/// Decodes the binary key/value metadata of an ArrowSchema (null means none).
/// InvalidTable when a count or length is negative.
Result<std::vector<std::pair<std::string, std::string>>> DecodeArrowMetadata(const char* metadata);

}  // namespace delta
