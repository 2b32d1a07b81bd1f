// Property test on generated tables: for many random predicates (seeded, reproducible) the rows
// of a scan with partition pruning, data skipping and row-group skipping on equal the rows with
// them off, and equal a brute-force evaluation of the predicate (SQL three-valued logic) over
// the table's live rows; and skipping really skips (exact counts for selective predicates).
//
// The tables: partitioned (an int and a string partition column, with nulls and "" values)
// over long, int, string, date, timestamp and decimal data columns with nulls; files with
// distinct value ranges, several row groups each, JSON statistics (some files without, some
// with only a few columns); several commits with removes and deletion vectors.
//
// A failure prints the seed and the predicate; DELTA_PROPERTY_SEED=<n> reruns one seed.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/memory.h>
#include <parquet/arrow/writer.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/deletion_vector.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "dv/z85.h"
#include "scan/partition_values.h"
#include "support/arrow_stream.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;

// --- the model -----------------------------------------------------------------------------------

// Columns; the first six are data columns, the last two partition columns.
enum Col { kId, kK, kS, kD, kTs, kDec, kPInt, kPStr, kNumCols };
const char* const kColNames[kNumCols] = {"id", "k", "s", "d", "ts", "dec", "p_int", "p_str"};
bool IsStringCol(int c) { return c == kS || c == kPStr; }

// A value: null, an integer (long, int, date days, timestamp micros, decimal cents) or a string.
struct Value {
  bool null = true;
  int64_t i = 0;
  std::string s;
  static Value Int(int64_t v) { return {false, v, {}}; }
  static Value Str(std::string v) { return {false, 0, std::move(v)}; }
};

using Row = std::array<Value, kNumCols>;

struct FileModel {
  std::string path;
  std::vector<Row> rows;
  std::set<uint64_t> deleted;  // row positions removed by the DV
  enum StatsKind { kNone, kIdOnly, kAll } stats = kAll;
  int64_t row_groups = 0;
  std::string bytes;
};

// SQL three-valued logic.
enum class TV { kF, kT, kN };
TV Not(TV a) { return a == TV::kT ? TV::kF : a == TV::kF ? TV::kT : TV::kN; }

int CompareValues(int col, const Value& a, const Value& b) {
  if (IsStringCol(col)) return a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
  return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
}

// A predicate tree mirrored as SQL text.
struct Pred {
  enum Kind { kCmp, kIsNull, kIsNotNull, kIn, kAnd, kOr, kNot, kNullSafeEq } kind = kCmp;
  int col = 0;
  std::string op;  // kCmp: = != < <= > >=
  std::vector<Value> values;
  std::vector<Pred> children;
};

TV Eval(const Pred& p, const Row& row) {
  switch (p.kind) {
    case Pred::kCmp: {
      const Value& v = row[static_cast<size_t>(p.col)];
      if (v.null) return TV::kN;
      int c = CompareValues(p.col, v, p.values[0]);
      bool r = p.op == "="    ? c == 0
               : p.op == "!=" ? c != 0
               : p.op == "<"  ? c < 0
               : p.op == "<=" ? c <= 0
               : p.op == ">"  ? c > 0
                              : c >= 0;
      return r ? TV::kT : TV::kF;
    }
    case Pred::kNullSafeEq: {
      const Value& v = row[static_cast<size_t>(p.col)];
      if (v.null) return TV::kF;  // the literal is never null
      return CompareValues(p.col, v, p.values[0]) == 0 ? TV::kT : TV::kF;
    }
    case Pred::kIsNull:
      return row[static_cast<size_t>(p.col)].null ? TV::kT : TV::kF;
    case Pred::kIsNotNull:
      return row[static_cast<size_t>(p.col)].null ? TV::kF : TV::kT;
    case Pred::kIn: {
      const Value& v = row[static_cast<size_t>(p.col)];
      if (v.null) return TV::kN;
      for (const Value& l : p.values) {
        if (CompareValues(p.col, v, l) == 0) return TV::kT;
      }
      return TV::kF;
    }
    case Pred::kAnd: {
      TV r = TV::kT;
      for (const Pred& c : p.children) {
        TV x = Eval(c, row);
        if (x == TV::kF) return TV::kF;
        if (x == TV::kN) r = TV::kN;
      }
      return r;
    }
    case Pred::kOr: {
      TV r = TV::kF;
      for (const Pred& c : p.children) {
        TV x = Eval(c, row);
        if (x == TV::kT) return TV::kT;
        if (x == TV::kN) r = TV::kN;
      }
      return r;
    }
    case Pred::kNot:
      return Not(Eval(p.children[0], row));
  }
  return TV::kN;
}

