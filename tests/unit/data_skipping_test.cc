// Data skipping and partition pruning: one test per skipping rule on hand-written statistics,
// the conformance tables' real statistics, and a randomized never-skip-wrongly check.
#include "scan/data_skipping.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/table.h"
#include "scan/partition_pruning.h"
#include "scan/partition_values.h"
#include "scan/stats.h"
#include "support/conformance_tables.h"

namespace delta {
namespace {

using namespace delta::expr;  // NOLINT

constexpr const char* kSchema = R"j({"type":"struct","fields":[
  {"name":"id","type":"long","nullable":true,"metadata":{}},
  {"name":"i","type":"integer","nullable":true,"metadata":{}},
  {"name":"s","type":"string","nullable":true,"metadata":{}},
  {"name":"d","type":"date","nullable":true,"metadata":{}},
  {"name":"ts","type":"timestamp","nullable":true,"metadata":{}},
  {"name":"ntz","type":"timestamp_ntz","nullable":true,"metadata":{}},
  {"name":"f","type":"float","nullable":true,"metadata":{}},
  {"name":"x","type":"double","nullable":true,"metadata":{}},
  {"name":"dec","type":"decimal(10,2)","nullable":true,
   "metadata":{"delta.columnMapping.id":9,"delta.columnMapping.physicalName":"col-dec"}},
  {"name":"b","type":"boolean","nullable":true,"metadata":{}},
  {"name":"n","type":{"type":"struct","fields":[
     {"name":"v","type":"long","nullable":true,
      "metadata":{"delta.columnMapping.id":12,"delta.columnMapping.physicalName":"col-v"}}]},
   "nullable":true,
   "metadata":{"delta.columnMapping.id":11,"delta.columnMapping.physicalName":"col-n"}},
  {"name":"part","type":"integer","nullable":true,"metadata":{}}]})j";

class SkippingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = ParseSchema(kSchema);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    schema_ = *s;
  }

  ExprPtr Bound(std::string_view predicate) {
    auto parsed = ParseExpression(predicate);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (!parsed.ok()) return nullptr;
    auto bound = BindExpression(*parsed, *schema_);
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    return bound.ok() ? *bound : nullptr;
  }

  // True when the file with these JSON stats is kept for `predicate`.
  bool Keep(std::string_view predicate, std::string_view stats) {
    ExprPtr bound = Bound(predicate);
    if (!bound) return true;
    DataSkippingFilter filter(bound);
    auto parsed = ParseFileStats(stats, filter.columns());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    bool keep = filter.MayMatch(stats);
    if (parsed.ok()) {
      EXPECT_EQ(MayMatch(*bound, *parsed), keep);
    }
    return keep;
  }

  PartitionPredicateResult Prune(std::string_view predicate, const PartitionValueMap& values) {
    ExprPtr bound = Bound(predicate);
    if (!bound) return PartitionPredicateResult::kUnknown;
    return EvaluatePartitionPredicate(*bound, values);
  }

  std::shared_ptr<const StructType> schema_;
};

constexpr const char* kRange =
    R"({"numRecords":5,"minValues":{"id":10,"s":"b"},"maxValues":{"id":20,"s":"abc"},)"
    R"("nullCount":{"id":0,"s":1}})";

TEST_F(SkippingTest, MinMaxRanges) {
  const char* st = R"({"numRecords":5,"minValues":{"id":10},"maxValues":{"id":20},)"
                   R"("nullCount":{"id":0}})";
  EXPECT_FALSE(Keep("id = 5", st));
  EXPECT_TRUE(Keep("id = 10", st));
  EXPECT_TRUE(Keep("id = 15", st));
  EXPECT_TRUE(Keep("id = 20", st));
  EXPECT_FALSE(Keep("id = 21", st));
  EXPECT_FALSE(Keep("id < 10", st));
  EXPECT_TRUE(Keep("id <= 10", st));
  EXPECT_FALSE(Keep("id > 20", st));
  EXPECT_TRUE(Keep("id >= 20", st));
  EXPECT_TRUE(Keep("id != 15", st));
  EXPECT_TRUE(Keep("id != 10", st));
  EXPECT_TRUE(Keep("5 < id", st));
  EXPECT_FALSE(Keep("25 < id", st));
  EXPECT_FALSE(Keep("id IN (1, 2, 30)", st));
  EXPECT_TRUE(Keep("id IN (1, 15)", st));
  EXPECT_FALSE(Keep("id BETWEEN 21 AND 30", st));
  EXPECT_TRUE(Keep("id BETWEEN 0 AND 10", st));
  // Integer literals of other widths and decimals compare by value.
  EXPECT_FALSE(Keep("id = 5000000000", st));
  EXPECT_FALSE(Keep("id > 20.5", st));
  EXPECT_TRUE(Keep("id > 19.5", st));
  EXPECT_FALSE(Keep("id < 9.99", st));

  const char* single = R"({"numRecords":3,"minValues":{"id":10},"maxValues":{"id":10},)"
                       R"("nullCount":{"id":0}})";
  EXPECT_FALSE(Keep("id != 10", single));
  EXPECT_TRUE(Keep("id != 11", single));
  EXPECT_FALSE(Keep("id NOT IN (10)", single));
}

TEST_F(SkippingTest, NotPushesThrough) {
  const char* st = R"({"numRecords":5,"minValues":{"id":10},"maxValues":{"id":20},)"
                   R"("nullCount":{"id":0}})";
  EXPECT_FALSE(Keep("NOT (id < 25)", st));  // every row is < 25
  EXPECT_TRUE(Keep("NOT (id > 15)", st));
  EXPECT_TRUE(Keep("NOT (id = 15)", st));
  EXPECT_FALSE(Keep("NOT (id >= 10 AND id <= 20)", st));
  EXPECT_TRUE(Keep("NOT (id >= 11 AND id <= 20)", st));
  EXPECT_FALSE(Keep("NOT (id IS NOT NULL)", st));
  EXPECT_FALSE(Keep("NOT NOT (id = 5)", st));
  // With nulls, NOT of a comparison is NULL on the null rows: still never TRUE there.
  const char* nulls = R"({"numRecords":5,"minValues":{"id":10},"maxValues":{"id":20},)"
                      R"("nullCount":{"id":2}})";
  EXPECT_FALSE(Keep("NOT (id < 25)", nulls));
  EXPECT_TRUE(Keep("NOT (id < 25) OR id IS NULL", nulls));
}

