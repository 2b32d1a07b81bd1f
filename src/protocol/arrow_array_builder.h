// Builds Arrow C Data Interface arrays in C++ without Arrow C++: the writing counterpart of
// arrow_view.h. The core uses it to hand rows it produced (checkpoint actions) to an engine's
// Parquet writer. One builder per field of an ArrowField tree (arrow_schema_builder.h), for
// the formats the kernel's own schemas use: utf8, int32, int64, bool, struct, list and map.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "delta/arrow_c.h"
#include "protocol/arrow_schema_builder.h"

namespace delta {

/// A growing column of one field. Rows are appended in order; a struct row is made by
/// AppendValid() plus one append to every child, a list or map row by appending its elements
/// to the element (map: "entries" struct) child and then AppendValid(). Misuse (a type that
/// does not match the format, children of unequal length) is a bug: it asserts in debug builds.
class ArrowArrayBuilder {
 public:
  /// A builder for `field` (and its children). The field's format must be one of u, z, c, s,
  /// i, l, f, g, tdD, ts?:*, d:p,s, b, +s, +l, +m.
  explicit ArrowArrayBuilder(const ArrowField& field);
  ~ArrowArrayBuilder();
  ArrowArrayBuilder(const ArrowArrayBuilder&) = delete;
  ArrowArrayBuilder& operator=(const ArrowArrayBuilder&) = delete;

  int64_t length() const { return length_; }
  const ArrowField& field() const { return field_; }
  size_t num_children() const { return children_.size(); }
  ArrowArrayBuilder& child(size_t i) { return *children_[i]; }

  /// A null row. A null struct row gets a row in every child too (null where the child is
  /// nullable, an empty value where it is not, so non-nullable columns hold no nulls).
  void AppendNull();
  /// Appends a null when `nullable`, else the empty value of the type ("", 0, false, an empty
  /// list or map, a struct of empty values).
  void AppendEmpty();
  /// `n` null rows at once: the same as calling AppendNull `n` times, without the per-row
  /// cost (a checkpoint row is null in every action column but one).
  void AppendNulls(int64_t n);
  /// `n` rows of AppendEmpty at once.
  void AppendEmpties(int64_t n);
  /// A utf8 or binary value.
  void AppendString(std::string_view v);
  /// An integer, date (days) or timestamp value, stored at the column's width.
  void AppendInteger(int64_t v);
  void AppendInt32(int32_t v) { AppendInteger(v); }
  void AppendInt64(int64_t v) { AppendInteger(v); }
  /// A float or double value.
  void AppendFloating(double v);
  /// A decimal128 value: the unscaled two's complement integer in two halves.
  void AppendDecimal(int64_t high, uint64_t low);
  void AppendBool(bool v);
  /// Ends a valid struct, list or map row (see the class comment).
  void AppendValid();
  /// Ends `n` valid struct rows whose children were all appended already.
  void AppendValids(int64_t n);

  /// Moves the rows built so far into `out` (which owns them; its release frees them) and
  /// starts again empty.
  void Finish(ArrowArray* out);

 private:
  enum class Kind : uint8_t {
    kString,
    kFixed,
    kFloat,
    kDouble,
    kDecimal,
    kBool,
    kStruct,
    kList,
    kMap
  };
  void PushValidity(bool valid);
  void PushValidities(int64_t n, bool valid);
  // `n` zero values of the column's data (not for structs).
  void AppendZeros(int64_t n);
  void Reset();

  ArrowField field_;
  Kind kind_;
  int width_ = 0;  // bytes per value of kFixed
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  std::vector<uint8_t> validity_;
  std::vector<int32_t> offsets_;  // strings, lists and maps
  std::vector<uint8_t> data_;     // string bytes, fixed-width values or bool bits
  std::vector<std::unique_ptr<ArrowArrayBuilder>> children_;
};

}  // namespace delta

#include <functional>

#include "delta/arrow_handles.h"
#include "delta/status.h"

namespace delta {

/// Produces the next batch of a generated stream into `out`; leaves out->release null at the
/// end of the stream.
using ArrowBatchSource = std::function<Status(ArrowArray* out)>;

/// An Arrow C stream of `schema` (a struct field) whose batches come from `next`, called on the
/// consumer's thread as it pulls. An error from `next` is the stream's error (get_next fails
/// with EIO and get_last_error gives the message); `*error` (when not null) receives it as a
/// Status, so a caller that handed the stream on can report it exactly.
ArrowStreamHandle MakeGeneratedStream(ArrowField schema, ArrowBatchSource next,
                                      std::shared_ptr<Status> error = nullptr);

}  // namespace delta
