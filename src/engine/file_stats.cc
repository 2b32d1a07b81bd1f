#include "engine/file_stats.h"

#include <charconv>
#include <cmath>
#include <limits>

#include <arrow/array/array_nested.h>
#include <arrow/array/array_primitive.h>
#include <arrow/type.h>

#include "delta/json_writer.h"
#include "delta/value_text.h"
#include "util/ascii.h"

namespace delta::engine {
namespace {

// How a leaf's min/max are kept and written.
enum class Bound {
  kNone,
  kInt,
  kFloat,
  kDouble,
  kDate,
  kTimestamp,
  kTimestampNtz,
  kString,
  kDecimal
};

Bound BoundOf(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong:
      return Bound::kInt;
    case TypeKind::kFloat:
      return Bound::kFloat;
    case TypeKind::kDouble:
      return Bound::kDouble;
    case TypeKind::kDate:
      return Bound::kDate;
    case TypeKind::kTimestamp:
      return Bound::kTimestamp;
    case TypeKind::kTimestampNtz:
      return Bound::kTimestampNtz;
    case TypeKind::kString:
      return Bound::kString;
    case TypeKind::kDecimal:
      return Bound::kDecimal;
    default:
      return Bound::kNone;
  }
}

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for stray bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// The code point at s[i] (stray bytes stand for themselves).
uint32_t CodePointAt(const std::string& s, size_t i, size_t len) {
  auto lead = static_cast<unsigned char>(s[i]);
  if (len == 1 || i + len > s.size()) return lead;
  uint32_t cp = lead & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// Byte offset just past the first `chars` characters of `s` (s.size() when shorter).
size_t PrefixBytes(const std::string& s, size_t chars) {
  size_t i = 0;
  for (size_t n = 0; n < chars && i < s.size(); ++n) i += Utf8Length(static_cast<unsigned char>(s[i]));
  return std::min(i, s.size());
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string TruncateMinString(const std::string& s, size_t prefix) {
  return s.substr(0, PrefixBytes(s, prefix));
}

std::optional<std::string> TruncateMaxString(const std::string& s, size_t prefix) {
  size_t i = PrefixBytes(s, prefix);
  if (i >= s.size()) return s;
  for (size_t n = prefix; n < 2 * prefix && i < s.size(); ++n) {
    size_t len = Utf8Length(static_cast<unsigned char>(s[i]));
    if (CodePointAt(s, i, len) < 0xFFFD) return s.substr(0, i) + "\xEF\xBF\xBD";
    i += len;
  }
  if (i >= s.size()) return s;  // nothing left out: the string itself is the bound
  return std::nullopt;
}

struct FileStatsCollector::Node {
  std::string key;  // name in the stats JSON
  DataTypePtr type;
  bool indexed = false;
  std::vector<Node> children;  // struct fields
  Bound bound = Bound::kNone;
  int64_t nulls = 0;
  bool has_bounds = false;
  bool saw_nan = false;
  int64_t imin = 0, imax = 0;
  double dmin = 0, dmax = 0;
  std::string smin, smax;
  arrow::Decimal128 decmin, decmax;

  bool any_indexed() const {
    if (!children.empty()) {
      for (const Node& c : children) {
        if (c.any_indexed()) return true;
      }
      return false;
    }
    return indexed;
  }

  void UpdateInt(int64_t v) {
    if (!has_bounds) {
      imin = imax = v;
    } else {
      imin = std::min(imin, v);
      imax = std::max(imax, v);
    }
    has_bounds = true;
  }
  void UpdateDouble(double v) {
    if (std::isnan(v)) {
      saw_nan = true;  // NaN sorts above every number: no maximum can be written
      return;
    }
    if (!has_bounds) {
      dmin = dmax = v;
    } else {
      dmin = std::min(dmin, v);
      dmax = std::max(dmax, v);
    }
    has_bounds = true;
  }
};

namespace {

using Node = FileStatsCollector::Node;

Node MakeNode(const StructField& field, bool physical_names) {
  Node n;
  n.key = physical_names ? field.PhysicalName().value_or(field.name) : field.name;
  n.type = field.type;
  if (const StructType* st = field.type->as_struct()) {
    for (const StructField& f : st->fields()) n.children.push_back(MakeNode(f, physical_names));
  } else {
    n.bound = BoundOf(*field.type);
  }
  return n;
}

// Marks the first `*budget` leaves (depth first, schema order) indexed.
void IndexFirst(Node& n, int64_t* budget) {
  if (!n.children.empty()) {
    for (Node& c : n.children) IndexFirst(c, budget);
    return;
  }
  if (*budget != 0) {
    n.indexed = true;
    if (*budget > 0) --*budget;
  }
}

void IndexAll(Node& n) {
  n.indexed = true;
  for (Node& c : n.children) IndexAll(c);
}

// Marks the column at `path` (case-insensitive, logical names) indexed; unknown paths are
// ignored, as Spark ignores them.
void IndexPath(std::vector<Node>& nodes, const std::vector<StructField>& fields,
               const std::vector<std::string>& path, size_t at) {
  if (at >= path.size()) return;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!EqualsIgnoreCase(fields[i].name, path[at])) continue;
    if (at + 1 == path.size()) {
      IndexAll(nodes[i]);
    } else if (const StructType* st = fields[i].type->as_struct()) {
      IndexPath(nodes[i].children, st->fields(), path, at + 1);
    }
    return;
  }
}

// Whether row `i` is null in `arr` or in an enclosing struct (`parent`, when not null).
bool IsNullAt(const arrow::Array& arr, const std::vector<uint8_t>* parent, int64_t i) {
  return (parent != nullptr && (*parent)[static_cast<size_t>(i)] == 0) || arr.IsNull(i);
}

void Update(Node& n, const arrow::Array& arr, const std::vector<uint8_t>* parent) {
  const int64_t rows = arr.length();
  if (!n.children.empty()) {
    if (!n.any_indexed()) return;
    std::vector<uint8_t> valid(static_cast<size_t>(rows));
    for (int64_t i = 0; i < rows; ++i) valid[static_cast<size_t>(i)] = !IsNullAt(arr, parent, i);
    const auto& st = static_cast<const arrow::StructArray&>(arr);
    for (size_t k = 0; k < n.children.size(); ++k) {
      Update(n.children[k], *st.field(static_cast<int>(k)), &valid);
    }
    return;
  }
  if (!n.indexed) return;
  auto each = [&](auto&& fn) {
    for (int64_t i = 0; i < rows; ++i) {
      if (IsNullAt(arr, parent, i)) {
        ++n.nulls;
      } else {
        fn(i);
      }
    }
  };
  switch (arr.type_id()) {
    case arrow::Type::INT8:
      each([&](int64_t i) { n.UpdateInt(static_cast<const arrow::Int8Array&>(arr).Value(i)); });
      break;
    case arrow::Type::INT16:
      each([&](int64_t i) { n.UpdateInt(static_cast<const arrow::Int16Array&>(arr).Value(i)); });
      break;
    case arrow::Type::INT32:
      each([&](int64_t i) { n.UpdateInt(static_cast<const arrow::Int32Array&>(arr).Value(i)); });
      break;
    case arrow::Type::DATE32:
      each([&](int64_t i) { n.UpdateInt(static_cast<const arrow::Date32Array&>(arr).Value(i)); });
      break;
    case arrow::Type::INT64:
      each([&](int64_t i) { n.UpdateInt(static_cast<const arrow::Int64Array&>(arr).Value(i)); });
      break;
    case arrow::Type::TIMESTAMP:
      each(
          [&](int64_t i) { n.UpdateInt(static_cast<const arrow::TimestampArray&>(arr).Value(i)); });
      break;
    case arrow::Type::FLOAT:
      each([&](int64_t i) { n.UpdateDouble(static_cast<const arrow::FloatArray&>(arr).Value(i)); });
      break;
    case arrow::Type::DOUBLE:
      each(
          [&](int64_t i) { n.UpdateDouble(static_cast<const arrow::DoubleArray&>(arr).Value(i)); });
      break;
    case arrow::Type::STRING:
      each([&](int64_t i) {
        std::string_view v = static_cast<const arrow::StringArray&>(arr).GetView(i);
        if (!n.has_bounds) {
          n.smin = n.smax = std::string(v);
        } else {
          if (v < n.smin) n.smin = std::string(v);
          if (v > n.smax) n.smax = std::string(v);
        }
        n.has_bounds = true;
      });
      break;
    case arrow::Type::DECIMAL128:
      each([&](int64_t i) {
        arrow::Decimal128 v(static_cast<const arrow::Decimal128Array&>(arr).GetValue(i));
        if (!n.has_bounds) {
          n.decmin = n.decmax = v;
        } else {
          if (v < n.decmin) n.decmin = v;
          if (v > n.decmax) n.decmax = v;
        }
        n.has_bounds = true;
      });
      break;
    default:
      each([](int64_t) {});
      break;
  }
}

std::string FloatText(float v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, res.ptr);
}

// Milliseconds text of a timestamp bound, rounded down (min) or up (max) to whole milliseconds.
std::string TimestampText(int64_t micros, bool round_up, bool utc) {
  int64_t ms = FloorDiv(micros, 1000);
  if (round_up && ms * 1000 != micros) ++ms;
  std::string out = FormatTimestamp(ms * 1000, 'T', /*millis=*/true);
  if (utc) out.push_back('Z');
  return out;
}

// Writes the bound (min or max) of a leaf; false when it has none to write.
bool WriteBound(JsonWriter& w, const Node& n, bool max) {
  if (!n.indexed || !n.has_bounds) return false;
  switch (n.bound) {
    case Bound::kInt:
      w.Key(n.key).Int(max ? n.imax : n.imin);
      return true;
    case Bound::kFloat:
    case Bound::kDouble: {
      if (max && n.saw_nan) return false;
      double v = max ? n.dmax : n.dmin;
      if (n.bound == Bound::kFloat) {
        w.Key(n.key).RawValue(FloatText(static_cast<float>(v)));
      } else {
        w.Key(n.key).Double(v);
      }
      return true;
    }
    case Bound::kDate:
      w.Key(n.key).String(FormatDate(max ? n.imax : n.imin));
      return true;
    case Bound::kTimestamp:
    case Bound::kTimestampNtz:
      w.Key(n.key).String(TimestampText(max ? n.imax : n.imin, max, n.bound == Bound::kTimestamp));
      return true;
    case Bound::kString: {
      if (!max) {
        w.Key(n.key).String(TruncateMinString(n.smin, kStatsStringPrefix));
        return true;
      }
      std::optional<std::string> t = TruncateMaxString(n.smax, kStatsStringPrefix);
      if (!t) return false;
      w.Key(n.key).String(*t);
      return true;
    }
    case Bound::kDecimal: {
      const auto* dec = static_cast<const DecimalType*>(n.type.get());
      w.Key(n.key).RawValue((max ? n.decmax : n.decmin).ToString(dec->scale()));
      return true;
    }
    case Bound::kNone:
      return false;
  }
  return false;
}

// Writes `nodes` as the members of an object under `key` (left out when it would be empty).
template <typename Leaf>
bool WriteObject(JsonWriter& w, std::string_view key, const std::vector<Node>& nodes,
                 const Leaf& leaf) {
  JsonWriter inner;
  inner.BeginObject();
  bool any = false;
  for (const Node& n : nodes) {
    if (!n.children.empty()) {
      any |= WriteObject(inner, n.key, n.children, leaf);
    } else {
      any |= leaf(inner, n);
    }
  }
  inner.EndObject();
  if (any) w.Key(key).RawValue(inner.str());
  return any;
}

}  // namespace

