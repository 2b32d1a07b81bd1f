// The CLI's MERGE clause text (`delta-kernel merge --when`): each clause form, quoting and
// nesting kept whole, and errors naming the clause, position and token.
#include "merge_clause_text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace delta::cli {
namespace {

using Assignments = std::vector<std::pair<std::string, std::string>>;

MergeClause Parse(std::string_view text) {
  Result<MergeClause> r = ParseMergeClauseText(text, "target");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : MergeClause{};
}

std::string Error(std::string_view text) {
  Result<MergeClause> r = ParseMergeClauseText(text, "target");
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return {};
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

void ExpectClause(const MergeClause& c, MergeClauseKind kind, MergeAction action,
                  const std::string& condition, const Assignments& assignments, bool star) {
  EXPECT_EQ(c.kind, kind);
  EXPECT_EQ(c.action, action);
  EXPECT_EQ(c.condition, condition);
  EXPECT_EQ(c.assignments, assignments);
  EXPECT_EQ(c.star, star);
}

TEST(MergeClauseTextTest, MatchedForms) {
  ExpectClause(Parse("MATCHED THEN DELETE"), MergeClauseKind::kMatched, MergeAction::kDelete, "",
               {}, false);
  ExpectClause(Parse("when matched and source.deleted = true then delete"),
               MergeClauseKind::kMatched, MergeAction::kDelete, "source.deleted = true", {}, false);
  ExpectClause(Parse("MATCHED THEN UPDATE SET *"), MergeClauseKind::kMatched, MergeAction::kUpdate,
               "", {}, true);
  ExpectClause(Parse("Matched AND (source.score > target.score OR target.score IS NULL) Then "
                     "Update Set score = source.score,target.note=COALESCE(source.note, 'a, b')"),
               MergeClauseKind::kMatched, MergeAction::kUpdate,
               "(source.score > target.score OR target.score IS NULL)",
               {{"score", "source.score"}, {"note", "COALESCE(source.note, 'a, b')"}}, false);
}

TEST(MergeClauseTextTest, NotMatchedForms) {
  ExpectClause(Parse("NOT MATCHED THEN INSERT *"), MergeClauseKind::kNotMatched,
               MergeAction::kInsert, "", {}, true);
  ExpectClause(Parse("NOT MATCHED BY TARGET AND source.note IS NULL THEN INSERT *"),
               MergeClauseKind::kNotMatched, MergeAction::kInsert, "source.note IS NULL", {}, true);
  ExpectClause(Parse("not matched then insert (id, `day`) values (source.id * (2 + 1), 'x')"),
               MergeClauseKind::kNotMatched, MergeAction::kInsert, "",
               {{"id", "source.id * (2 + 1)"}, {"day", "'x'"}}, false);
}

TEST(MergeClauseTextTest, NotMatchedBySourceForms) {
  ExpectClause(Parse("NOT MATCHED BY SOURCE THEN DELETE"), MergeClauseKind::kNotMatchedBySource,
               MergeAction::kDelete, "", {}, false);
  ExpectClause(Parse("NOT MATCHED BY SOURCE AND target.day < '2024-01-01' THEN UPDATE SET "
                     "note = 'it''s stale'"),
               MergeClauseKind::kNotMatchedBySource, MergeAction::kUpdate,
               "target.day < '2024-01-01'", {{"note", "'it''s stale'"}}, false);
}

TEST(MergeClauseTextTest, QuotesAndParenthesesHideKeywords) {
  // THEN inside a string, a quoted name or parentheses is part of the condition.
  ExpectClause(Parse("MATCHED AND source.note = 'then' AND (`then` > 1) THEN DELETE"),
               MergeClauseKind::kMatched, MergeAction::kDelete,
               "source.note = 'then' AND (`then` > 1)", {}, false);
  // `<=` is not a SET's `=`; the column may be a keyword.
  ExpectClause(Parse("MATCHED THEN UPDATE SET set = source.a <= 1, `x y` = -1.5e-3"),
               MergeClauseKind::kMatched, MergeAction::kUpdate, "",
               {{"set", "source.a <= 1"}, {"x y", "-1.5e-3"}}, false);
  // A doubled quote is one quote, in names and in strings.
  ExpectClause(Parse("MATCHED THEN UPDATE SET target.`a``b` = 'x'')', `c` = `d``)`"),
               MergeClauseKind::kMatched, MergeAction::kUpdate, "",
               {{"a`b", "'x'')'"}, {"c", "`d``)`"}}, false);
}

TEST(MergeClauseTextTest, ErrorsNamePositionAndToken) {
  const std::string p = "cannot parse merge clause \"";
  EXPECT_EQ(Error(""), p + "\": at position 1: expected MATCHED or NOT MATCHED but found the "
                           "end of the clause");
  EXPECT_EQ(Error("MATCHED DELETE"),
            p + "MATCHED DELETE\": at position 9: expected AND or THEN but found 'DELETE'");
  EXPECT_EQ(Error("MATCHED THEN UPSERT"),
            p + "MATCHED THEN UPSERT\": at position 14: expected UPDATE or DELETE (WHEN "
                "MATCHED) but found 'UPSERT'");
  EXPECT_EQ(Error("MATCHED THEN INSERT *"),
            p + "MATCHED THEN INSERT *\": at position 14: expected UPDATE or DELETE (WHEN "
                "MATCHED) but found 'INSERT'");
  EXPECT_EQ(Error("NOT MATCHED THEN DELETE"),
            p + "NOT MATCHED THEN DELETE\": at position 18: expected INSERT (WHEN NOT MATCHED) "
                "but found 'DELETE'");
  EXPECT_EQ(Error("NOT MATCHED BY ROWS THEN DELETE"),
            p + "NOT MATCHED BY ROWS THEN DELETE\": at position 16: expected TARGET or SOURCE "
                "but found 'ROWS'");
  EXPECT_EQ(Error("MATCHED AND THEN DELETE"),
            p + "MATCHED AND THEN DELETE\": at position 13: expected a condition after AND but "
                "found 'THEN'");
  EXPECT_EQ(Error("MATCHED AND x = 1 DELETE"),
            p + "MATCHED AND x = 1 DELETE\": at position 25: expected THEN after the condition but "
                "found the end of the clause");
  EXPECT_EQ(Error("MATCHED THEN DELETE now"),
            p + "MATCHED THEN DELETE now\": at position 21: expected the end of the clause but "
                "found 'now'");
  EXPECT_EQ(Error("MATCHED THEN UPDATE SET a source.a"),
            p + "MATCHED THEN UPDATE SET a source.a\": at position 27: expected '=' after the "
                "column 'a' but found 'source'");
  EXPECT_EQ(Error("MATCHED THEN UPDATE SET a = 1,"),
            p + "MATCHED THEN UPDATE SET a = 1,\": at position 31: expected a column but found "
                "the end of the clause");
  EXPECT_EQ(Error("MATCHED THEN UPDATE SET a ="),
            p + "MATCHED THEN UPDATE SET a =\": at position 28: expected an expression for the "
                "value of 'a' but found the end of the clause");
  EXPECT_EQ(Error("MATCHED THEN UPDATE SET source.a = 1"),
            p + "MATCHED THEN UPDATE SET source.a = 1\": at position 25: the column 'source.a' is "
                "not one of the table's: write COLUMN or target.COLUMN");
  EXPECT_EQ(Error("MATCHED THEN UPDATE SET a = 1, A = 2"),
            p + "MATCHED THEN UPDATE SET a = 1, A = 2\": at position 32: the column 'A' is "
                "assigned twice");
  EXPECT_EQ(Error("NOT MATCHED BY SOURCE THEN UPDATE SET *"),
            p + "NOT MATCHED BY SOURCE THEN UPDATE SET *\": at position 39: UPDATE SET * is only "
                "for WHEN MATCHED (no source row here): name the columns");
  EXPECT_EQ(Error("NOT MATCHED THEN INSERT (a, b) VALUES (1)"),
            p + "NOT MATCHED THEN INSERT (a, b) VALUES (1)\": at position 39: INSERT lists 2 "
                "columns but 1 values");
  EXPECT_EQ(Error("NOT MATCHED THEN INSERT (a) (1)"),
            p + "NOT MATCHED THEN INSERT (a) (1)\": at position 29: expected VALUES but found "
                "'('");
  EXPECT_EQ(Error("MATCHED AND (x = 1 THEN DELETE"),
            p + "MATCHED AND (x = 1 THEN DELETE\": at position 13: '(' is never closed");
  EXPECT_EQ(Error("MATCHED AND x = 'a THEN DELETE"),
            p + "MATCHED AND x = 'a THEN DELETE\": at position 17: unterminated string literal");
}

TEST(MergeClauseTextTest, ExpressionErrorsNameTheirPart) {
  const std::string p = "cannot parse merge clause \"";
  EXPECT_EQ(
      Error("MATCHED AND source.x = = 1 THEN DELETE"),
      p + "MATCHED AND source.x = = 1 THEN DELETE\": the condition: cannot parse "
          "expression \"source.x = = 1\": at position 12: expected a column, a literal or '(' "
          "but found '='");
  EXPECT_EQ(Error("NOT MATCHED THEN INSERT (id, day) VALUES (source.id, source.day +)"),
            p + "NOT MATCHED THEN INSERT (id, day) VALUES (source.id, source.day +)\": the value "
                "of 'day': cannot parse expression \"source.day +\": at position 13: expected a "
                "column, a literal or '(' but found end of input");
}

}  // namespace
}  // namespace delta::cli