TEST_F(SkippingTest, NullCounts) {
  const char* no_nulls = R"({"numRecords":5,"nullCount":{"id":0}})";
  const char* some = R"({"numRecords":5,"nullCount":{"id":2}})";
  const char* all = R"({"numRecords":5,"nullCount":{"id":5}})";
  EXPECT_FALSE(Keep("id IS NULL", no_nulls));
  EXPECT_TRUE(Keep("id IS NOT NULL", no_nulls));
  EXPECT_TRUE(Keep("id IS NULL", some));
  EXPECT_TRUE(Keep("id IS NOT NULL", some));
  EXPECT_TRUE(Keep("id IS NULL", all));
  EXPECT_FALSE(Keep("id IS NOT NULL", all));
  EXPECT_FALSE(Keep("id = 1", all));  // every row compares NULL
  EXPECT_FALSE(Keep("NOT (id = 1)", all));
  EXPECT_TRUE(Keep("id <=> NULL", all));
  EXPECT_FALSE(Keep("id <=> NULL", no_nulls));
  EXPECT_FALSE(Keep("id <=> 1", all));
  // A comparison with NULL is never TRUE.
  EXPECT_FALSE(Keep("id = NULL", "{}"));
  EXPECT_FALSE(Keep("id != NULL OR id < NULL", "{}"));
  EXPECT_TRUE(Keep("id IN (NULL, 1)", "{}"));
  EXPECT_FALSE(Keep("id IN (NULL, 1)", R"({"minValues":{"id":5},"maxValues":{"id":9}})"));
  // nullCount without numRecords: IS NOT NULL cannot be decided.
  EXPECT_TRUE(Keep("id IS NOT NULL", R"({"nullCount":{"id":5}})"));
}

TEST_F(SkippingTest, WideBoundsFromDeletionVectors) {
  // tightBounds=false: numRecords and nullCount include deleted rows, so nullCount ==
  // numRecords does not prove the valid rows are all null; min/max and nullCount == 0 hold.
  const char* wide = R"({"numRecords":5,"tightBounds":false,"minValues":{"id":10},)"
                     R"("maxValues":{"id":20},"nullCount":{"id":5,"i":0}})";
  EXPECT_TRUE(Keep("id IS NOT NULL", wide));
  EXPECT_TRUE(Keep("id IS NULL", wide));
  EXPECT_FALSE(Keep("id > 20", wide));
  EXPECT_TRUE(Keep("id = 15", wide));
  EXPECT_FALSE(Keep("i IS NULL", wide));
  const char* tight = R"({"numRecords":5,"tightBounds":true,"nullCount":{"id":5}})";
  EXPECT_FALSE(Keep("id IS NOT NULL", tight));
}

TEST_F(SkippingTest, MissingStatsKeepFiles) {
  EXPECT_TRUE(Keep("id = 1", ""));
  EXPECT_TRUE(Keep("id = 1", "{}"));
  EXPECT_TRUE(Keep("id = 1", R"({"numRecords":3})"));
  EXPECT_TRUE(Keep("i = 1", kRange));  // no stats for i
  EXPECT_TRUE(Keep("id < 1", R"({"maxValues":{"id":20}})"));
  EXPECT_FALSE(Keep("id > 21", R"({"maxValues":{"id":20}})"));
  EXPECT_TRUE(Keep("id IS NULL", R"({"numRecords":3,"minValues":{"id":1}})"));
  // Values that do not fit the column's type are ignored, not guessed.
  EXPECT_TRUE(Keep("id = 1", R"({"minValues":{"id":"5"},"maxValues":{"id":[9]}})"));
  EXPECT_TRUE(Keep("d = DATE '2020-01-01'", R"({"minValues":{"d":20200101}})"));
  EXPECT_TRUE(Keep("id = 1", R"({"minValues":{"id":null},"maxValues":{"id":null}})"));
  EXPECT_TRUE(Keep("id = 1", R"({"minValues":{"id":1.5}})"));
  // Unreadable stats keep the file (and are an error for ParseFileStats).
  ExprPtr bound = Bound("id = 1");
  DataSkippingFilter filter(bound);
  EXPECT_TRUE(filter.MayMatch(R"({"numRecords":)"));
  EXPECT_TRUE(filter.MayMatch("[1]"));
  auto bad = ParseFileStats(R"({"numRecords":1,"minValues":{"id":)", filter.columns());
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidTable());
  // An empty file holds no matching row.
  EXPECT_FALSE(Keep("id IS NULL OR id IS NOT NULL", R"({"numRecords":0})"));
}

TEST_F(SkippingTest, TruncatedStrings) {
  // Stats truncate strings: the max is an upper bound only with the largest character appended.
  const char* st = R"({"numRecords":5,"minValues":{"s":"abc"},"maxValues":{"s":"abd"},)"
                   R"("nullCount":{"s":0}})";
  EXPECT_TRUE(Keep("s = 'abd'", st));
  EXPECT_TRUE(Keep("s = 'abdzzzz'", st));  // starts with the max: may exist
  EXPECT_TRUE(Keep("s > 'abd'", st));
  EXPECT_TRUE(Keep("s >= 'abdz'", st));
  EXPECT_FALSE(Keep("s > 'abe'", st));
  EXPECT_FALSE(Keep("s = 'abe'", st));
  EXPECT_FALSE(Keep("s > 'abe' OR s < 'abc'", st));
  // The min is a prefix of the true min, so it stays a lower bound.
  EXPECT_TRUE(Keep("s < 'abca'", st));
  EXPECT_TRUE(Keep("s = 'abc'", st));
  EXPECT_FALSE(Keep("s < 'abc'", st));
  EXPECT_FALSE(Keep("s = 'abb'", st));
  EXPECT_FALSE(Keep("s != 'x' AND s < 'ab'", st));
  // Min equal to max is no proof that all values are equal when the max may be truncated.
  const char* same = R"({"numRecords":5,"minValues":{"s":"abc"},"maxValues":{"s":"abc"},)"
                     R"("nullCount":{"s":0}})";
  EXPECT_TRUE(Keep("s != 'abc'", same));
  // Bytewise order: non-ASCII sorts after ASCII.
  const char* utf8 = R"({"numRecords":5,"minValues":{"s":"a"},"maxValues":{"s":"z"},)"
                     R"("nullCount":{"s":0}})";
  EXPECT_FALSE(Keep("s = 'é'", utf8));
  EXPECT_TRUE(Keep("s = 'm'", utf8));
}