FileStatsCollector::FileStatsCollector(
    const std::vector<StructField>& fields, int32_t num_indexed_cols,
    const std::optional<std::vector<std::vector<std::string>>>& stats_columns,
    bool physical_names) {
  for (const StructField& f : fields) nodes_.push_back(MakeNode(f, physical_names));
  if (stats_columns) {
    for (const auto& path : *stats_columns) IndexPath(nodes_, fields, path, 0);
  } else {
    int64_t budget = num_indexed_cols < 0 ? -1 : num_indexed_cols;
    for (Node& n : nodes_) IndexFirst(n, &budget);
  }
}

FileStatsCollector::~FileStatsCollector() = default;
FileStatsCollector::FileStatsCollector(FileStatsCollector&&) noexcept = default;
FileStatsCollector& FileStatsCollector::operator=(FileStatsCollector&&) noexcept = default;

void FileStatsCollector::Add(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                             int64_t num_rows) {
  num_records_ += num_rows;
  for (size_t i = 0; i < nodes_.size() && i < columns.size(); ++i) {
    Update(nodes_[i], *columns[i], nullptr);
  }
}

std::string FileStatsCollector::ToJson(bool tight_bounds) const {
  JsonWriter w;
  w.BeginObject().Key("numRecords").Int(num_records_);
  WriteObject(w, "minValues", nodes_,
              [](JsonWriter& o, const Node& n) { return WriteBound(o, n, /*max=*/false); });
  WriteObject(w, "maxValues", nodes_,
              [](JsonWriter& o, const Node& n) { return WriteBound(o, n, /*max=*/true); });
  WriteObject(w, "nullCount", nodes_, [](JsonWriter& o, const Node& n) {
    if (!n.indexed) return false;
    o.Key(n.key).Int(n.nulls);
    return true;
  });
  if (tight_bounds) w.Key("tightBounds").Bool(true);
  w.EndObject();
  return w.Take();
}

}  // namespace delta::engine
