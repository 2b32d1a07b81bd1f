#include "log/checkpoint_stats.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <utility>

#include "delta/json_writer.h"
#include "scan/partition_values.h"
#include "util/ascii.h"

namespace delta {

// --- read schema ------------------------------------------------------------------------------

namespace {

using F = ArrowField;

std::string PhysicalName(const StructField& f) { return f.PhysicalName().value_or(f.name); }

}  // namespace

std::string MinMaxArrowFormat(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kByte:
      return "c";
    case TypeKind::kShort:
      return "s";
    case TypeKind::kInteger:
      return "i";
    case TypeKind::kLong:
      return "l";
    case TypeKind::kFloat:
      return "f";
    case TypeKind::kDouble:
      return "g";
    case TypeKind::kString:
      return "u";
    case TypeKind::kDate:
      return "tdD";
    case TypeKind::kTimestamp:
      return "tsu:UTC";
    case TypeKind::kTimestampNtz:
      return "tsu:";
    case TypeKind::kDecimal: {
      const auto& d = static_cast<const DecimalType&>(type);
      return "d:" + std::to_string(d.precision()) + "," + std::to_string(d.scale());
    }
    default:
      return "";
  }
}

namespace {

std::vector<ArrowField> MinMaxFields(const StructType& s) {
  std::vector<ArrowField> out;
  for (const StructField& f : s.fields()) {
    if (const StructType* child = f.type->as_struct()) {
      std::vector<ArrowField> nested = MinMaxFields(*child);
      if (!nested.empty()) out.push_back(F::Struct(PhysicalName(f), std::move(nested)));
      continue;
    }
    std::string format = MinMaxArrowFormat(*f.type);
    if (!format.empty()) out.push_back(ArrowField{PhysicalName(f), std::move(format)});
  }
  return out;
}

std::vector<ArrowField> NullCountFields(const StructType& s) {
  std::vector<ArrowField> out;
  for (const StructField& f : s.fields()) {
    if (const StructType* child = f.type->as_struct()) {
      std::vector<ArrowField> nested = NullCountFields(*child);
      if (!nested.empty()) out.push_back(F::Struct(PhysicalName(f), std::move(nested)));
      continue;
    }
    out.push_back(F::Int64(PhysicalName(f)));
  }
  return out;
}

}  // namespace

StructType StatsDataColumns(const StructType& schema,
                            const std::vector<std::string>& partition_columns) {
  std::vector<StructField> data_fields;
  for (const StructField& f : schema.fields()) {
    bool is_partition = false;
    for (const std::string& p : partition_columns) is_partition |= EqualsIgnoreCase(p, f.name);
    if (!is_partition) data_fields.push_back(f);
  }
  return StructType(std::move(data_fields));
}

ArrowField StatsParsedField(const StructType& schema,
                            const std::vector<std::string>& partition_columns) {
  StructType data = StatsDataColumns(schema, partition_columns);
  std::vector<ArrowField> fields{F::Int64("numRecords")};
  std::vector<ArrowField> min_max = MinMaxFields(data);
  if (!min_max.empty()) {
    fields.push_back(F::Struct("minValues", min_max));
    fields.push_back(F::Struct("maxValues", std::move(min_max)));
  }
  std::vector<ArrowField> null_counts = NullCountFields(data);
  if (!null_counts.empty()) fields.push_back(F::Struct("nullCount", std::move(null_counts)));
  fields.push_back(F::Bool("tightBounds"));
  return F::Struct(kStatsParsedColumn, std::move(fields));
}

// --- rendering --------------------------------------------------------------------------------

namespace {

__extension__ typedef __int128 Int128;            // NOLINT
__extension__ typedef unsigned __int128 UInt128;  // NOLINT

std::string DecimalText(Int128 unscaled, int scale) {
  bool neg = unscaled < 0;
  UInt128 u = neg ? static_cast<UInt128>(0) - static_cast<UInt128>(unscaled)
                  : static_cast<UInt128>(unscaled);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  }
  return neg ? "-" + digits : digits;
}

}  // namespace