TEST_F(SkippingTest, TruncatedTimestamps) {
  // 2024-01-01T00:00:00.000Z..: the true max may be up to 999 us above the stored max.
  const char* st =
      R"({"numRecords":5,"minValues":{"ts":"2024-01-01T00:00:00.000Z",)"
      R"("ntz":"2024-01-01T00:00:00.000"},"maxValues":{"ts":"2024-01-01T00:00:00.000Z",)"
      R"("ntz":"2024-01-01T00:00:00.000"},"nullCount":{"ts":0,"ntz":0}})";
  EXPECT_TRUE(Keep("ts = TIMESTAMP '2024-01-01 00:00:00.000500'", st));
  EXPECT_TRUE(Keep("ts >= TIMESTAMP '2024-01-01 00:00:00.000999'", st));
  EXPECT_FALSE(Keep("ts > TIMESTAMP '2024-01-01 00:00:00.000999'", st));
  EXPECT_FALSE(Keep("ts >= TIMESTAMP '2024-01-01 00:00:00.001'", st));
  EXPECT_FALSE(Keep("ts < TIMESTAMP '2024-01-01 00:00:00'", st));
  EXPECT_TRUE(Keep("ts != TIMESTAMP '2024-01-01 00:00:00'", st));
  EXPECT_TRUE(Keep("ntz = TIMESTAMP_NTZ '2024-01-01 00:00:00.000500'", st));
  EXPECT_FALSE(Keep("ntz > TIMESTAMP_NTZ '2024-01-01 00:00:00.000999'", st));
  EXPECT_TRUE(Keep("ts = '2024-01-01T00:00:00.0005Z'", st));
  // Offsets as Spark writes them are instants.
  const char* offset =
      R"({"numRecords":1,"minValues":{"ts":"2000-01-01T00:00:00.000-08:00"},)"
      R"("maxValues":{"ts":"2000-01-01T00:00:00.000-08:00"},"nullCount":{"ts":0}})";
  EXPECT_TRUE(Keep("ts = TIMESTAMP '2000-01-01 08:00:00'", offset));
  EXPECT_FALSE(Keep("ts = TIMESTAMP '2000-01-01 00:00:00'", offset));
  // Dates.
  const char* dates = R"({"numRecords":2,"minValues":{"d":"2024-01-01"},)"
                      R"("maxValues":{"d":"2024-01-31"},"nullCount":{"d":0}})";
  EXPECT_TRUE(Keep("d = DATE '2024-01-15'", dates));
  EXPECT_FALSE(Keep("d = '2024-02-01'", dates));
  EXPECT_FALSE(Keep("d < DATE '2024-01-01'", dates));
}

TEST_F(SkippingTest, FloatsAndNaN) {
  const char* st = R"({"numRecords":5,"minValues":{"x":1.0,"f":1.0},"maxValues":{"x":5.0,"f":5.5},)"
                   R"("nullCount":{"x":0,"f":0}})";
  // A NaN may hide from the bounds (writers differ), so "greater" and "not equal" keep.
  EXPECT_TRUE(Keep("x > 10", st));
  EXPECT_TRUE(Keep("x >= 10", st));
  EXPECT_TRUE(Keep("x != 3", st));
  EXPECT_TRUE(Keep("NOT (x < 10)", st));
  EXPECT_FALSE(Keep("x < 0", st));
  EXPECT_FALSE(Keep("x <= 0.5", st));
  EXPECT_FALSE(Keep("x = 10", st));
  EXPECT_FALSE(Keep("x IN (0, 6)", st));
  EXPECT_TRUE(Keep("x = 3", st));
  EXPECT_TRUE(Keep("x = CAST('NaN' AS DOUBLE)", st));
  EXPECT_TRUE(Keep("x < CAST('NaN' AS DOUBLE)", st));
  EXPECT_FALSE(Keep("f < 1", st));
  EXPECT_TRUE(Keep("f <= 5.5", st));
  EXPECT_FALSE(Keep("f = 5.6", st));
  EXPECT_TRUE(Keep("f = 5.5", st));
  // A NaN bound (Spark counts NaN as the max) is no bound.
  const char* nan_max = R"({"numRecords":5,"minValues":{"x":1.0},"maxValues":{"x":"NaN"},)"
                        R"("nullCount":{"x":0}})";
  EXPECT_TRUE(Keep("x = 100", nan_max));
  EXPECT_FALSE(Keep("x < 0", nan_max));
  // A double column whose old statistics were written for floats (type widening): "3.4" may
  // stand for 3.4f = 3.4000000953674316.
  const char* widened = R"({"numRecords":1,"minValues":{"x":3.4},"maxValues":{"x":3.4},)"
                        R"("nullCount":{"x":0}})";
  EXPECT_TRUE(Keep("x = 3.4000000953674316D", widened));
  EXPECT_TRUE(Keep("x = 3.4D", widened));
  EXPECT_FALSE(Keep("x = 3.4000001D", widened));
  EXPECT_FALSE(Keep("x < 3.3999999D", widened));
  const char* inf = R"({"numRecords":5,"minValues":{"x":"-Infinity"},"maxValues":{"x":2},)"
                    R"("nullCount":{"x":0}})";
  EXPECT_TRUE(Keep("x < -1e300", inf));
  EXPECT_FALSE(Keep("x = 3", inf));
}

