#include "gen_values.h"

#include <charconv>
#include <string_view>

#include "delta/json_writer.h"
#include "gen_time.h"

namespace delta::gen {
namespace {

constexpr std::string_view kWords[] = {"apple", "birch",  "cedar",  "delta",   "ember", "fjord",
                                       "grove", "harbor", "iris",   "juniper", "kelp",  "lagoon",
                                       "maple", "nectar", "orchid", "pine"};
constexpr int64_t kDay2024 = 19723;  // 2024-01-01
constexpr int64_t kMillisPerDay = 86'400'000;

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, static_cast<size_t>(end - buf));
}

void AppendDecimal(std::string* out, int64_t unscaled, int scale) {
  if (unscaled < 0) {
    out->push_back('-');
    unscaled = -unscaled;
  }
  int64_t pow = 1;
  for (int i = 0; i < scale; ++i) pow *= 10;
  AppendDigits(out, unscaled / pow, 1);
  if (scale > 0) {
    out->push_back('.');
    AppendDigits(out, unscaled % pow, scale);
  }
}

// A stats value in JSON, as Delta writers render it.
void AppendValueJson(ColumnType type, const Value& v, std::string* out) {
  switch (type) {
    case ColumnType::kLong:
    case ColumnType::kInt:
      AppendInt(out, v.i);
      break;
    case ColumnType::kDouble:
      AppendJsonDouble(out, v.d);
      break;
    case ColumnType::kString:
      AppendJsonString(out, v.s);  // generated strings are far below the 32-char prefix
      break;
    case ColumnType::kDate:
      out->push_back('"');
      AppendDate(out, v.i);
      out->push_back('"');
      break;
    case ColumnType::kTimestamp:
      out->push_back('"');
      AppendTimestampMillis(out, v.i / 1000);  // values are whole milliseconds
      out->push_back('"');
      break;
    case ColumnType::kBoolean:
      out->append(v.i ? "true" : "false");
      break;
    case ColumnType::kDecimal:
      AppendDecimal(out, v.i, 2);
      break;
  }
}

void AppendKey(std::string* out, bool* first, const Column& c) {
  if (!*first) out->push_back(',');
  *first = false;
  out->append(c.json_key);
}

}  // namespace

void DrawValue(const Column& c, int64_t row_id, Rng& rng, Value* out) {
  switch (c.type) {
    case ColumnType::kLong:
      out->i = c.is_row_id ? row_id : static_cast<int64_t>(rng.Below(1'000'000'000));
      break;
    case ColumnType::kInt:
      out->i = static_cast<int64_t>(rng.Below(1000));
      break;
    case ColumnType::kDouble:
      out->d = static_cast<double>(rng.Below(100'000)) / 100.0;
      break;
    case ColumnType::kString: {
      out->s.assign(kWords[rng.Below(std::size(kWords))]);
      out->s.push_back('-');
      out->s.append(std::to_string(rng.Below(1000)));
      break;
    }
    case ColumnType::kDate:
      out->i = kDay2024 + static_cast<int64_t>(rng.Below(366));
      break;
    case ColumnType::kTimestamp:
      out->i = (kDay2024 * kMillisPerDay +
                static_cast<int64_t>(rng.Below(366 * static_cast<uint64_t>(kMillisPerDay)))) *
               1000;
      break;
    case ColumnType::kBoolean:
      out->i = static_cast<int64_t>(rng.Below(2));
      break;
    case ColumnType::kDecimal:
      out->i = static_cast<int64_t>(rng.Below(10'000'000));  // up to 99999.99
      break;
  }
}

bool ValueLess(ColumnType type, const Value& a, const Value& b) {
  switch (type) {
    case ColumnType::kDouble:
      return a.d < b.d;
    case ColumnType::kString:
      return a.s < b.s;  // byte order, as Delta compares strings
    default:
      return a.i < b.i;
  }
}

void ColumnStats::Update(ColumnType type, const Value* v) {
  if (v == nullptr) {
    ++null_count;
    return;
  }
  if (!has_bounds) {
    min = *v;
    max = *v;
    has_bounds = true;
    return;
  }
  if (ValueLess(type, *v, min)) min = *v;
  if (ValueLess(type, max, *v)) max = *v;
}

void AppendStatsJson(const std::vector<Column>& columns, int64_t num_records,
                     const std::vector<ColumnStats>& stats, std::string* out) {
  out->append("{\"numRecords\":");
  AppendInt(out, num_records);
  for (int pass = 0; pass < 2; ++pass) {
    out->append(pass == 0 ? ",\"minValues\":{" : ",\"maxValues\":{");
    bool first = true;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!stats[i].has_bounds || columns[i].type == ColumnType::kBoolean) continue;
      AppendKey(out, &first, columns[i]);
      AppendValueJson(columns[i].type, pass == 0 ? stats[i].min : stats[i].max, out);
    }
    out->push_back('}');
  }
  out->append(",\"nullCount\":{");
  bool first = true;
  for (size_t i = 0; i < columns.size(); ++i) {
    AppendKey(out, &first, columns[i]);
    AppendInt(out, stats[i].null_count);
  }
  out->append("}}");
}

void FakeStats(const TableModel& model, int64_t index, std::vector<ColumnStats>* out) {
  const std::vector<Column>& columns = model.columns();
  const GenFile& f = model.files()[static_cast<size_t>(index)];
  const int64_t rows = model.rows_per_file();
  out->resize(columns.size());
  Rng rng(StreamSeed(model.options().seed, kStreamFileData, static_cast<uint64_t>(index)));
  Value a, b;
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    ColumnStats& s = (*out)[i];
    s.null_count = 0;
    if (c.null_percent > 0) {
      const uint64_t span = static_cast<uint64_t>(rows * c.null_percent * 2 / 100 + 1);
      s.null_count = std::min<int64_t>(rows, static_cast<int64_t>(rng.Below(span)));
    }
    s.has_bounds = s.null_count < rows;
    if (!s.has_bounds) continue;
    if (c.is_row_id) {
      s.min.i = f.first_row_id;
      s.max.i = f.first_row_id + rows - 1;
      continue;
    }
    DrawValue(c, 0, rng, &a);
    DrawValue(c, 0, rng, &b);
    const bool swap = ValueLess(c.type, b, a);
    s.min = swap ? b : a;
    s.max = swap ? a : b;
  }
}

}  // namespace delta::gen