struct StatsParsedRenderer::Node {
  enum class Kind {
    kStruct,
    kInt,
    kFloat32,
    kFloat64,
    kString,
    kBool,
    kDate,
    kTimestamp,
    kDecimal
  };
  std::string name;
  Kind kind = Kind::kInt;
  ArrayView column;
  IntArrayView ints;
  FloatArrayView floats;
  StringArrayView strings;
  BoolArrayView bools;
  DecimalArrayView decimals;
  int decimal_scale = 0;
  int64_t micros_per_unit = 1;  // timestamps: multiplier to microseconds
  int64_t units_per_micro = 1;  // timestamps: divisor (nanoseconds)
  int64_t millis_per_day = 0;   // dates: date64 stores milliseconds
  bool utc = false;
  std::vector<Node> children;

  // A node for `column`, or nullopt when its type carries nothing statistics use.
  static Result<std::optional<Node>> Make(std::string name, ArrayView column) {
    Node n;
    n.name = std::move(name);
    std::string_view f = column.format();
    if (f == "+s") {
      DELTA_ASSIGN_OR_RETURN(StructArrayView s, StructArrayView::Make(column));
      for (int64_t i = 0; i < s.num_fields(); ++i) {
        DELTA_ASSIGN_OR_RETURN(ArrayView child, s.Field(i));
        DELTA_ASSIGN_OR_RETURN(std::optional<Node> c,
                               Make(std::string(s.field_name(i)), std::move(child)));
        if (c) n.children.push_back(std::move(*c));
      }
      n.kind = Kind::kStruct;
    } else if (f == "c" || f == "C" || f == "s" || f == "S" || f == "i" || f == "I" || f == "l") {
      n.kind = Kind::kInt;
      DELTA_ASSIGN_OR_RETURN(n.ints, IntArrayView::Make(column));
    } else if (f == "f" || f == "g") {
      n.kind = f == "f" ? Kind::kFloat32 : Kind::kFloat64;
      DELTA_ASSIGN_OR_RETURN(n.floats, FloatArrayView::Make(column));
    } else if (f == "u" || f == "U" || f == "vu") {
      n.kind = Kind::kString;
      DELTA_ASSIGN_OR_RETURN(n.strings, StringArrayView::Make(column));
    } else if (f == "b") {
      n.kind = Kind::kBool;
      DELTA_ASSIGN_OR_RETURN(n.bools, BoolArrayView::Make(column));
    } else if (f == "tdD" || f == "tdm") {
      n.kind = Kind::kDate;
      n.millis_per_day = f == "tdm" ? 86400000 : 0;
      DELTA_ASSIGN_OR_RETURN(n.ints, IntArrayView::Make(column));
    } else if (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') {
      n.kind = Kind::kTimestamp;
      switch (f[2]) {
        case 's':
          n.micros_per_unit = 1000000;
          break;
        case 'm':
          n.micros_per_unit = 1000;
          break;
        case 'u':
          break;
        case 'n':
          n.units_per_micro = 1000;
          break;
        default:
          return std::optional<Node>();
      }
      n.utc = f.size() > 4;  // any zone: the stored value is an instant
      DELTA_ASSIGN_OR_RETURN(n.ints, IntArrayView::Make(column));
    } else if (f.substr(0, 2) == "d:") {
      n.kind = Kind::kDecimal;
      auto d = DecimalArrayView::Make(column);
      if (!d.ok()) return std::optional<Node>();  // e.g. decimal256: leave it out
      n.decimal_scale = d->scale();
      n.decimals = std::move(*d);
    } else {
      return std::optional<Node>();
    }
    n.column = std::move(column);
    return std::optional<Node>(std::move(n));
  }