TEST_F(SkippingTest, Decimals) {
  const char* st = R"({"numRecords":5,"minValues":{"col-dec":1.50},"maxValues":{"col-dec":2.5},)"
                   R"("nullCount":{"col-dec":0}})";
  EXPECT_FALSE(Keep("dec < 1.5", st));
  EXPECT_TRUE(Keep("dec <= 1.5", st));
  EXPECT_FALSE(Keep("dec = 3", st));
  EXPECT_TRUE(Keep("dec = 2", st));
  EXPECT_TRUE(Keep("dec > 2.499", st));  // the literal keeps its own scale
  EXPECT_FALSE(Keep("dec > 2.5", st));
  EXPECT_FALSE(Keep("dec > 2.5001", st));
  // More digits than the scale: the bounds are rounded outward.
  const char* fine = R"({"numRecords":5,"minValues":{"col-dec":1.505},)"
                     R"("maxValues":{"col-dec":2.001},"nullCount":{"col-dec":0}})";
  EXPECT_TRUE(Keep("dec = 1.50", fine));
  EXPECT_TRUE(Keep("dec = 2.01", fine));
  EXPECT_FALSE(Keep("dec = 2.02", fine));
  // Exponent notation.
  EXPECT_FALSE(Keep("dec > 200", R"({"maxValues":{"col-dec":1.5E+2}})"));
  EXPECT_TRUE(Keep("dec > 149", R"({"maxValues":{"col-dec":1.5E+2}})"));
  // Logical names are not what stats use with column mapping.
  EXPECT_TRUE(Keep("dec > 200", R"({"maxValues":{"dec":1}})"));
}

TEST_F(SkippingTest, NestedColumnsWithColumnMapping) {
  const char* st = R"({"numRecords":3,"minValues":{"col-n":{"col-v":5}},)"
                   R"("maxValues":{"col-n":{"col-v":7}},"nullCount":{"col-n":{"col-v":0}}})";
  EXPECT_FALSE(Keep("n.v > 7", st));
  EXPECT_TRUE(Keep("N.V = 6", st));
  EXPECT_FALSE(Keep("n.v IS NULL", st));
  EXPECT_TRUE(Keep("n IS NULL", st));  // struct nulls are not in the stats
  // Unrelated, differently shaped entries are skipped over.
  EXPECT_FALSE(Keep("n.v > 7", R"({"minValues":{"other":{"a":[1,{"b":2}]},"col-n":{"col-v":5}},)"
                               R"("maxValues":{"col-n":{"col-v":7,"x":"y"},"z":1}})"));
}

TEST_F(SkippingTest, BooleanPredicates) {
  EXPECT_TRUE(Keep("b", R"({"numRecords":3,"nullCount":{"b":0}})"));
  EXPECT_FALSE(Keep("b", R"({"numRecords":3,"nullCount":{"b":3}})"));
  EXPECT_FALSE(Keep("NOT b", R"({"numRecords":3,"nullCount":{"b":3}})"));
  EXPECT_FALSE(Keep("b", R"({"minValues":{"b":false},"maxValues":{"b":false}})"));
  EXPECT_TRUE(Keep("NOT b", R"({"minValues":{"b":false},"maxValues":{"b":false}})"));
  EXPECT_TRUE(Keep("b = TRUE", R"({"minValues":{"b":false},"maxValues":{"b":true}})"));
  EXPECT_TRUE(Keep("TRUE", "{}"));
  EXPECT_FALSE(Keep("FALSE", "{}"));
  EXPECT_FALSE(Keep("NULL", "{}"));
  EXPECT_FALSE(Keep("1 = 2", "{}"));
  EXPECT_TRUE(Keep("id = id", "{}"));
}

TEST_F(SkippingTest, MixingPartitionAndDataColumns) {
  ExprPtr p = Bound("part = 1 OR id = 100");
  ASSERT_TRUE(p);
  DataSkippingFilter filter(p);
  PartitionValueMap part2{{"part", Literal::Integer(2)}};
  PartitionValueMap part1{{"part", Literal::Integer(1)}};
  const char* st = R"({"numRecords":5,"minValues":{"id":10},"maxValues":{"id":20}})";
  EXPECT_FALSE(filter.MayMatch(st, &part2));
  EXPECT_TRUE(filter.MayMatch(st, &part1));
  EXPECT_TRUE(filter.MayMatch(st));  // without partition values "part" is unknown
  EXPECT_TRUE(filter.MayMatch(R"({"numRecords":5})", &part2));
  // Partition pruning alone treats the data column as unknown.
  EXPECT_EQ(EvaluatePartitionPredicate(*p, part2), PartitionPredicateResult::kUnknown);
  EXPECT_EQ(EvaluatePartitionPredicate(*p, part1), PartitionPredicateResult::kTrue);
}

TEST_F(SkippingTest, PartitionPruning) {
  using R = PartitionPredicateResult;
  PartitionValueMap one{{"part", Literal::Integer(1)}};
  PartitionValueMap two{{"part", Literal::Integer(2)}};
  PartitionValueMap null{{"part", Literal::Null(PrimitiveType::Make(TypeKind::kInteger))}};
  EXPECT_EQ(Prune("part = 1", one), R::kTrue);
  EXPECT_EQ(Prune("part = 1", two), R::kFalse);
  EXPECT_EQ(Prune("part = 1", null), R::kFalse);  // NULL: the rows are not selected
  EXPECT_EQ(Prune("NOT (part = 1)", null), R::kFalse);
  EXPECT_EQ(Prune("part != 1", two), R::kTrue);
  EXPECT_EQ(Prune("part IS NULL", null), R::kTrue);
  EXPECT_EQ(Prune("part IS NULL", one), R::kFalse);
  EXPECT_EQ(Prune("part IS NOT NULL", null), R::kFalse);
  EXPECT_EQ(Prune("part <=> NULL", null), R::kTrue);
  EXPECT_EQ(Prune("part <=> 1", null), R::kFalse);
  EXPECT_EQ(Prune("part IN (1, NULL)", two), R::kFalse);
  EXPECT_EQ(Prune("part IN (1, NULL)", one), R::kTrue);
  EXPECT_EQ(Prune("part NOT IN (1, NULL)", two), R::kFalse);  // NOT NULL is NULL
  EXPECT_EQ(Prune("part > 1 AND part < 3", two), R::kTrue);
  EXPECT_EQ(Prune("part = 1 AND id = 5", one), R::kUnknown);
  EXPECT_EQ(Prune("part = 1 AND id = 5", two), R::kFalse);
  EXPECT_EQ(Prune("part = 1 OR id = 5", two), R::kUnknown);
  EXPECT_EQ(Prune("part = 1 OR id = 5", one), R::kTrue);
  EXPECT_EQ(Prune("part = 1 OR part IS NULL", null), R::kTrue);
  EXPECT_EQ(Prune("id = 5", one), R::kUnknown);
  EXPECT_EQ(Prune("part = 1", {}), R::kUnknown);  // no value known
  EXPECT_TRUE(CanPrunePartition(*Bound("part = 3"), two));
  EXPECT_FALSE(CanPrunePartition(*Bound("part = 2"), two));
}

