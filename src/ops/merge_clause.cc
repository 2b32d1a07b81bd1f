// MergeClause's named constructors.
#include <utility>

#include "delta/merge.h"

namespace delta {
namespace {

using Assignments = std::vector<std::pair<std::string, std::string>>;

MergeClause Make(MergeClauseKind kind, MergeAction action, std::string condition,
                 Assignments assignments, bool star) {
  MergeClause c;
  c.kind = kind;
  c.action = action;
  c.condition = std::move(condition);
  c.assignments = std::move(assignments);
  c.star = star;
  return c;
}

}  // namespace

MergeClause MergeClause::MatchedUpdate(Assignments set, std::string condition) {
  return Make(MergeClauseKind::kMatched, MergeAction::kUpdate, std::move(condition), std::move(set),
              false);
}
MergeClause MergeClause::MatchedUpdateAll(std::string condition) {
  return Make(MergeClauseKind::kMatched, MergeAction::kUpdate, std::move(condition), {}, true);
}
MergeClause MergeClause::MatchedDelete(std::string condition) {
  return Make(MergeClauseKind::kMatched, MergeAction::kDelete, std::move(condition), {}, false);
}
MergeClause MergeClause::NotMatchedInsert(Assignments values, std::string condition) {
  return Make(MergeClauseKind::kNotMatched, MergeAction::kInsert, std::move(condition),
              std::move(values), false);
}
MergeClause MergeClause::NotMatchedInsertAll(std::string condition) {
  return Make(MergeClauseKind::kNotMatched, MergeAction::kInsert, std::move(condition), {}, true);
}
MergeClause MergeClause::NotMatchedBySourceUpdate(Assignments set, std::string condition) {
  return Make(MergeClauseKind::kNotMatchedBySource, MergeAction::kUpdate, std::move(condition),
              std::move(set), false);
}
MergeClause MergeClause::NotMatchedBySourceDelete(std::string condition) {
  return Make(MergeClauseKind::kNotMatchedBySource, MergeAction::kDelete, std::move(condition), {},
              false);
}

}  // namespace delta