std::string DecimalText(int64_t cents) {
  std::string sign = cents < 0 ? "-" : "";
  int64_t a = cents < 0 ? -cents : cents;
  std::string frac = std::to_string(a % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return sign + std::to_string(a / 100) + "." + frac;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string LiteralText(int col, const Value& v) {
  switch (col) {
    case kS:
    case kPStr:
      return Quote(v.s);
    case kD:
      return "DATE '" + FormatDate(v.i) + "'";
    case kTs:
      return "TIMESTAMP '" + FormatTimestamp(v.i, ' ', false) + "'";
    case kDec:
      return DecimalText(v.i);
    default:
      return std::to_string(v.i);
  }
}

std::string Text(const Pred& p) {
  const std::string col = kColNames[p.col];
  switch (p.kind) {
    case Pred::kCmp:
      return col + " " + p.op + " " + LiteralText(p.col, p.values[0]);
    case Pred::kNullSafeEq:
      return col + " <=> " + LiteralText(p.col, p.values[0]);
    case Pred::kIsNull:
      return col + " IS NULL";
    case Pred::kIsNotNull:
      return col + " IS NOT NULL";
    case Pred::kIn: {
      std::string out = col + " IN (";
      for (size_t i = 0; i < p.values.size(); ++i) {
        out += (i ? ", " : "") + LiteralText(p.col, p.values[i]);
      }
      return out + ")";
    }
    case Pred::kAnd:
    case Pred::kOr: {
      std::string out = "(";
      for (size_t i = 0; i < p.children.size(); ++i) {
        if (i) out += p.kind == Pred::kAnd ? " AND " : " OR ";
        out += Text(p.children[i]);
      }
      return out + ")";
    }
    case Pred::kNot:
      return "NOT (" + Text(p.children[0]) + ")";
  }
  return "";
}

// --- generating a table ----------------------------------------------------------------------

constexpr int64_t kRowGroupRows = 16;
constexpr int64_t kDayBase = 19000;
constexpr int64_t kTsBase = 1700000000LL * 1000000;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int64_t Uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::mt19937_64& rng() { return rng_; }

  // File `index`: values in ranges of their own, so statistics tell files apart.
  FileModel MakeFile(int index) {
    FileModel f;
    f.path = "part-" + std::to_string(index) + ".parquet";
    const int64_t n = Uniform(20, 60);
    const int64_t k_base = Uniform(0, 300);
    const bool k_all_null = Chance(0.1);
    const char prefix = static_cast<char>('a' + Uniform(0, 7));
    const Value p_int = Chance(0.2) ? Value{} : Value::Int(Uniform(1, 3));
    Value p_str;
    switch (Uniform(0, 4)) {
      case 0:
        p_str = Value::Str("a");
        break;
      case 1:
        p_str = Value::Str("b");
        break;
      case 2:
        p_str = Value::Str("c");
        break;
      default:
        break;  // null, written as "" or left out
    }
    for (int64_t j = 0; j < n; ++j) {
      Row r;
      r[kId] = Value::Int(index * 1000 + j);
      if (!k_all_null && !Chance(0.1)) r[kK] = Value::Int(k_base + Uniform(0, 25));
      if (!Chance(0.1)) {
        std::string s(1, prefix);
        s += std::to_string(Uniform(100, 999));
        if (Chance(0.05)) s = "";  // an empty string is a value in data columns
        if (Chance(0.05)) s += "\xc3\xa9";
        r[kS] = Value::Str(s);
      }
      r[kD] = Value::Int(kDayBase + index * 20 + Uniform(0, 15));
      r[kTs] = Value::Int(kTsBase + index * 86400000000LL + Uniform(0, 3600000000LL));
      if (!Chance(0.05)) r[kDec] = Value::Int(index * 5000 + Uniform(-3000, 3000));
      r[kPInt] = p_int;
      r[kPStr] = p_str;
      f.rows.push_back(std::move(r));
    }
    f.stats = Chance(0.15) ? FileModel::kNone : Chance(0.15) ? FileModel::kIdOnly : FileModel::kAll;
    f.row_groups = (n + kRowGroupRows - 1) / kRowGroupRows;
    f.bytes = ParquetOf(f);
    return f;
  }

  // The JSON stats of a file (tightBounds false once a DV deletes rows).
  static std::string StatsJson(const FileModel& f) {
    if (f.stats == FileModel::kNone) return "";
    std::string mins, maxs, nulls;
    for (int c = kId; c <= kDec; ++c) {
      if (f.stats == FileModel::kIdOnly && c != kId) continue;
      std::optional<Value> lo, hi;
      int64_t null_count = 0;
      for (const Row& r : f.rows) {
        const Value& v = r[static_cast<size_t>(c)];
        if (v.null) {
          ++null_count;
          continue;
        }
        if (!lo || CompareValues(c, v, *lo) < 0) lo = v;
        if (!hi || CompareValues(c, v, *hi) > 0) hi = v;
      }
      auto json = [c](const Value& v) -> std::string {
        switch (c) {
          case kS: {
            std::string out = "\"";
            for (char ch : v.s) {
              if (ch == '"' || ch == '\\') out += '\\';
              out += ch;
            }
            return out + "\"";
          }
          case kD:
            return "\"" + FormatDate(v.i) + "\"";
          case kTs: {
            // Milliseconds, truncated as Spark writes them.
            int64_t ms = v.i / 1000 * 1000;
            return "\"" + FormatTimestamp(ms, 'T', true) + "Z\"";
          }
          case kDec:
            return DecimalText(v.i);
          default:
            return std::to_string(v.i);
        }
      };
      const std::string key = std::string("\"") + kColNames[c] + "\":";
      if (lo) {
        mins += (mins.empty() ? "" : ",") + key + json(*lo);
        maxs += (maxs.empty() ? "" : ",") + key + json(*hi);
      }
      nulls += (nulls.empty() ? "" : ",") + key + std::to_string(null_count);
    }
    std::string out = "{\"numRecords\":" + std::to_string(f.rows.size()) + ",\"minValues\":{" +
                      mins + "},\"maxValues\":{" + maxs + "},\"nullCount\":{" + nulls + "}";
    if (!f.deleted.empty()) out += ",\"tightBounds\":false";
    return out + "}";
  }

 private:
  static std::string ParquetOf(const FileModel& f) {
    arrow::Int64Builder id, ts_b;
    arrow::Int32Builder k, d;
    arrow::StringBuilder s;
    arrow::Decimal128Builder dec(arrow::decimal128(10, 2));
    arrow::TimestampBuilder ts(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"),
                               arrow::default_memory_pool());
    arrow::Date32Builder date;
    auto ok = [](const arrow::Status& st) { EXPECT_TRUE(st.ok()) << st.ToString(); };
    for (const Row& r : f.rows) {
      ok(id.Append(r[kId].i));
      ok(r[kK].null ? k.AppendNull() : k.Append(static_cast<int32_t>(r[kK].i)));
      ok(r[kS].null ? s.AppendNull() : s.Append(r[kS].s));
      ok(date.Append(static_cast<int32_t>(r[kD].i)));
      ok(ts.Append(r[kTs].i));
      ok(r[kDec].null ? dec.AppendNull() : dec.Append(arrow::Decimal128(r[kDec].i)));
    }
    std::shared_ptr<arrow::Array> a_id, a_k, a_s, a_d, a_ts, a_dec;
    ok(id.Finish(&a_id));
    ok(k.Finish(&a_k));
    ok(s.Finish(&a_s));
    ok(date.Finish(&a_d));
    ok(ts.Finish(&a_ts));
    ok(dec.Finish(&a_dec));
    auto table = arrow::Table::Make(
        arrow::schema({arrow::field("id", arrow::int64()), arrow::field("k", arrow::int32()),
                       arrow::field("s", arrow::utf8()), arrow::field("d", arrow::date32()),
                       arrow::field("ts", a_ts->type()), arrow::field("dec", a_dec->type())}),
        {a_id, a_k, a_s, a_d, a_ts, a_dec});
    auto sink = *arrow::io::BufferOutputStream::Create();
    ok(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, kRowGroupRows));
    return (*sink->Finish())->ToString();
  }

  std::mt19937_64 rng_;
};