TEST(StatsColumnsTest, CollectsAndFinds) {
  auto schema = ParseSchema(kSchema);
  ASSERT_TRUE(schema.ok());
  auto bound =
      BindExpression(*ParseExpression("id = 1 AND (n.v > 2 OR id < 0) AND dec = 1"), **schema);
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  StatsColumns cols = StatsColumns::ForPredicate(**bound);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_EQ(cols.columns()[0].physical_path, (std::vector<std::string>{"id"}));
  EXPECT_EQ(cols.columns()[1].physical_path, (std::vector<std::string>{"col-n", "col-v"}));
  EXPECT_EQ(cols.columns()[2].physical_path, (std::vector<std::string>{"col-dec"}));
  EXPECT_EQ(cols.Find({"col-n", "col-v"}), 1);
  EXPECT_EQ(cols.Find({"col-n"}), -1);
  EXPECT_EQ(cols.Find({"n", "v"}), -1);

  auto stats = ParseFileStats(
      R"({"numRecords":7,"tightBounds":false,"minValues":{"id":-3,"col-n":{"col-v":1},)"
      R"("col-dec":12.5},"maxValues":{"id":9},"nullCount":{"id":1,"col-n":{"col-v":2}}})",
      cols);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->num_records, 7);
  EXPECT_FALSE(stats->tight_bounds);
  const ColumnStats* id = stats->Find({"id"});
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->min, Literal::Long(-3));
  EXPECT_EQ(id->max, Literal::Long(9));
  EXPECT_EQ(id->null_count, 1);
  const ColumnStats* v = stats->Find({"col-n", "col-v"});
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->min, Literal::Long(1));
  EXPECT_EQ(v->max, std::nullopt);
  EXPECT_EQ(v->null_count, 2);
  const ColumnStats* dec = stats->Find({"col-dec"});
  ASSERT_NE(dec, nullptr);
  EXPECT_EQ(dec->min, *Literal::Decimal(Decimal128::FromInt64(1250), 10, 2));
  EXPECT_EQ(dec->null_count, std::nullopt);
  EXPECT_EQ(stats->Find({"s"}), nullptr);
}

// --- conformance tables -----------------------------------------------------------------------

class ConformanceSkippingTest : public ::testing::Test {
 public:
  void SetUp() override { DELTA_REQUIRE_CONFORMANCE(); }

  std::shared_ptr<const Snapshot> Load(const std::string& name) {
    std::string root = test::ExtractedTablePath(name);
    EXPECT_FALSE(root.empty()) << name;
    auto engine = MakeDefaultEngine();
    EXPECT_TRUE(engine.ok());
    auto table = Table::ForLocation(root, *engine);
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    auto snap = table->LatestSnapshot();
    EXPECT_TRUE(snap.ok()) << snap.status().ToString();
    return snap.ok() ? *snap : nullptr;
  }

  // Number of the snapshot's files kept for `predicate`.
  size_t Kept(const Snapshot& snap, std::string_view predicate) {
    auto parsed = ParseExpression(predicate);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    auto bound = BindExpression(*parsed, *snap.schema());
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    if (!bound.ok()) return 0;
    DataSkippingFilter filter(*bound);
    size_t kept = 0;
    for (const AddFile& f : snap.files()) {
      auto pv = ParsePartitionValues(f.partition_values, *snap.schema(), snap.partition_columns());
      EXPECT_TRUE(pv.ok());
      if (filter.MayMatch(f.stats, pv.ok() ? &*pv : nullptr)) ++kept;
    }
    return kept;
  }
};

void CheckAllTypesTable(ConformanceSkippingTest* t, const Snapshot& snap) {
  size_t total = 0;
  for (const AddFile& f : snap.files()) total += f.stats.empty() ? 0 : 1;
  ASSERT_GE(total, 1u);
  // The file holding the row of zeros is kept for its values and skipped otherwise.
  const std::pair<const char*, const char*> cases[] = {
      {"as_int = 0", "as_int = 1"},
      {"as_long <= 0", "as_long > 0"},
      {"as_byte = 0", "as_byte < 0"},
      {"as_short >= 0", "as_short = 7"},
      {"as_float = 0", "as_float < -1"},
      {"as_double = 0.0", "as_double IN (1, 2)"},
      {"as_string = '0'", "as_string = '1'"},
      {"as_date = DATE '2000-01-01'", "as_date > '2000-01-01'"},
      {"as_timestamp = TIMESTAMP '2000-01-01 08:00:00'",
       "as_timestamp = TIMESTAMP '2000-01-01 00:00:00'"},
      {"as_big_decimal = 0", "as_big_decimal = 1"},
      {"as_int IS NOT NULL", "as_int IS NULL"},
  };
  for (const auto& [keep, skip] : cases) {
    EXPECT_EQ(t->Kept(snap, keep), snap.files().size()) << keep;
    EXPECT_EQ(t->Kept(snap, skip), snap.files().size() - total) << skip;
  }
}

TEST_F(ConformanceSkippingTest, BasicStatsAllTypes) {
  auto snap = Load("data-skipping-basic-stats-all-types");
  ASSERT_TRUE(snap);
  CheckAllTypesTable(this, *snap);
}

TEST_F(ConformanceSkippingTest, BasicStatsAllTypesColumnMapping) {
  auto snap = Load("data-skipping-basic-stats-all-types-columnmapping-id");
  ASSERT_TRUE(snap);
  CheckAllTypesTable(this, *snap);
}

TEST_F(ConformanceSkippingTest, BasicStatsAllTypesFromCheckpoint) {
  auto snap = Load("data-skipping-basic-stats-all-types-checkpoint");
  ASSERT_TRUE(snap);
  CheckAllTypesTable(this, *snap);
}

TEST_F(ConformanceSkippingTest, PartitionAndDataColumn) {
  auto snap = Load("data-skipping-partition-and-data-column");
  ASSERT_TRUE(snap);
  ASSERT_EQ(snap->files().size(), 4u);  // (part, id) = (1,0) (1,1) (0,1) (0,0)
  EXPECT_EQ(Kept(*snap, "part = 0 AND id = 0"), 1u);
  EXPECT_EQ(Kept(*snap, "part = 1 OR id = 1"), 3u);
  EXPECT_EQ(Kept(*snap, "part = 2"), 0u);
  EXPECT_EQ(Kept(*snap, "NOT (part = 0)"), 2u);
  EXPECT_EQ(Kept(*snap, "part IN (0, 1) AND id != 0"), 2u);
}

