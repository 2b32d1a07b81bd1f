// Random sequences of appends, deletes, updates and merges, checked after every step against an
// in-memory model of the table: the rows read back, each operation's row counts, and (change
// data feed on) the feed of each commit. Runs over deletion vectors on and off, partitioned
// and not, column mapping by name and id, with fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>

#include "delta/changes.h"
#include "delta/delete.h"
#include "delta/merge.h"
#include "delta/update.h"
#include "delta/write_table.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

struct Row {
  int64_t id;
  std::string part;
  std::optional<int32_t> v;  // null for every id divisible by 5
  std::string Text() const {
    return std::to_string(id) + "/" + part + "/" + (v ? std::to_string(*v) : "null");
  }
};

// A predicate in the kernel's syntax and the same predicate over a model row, with SQL's
// three-valued logic collapsed to "is TRUE".
struct Predicate {
  std::string text;
  std::function<bool(const Row&)> holds;
};

ArrowArrayStream RowsStream(const std::vector<Row>& rows) {
  arrow::Int64Builder ids;
  arrow::StringBuilder parts;
  arrow::Int32Builder vs;
  for (const Row& r : rows) {
    EXPECT_TRUE(ids.Append(r.id).ok());
    EXPECT_TRUE(parts.Append(r.part).ok());
    EXPECT_TRUE((r.v ? vs.Append(*r.v) : vs.AppendNull()).ok());
  }
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("part", arrow::utf8()),
                     arrow::field("v", arrow::int32())});
  auto batch = arrow::RecordBatch::Make(schema, static_cast<int64_t>(rows.size()),
                                        {*ids.Finish(), *parts.Finish(), *vs.Finish()});
  auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
  ArrowArrayStream out{};
  EXPECT_TRUE(arrow::ExportRecordBatchReader(reader, &out).ok());
  return out;
}

Predicate RandomPredicate(std::mt19937_64& rng, int64_t max_id) {
  std::uniform_int_distribution<int64_t> id(0, max_id + 1);
  std::uniform_int_distribution<int> v(0, 96);
  const std::string parts[] = {"a", "b", "c"};
  std::string p = parts[rng() % 3];
  int64_t x = id(rng), y = id(rng);
  if (x > y) std::swap(x, y);
  int32_t w = v(rng);
  switch (rng() % 6) {
    case 0:
      return {"id < " + std::to_string(x), [x](const Row& r) { return r.id < x; }};
    case 1:
      return {"id >= " + std::to_string(x) + " AND id < " + std::to_string(y),
              [x, y](const Row& r) { return r.id >= x && r.id < y; }};
    case 2:
      return {"part = '" + p + "'", [p](const Row& r) { return r.part == p; }};
    case 3:
      return {"v IS NULL AND part <> '" + p + "'",
              [p](const Row& r) { return !r.v && r.part != p; }};
    case 4:  // NULL v: "v > w" is NULL, so only part decides
      return {"v > " + std::to_string(w) + " OR part = '" + p + "'",
              [w, p](const Row& r) { return (r.v && *r.v > w) || r.part == p; }};
    default:
      return {"id IN (" + std::to_string(x) + ", " + std::to_string(y) + ")",
              [x, y](const Row& r) { return r.id == x || r.id == y; }};
  }
}