const char* kSchema =
    R"j({\"type\":\"struct\",\"fields\":[)j"
    R"j({\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"k\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"s\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"d\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"dec\",\"type\":\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"p_int\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},)j"
    R"j({\"name\":\"p_str\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]})j";

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string AddJson(const FileModel& f, bool p_str_as_empty) {
  std::string pv = "{";
  const Value& pi = f.rows[0][kPInt];
  const Value& ps = f.rows[0][kPStr];
  if (!pi.null) pv += "\"p_int\":\"" + std::to_string(pi.i) + "\"";
  if (!ps.null || p_str_as_empty) {
    if (pv.size() > 1) pv += ",";
    pv += "\"p_str\":\"" + (ps.null ? "" : ps.s) + "\"";
  }
  pv += "}";
  std::string stats = Generator::StatsJson(f);
  std::string extra;
  if (!stats.empty()) extra += ",\"stats\":\"" + JsonEscape(stats) + "\"";
  if (!f.deleted.empty())
    extra += testing::InlineDvJson(std::vector<uint64_t>(f.deleted.begin(), f.deleted.end()));
  return R"({"add":{"path":")" + f.path + R"(","partitionValues":)" + pv + R"(,"size":)" +
         std::to_string(f.bytes.size()) + R"(,"modificationTime":1,"dataChange":true)" + extra +
         "}}";
}