TEST_F(ConformanceSkippingTest, StatsCollectedAcrossVersions) {
  // Three files: stats for col1 and col2, for col1 only, and numRecords only.
  auto snap = Load("data-skipping-change-stats-collected-across-versions");
  ASSERT_TRUE(snap);
  ASSERT_EQ(snap->files().size(), 3u);
  EXPECT_EQ(Kept(*snap, "col2 = 1"), 2u);
  EXPECT_EQ(Kept(*snap, "col1 = 1"), 1u);
  EXPECT_EQ(Kept(*snap, "col1 = 0 AND col2 = 0"), 3u);
}

TEST_F(ConformanceSkippingTest, PartitionedTable) {
  auto snap = Load("basic-decimal-table");
  ASSERT_TRUE(snap);
  ASSERT_EQ(snap->files().size(), 4u);
  EXPECT_EQ(Kept(*snap, "part = 0.00004"), 1u);
  EXPECT_EQ(Kept(*snap, "part > 0"), 3u);
  EXPECT_EQ(Kept(*snap, "part < -1000000"), 1u);
  EXPECT_EQ(Kept(*snap, "part = 1"), 0u);
}

// --- randomized: never skip a file that holds a matching row -----------------------------------
//
// Files of random rows get exact statistics (computed here), then truncated like Spark writes
// them (strings to a prefix, timestamps to milliseconds), sometimes widened as with deletion
// vectors, sometimes incomplete. Random predicates are evaluated exactly on the rows; whenever a
// row satisfies one, MayMatch must keep the file.

enum class ColKind { kLong, kDouble, kString, kTimestamp, kDecimal, kDate };

struct RandomColumn {
  const char* name;      // logical
  const char* physical;  // in the stats
  ColKind kind;
};

constexpr RandomColumn kRandomColumns[] = {
    {"id", "id", ColKind::kLong},          {"x", "x", ColKind::kDouble},
    {"s", "s", ColKind::kString},          {"ts", "ts", ColKind::kTimestamp},
    {"dec", "col-dec", ColKind::kDecimal}, {"d", "d", ColKind::kDate},
};
constexpr size_t kNumRandomColumns = std::size(kRandomColumns);

// A cell: nullopt is SQL NULL; numbers as int64 (long, timestamp micros, decimal unscaled at
// scale 2, date days) or double; strings as bytes.
struct Cell {
  bool null = true;
  int64_t i = 0;
  double x = 0;
  std::string s;
};

using Row = std::vector<Cell>;  // kNumRandomColumns data cells, then the partition value

enum class V { kT, kF, kN };

V Not3(V v) { return v == V::kT ? V::kF : (v == V::kF ? V::kT : V::kN); }
V And3(V a, V b) {
  if (a == V::kF || b == V::kF) return V::kF;
  if (a == V::kN || b == V::kN) return V::kN;
  return V::kT;
}
V Or3(V a, V b) { return Not3(And3(Not3(a), Not3(b))); }

class RandomSkippingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = ParseSchema(kSchema);
    ASSERT_TRUE(s.ok());
    schema_ = *s;
  }

  Cell RandomCell(ColKind kind) {
    Cell c;
    if (Chance(0.15)) return c;
    c.null = false;
    switch (kind) {
      case ColKind::kLong:
      case ColKind::kDate:
        c.i = Uniform(-6, 6);
        break;
      case ColKind::kDecimal:
        c.i = Uniform(-600, 600);  // -6.00 .. 6.00
        break;
      case ColKind::kTimestamp:
        // A few milliseconds around the epoch, with sub-millisecond parts.
        c.i = Uniform(-3, 3) * 1000 + (Chance(0.5) ? Uniform(0, 999) : 0);
        break;
      case ColKind::kDouble: {
        static constexpr double kValues[] = {-2.5,
                                             -1.0,
                                             -0.0,
                                             0.0,
                                             0.5,
                                             1.0,
                                             3.0,
                                             1e300,
                                             -std::numeric_limits<double>::infinity(),
                                             std::numeric_limits<double>::infinity()};
        c.x = Chance(0.08) ? std::nan("")
                           : kValues[Uniform(0, static_cast<int64_t>(std::size(kValues)) - 1)];
        break;
      }
      case ColKind::kString:
        c.s = RandomString();
        break;
    }
    return c;
  }

  std::string RandomString() {
    static constexpr const char* kPieces[] = {"a", "b", "ab", "\xc3\xa9", "z", "\x7f", ""};
    std::string s;
    int n = static_cast<int>(Uniform(0, 4));
    for (int k = 0; k < n; ++k) {
      s += kPieces[Uniform(0, static_cast<int64_t>(std::size(kPieces)) - 1)];
    }
    if (Chance(0.1)) s += std::string(static_cast<size_t>(Uniform(30, 40)), 'q');
    return s;
  }

  // A literal of the column's kind (sometimes NULL or NaN), and its cell.
  Literal RandomLiteral(ColKind kind, Cell* cell) {
    *cell = RandomCell(kind);
    if (cell->null) {
      return Literal();
    }
    switch (kind) {
      case ColKind::kLong:
        return Literal::Long(cell->i);
      case ColKind::kDate:
        return Literal::Date(static_cast<int32_t>(cell->i));
      case ColKind::kDecimal:
        return *Literal::Decimal(Decimal128::FromInt64(cell->i), 10, 2);
      case ColKind::kTimestamp:
        return Literal::Timestamp(cell->i);
      case ColKind::kDouble:
        return Literal::Double(cell->x);
      case ColKind::kString:
        return Literal::String(cell->s);
    }
    return Literal();
  }

  // A random predicate and, alongside, its exact evaluator over rows.
  struct Pred {
    ExprPtr expr;
    std::function<V(const Row&, bool ieee)> eval;
  };

  Pred RandomPredicate(int depth) {
    int choice = static_cast<int>(Uniform(0, depth > 0 ? 9 : 5));
    if (choice <= 3) return RandomComparison();
    if (choice == 4) return RandomNullTest();
    if (choice == 5) return RandomIn();
    if (choice == 6) {
      Pred p = RandomPredicate(depth - 1);
      auto inner = p.eval;
      return {Not(p.expr), [inner](const Row& r, bool ieee) { return Not3(inner(r, ieee)); }};
    }
    Pred a = RandomPredicate(depth - 1);
    Pred b = RandomPredicate(depth - 1);
    auto ea = a.eval;
    auto eb = b.eval;
    if (choice <= 7) {
      return {And(a.expr, b.expr),
              [ea, eb](const Row& r, bool ieee) { return And3(ea(r, ieee), eb(r, ieee)); }};
    }
    return {Or(a.expr, b.expr),
            [ea, eb](const Row& r, bool ieee) { return Or3(ea(r, ieee), eb(r, ieee)); }};
  }

  // Compares two non-null cells of `kind`: <0, 0, >0, or nullopt (unordered under IEEE).
  static std::optional<int> CompareCells(ColKind kind, const Cell& a, const Cell& b, bool ieee) {
    switch (kind) {
      case ColKind::kDouble: {
        bool an = std::isnan(a.x);
        bool bn = std::isnan(b.x);
        if (an || bn) {
          if (ieee) return std::nullopt;
          return an && bn ? 0 : (an ? 1 : -1);  // Spark: NaN = NaN, above everything
        }
        return a.x < b.x ? -1 : (a.x > b.x ? 1 : 0);
      }
      case ColKind::kString: {
        int c = a.s.compare(b.s);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
      }
      default:
        return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
    }
  }

  static V ApplyOp(CompareOp op, std::optional<int> c) {
    if (!c) return op == CompareOp::kNe ? V::kT : V::kF;  // IEEE NaN: only != holds
    bool r = false;
    switch (op) {
      case CompareOp::kEq:
      case CompareOp::kNullSafeEq:
        r = *c == 0;
        break;
      case CompareOp::kNe:
        r = *c != 0;
        break;
      case CompareOp::kLt:
        r = *c < 0;
        break;
      case CompareOp::kLe:
        r = *c <= 0;
        break;
      case CompareOp::kGt:
        r = *c > 0;
        break;
      case CompareOp::kGe:
        r = *c >= 0;
        break;
    }
    return r ? V::kT : V::kF;
  }

  ExprPtr ColumnRef(size_t col) {
    if (col == kNumRandomColumns) return Col("part");
    return Col(kRandomColumns[col].name);
  }
  ColKind KindOf(size_t col) {
    return col == kNumRandomColumns ? ColKind::kLong : kRandomColumns[col].kind;
  }

  Pred RandomComparison() {
    // Includes "part", the partition column after the data columns.
    auto col = static_cast<size_t>(Uniform(0, static_cast<int64_t>(kNumRandomColumns)));
    ColKind kind = KindOf(col);
    static constexpr CompareOp kOps[] = {CompareOp::kEq,        CompareOp::kNe, CompareOp::kLt,
                                         CompareOp::kLe,        CompareOp::kGt, CompareOp::kGe,
                                         CompareOp::kNullSafeEq};
    CompareOp op = kOps[Uniform(0, static_cast<int64_t>(std::size(kOps)) - 1)];
    Cell lit_cell;
    Literal lit =
        col == kNumRandomColumns ? RandomPartLiteral(&lit_cell) : RandomLiteral(kind, &lit_cell);
    ExprPtr e = Compare(op, ColumnRef(col), Lit(lit));
    auto eval = [col, kind, op, lit_cell](const Row& r, bool ieee) {
      const Cell& v = r[col];
      if (op == CompareOp::kNullSafeEq) {
        if (v.null || lit_cell.null) return v.null && lit_cell.null ? V::kT : V::kF;
      } else if (v.null || lit_cell.null) {
        return V::kN;
      }
      return ApplyOp(op, CompareCells(kind, v, lit_cell, ieee));
    };
    return {e, eval};
  }

  Literal RandomPartLiteral(Cell* cell) {
    cell->null = Chance(0.1);
    cell->i = Uniform(0, 3);
    return cell->null ? Literal() : Literal::Integer(static_cast<int32_t>(cell->i));
  }

  Pred RandomNullTest() {
    auto col = static_cast<size_t>(Uniform(0, static_cast<int64_t>(kNumRandomColumns)));
    bool is_null = Chance(0.5);
    ExprPtr e = is_null ? IsNull(ColumnRef(col)) : IsNotNull(ColumnRef(col));
    return {e,
            [col, is_null](const Row& r, bool) { return r[col].null == is_null ? V::kT : V::kF; }};
  }

  Pred RandomIn() {
    auto col = static_cast<size_t>(Uniform(0, static_cast<int64_t>(kNumRandomColumns) - 1));
    ColKind kind = KindOf(col);
    std::vector<Literal> list;
    std::vector<Cell> cells;
    int n = static_cast<int>(Uniform(1, 3));
    for (int k = 0; k < n; ++k) {
      Cell c;
      list.push_back(RandomLiteral(kind, &c));
      cells.push_back(c);
    }
    ExprPtr e = In(ColumnRef(col), list);
    auto eval = [col, kind, cells](const Row& r, bool ieee) {
      const Cell& v = r[col];
      if (v.null) return V::kN;
      V out = V::kF;
      for (const Cell& c : cells) {
        V eq = c.null ? V::kN : ApplyOp(CompareOp::kEq, CompareCells(kind, v, c, ieee));
        out = Or3(out, eq);
      }
      return out;
    };
    return {e, eval};
  }

  // JSON text of a cell as statistics hold it.
  static std::string StatText(ColKind kind, const Cell& c) {
    char buf[64];
    switch (kind) {
      case ColKind::kLong:
        return std::to_string(c.i);
      case ColKind::kDecimal:
        return FormatDecimal(c.i, 2);
      case ColKind::kDate:
        return "\"" + FormatDate(c.i) + "\"";
      case ColKind::kTimestamp:
        return "\"" + FormatTimestamp(c.i, 'T', true) + "Z\"";
      case ColKind::kDouble:
        if (std::isnan(c.x)) return "\"NaN\"";
        if (std::isinf(c.x)) return c.x > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        std::snprintf(buf, sizeof(buf), "%.17g", c.x);
        return buf;
      case ColKind::kString: {
        std::string out = "\"";
        for (char ch : c.s) {
          if (ch == '"' || ch == '\\') out += '\\';
          if (static_cast<unsigned char>(ch) < 0x20) {
            std::snprintf(buf, sizeof(buf), "\\u%04x", ch);
            out += buf;
            continue;
          }
          out += ch;
        }
        return out + "\"";
      }
    }
    return "null";
  }

  // Statistics of the physical rows, written the way writers may: truncated, widened, partial.
  std::string MakeStats(const std::vector<Row>& physical, bool tight) {
    std::string min_json;
    std::string max_json;
    std::string null_json;
    for (size_t col = 0; col < kNumRandomColumns; ++col) {
      ColKind kind = kRandomColumns[col].kind;
      std::optional<Cell> lo;
      std::optional<Cell> hi;
      int64_t nulls = 0;
      const bool nan_is_max = Chance(0.5);  // Spark's convention, or NaN left out (Parquet)
      for (const Row& r : physical) {
        const Cell& c = r[col];
        if (c.null) {
          ++nulls;
          continue;
        }
        if (kind == ColKind::kDouble && std::isnan(c.x) && !nan_is_max) continue;
        if (!lo || *CompareCells(kind, c, *lo, false) < 0) lo = c;
        if (!hi || *CompareCells(kind, c, *hi, false) > 0) hi = c;
      }
      const std::string key = std::string("\"") + kRandomColumns[col].physical + "\":";
      if (lo && hi && !Chance(0.1)) {
        if (kind == ColKind::kTimestamp) {
          // Truncated to milliseconds (toward the past).
          auto trunc = [](int64_t us) { return us - (((us % 1000) + 1000) % 1000); };
          lo->i = trunc(lo->i);
          hi->i = trunc(hi->i);
        }
        if (kind == ColKind::kString) {
          // Cut to a prefix (at a character boundary). The max is either cut bare, or given
          // Spark's tie-breaker: U+007F when the next character is below it, else U+10FFFF.
          auto cut = [](const std::string& v, size_t k) {
            while (k > 0 && k < v.size() && (static_cast<unsigned char>(v[k]) & 0xC0) == 0x80) {
              --k;
            }
            return k;
          };
          auto prefix = static_cast<size_t>(Uniform(1, 6));
          if (lo->s.size() > prefix) lo->s.resize(cut(lo->s, prefix));
          if (hi->s.size() > prefix) {
            size_t k = cut(hi->s, prefix);
            unsigned char next = static_cast<unsigned char>(hi->s[k]);
            hi->s.resize(k);
            if (Chance(0.5)) hi->s += next < 0x7f ? "\x7f" : "\xf4\x8f\xbf\xbf";
          }
        }
        if (!min_json.empty()) min_json += ',';
        min_json += key + StatText(kind, *lo);
        if (!max_json.empty()) max_json += ',';
        max_json += key + StatText(kind, *hi);
      }
      if (!tight && nulls > 0 && Chance(0.3)) {
        // With deletion vectors a writer may leave nullCount above the truth (up to all rows).
        nulls = Uniform(nulls, static_cast<int64_t>(physical.size()));
      }
      if (!Chance(0.1)) {
        if (!null_json.empty()) null_json += ',';
        null_json += key + std::to_string(nulls);
      }
    }
    std::string json = "{";
    if (!Chance(0.05)) json += "\"numRecords\":" + std::to_string(physical.size()) + ",";
    if (!tight) json += "\"tightBounds\":false,";
    json += "\"minValues\":{" + min_json + "},\"maxValues\":{" + max_json + "},";
    json += "\"nullCount\":{" + null_json + "}}";
    return json;
  }

  int64_t Uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::mt19937_64 rng_{20240611};
  std::shared_ptr<const StructType> schema_;
};

