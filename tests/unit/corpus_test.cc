// The project's own corpus (scripts/corpus.sh: tables Delta Spark and delta-rs wrote, each with
// its writer's reading as the expected results) read through the C++ API: every expectation of
// every manifest gives exactly the expected rows, or, for those listed in
// tests/corpus_known_errors.json, the error listed there. Skips, saying why and how to get the
// corpus, when there is none (docs/testing.md, "The corpus").
#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <arrow/io/file.h>
#include <gtest/gtest.h>
#include <parquet/arrow/reader.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "delta/changes.h"
#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "delta/timestamp_text.h"
#include "support/arrow_stream.h"

namespace delta {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// $DELTA_CORPUS_DIR, else the directory scripts/corpus.sh recorded in <repo>/.corpus-path.
std::optional<fs::path> CorpusDir() {
  if (const char* env = std::getenv("DELTA_CORPUS_DIR"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  if (fs::exists(DELTA_CORPUS_PATH_FILE)) return fs::path(Trim(ReadText(DELTA_CORPUS_PATH_FILE)));
  return std::nullopt;
}

// One line: why there is no corpus and how to get one; empty when there is one.
std::string MissingReason() {
  auto dir = CorpusDir();
  if (dir && fs::exists(*dir / "index.json")) return "";
  std::string why;
  if (dir) {
    why = dir->string() + " holds no corpus (index.json)";
  } else if (fs::exists(DELTA_CORPUS_UNAVAILABLE_FILE)) {
    why = Trim(ReadText(DELTA_CORPUS_UNAVAILABLE_FILE));
  } else {
    why = "not generated (no DELTA_CORPUS_DIR, no .corpus-path)";
  }
  return "project corpus unavailable: " + why +
         "; generate it with scripts/corpus.sh (needs Java 17+ and scripts/setup-peers.sh)";
}

struct Expectation {
  std::string id;  // case/expectation
  std::string case_name;
  fs::path root;
  fs::path file;
  std::string kind;  // scan | changes
  std::optional<int64_t> version, start, end;
  std::optional<std::string> timestamp, start_timestamp, end_timestamp, filter;
  std::optional<std::vector<std::string>> columns;
  std::vector<std::string> metadata_columns;
  // Columns the writer's reading does not give as the protocol defines them.
  std::vector<std::string> unchecked_columns;
};

std::vector<std::string> Strings(simdjson::dom::array a) {
  std::vector<std::string> out;
  for (auto v : a) out.emplace_back(std::string_view(v.get_string().value()));
  return out;
}

std::vector<Expectation> LoadExpectations(const fs::path& dir) {
  simdjson::dom::parser parser;
  std::vector<std::string> cases;
  {
    simdjson::dom::element index = parser.load((dir / "index.json").string());
    cases = Strings(index["cases"].get_array());
  }
  std::vector<Expectation> out;
  for (const auto& c : cases) {
    simdjson::dom::element m = parser.load((dir / c / "manifest.json").string());
    fs::path root = dir / c / std::string(std::string_view(m["table"].get_string().value()));
    for (simdjson::dom::object e : m["expectations"].get_array()) {
      Expectation x;
      x.case_name = c;
      x.id = c + "/" + std::string(std::string_view(e["id"].get_string().value()));
      x.root = root;
      x.file = dir / c / std::string(std::string_view(e["file"].get_string().value()));
      x.kind = std::string(std::string_view(e["kind"].get_string().value()));
      auto num = [&](const char* key) -> std::optional<int64_t> {
        int64_t v;
        if (e[key].get_int64().get(v) == simdjson::SUCCESS) return v;
        return std::nullopt;
      };
      auto str = [&](const char* key) -> std::optional<std::string> {
        std::string_view v;
        if (e[key].get_string().get(v) == simdjson::SUCCESS) return std::string(v);
        return std::nullopt;
      };
      x.version = num("version");
      x.start = num("start");
      x.end = num("end");
      x.timestamp = str("timestamp");
      x.start_timestamp = str("start_timestamp");
      x.end_timestamp = str("end_timestamp");
      x.filter = str("filter");
      simdjson::dom::array a;
      if (e["columns"].get_array().get(a) == simdjson::SUCCESS) x.columns = Strings(a);
      if (e["metadata_columns"].get_array().get(a) == simdjson::SUCCESS) {
        x.metadata_columns = Strings(a);
      }
      if (e["unchecked_columns"].get_array().get(a) == simdjson::SUCCESS) {
        x.unchecked_columns = Strings(a);
      }
      out.push_back(std::move(x));
    }
  }
  return out;
}

struct KnownError {
  std::string kind, mentions;
};

// tests/corpus_known_errors.json: by "case/expectation" or "case".
std::map<std::string, KnownError> LoadKnownErrors() {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.load(DELTA_CORPUS_KNOWN_ERRORS);
  std::map<std::string, KnownError> out;
  for (auto [key, value] : doc.get_object()) {
    if (key.starts_with("_")) continue;
    out[std::string(key)] = {std::string(std::string_view(value["kind"].get_string().value())),
                             std::string(std::string_view(value["mentions"].get_string().value()))};
  }
  return out;
}

// --- rows as comparable text ---------------------------------------------------------------

std::string Render(const std::shared_ptr<arrow::Scalar>& s);

std::string RenderElements(const std::shared_ptr<arrow::Array>& values) {
  std::string out = "[";
  for (int64_t i = 0; i < values->length(); ++i) {
    if (i > 0) out += ", ";
    out += Render(*values->GetScalar(i));
  }
  return out + "]";
}

// Values compare by meaning, not by Arrow encoding: struct fields by name (the writers' field
// order of a variant's metadata and value may differ), timestamps as microseconds plus whether
// they carry a time zone, string, binary and list widths alike.
std::string Render(const std::shared_ptr<arrow::Scalar>& s) {
  if (!s->is_valid) return "null";
  switch (s->type->id()) {
    case arrow::Type::STRUCT: {
      const auto& st = static_cast<const arrow::StructScalar&>(*s);
      std::map<std::string, std::string> fields;
      for (int i = 0; i < s->type->num_fields(); ++i) {
        fields[s->type->field(i)->name()] = Render(st.value[i]);
      }
      std::string out = "{";
      for (const auto& [k, v] : fields) out += k + ": " + v + ", ";
      return out + "}";
    }
    case arrow::Type::LIST:
    case arrow::Type::LARGE_LIST:
    case arrow::Type::MAP:
    case arrow::Type::FIXED_SIZE_LIST:
      return RenderElements(static_cast<const arrow::BaseListScalar&>(*s).value);
    case arrow::Type::TIMESTAMP: {
      const auto& type = static_cast<const arrow::TimestampType&>(*s->type);
      auto us = arrow::compute::Cast(s, arrow::timestamp(arrow::TimeUnit::MICRO, type.timezone()));
      if (!us.ok()) return "cast error: " + us.status().ToString();
      int64_t v = static_cast<const arrow::TimestampScalar&>(*us->scalar()).value;
      return (type.timezone().empty() ? "ntz:" : "tz:") + std::to_string(v);
    }
    case arrow::Type::DOUBLE:
      if (std::isnan(static_cast<const arrow::DoubleScalar&>(*s).value)) return "NaN";
      return s->ToString();
    case arrow::Type::STRING:
    case arrow::Type::LARGE_STRING:
    case arrow::Type::STRING_VIEW:
    case arrow::Type::BINARY:
    case arrow::Type::LARGE_BINARY:
    case arrow::Type::BINARY_VIEW:
      return "'" + s->ToString() + "'";
    default:
      return s->ToString();
  }
}

std::vector<std::string> SortedRows(const arrow::Table& t) {
  std::vector<std::string> rows(t.num_rows());
  for (int c = 0; c < t.num_columns(); ++c) {
    int64_t r = 0;
    for (const auto& chunk : t.column(c)->chunks()) {
      for (int64_t i = 0; i < chunk->length(); ++i) {
        rows[r++] += t.field(c)->name() + "=" + Render(*chunk->GetScalar(i)) + "; ";
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::shared_ptr<arrow::Table> ReadParquet(const fs::path& path) {
  auto input = arrow::io::ReadableFile::Open(path.string());
  EXPECT_TRUE(input.ok()) << path;
  if (!input.ok()) return nullptr;
  auto reader = parquet::arrow::OpenFile(*input, arrow::default_memory_pool());
  EXPECT_TRUE(reader.ok()) << path;
  if (!reader.ok()) return nullptr;
  auto t = (*reader)->ReadTable();
  EXPECT_TRUE(t.ok()) << path;
  return t.ok() ? *t : nullptr;
}

// --- reading with the kernel ----------------------------------------------------------------

Result<ArrowStreamHandle> Read(const Expectation& e, const std::shared_ptr<Engine>& engine) {
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(e.root.string(), engine));
  ExprPtr filter;
  if (e.filter) {
    DELTA_ASSIGN_OR_RETURN(filter, ParseExpression(*e.filter));
  }
  if (e.kind == "changes") {
    ChangesOptions o;
    if (e.start_timestamp) {
      DELTA_ASSIGN_OR_RETURN(int64_t ms, ParseTimestampMillis(*e.start_timestamp));
      o.start_timestamp_ms = ms;
      if (e.end_timestamp) {
        DELTA_ASSIGN_OR_RETURN(int64_t end_ms, ParseTimestampMillis(*e.end_timestamp));
        o.end_timestamp_ms = end_ms;
      }
    } else {
      o.start_version = e.start;
      o.end_version = e.end;
    }
    o.filter = filter;
    DELTA_ASSIGN_OR_RETURN(auto changes, ChangesScan::Make(table, std::move(o)));
    return ExecuteChanges(changes);
  }
  std::shared_ptr<const Snapshot> snapshot;
  if (e.version) {
    DELTA_ASSIGN_OR_RETURN(snapshot, table.SnapshotAtVersion(*e.version));
  } else if (e.timestamp) {
    DELTA_ASSIGN_OR_RETURN(int64_t ms, ParseTimestampMillis(*e.timestamp));
    DELTA_ASSIGN_OR_RETURN(snapshot, table.SnapshotAtTimestamp(ms));
  } else {
    DELTA_ASSIGN_OR_RETURN(snapshot, table.LatestSnapshot());
  }
  ScanOptions o;
  o.columns = e.columns;
  o.filter = filter;
  for (const auto& name : e.metadata_columns) {
    auto m = MetadataColumnFromName(name);
    if (!m) return Status::InvalidArgument("unknown metadata column " + name);
    o.metadata_columns.push_back(*m);
  }
  DELTA_ASSIGN_OR_RETURN(auto scan, Scan::Make(snapshot, std::move(o)));
  return ExecuteScan(scan);
}

class CorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = MissingReason();
    if (!reason.empty()) {
      if (const char* ci = std::getenv("CI"); ci != nullptr && std::string(ci) == "true") {
        FAIL() << reason;
      }
      GTEST_SKIP() << reason;
    }
    expectations_ = LoadExpectations(*CorpusDir());
    known_ = LoadKnownErrors();
  }

  const KnownError* Known(const Expectation& e) const {
    auto it = known_.find(e.id);
    if (it == known_.end()) it = known_.find(e.case_name);
    return it == known_.end() ? nullptr : &it->second;
  }

  void Check(const std::string& kind) {
    auto engine = MakeDefaultEngine();
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    int checked = 0;
    for (const auto& e : expectations_) {
      if (e.kind != kind) continue;
      SCOPED_TRACE(e.id);
      ++checked;
      auto stream = Read(e, *engine);
      if (const KnownError* known = Known(e)) {
        ASSERT_FALSE(stream.ok()) << "listed as failing with " << known->kind << " but read";
        EXPECT_EQ(StatusCodeName(stream.status().code()), known->kind);
        EXPECT_NE(stream.status().message().find(known->mentions), std::string::npos)
            << stream.status().ToString();
        continue;
      }
      ASSERT_TRUE(stream.ok()) << stream.status().ToString();
      auto actual = test::ReadStream(*stream);
      ASSERT_TRUE(actual.ok()) << actual.status().ToString();
      for (const auto& name : e.unchecked_columns) {
        int i = (*actual)->schema()->GetFieldIndex(name);
        ASSERT_GE(i, 0) << name;
        actual = (*actual)->RemoveColumn(i);
        ASSERT_TRUE(actual.ok()) << actual.status().ToString();
      }
      auto expected = ReadParquet(e.file);
      ASSERT_NE(expected, nullptr);
      EXPECT_EQ((*actual)->ColumnNames(), expected->ColumnNames());
      auto got = SortedRows(**actual);
      auto want = SortedRows(*expected);
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i], want[i]) << "sorted row " << i;
      }
    }
    EXPECT_GT(checked, 0) << "the corpus has no " << kind << " expectations";
  }

  std::vector<Expectation> expectations_;
  std::map<std::string, KnownError> known_;
};

TEST_F(CorpusTest, ScansGiveTheWritersRows) { Check("scan"); }

TEST_F(CorpusTest, ChangeFeedsGiveTheWritersRows) { Check("changes"); }

TEST_F(CorpusTest, KnownErrorsNameRealExpectations) {
  for (const auto& [key, known] : known_) {
    bool found = std::any_of(expectations_.begin(), expectations_.end(),
                             [&](const auto& e) { return e.id == key || e.case_name == key; });
    EXPECT_TRUE(found) << key << " (tests/corpus_known_errors.json) is not in the corpus at "
                       << CorpusDir()->string() << " (an older corpus? run scripts/corpus.sh)";
  }
}

}  // namespace
}  // namespace delta
