#include "ops/merge_on.h"

#include <memory>
#include <utility>

#include "util/printable.h"

namespace delta::ops {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void Conjuncts(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (e->kind == ExprKind::kAnd) {
    for (const ExprPtr& c : e->children) Conjuncts(c, out);
    return;
  }
  out->push_back(e);
}

// True when every column of `e` is qualified by `alias` (and there is at least one).
bool OnlyAlias(const Expression& e, std::string_view alias, bool* any) {
  if (e.kind == ExprKind::kColumn) {
    *any = true;
    return e.path.size() >= 2 && SameName(e.path[0], alias);
  }
  for (const ExprPtr& c : e.children) {
    if (!OnlyAlias(*c, alias, any)) return false;
  }
  return true;
}

ExprPtr StripAlias(const ExprPtr& e) {
  auto copy = std::make_shared<Expression>(*e);
  if (copy->kind == ExprKind::kColumn) copy->path.erase(copy->path.begin());
  for (ExprPtr& c : copy->children) c = StripAlias(c);
  return copy;
}

bool TopColumnOf(const Expression& e, std::string_view alias) {
  return e.kind == ExprKind::kColumn && e.path.size() == 2 && SameName(e.path[0], alias);
}

}  // namespace

Status CheckQualified(const Expression& e, const std::vector<std::string_view>& aliases,
                      std::string_view what) {
  if (e.kind == ExprKind::kColumn) {
    bool ok = e.path.size() >= 2;
    bool known = false;
    for (std::string_view a : aliases) known = known || (ok && SameName(e.path[0], a));
    if (!known) {
      std::string names;
      for (std::string_view a : aliases) names += (names.empty() ? "" : " or ") + Quoted(a);
      return Status::InvalidArgument("column " + Quoted(e.ToString()) + " in " + std::string(what) +
                                     " is not qualified by " + names);
    }
  }
  for (const ExprPtr& c : e.children) DELTA_RETURN_NOT_OK(CheckQualified(*c, aliases, what));
  return Status::OK();
}

Result<MergeOnParts> SplitMergeOn(const ExprPtr& on, std::string_view source_alias,
                                  std::string_view target_alias) {
  DELTA_RETURN_NOT_OK(CheckQualified(*on, {source_alias, target_alias}, "the merge condition"));
  std::vector<ExprPtr> all;
  Conjuncts(on, &all);
  MergeOnParts parts;
  std::vector<ExprPtr> rest;
  for (const ExprPtr& c : all) {
    if (c->kind == ExprKind::kComparison && c->op == CompareOp::kEq && c->children.size() == 2) {
      const Expression& l = *c->children[0];
      const Expression& r = *c->children[1];
      if (TopColumnOf(l, target_alias) && TopColumnOf(r, source_alias)) {
        parts.keys.push_back({l.path[1], r.path[1]});
        continue;
      }
      if (TopColumnOf(l, source_alias) && TopColumnOf(r, target_alias)) {
        parts.keys.push_back({r.path[1], l.path[1]});
        continue;
      }
    }
    bool any = false;
    if (OnlyAlias(*c, target_alias, &any) && any) parts.target_only.push_back(StripAlias(c));
    rest.push_back(c);
  }
  if (rest.size() == 1) parts.residual = rest[0];
  if (rest.size() > 1) parts.residual = expr::And(std::move(rest));
  return parts;
}

}  // namespace delta::ops