// The changes of `version` as sorted "<change type> <row text>" strings.
std::vector<std::string> ChangesInFeed(const std::string& root,
                                       const std::shared_ptr<Engine>& engine, int64_t version) {
  auto table = *Table::ForLocation(root, engine);
  ChangesOptions co;
  co.start_version = version;
  co.end_version = version;
  co.columns = std::vector<std::string>{"id", "part", "v", "_change_type"};
  auto stream = ExecuteChanges(*ChangesScan::Make(table, co), engine);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  auto batch = *(*test::ReadStream(*stream))->CombineChunksToBatch();
  std::vector<std::string> out;
  for (int64_t r = 0; r < batch->num_rows(); ++r) {
    std::string row = (*batch->column(3)->GetScalar(r))->ToString() + " ";
    for (int c = 0; c < 3; ++c) {
      auto s = *batch->column(c)->GetScalar(r);
      row += (c ? "/" : "") + (s->is_valid ? s->ToString() : std::string("null"));
    }
    out.push_back(row);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// An UPDATE's SET clause and the same assignment applied to a model row.
struct Assignment {
  std::pair<std::string, std::string> set;
  std::function<void(Row&)> apply;
};

Assignment RandomAssignment(std::mt19937_64& rng) {
  const std::string part(1, "abc"[rng() % 3]);
  int32_t w = static_cast<int32_t>(rng() % 97);
  switch (rng() % 4) {
    case 0:  // NULL stays NULL
      return {{"v", "v + 1"}, [](Row& r) {
                if (r.v) *r.v += 1;
              }};
    case 1:
      return {{"v", std::to_string(w)}, [w](Row& r) { r.v = w; }};
    case 2:  // moves rows between partitions on a partitioned table
      return {{"part", "'" + part + "'"}, [part](Row& r) { r.part = part; }};
    default:
      return {{"v", "COALESCE(v, -1)"}, [](Row& r) { r.v = r.v.value_or(-1); }};
  }
}
struct Config {
  bool dvs;
  bool partitioned;
  bool cdf;
  uint64_t seed;
  std::string column_mapping = "none";  // delta.columnMapping.mode
};

class DmlPropertyTest : public ::testing::TestWithParam<Config> {};

TEST_P(DmlPropertyTest, RandomAppendsDeletesUpdatesAndMergesMatchTheModel) {
  const Config& c = GetParam();
  test::TempDir dir;
  auto engine = test::Engine1();
  const std::string root = dir.path();
  std::mt19937_64 rng(c.seed);
  std::vector<Row> model;
  int64_t next_id = 0;
  int64_t version = -1;
  int committed_of_kind[4] = {0, 0, 0, 0};
  for (int step = 0; step < 20; ++step) {
    // append, delete, update or merge
    int kind = model.empty() || step % 4 == 0 ? 0 : static_cast<int>(1 + rng() % 3);
    std::vector<std::string> expected_feed;
    bool committed = false;
    if (kind == 0) {
      std::vector<Row> rows;
      int n = 1 + static_cast<int>(rng() % 12);
      for (int i = 0; i < n; ++i, ++next_id) {
        std::optional<int32_t> v;
        if (next_id % 5 != 0) v = static_cast<int32_t>((next_id * 37) % 97);
        rows.push_back(Row{next_id, std::string(1, "abc"[rng() % 3]), v});
      }
      WriteOptions o;
      o.mode = SaveMode::kAppend;
      if (c.partitioned) o.partition_by = {"part"};
      if (c.dvs) o.properties["delta.enableDeletionVectors"] = "true";
      if (c.cdf) o.properties["delta.enableChangeDataFeed"] = "true";
      if (c.column_mapping != "none") o.properties["delta.columnMapping.mode"] = c.column_mapping;
      ArrowArrayStream s = RowsStream(rows);
      auto r = WriteTable(root, engine, &s, o);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      version = r->version;
      model.insert(model.end(), rows.begin(), rows.end());
    } else if (kind == 1) {
      Predicate p = RandomPredicate(rng, next_id);
      std::vector<Row> kept;
      for (const Row& r : model) {
        if (p.holds(r)) {
          expected_feed.push_back("delete " + r.Text());
        } else {
          kept.push_back(r);
        }
      }
      auto r = DeleteRows(root, engine, p.text);
      ASSERT_TRUE(r.ok()) << p.text << ": " << r.status().ToString();
      EXPECT_EQ(r->num_deleted_rows, static_cast<int64_t>(expected_feed.size())) << p.text;
      committed = r->commit.committed;
      EXPECT_EQ(committed, !expected_feed.empty()) << p.text;
      if (committed) {
        EXPECT_EQ(r->commit.version, version + 1) << p.text;
      }
      model = std::move(kept);
    } else if (kind == 2) {
      Predicate p = RandomPredicate(rng, next_id);
      Assignment a = RandomAssignment(rng);
      int64_t updated = 0;
      for (Row& r : model) {
        if (!p.holds(r)) continue;
        ++updated;
        expected_feed.push_back("update_preimage " + r.Text());
        a.apply(r);
        expected_feed.push_back("update_postimage " + r.Text());
      }
      const std::string what =
          "UPDATE SET " + a.set.first + " = " + a.set.second + " WHERE " + p.text;
      auto r = UpdateRows(root, engine, p.text, {a.set});
      ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
      EXPECT_EQ(r->num_updated_rows, updated) << what;
      committed = r->commit.committed;
      EXPECT_EQ(committed, updated > 0) << what;
      if (committed) {
        EXPECT_EQ(r->commit.version, version + 1) << what;
      }
    } else {
      // Source: up to 3 existing ids (new part and v) and up to 2 new ones; ids are unique.
      std::vector<Row> source;
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) {
        const Row& t = model[rng() % model.size()];
        if (std::any_of(source.begin(), source.end(), [&](const Row& s) { return s.id == t.id; }))
          continue;
        source.push_back(
            Row{t.id, std::string(1, "abc"[rng() % 3]), static_cast<int32_t>(rng() % 97)});
      }
      for (int i = 0, n = static_cast<int>(rng() % 3); i < n; ++i, ++next_id) {
        source.push_back(
            Row{next_id, std::string(1, "abc"[rng() % 3]), static_cast<int32_t>(rng() % 97)});
      }
      if (source.empty()) source.push_back(Row{next_id++, "a", 1});
      // Clause sets, each with the model of what it does to a matched / unmatched row.
      const int variant = static_cast<int>(rng() % 3);
      const int64_t nmbs_below = static_cast<int64_t>(rng() % (next_id + 1));
      MergeSpec spec;
      spec.on = "target.id = source.id";
      if (variant == 0) {
        spec.clauses = {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()};
      } else if (variant == 1) {
        spec.clauses = {MergeClause::MatchedDelete("source.v > 50"),
                        MergeClause::MatchedUpdateAll(),
                        MergeClause::NotMatchedInsertAll("source.v < 90")};
      } else {
        spec.clauses = {
            MergeClause::MatchedUpdate({{"v", "source.v"}}),
            MergeClause::NotMatchedBySourceDelete("target.id < " + std::to_string(nmbs_below))};
      }
      int64_t inserted = 0, updated = 0, deleted = 0;
      std::vector<Row> next;
      for (Row& t : model) {
        auto m =
            std::find_if(source.begin(), source.end(), [&](const Row& s) { return s.id == t.id; });
        if (m == source.end()) {
          if (variant == 2 && t.id < nmbs_below) {
            ++deleted;
            expected_feed.push_back("delete " + t.Text());
            continue;
          }
          next.push_back(t);
          continue;
        }
        if (variant == 1 && *m->v > 50) {
          ++deleted;
          expected_feed.push_back("delete " + t.Text());
          continue;
        }
        ++updated;
        expected_feed.push_back("update_preimage " + t.Text());
        Row after = variant == 2 ? Row{t.id, t.part, m->v} : *m;
        expected_feed.push_back("update_postimage " + after.Text());
        next.push_back(after);
      }
      for (const Row& s : source) {
        bool matched =
            std::any_of(model.begin(), model.end(), [&](const Row& t) { return t.id == s.id; });
        if (matched || variant == 2 || (variant == 1 && *s.v >= 90)) continue;
        ++inserted;
        expected_feed.push_back("insert " + s.Text());
        next.push_back(s);
      }
      std::string what = "MERGE variant " + std::to_string(variant) + " of";
      for (const Row& s : source) what += " " + s.Text();
      ArrowArrayStream stream = RowsStream(source);
      auto r = MergeInto(root, engine, &stream, spec);
      ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
      EXPECT_EQ(r->num_source_rows, static_cast<int64_t>(source.size())) << what;
      EXPECT_EQ(r->num_target_rows_inserted, inserted) << what;
      EXPECT_EQ(r->num_target_rows_updated, updated) << what;
      EXPECT_EQ(r->num_target_rows_deleted, deleted) << what;
      committed = r->commit.committed;
      EXPECT_EQ(committed, inserted + updated + deleted > 0) << what;
      if (committed) {
        EXPECT_EQ(r->commit.version, version + 1) << what;
      }
      model = std::move(next);
    }
    if (kind != 0 && committed) {
      ++committed_of_kind[kind];
      version += 1;
      if (c.cdf) {
        std::sort(expected_feed.begin(), expected_feed.end());
        EXPECT_EQ(ChangesInFeed(root, engine, version), expected_feed) << "step " << step;
      }
    }
    std::vector<std::string> expected;
    for (const Row& r : model) expected.push_back(r.Text());
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(test::Rows(root, engine), expected) << "after step " << step;
  }
  if (c.column_mapping != "none") {  // the table really maps its columns
    auto snapshot = test::Latest(root, engine);
    EXPECT_EQ(snapshot->metadata().configuration.at("delta.columnMapping.mode"), c.column_mapping);
    EXPECT_NE(snapshot->metadata().schema_string.find("delta.columnMapping.physicalName"),
              std::string::npos);
  }
  // The seeds are chosen so that every kind of statement changed the table at least once.
  EXPECT_GT(committed_of_kind[1], 0) << "deletes";
  EXPECT_GT(committed_of_kind[2], 0) << "updates";
  EXPECT_GT(committed_of_kind[3], 0) << "merges";
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, DmlPropertyTest,
    ::testing::Values(Config{false, false, false, 1}, Config{false, true, false, 2},
                      Config{true, false, false, 3}, Config{true, true, false, 4},
                      Config{false, false, true, 5}, Config{true, true, true, 6},
                      Config{true, false, true, 7}, Config{false, true, true, 8},
                      Config{true, true, true, 9, "name"}, Config{false, false, true, 10, "id"},
                      Config{true, false, true, 11, "id"}),
    [](const ::testing::TestParamInfo<Config>& info) {
      const Config& c = info.param;
      return std::string(c.dvs ? "Dv" : "CopyOnWrite") + (c.partitioned ? "Partitioned" : "") +
             (c.cdf ? "Cdf" : "") +
             (c.column_mapping == "none" ? "" : "Mapping" + c.column_mapping) + "Seed" +
             std::to_string(c.seed);
    });

}  // namespace
}  // namespace delta