std::string RemoveJson(const FileModel& f) {
  return R"({"remove":{"path":")" + f.path + R"(","deletionTimestamp":5,"dataChange":true}})";
}

// A generated table: the log in memory and the model of its live files.
struct GeneratedTable {
  std::unique_ptr<LogBuilder> log;
  std::map<std::string, FileModel> live;
};

GeneratedTable MakeTable(Generator& gen, int num_files) {
  GeneratedTable t;
  t.log = std::make_unique<LogBuilder>();
  std::vector<FileModel> files;
  for (int i = 0; i < num_files; ++i) files.push_back(gen.MakeFile(i));
  for (const FileModel& f : files) {
    EXPECT_TRUE(t.log->fs()->Write(t.log->root() + "/" + f.path, f.bytes).ok());
  }
  // v0: protocol, metadata and the first half of the files; v1: the rest.
  std::vector<std::string> v0 = {
      testing::ProtocolJson(3, 7,
                            R"(,"readerFeatures":["deletionVectors"],)"
                            R"("writerFeatures":["deletionVectors"])"),
      R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":")" +
          std::string(kSchema) + R"(","partitionColumns":["p_int","p_str"],"configuration":{}}})"};
  std::vector<std::string> v1;
  for (size_t i = 0; i < files.size(); ++i) {
    (i < files.size() / 2 ? v0 : v1).push_back(AddJson(files[i], gen.Chance(0.5)));
  }
  t.log->Commit(0, v0);
  t.log->Commit(1, v1);
  for (FileModel& f : files) t.live[f.path] = f;
  // v2: remove two files.
  std::vector<std::string> v2;
  for (int n = 0; n < 2; ++n) {
    auto it = t.live.begin();
    std::advance(it, gen.Uniform(0, static_cast<int64_t>(t.live.size()) - 1));
    v2.push_back(RemoveJson(it->second));
    t.live.erase(it);
  }
  t.log->Commit(2, v2);
  // v3: deletion vectors on three files (remove + add with the DV).
  std::vector<std::string> v3;
  for (int n = 0; n < 3; ++n) {
    auto it = t.live.begin();
    std::advance(it, gen.Uniform(0, static_cast<int64_t>(t.live.size()) - 1));
    FileModel& f = it->second;
    if (!f.deleted.empty()) continue;
    for (size_t j = 0; j < f.rows.size(); ++j) {
      if (gen.Chance(0.3)) f.deleted.insert(j);
    }
    if (f.deleted.empty()) f.deleted.insert(0);
    v3.push_back(RemoveJson(f));
    v3.push_back(AddJson(f, gen.Chance(0.5)));
  }
  t.log->Commit(3, v3);
  return t;
}

