#include "scan/stats.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include "scan/partition_values.h"

namespace delta {

namespace od = simdjson::ondemand;

// --- StatsColumns -------------------------------------------------------------------------------

StatsColumns::StatsColumns() : nodes_(1) {}

namespace {

void CollectColumns(const Expression& e, StatsColumns* out) {
  if (e.kind == ExprKind::kColumn) {
    if (e.type && e.type->is_primitive() && !e.physical_path.empty()) {
      out->Add(e.physical_path, e.type);
    }
    return;
  }
  for (const ExprPtr& c : e.children) {
    if (c) CollectColumns(*c, out);
  }
}

}  // namespace

StatsColumns StatsColumns::ForPredicate(const Expression& bound) {
  StatsColumns out;
  CollectColumns(bound, &out);
  return out;
}

int StatsColumns::Child(int node, std::string_view name) const {
  for (const auto& [child_name, index] : nodes_[static_cast<size_t>(node)].children) {
    if (child_name == name) return index;
  }
  return -1;
}

size_t StatsColumns::Add(std::vector<std::string> physical_path, DataTypePtr type) {
  int found = Find(physical_path);
  if (found >= 0) return static_cast<size_t>(found);
  int node = 0;
  for (const std::string& name : physical_path) {
    int next = Child(node, name);
    if (next < 0) {
      next = static_cast<int>(nodes_.size());
      nodes_[static_cast<size_t>(node)].children.emplace_back(name, next);
      nodes_.emplace_back();
    }
    node = next;
  }
  nodes_[static_cast<size_t>(node)].leaf = static_cast<int>(columns_.size());
  columns_.push_back({std::move(physical_path), std::move(type)});
  return columns_.size() - 1;
}

int StatsColumns::Find(const std::vector<std::string>& physical_path) const {
  int node = 0;
  for (const std::string& name : physical_path) {
    node = Child(node, name);
    if (node < 0) return -1;
  }
  return nodes_[static_cast<size_t>(node)].leaf;
}

const ColumnStats* FileStats::Find(const std::vector<std::string>& physical_path) const {
  if (schema == nullptr) return nullptr;
  int i = schema->Find(physical_path);
  if (i < 0 || static_cast<size_t>(i) >= columns.size()) return nullptr;
  return &columns[static_cast<size_t>(i)];
}

// --- parsing ------------------------------------------------------------------------------------

namespace {

enum class Which { kMin, kMax, kNullCount };

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsNumberToken(od::value& v) {
  od::json_type t;
  return !v.type().get(t) && t == od::json_type::number;
}

std::optional<std::string_view> StringValue(od::value& v) {
  std::string_view s;
  if (v.get_string().get(s)) return std::nullopt;
  return s;
}

template <typename T>
std::optional<T> FloatingValue(od::value& v) {
  if (IsNumberToken(v)) {
    std::string_view raw = Trim(v.raw_json_token());
    T out{};
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), out);
    if (ec != std::errc() || p != raw.data() + raw.size()) return std::nullopt;
    return out;
  }
  // JSON cannot hold NaN or infinities; writers spell them as strings.
  std::optional<std::string_view> s = StringValue(v);
  if (!s) return std::nullopt;
  if (*s == "NaN") return std::numeric_limits<T>::quiet_NaN();
  if (*s == "Infinity" || *s == "+Infinity") return std::numeric_limits<T>::infinity();
  if (*s == "-Infinity") return -std::numeric_limits<T>::infinity();
  return std::nullopt;
}

// A min or max value of `type`, or nullopt when the JSON value does not fit it.
std::optional<Literal> ReadBound(od::value& v, const DataTypePtr& type, Which which) {
  switch (type->kind()) {
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong: {
      if (!IsNumberToken(v)) return std::nullopt;
      std::string_view raw = Trim(v.raw_json_token());
      int64_t x = 0;
      auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), x);
      if (ec != std::errc() || p != raw.data() + raw.size()) return std::nullopt;
      // Stats written before a type change may exceed the narrower range; compare as a long.
      return Literal::Long(x);
    }
    case TypeKind::kFloat: {
      auto f = FloatingValue<float>(v);
      if (!f) return std::nullopt;
      return Literal::Float(*f);
    }
    case TypeKind::kDouble: {
      auto d = FloatingValue<double>(v);
      if (!d) return std::nullopt;
      // After a float -> double type change, old statistics hold a float's shortest text
      // ("3.4" for 3.4f = 3.4000000953...), which read as a double is not a bound of the stored
      // value. Widen each bound to cover both readings (at most half a float ulp).
      if (std::isfinite(*d) && IsNumberToken(v)) {
        std::string_view raw = Trim(v.raw_json_token());
        float f = 0;
        auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), f);
        if (ec == std::errc() && p == raw.data() + raw.size() && std::isfinite(f)) {
          double as_float = static_cast<double>(f);
          *d = which == Which::kMin ? std::min(*d, as_float) : std::max(*d, as_float);
        }
      }
      return Literal::Double(*d);
    }
    case TypeKind::kDecimal: {
      if (!IsNumberToken(v)) return std::nullopt;
      const auto& dec = static_cast<const DecimalType&>(*type);
      // More digits than the scale: round outward so the bound still holds.
      auto u = ParseDecimalText(Trim(v.raw_json_token()), dec.precision(), dec.scale(),
                                which == Which::kMin ? Rounding::kFloor : Rounding::kCeiling);
      if (!u.ok()) return std::nullopt;
      auto lit = Literal::Decimal(FromInt128(*u), dec.precision(), dec.scale());
      if (!lit.ok()) return std::nullopt;
      return std::move(*lit);
    }
    case TypeKind::kString: {
      auto s = StringValue(v);
      if (!s) return std::nullopt;
      return Literal::String(std::string(*s));
    }
    case TypeKind::kBoolean: {
      bool b = false;
      if (v.get_bool().get(b)) return std::nullopt;
      return Literal::Boolean(b);
    }
    case TypeKind::kDate: {
      auto s = StringValue(v);
      if (!s) return std::nullopt;
      auto d = ParseDateText(*s);
      if (!d.ok()) return std::nullopt;
      return Literal::Date(*d);
    }
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz: {
      auto s = StringValue(v);
      if (!s) return std::nullopt;
      auto t = ParseTimestampText(*s);
      if (!t.ok()) return std::nullopt;
      if (type->kind() == TypeKind::kTimestamp) return Literal::Timestamp(t->micros);
      if (t->has_zone) return std::nullopt;  // a zone on a zone-less value: do not guess
      return Literal::TimestampNtz(t->micros);
    }
    default:
      return std::nullopt;  // binary, variant, geometry...: no usable bounds
  }
}

