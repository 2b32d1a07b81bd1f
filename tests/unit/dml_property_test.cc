// Random sequences of appends and deletes, checked after every step against an in-memory model
// of the table: the rows read back, and (change data feed on) the feed of each delete. Runs
// over deletion vectors on and off, partitioned and not, with fixed seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>

#include "delta/changes.h"
#include "delta/delete.h"
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

// The delete changes of `version` as sorted row texts.
std::vector<std::string> DeletedInFeed(const std::string& root,
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
    std::string row;
    for (int c = 0; c < 3; ++c) {
      auto s = *batch->column(c)->GetScalar(r);
      row += (c ? "/" : "") + (s->is_valid ? s->ToString() : std::string("null"));
    }
    EXPECT_EQ((*batch->column(3)->GetScalar(r))->ToString(), "delete") << row;
    out.push_back(row);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Config {
  bool dvs;
  bool partitioned;
  bool cdf;
  uint64_t seed;
};

class DmlPropertyTest : public ::testing::TestWithParam<Config> {};

TEST_P(DmlPropertyTest, RandomAppendsAndDeletesMatchTheModel) {
  const Config& c = GetParam();
  test::TempDir dir;
  auto engine = test::Engine1();
  const std::string root = dir.path();
  std::mt19937_64 rng(c.seed);
  std::vector<Row> model;
  int64_t next_id = 0;
  int64_t version = -1;
  for (int step = 0; step < 14; ++step) {
    bool append = model.empty() || step % 3 == 0 || rng() % 3 == 0;
    if (append) {
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
      ArrowArrayStream s = RowsStream(rows);
      auto r = WriteTable(root, engine, &s, o);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      version = r->version;
      model.insert(model.end(), rows.begin(), rows.end());
    } else {
      Predicate p = RandomPredicate(rng, next_id);
      std::vector<std::string> expected_deleted;
      std::vector<Row> kept;
      for (const Row& r : model) {
        if (p.holds(r)) {
          expected_deleted.push_back(r.Text());
        } else {
          kept.push_back(r);
        }
      }
      auto r = DeleteRows(root, engine, p.text);
      ASSERT_TRUE(r.ok()) << p.text << ": " << r.status().ToString();
      EXPECT_EQ(r->num_deleted_rows, static_cast<int64_t>(expected_deleted.size())) << p.text;
      EXPECT_EQ(r->commit.committed, !expected_deleted.empty()) << p.text;
      if (r->commit.committed) {
        EXPECT_EQ(r->commit.version, version + 1) << p.text;
        version = r->commit.version;
        if (c.cdf) {
          std::sort(expected_deleted.begin(), expected_deleted.end());
          EXPECT_EQ(DeletedInFeed(root, engine, version), expected_deleted) << p.text;
        }
      }
      model = std::move(kept);
    }
    std::vector<std::string> expected;
    for (const Row& r : model) expected.push_back(r.Text());
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(test::Rows(root, engine), expected) << "after step " << step;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, DmlPropertyTest,
    ::testing::Values(Config{false, false, false, 1}, Config{false, true, false, 2},
                      Config{true, false, false, 3}, Config{true, true, false, 4},
                      Config{false, false, true, 5}, Config{true, true, true, 6},
                      Config{true, false, true, 7}, Config{false, true, true, 8}),
    [](const ::testing::TestParamInfo<Config>& info) {
      const Config& c = info.param;
      return std::string(c.dvs ? "Dv" : "CopyOnWrite") + (c.partitioned ? "Partitioned" : "") +
             (c.cdf ? "Cdf" : "") + "Seed" + std::to_string(c.seed);
    });

}  // namespace
}  // namespace delta