// --- random predicates -----------------------------------------------------------------------

// A value for column `col`: usually one in the table (often at a file's edge), sometimes
// outside every range.
Value RandomValue(Generator& gen, const GeneratedTable& t, int col) {
  if (gen.Chance(0.1)) {
    if (IsStringCol(col)) {
      static const char* const kOdd[] = {"", "a", "zzz", "c5", "b", "\xc3\xa9"};
      return Value::Str(kOdd[gen.Uniform(0, 5)]);
    }
    switch (col) {
      case kD:
        return Value::Int(kDayBase + gen.Uniform(-50, 400));
      case kTs:
        return Value::Int(kTsBase + gen.Uniform(-10, 30) * 86400000000LL);
      case kPInt:
        return Value::Int(gen.Uniform(0, 4));
      default:
        return Value::Int(gen.Uniform(-100, 100000));
    }
  }
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto it = t.live.begin();
    std::advance(it, gen.Uniform(0, static_cast<int64_t>(t.live.size()) - 1));
    const auto& rows = it->second.rows;
    const Value& v =
        rows[static_cast<size_t>(gen.Uniform(0, static_cast<int64_t>(rows.size()) - 1))]
            [static_cast<size_t>(col)];
    if (v.null) continue;
    Value out = v;
    if (!IsStringCol(col) && gen.Chance(0.3)) out.i += gen.Uniform(-1, 1);
    return out;
  }
  return IsStringCol(col) ? Value::Str("b") : Value::Int(1);
}

Pred RandomPred(Generator& gen, const GeneratedTable& t, int depth) {
  Pred p;
  const int64_t pick = gen.Uniform(0, depth > 0 ? 9 : 5);
  if (pick >= 6) {
    if (pick == 9) {
      p.kind = Pred::kNot;
      p.children.push_back(RandomPred(gen, t, depth - 1));
      return p;
    }
    p.kind = pick == 6 || pick == 7 ? Pred::kAnd : Pred::kOr;
    int64_t n = gen.Uniform(2, 3);
    for (int64_t i = 0; i < n; ++i) p.children.push_back(RandomPred(gen, t, depth - 1));
    return p;
  }
  p.col = static_cast<int>(gen.Uniform(0, kNumCols - 1));
  if (pick <= 2) {
    static const char* const kOps[] = {"=", "!=", "<", "<=", ">", ">="};
    p.kind = Pred::kCmp;
    p.op = kOps[gen.Uniform(0, 5)];
    p.values.push_back(RandomValue(gen, t, p.col));
  } else if (pick == 3) {
    p.kind = gen.Chance(0.5) ? Pred::kIsNull : Pred::kIsNotNull;
  } else if (pick == 4) {
    p.kind = Pred::kIn;
    int64_t n = gen.Uniform(1, 4);
    for (int64_t i = 0; i < n; ++i) p.values.push_back(RandomValue(gen, t, p.col));
  } else {
    p.kind = Pred::kNullSafeEq;
    p.values.push_back(RandomValue(gen, t, p.col));
  }
  return p;
}