  // Writes "name": value (or nothing when null / empty).
  void Write(int64_t i, JsonWriter* w, std::string* scratch) const {
    if (column.IsNull(i)) return;
    switch (kind) {
      case Kind::kStruct: {
        bool any = false;
        for (const Node& c : children) any |= c.HasValue(i);
        if (!any) return;
        w->Key(name).BeginObject();
        for (const Node& c : children) c.Write(i, w, scratch);
        w->EndObject();
        return;
      }
      case Kind::kInt:
        w->Key(name).Int(ints.Value(i));
        return;
      case Kind::kFloat32:
      case Kind::kFloat64: {
        double v = floats.Value(i);
        if (std::isnan(v)) {
          w->Key(name).String("NaN");
        } else if (std::isinf(v)) {
          w->Key(name).String(v > 0 ? "Infinity" : "-Infinity");
        } else if (kind == Kind::kFloat32) {
          // The shortest text of the float itself, which reads back to the same float.
          char buf[32];
          auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), static_cast<float>(v));
          (void)ec;
          scratch->assign(buf, p);
          if (scratch->find_first_of(".eE") == std::string::npos) *scratch += ".0";
          w->Key(name).RawValue(*scratch);
        } else {
          w->Key(name).Double(v);
        }
        return;
      }
      case Kind::kString:
        w->Key(name).String(strings.Value(i));
        return;
      case Kind::kBool:
        w->Key(name).Bool(bools.Value(i));
        return;
      case Kind::kDate: {
        int64_t v = ints.Value(i);  // days, or milliseconds for date64
        if (millis_per_day > 0) v = FloorDiv(v, millis_per_day);
        w->Key(name).String(FormatDate(v));
        return;
      }
      case Kind::kTimestamp: {
        int64_t v = 0;
        if (__builtin_mul_overflow(ints.Value(i), micros_per_unit, &v)) return;  // unusable
        if (units_per_micro > 1) {
          // Round toward the past so a bound stays a bound.
          v = FloorDiv(ints.Value(i), units_per_micro);
        }
        // ISO-8601 with milliseconds (microseconds when present), as Spark writes statistics.
        w->Key(name).String(FormatTimestamp(v, 'T', /*millis=*/true) + (utc ? "Z" : ""));
        return;
      }
      case Kind::kDecimal:
        w->Key(name).RawValue(DecimalText(ToInt128(decimals.Value(i)), decimal_scale));
        return;
    }
  }

  bool HasValue(int64_t i) const {
    if (column.IsNull(i)) return false;
    if (kind != Kind::kStruct) return true;
    for (const Node& c : children) {
      if (c.HasValue(i)) return true;
    }
    return false;
  }
};

StatsParsedRenderer::StatsParsedRenderer() = default;
StatsParsedRenderer::~StatsParsedRenderer() = default;
StatsParsedRenderer::StatsParsedRenderer(StatsParsedRenderer&&) noexcept = default;
StatsParsedRenderer& StatsParsedRenderer::operator=(StatsParsedRenderer&&) noexcept = default;

Result<StatsParsedRenderer> StatsParsedRenderer::Make(const ArrayView& stats_parsed) {
  StatsParsedRenderer r;
  r.root_ = stats_parsed;
  if (!stats_parsed.present()) return r;
  DELTA_ASSIGN_OR_RETURN(StructArrayView s, StructArrayView::Make(stats_parsed));
  for (int64_t i = 0; i < s.num_fields(); ++i) {
    DELTA_ASSIGN_OR_RETURN(ArrayView child, s.Field(i));
    DELTA_ASSIGN_OR_RETURN(std::optional<Node> n,
                           Node::Make(std::string(s.field_name(i)), std::move(child)));
    if (n) r.nodes_.push_back(std::move(*n));
  }
  return r;
}

bool StatsParsedRenderer::HasStats(int64_t i) const { return root_.present() && !root_.IsNull(i); }

void StatsParsedRenderer::Render(int64_t i, std::string* out) const {
  JsonWriter w;
  std::string scratch;
  w.BeginObject();
  for (const Node& n : nodes_) n.Write(i, &w, &scratch);
  w.EndObject();
  *out = w.Take();
}

}  // namespace delta