class StatsReader {
 public:
  StatsReader(const StatsColumns& columns, FileStats* out) : columns_(columns), out_(out) {}

  // Walks one of minValues / maxValues / nullCount along the column trie.
  simdjson::error_code Walk(od::value& v, int node, Which which) {
    od::object obj;
    if (v.get_object().get(obj)) return simdjson::SUCCESS;  // not an object: nothing to learn
    for (auto field : obj) {
      std::string_view key;
      if (auto e = field.unescaped_key().get(key); e) return e;
      int child = columns_.Child(node, key);
      if (child < 0) continue;  // skipped unread
      od::value value;
      if (auto e = field.value().get(value); e) return e;
      const StatsColumns::Node& n = columns_.nodes()[static_cast<size_t>(child)];
      if (n.leaf >= 0) {
        Leaf(value, static_cast<size_t>(n.leaf), which);
      }
      if (!n.children.empty()) {
        if (auto e = Walk(value, child, which); e) return e;
      }
    }
    return simdjson::SUCCESS;
  }

 private:
  void Leaf(od::value& v, size_t column, Which which) {
    ColumnStats& cs = out_->columns[column];
    if (which == Which::kNullCount) {
      int64_t n = 0;
      if (IsNumberToken(v) && !v.get_int64().get(n) && n >= 0) cs.null_count = n;
      return;
    }
    std::optional<Literal> lit = ReadBound(v, columns_.columns()[column].type, which);
    if (which == Which::kMin) {
      cs.min = std::move(lit);
    } else {
      cs.max = std::move(lit);
    }
  }

  const StatsColumns& columns_;
  FileStats* out_;
};

}  // namespace

Result<FileStats> ParseFileStats(std::string_view json, const StatsColumns& columns) {
  FileStats out;
  out.schema = &columns;
  out.columns.resize(columns.size());
  if (Trim(json).empty()) return out;
  // Statistics only ever let a file be skipped: ones too big to be real are not parsed (nor
  // copied into this thread's buffers), and the file is read.
  if (json.size() > kMaxStatsBytes) return out;

  // simdjson reads past the end of its input; stats live in arenas without padding.
  thread_local od::parser parser;
  thread_local std::string buffer;
  buffer.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(json);
  simdjson::padded_string_view input(buffer.data(), buffer.size(), buffer.capacity());
  auto fail = [&](simdjson::error_code e) {
    std::string shown(json.substr(0, 120));
    if (json.size() > 120) shown += "...";
    return Status::InvalidTable("file statistics are not valid JSON (" +
                                std::string(simdjson::error_message(e)) + "): " + shown);
  };
  od::document doc;
  if (auto e = parser.iterate(input).get(doc); e) return fail(e);
  od::object root;
  if (auto e = doc.get_object().get(root); e) return fail(e);
  StatsReader reader(columns, &out);
  for (auto field : root) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key); e) return fail(e);
    od::value value;
    if (auto e = field.value().get(value); e) return fail(e);
    if (key == "numRecords") {
      int64_t n = 0;
      if (IsNumberToken(value) && !value.get_int64().get(n) && n >= 0) out.num_records = n;
    } else if (key == "tightBounds") {
      bool b = true;
      if (!value.get_bool().get(b)) out.tight_bounds = b;
    } else if (key == "minValues" || key == "maxValues" || key == "nullCount") {
      if (columns.size() == 0) continue;
      Which which = key == "minValues"   ? Which::kMin
                    : key == "maxValues" ? Which::kMax
                                         : Which::kNullCount;
      if (auto e = reader.Walk(value, 0, which); e) return fail(e);
    }
  }
  return out;
}

}  // namespace delta