// --- running scans ----------------------------------------------------------------------------

struct ScanResult {
  std::vector<std::string> rows;  // every column, sorted
  std::multiset<int64_t> ids;
  ScanCounts counts;
  ScanProgress progress;
};

ScanResult RunScan(const GeneratedTable& t, const std::shared_ptr<const Snapshot>& snap,
                   const ExprPtr& filter, bool skipping) {
  ScanResult out;
  ScanOptions o;
  o.filter = filter;
  o.partition_pruning = skipping;
  o.data_skipping = skipping;
  auto scan = Scan::Make(snap, o);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  if (!scan.ok()) return out;
  auto files = (*scan)->Files(&out.counts);
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  ExecuteOptions exec;
  exec.progress = [&out](const ScanProgress& p) { out.progress = p; };
  auto stream = ExecuteScan(*scan, t.log->engine(), exec);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return out;
  auto table = test::ReadStream(*stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return out;
  auto batch = (*table)->CombineChunksToBatch();
  EXPECT_TRUE(batch.ok());
  const arrow::RecordBatch& b = **batch;
  auto ids = std::static_pointer_cast<arrow::Int64Array>(b.GetColumnByName("id"));
  for (int64_t i = 0; i < b.num_rows(); ++i) {
    std::string row;
    for (int c = 0; c < b.num_columns(); ++c) row += (*b.column(c)->GetScalar(i))->ToString() + "|";
    out.rows.push_back(std::move(row));
    out.ids.insert(ids->Value(i));
  }
  std::sort(out.rows.begin(), out.rows.end());
  return out;
}

std::multiset<int64_t> Expected(const GeneratedTable& t, const Pred& p) {
  std::multiset<int64_t> out;
  for (const auto& [path, f] : t.live) {
    for (size_t j = 0; j < f.rows.size(); ++j) {
      if (f.deleted.count(j)) continue;
      if (Eval(p, f.rows[j]) == TV::kT) out.insert(f.rows[j][kId].i);
    }
  }
  return out;
}

uint64_t BaseSeed() {
  const char* env = std::getenv("DELTA_PROPERTY_SEED");
  return env ? std::strtoull(env, nullptr, 10) : 20240601;
}

TEST(ScanPropertyTest, RandomPredicatesSameRowsWithAndWithoutSkipping) {
  int64_t skipped_files = 0, pruned_files = 0, skipped_row_groups = 0, predicates = 0;
  const uint64_t base = BaseSeed();
  for (uint64_t table_seed = base; table_seed < base + 3; ++table_seed) {
    Generator gen(table_seed);
    GeneratedTable t = MakeTable(gen, 14);
    auto snap = t.log->table().LatestSnapshot();
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    ASSERT_EQ((*snap)->files().size(), t.live.size());
    for (int n = 0; n < 60; ++n) {
      const uint64_t seed = table_seed * 1000 + static_cast<uint64_t>(n);
      Generator pgen(seed);
      Pred p = RandomPred(pgen, t, 2);
      const std::string text = Text(p);
      SCOPED_TRACE("table seed " + std::to_string(table_seed) + ", predicate seed " +
                   std::to_string(seed) + ": " + text);
      auto parsed = ParseExpression(text);
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
      ScanResult on = RunScan(t, *snap, *parsed, true);
      ScanResult off = RunScan(t, *snap, *parsed, false);
      ASSERT_EQ(on.rows, off.rows);
      ASSERT_EQ(on.ids, Expected(t, p));
      EXPECT_EQ(off.counts.skipped_by_stats + off.counts.pruned_by_partition, 0);
      EXPECT_EQ(off.progress.row_groups_skipped, 0);
      skipped_files += on.counts.skipped_by_stats;
      pruned_files += on.counts.pruned_by_partition;
      skipped_row_groups += on.progress.row_groups_skipped;
      ++predicates;
    }
  }
  EXPECT_EQ(predicates, 180);
  // Skipping happened, at every level.
  EXPECT_GT(skipped_files, 0);
  EXPECT_GT(pruned_files, 0);
  EXPECT_GT(skipped_row_groups, 0);
  std::printf(
      "[ property ] %lld predicates: %lld files skipped by stats, %lld pruned by "
      "partition, %lld row groups skipped\n",
      static_cast<long long>(predicates), static_cast<long long>(skipped_files),
      static_cast<long long>(pruned_files), static_cast<long long>(skipped_row_groups));
}

// Selective predicates skip exactly the files (and row groups) the model says they can.
TEST(ScanPropertyTest, SelectivePredicatesSkipExactly) {
  Generator gen(BaseSeed());
  GeneratedTable t = MakeTable(gen, 14);
  auto snap = t.log->table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto run = [&](const std::string& text) {
    SCOPED_TRACE(text);
    ScanResult r = RunScan(t, *snap, *ParseExpression(text), true);
    EXPECT_EQ(r.counts.total_files, static_cast<int64_t>(t.live.size()));
    return r;
  };
  // id ranges are [1000 i, 1000 i + n): `id < 5000` skips the files from 5 on that have stats.
  {
    int64_t expect = 0;
    for (const auto& [path, f] : t.live)
      expect += f.rows[0][kId].i >= 5000 && f.stats != FileModel::kNone;
    ScanResult r = run("id < 5000");
    EXPECT_EQ(r.counts.skipped_by_stats, expect);
    EXPECT_EQ(r.counts.pruned_by_partition, 0);
    EXPECT_GT(expect, 0);
  }
  // One id: every other file with stats is skipped; in the files read, all row groups but the
  // one holding it are left out (only its own file has a matching row group).
  for (const auto& [path, target] : t.live) {
    const int64_t id = target.rows.back()[kId].i;
    int64_t expect_skipped = 0, groups_read = 0;
    for (const auto& [p2, f] : t.live) {
      if (&f != &target && f.stats != FileModel::kNone) {
        ++expect_skipped;
      } else {
        groups_read += f.row_groups;
      }
    }
    ScanResult r = run("id = " + std::to_string(id));
    EXPECT_EQ(r.counts.skipped_by_stats, expect_skipped) << path;
    EXPECT_EQ(r.progress.row_groups, groups_read) << path;
    EXPECT_EQ(r.progress.row_groups_skipped, groups_read - 1) << path;
    const bool deleted = target.deleted.count(target.rows.size() - 1) > 0;
    EXPECT_EQ(r.ids.size(), deleted ? 0u : 1u) << path;
  }
  // Partition columns: exact pruning, "" and null alike.
  {
    int64_t not_two = 0, non_null_str = 0;
    for (const auto& [path, f] : t.live) {
      not_two += f.rows[0][kPInt].null || f.rows[0][kPInt].i != 2;
      non_null_str += !f.rows[0][kPStr].null;
    }
    EXPECT_EQ(run("p_int = 2").counts.pruned_by_partition, not_two);
    EXPECT_EQ(run("p_str IS NULL").counts.pruned_by_partition, non_null_str);
    EXPECT_EQ(run("p_str = ''").counts.pruned_by_partition, static_cast<int64_t>(t.live.size()));
  }
}

}  // namespace
}  // namespace delta