TEST_F(RandomSkippingTest, NeverSkipsAFileWithAMatchingRow) {
  int files = 0;
  int matching = 0;
  int skipped = 0;
  for (int iteration = 0; iteration < 4000; ++iteration) {
    // One file: physical rows; with wide bounds some are deleted (not valid).
    const bool tight = !Chance(0.2);
    std::vector<Row> physical;
    const auto n = static_cast<size_t>(Uniform(0, 6));
    Cell part;
    part.null = Chance(0.2);
    part.i = Uniform(0, 3);
    for (size_t k = 0; k < n; ++k) {
      Row r;
      for (const RandomColumn& c : kRandomColumns) r.push_back(RandomCell(c.kind));
      r.push_back(part);
      physical.push_back(std::move(r));
    }
    std::vector<Row> valid;
    for (const Row& r : physical) {
      if (tight || !Chance(0.4)) valid.push_back(r);
    }
    const std::string stats = MakeStats(physical, tight);
    PartitionValueMap partition{
        {"part", part.null ? Literal::Null(PrimitiveType::Make(TypeKind::kInteger))
                           : Literal::Integer(static_cast<int32_t>(part.i))}};

    for (int q = 0; q < 5; ++q) {
      Pred pred = RandomPredicate(3);
      auto bound = BindExpression(pred.expr, *schema_);
      ASSERT_TRUE(bound.ok()) << pred.expr->ToString() << ": " << bound.status().ToString();
      bool any_true = false;
      for (const Row& r : valid) {
        any_true |= pred.eval(r, /*ieee=*/false) == V::kT || pred.eval(r, /*ieee=*/true) == V::kT;
      }
      DataSkippingFilter filter(*bound);
      const bool keep = filter.MayMatch(stats, &partition);
      ++files;
      matching += any_true ? 1 : 0;
      skipped += keep ? 0 : 1;
      if (any_true) {
        ASSERT_TRUE(keep) << "skipped a file with a matching row\n  predicate: "
                          << (*bound)->ToString() << "\n  stats: " << stats
                          << "\n  partition: " << partition.at("part").ToString();
      }
      // Partition pruning alone is never stricter.
      if (CanPrunePartition(**bound, partition)) {
        ASSERT_FALSE(keep) << (*bound)->ToString();
      }
    }
  }
  // The check is not vacuous: many files match, and many others are skipped.
  EXPECT_GT(matching, files / 5);
  EXPECT_GT(skipped, files / 10);
  std::printf("random skipping: %d predicate/file pairs, %d with a matching row, %d skipped\n",
              files, matching, skipped);
}

}  // namespace
}  // namespace delta
