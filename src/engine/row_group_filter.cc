#include "engine/row_group_filter.h"

#include <cctype>
#include <exception>
#include <limits>
#include <utility>

#include <arrow/type.h>
#include <parquet/schema.h>
#include <parquet/statistics.h>
#include <parquet/types.h>

#include "engine/column_conform.h"
#include "scan/partition_values.h"

namespace delta::engine {

namespace {

using parquet::arrow::SchemaField;

void CollectColumns(const Expression& e, std::vector<std::vector<std::string>>* out) {
  if (e.kind == ExprKind::kColumn) {
    if (!e.physical_path.empty()) out->push_back(e.physical_path);
    return;
  }
  for (const ExprPtr& c : e.children) {
    if (c) CollectColumns(*c, out);
  }
}

// The read-schema field called `name` (exact spelling first).
std::shared_ptr<arrow::Field> FieldNamed(const arrow::FieldVector& fields,
                                         const std::string& name) {
  for (const auto& f : fields) {
    if (f->name() == name) return f;
  }
  for (const auto& f : fields) {
    if (EqualsIgnoreCase(f->name(), name)) return f;
  }
  return nullptr;
}

int FindStored(const std::vector<SchemaField>& stored, const arrow::Field& wanted) {
  arrow::FieldVector fields;
  fields.reserve(stored.size());
  for (const auto& s : stored) fields.push_back(s.field);
  return FindField(fields, wanted);
}

int64_t CeilDiv(int64_t v, int64_t d) {
  int64_t q = v / d;
  return (v % d > 0) ? q + 1 : q;
}

// A big-endian two's complement integer (Parquet's decimal bytes), if it fits 128 bits.
std::optional<Int128> BigEndianInt(const uint8_t* bytes, size_t n) {
  if (n == 0) return std::nullopt;
  const bool negative = (bytes[0] & 0x80) != 0;
  // Bytes beyond 16 must be pure sign extension.
  size_t skip = n > 16 ? n - 16 : 0;
  for (size_t i = 0; i < skip; ++i) {
    if (bytes[i] != (negative ? 0xFF : 0x00)) return std::nullopt;
  }
  UInt128 u = negative ? ~static_cast<UInt128>(0) : 0;
  for (size_t i = skip; i < n; ++i) u = (u << 8) | bytes[i];
  return static_cast<Int128>(u);
}

std::optional<Literal> DecimalLiteral(Int128 unscaled, int scale) {
  if (scale < 0 || scale > 38) return std::nullopt;
  Result<Literal> lit = Literal::Decimal(FromInt128(unscaled), 38, scale);
  if (!lit.ok()) return std::nullopt;
  return std::move(*lit);
}

std::optional<Literal> IntegerLiteral(int64_t v, TypeKind kind) {
  switch (kind) {
    case TypeKind::kByte:
      if (v < std::numeric_limits<int8_t>::min() || v > std::numeric_limits<int8_t>::max()) break;
      return Literal::Byte(static_cast<int8_t>(v));
    case TypeKind::kShort:
      if (v < std::numeric_limits<int16_t>::min() || v > std::numeric_limits<int16_t>::max()) {
        break;
      }
      return Literal::Short(static_cast<int16_t>(v));
    case TypeKind::kInteger:
      if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
        break;
      }
      return Literal::Integer(static_cast<int32_t>(v));
    case TypeKind::kLong:
      return Literal::Long(v);
    default:
      break;
  }
  return std::nullopt;
}

// One statistics bound (`max` picks which) of a leaf column as a value of Delta type `type`.
// Bounds of sub-microsecond timestamps are rounded outward, so they still bound what is read.
std::optional<Literal> BoundOf(const parquet::Statistics& stats, bool max, const DataType& type) {
  const parquet::ColumnDescriptor& descr = *stats.descr();
  const std::shared_ptr<const parquet::LogicalType>& logical = descr.logical_type();
  const bool plain = logical == nullptr || logical->is_none();
  const parquet::Type::type physical = descr.physical_type();
  auto int_value = [&]() -> std::optional<int64_t> {
    if (physical == parquet::Type::INT32) {
      const auto& s = static_cast<const parquet::Int32Statistics&>(stats);
      return max ? s.max() : s.min();
    }
    if (physical == parquet::Type::INT64) {
      const auto& s = static_cast<const parquet::Int64Statistics&>(stats);
      return max ? s.max() : s.min();
    }
    return std::nullopt;
  };
  auto bytes_value = [&]() -> std::optional<std::string> {
    if (physical == parquet::Type::BYTE_ARRAY) {
      const auto& s = static_cast<const parquet::ByteArrayStatistics&>(stats);
      const parquet::ByteArray& v = max ? s.max() : s.min();
      return std::string(reinterpret_cast<const char*>(v.ptr), v.len);
    }
    if (physical == parquet::Type::FIXED_LEN_BYTE_ARRAY) {
      const auto& s = static_cast<const parquet::FLBAStatistics&>(stats);
      const parquet::FixedLenByteArray& v = max ? s.max() : s.min();
      if (v.ptr == nullptr || descr.type_length() <= 0) return std::nullopt;
      return std::string(reinterpret_cast<const char*>(v.ptr),
                         static_cast<size_t>(descr.type_length()));
    }
    return std::nullopt;
  };

  switch (type.kind()) {
    case TypeKind::kBoolean: {
      if (physical != parquet::Type::BOOLEAN) return std::nullopt;
      const auto& s = static_cast<const parquet::BoolStatistics&>(stats);
      return Literal::Boolean(max ? s.max() : s.min());
    }
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong: {
      // Unsigned integers sort differently; anything but plain signed ints is not ours.
      if (!plain && !(logical->is_int() &&
                      static_cast<const parquet::IntLogicalType&>(*logical).is_signed())) {
        return std::nullopt;
      }
      std::optional<int64_t> v = int_value();
      if (!v) return std::nullopt;
      return IntegerLiteral(*v, type.kind());
    }
    case TypeKind::kFloat:
    case TypeKind::kDouble: {
      if (physical == parquet::Type::FLOAT) {
        const auto& s = static_cast<const parquet::FloatStatistics&>(stats);
        float v = max ? s.max() : s.min();
        return type.kind() == TypeKind::kFloat ? Literal::Float(v)
                                               : Literal::Double(static_cast<double>(v));
      }
      if (physical == parquet::Type::DOUBLE && type.kind() == TypeKind::kDouble) {
        const auto& s = static_cast<const parquet::DoubleStatistics&>(stats);
        return Literal::Double(max ? s.max() : s.min());
      }
      return std::nullopt;
    }
    case TypeKind::kDate: {
      if (physical != parquet::Type::INT32 || plain || !logical->is_date()) return std::nullopt;
      std::optional<int64_t> v = int_value();
      if (!v) return std::nullopt;
      return Literal::Date(static_cast<int32_t>(*v));
    }
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz: {
      // INT96 has no defined order; only INT64 timestamps carry usable bounds.
      if (physical != parquet::Type::INT64 || plain || !logical->is_timestamp()) {
        return std::nullopt;
      }
      std::optional<int64_t> v = int_value();
      if (!v) return std::nullopt;
      int64_t micros = 0;
      switch (static_cast<const parquet::TimestampLogicalType&>(*logical).time_unit()) {
        case parquet::LogicalType::TimeUnit::MILLIS:
          if (__builtin_mul_overflow(*v, int64_t{1000}, &micros)) return std::nullopt;
          break;
        case parquet::LogicalType::TimeUnit::MICROS:
          micros = *v;
          break;
        case parquet::LogicalType::TimeUnit::NANOS:
          micros = max ? CeilDiv(*v, 1000) : FloorDiv(*v, 1000);
          break;
        default:
          return std::nullopt;
      }
      return type.kind() == TypeKind::kTimestamp ? Literal::Timestamp(micros)
                                                 : Literal::TimestampNtz(micros);
    }
    case TypeKind::kDecimal: {
      if (plain || !logical->is_decimal()) return std::nullopt;
      const int scale = static_cast<const parquet::DecimalLogicalType&>(*logical).scale();
      if (std::optional<int64_t> v = int_value()) return DecimalLiteral(*v, scale);
      std::optional<std::string> b = bytes_value();
      if (!b) return std::nullopt;
      std::optional<Int128> unscaled =
          BigEndianInt(reinterpret_cast<const uint8_t*>(b->data()), b->size());
      if (!unscaled) return std::nullopt;
      return DecimalLiteral(*unscaled, scale);
    }
    case TypeKind::kString:
    case TypeKind::kBinary: {
      // Byte arrays sort as unsigned bytes: plain, UTF-8 text, enums and JSON.
      if (physical != parquet::Type::BYTE_ARRAY) return std::nullopt;
      if (!plain && !logical->is_string() && !logical->is_enum() && !logical->is_JSON()) {
        return std::nullopt;
      }
      std::optional<std::string> b = bytes_value();
      if (!b) return std::nullopt;
      return type.kind() == TypeKind::kString ? Literal::String(std::move(*b))
                                              : Literal::Binary(std::move(*b));
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

RowGroupFilter::RowGroupFilter(ExprPtr predicate, const arrow::Schema& read_schema,
                               const parquet::arrow::SchemaManifest& manifest, bool legacy_calendar)
    : predicate_(std::move(predicate)), legacy_calendar_(legacy_calendar) {
  if (!predicate_) return;
  std::vector<std::vector<std::string>> paths;
  CollectColumns(*predicate_, &paths);
  for (auto& path : paths) {
    bool seen = false;
    for (const Resolved& r : columns_) seen = seen || r.physical_path == path;
    if (seen) continue;
    Resolved r;
    r.physical_path = path;
    // Walk the read schema and the file's schema side by side, matching as the read does.
    const arrow::FieldVector* wanted_level = &read_schema.fields();
    const std::vector<SchemaField>* stored_level = &manifest.schema_fields;
    const SchemaField* stored = nullptr;
    for (size_t i = 0; i < path.size(); ++i) {
      if (wanted_level == nullptr || stored_level == nullptr) {
        stored = nullptr;
        break;
      }
      std::shared_ptr<arrow::Field> wanted = FieldNamed(*wanted_level, path[i]);
      int at = wanted ? FindStored(*stored_level, *wanted) : -1;
      if (at < 0) {
        r.absent = wanted != nullptr;
        stored = nullptr;
        break;
      }
      stored = &(*stored_level)[static_cast<size_t>(at)];
      const bool structs = wanted->type()->id() == arrow::Type::STRUCT &&
                           stored->field->type()->id() == arrow::Type::STRUCT;
      wanted_level = structs ? &wanted->type()->fields() : nullptr;
      stored_level = structs ? &stored->children : nullptr;
    }
    if (stored != nullptr && stored->is_leaf() && stored->column_index >= 0 &&
        manifest.descr != nullptr) {
      const parquet::ColumnDescriptor* descr = manifest.descr->Column(stored->column_index);
      if (descr != nullptr && descr->max_repetition_level() == 0) r.leaf = stored->column_index;
    }
    columns_.push_back(std::move(r));
  }
}

const RowGroupFilter::Resolved* RowGroupFilter::Find(
    const std::vector<std::string>& physical_path) const {
  for (const Resolved& r : columns_) {
    if (r.physical_path == physical_path) return &r;
  }
  return nullptr;
}

std::optional<ColumnFacts> RowGroupFilter::FactsOf(const parquet::RowGroupMetaData& row_group,
                                                   int column, const DataType& type) {
  std::unique_ptr<parquet::ColumnChunkMetaData> chunk = row_group.ColumnChunk(column);
  if (chunk == nullptr || !chunk->is_stats_set()) return std::nullopt;
  std::shared_ptr<parquet::Statistics> stats = chunk->statistics();
  if (stats == nullptr) return std::nullopt;
  const parquet::ColumnDescriptor& descr = *stats->descr();
  ColumnFacts f;
  if (stats->HasNullCount()) {
    f.may_be_null = stats->null_count() > 0;
    // A leaf below nullable structs counts a null parent as a null value too, as reads do.
    if (stats->null_count() >= row_group.num_rows()) f.may_be_non_null = false;
  }
  if (!f.may_be_non_null) return f;
  const parquet::Type::type physical = descr.physical_type();
  const bool byte_array =
      physical == parquet::Type::BYTE_ARRAY || physical == parquet::Type::FIXED_LEN_BYTE_ARRAY;
  // Legacy min/max (no column order in the footer) of byte arrays were written in signed byte
  // order by old writers: only trust byte-array bounds under the type-defined order.
  const bool bounds_usable =
      stats->HasMinMax() && descr.can_use_min_max() && physical != parquet::Type::INT96 &&
      (!byte_array || descr.column_order().get_order() == parquet::ColumnOrder::TYPE_DEFINED_ORDER);
  if (bounds_usable) {
    f.lower = BoundOf(*stats, /*max=*/false, type);
    f.upper = BoundOf(*stats, /*max=*/true, type);
  }
  switch (type.kind()) {
    case TypeKind::kString:
      f.upper_is_prefix = true;  // a truncated max may be a prefix of larger values
      break;
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      f.may_hide_nan = true;  // writers leave NaN out of min/max
      break;
    default:
      break;
  }
  return f;
}

bool RowGroupFilter::MayMatch(const parquet::RowGroupMetaData& row_group) const {
  if (!predicate_) return true;
  if (row_group.num_rows() == 0) return false;
  try {
    ColumnFactsLookup lookup = [&](const Expression& column) -> std::optional<ColumnFacts> {
      if (!column.type) return std::nullopt;
      const Resolved* resolved = Find(column.physical_path);
      if (resolved == nullptr) return std::nullopt;
      if (resolved->absent) {  // read as all null, like a missing checkpoint action column
        ColumnFacts nulls;
        nulls.may_be_non_null = false;
        return nulls;
      }
      if (resolved->leaf < 0) return std::nullopt;
      std::optional<ColumnFacts> facts = FactsOf(row_group, resolved->leaf, *column.type);
      const TypeKind kind = column.type->kind();
      if (facts && legacy_calendar_ &&
          (kind == TypeKind::kDate || kind == TypeKind::kTimestamp ||
           kind == TypeKind::kTimestampNtz)) {
        facts->lower.reset();  // null counts still hold
        facts->upper.reset();
      }
      return facts;
    };
    return (PossibleValuesOf(*predicate_, lookup) & kMayBeTrue) != 0;
  } catch (const std::exception&) {
    return true;  // unreadable statistics prove nothing
  }
}

}  // namespace delta::engine
