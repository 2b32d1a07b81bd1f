#include "scan/data_skipping.h"

#include <cmath>
#include <limits>
#include <utility>

#include "scan/expression_internal.h"

namespace delta {

namespace {

constexpr uint8_t kT = kMayBeTrue;
constexpr uint8_t kF = kMayBeFalse;
constexpr uint8_t kN = kMayBeNull;
constexpr uint8_t kAll = kMayBeAnything;

// Truncated timestamp statistics: the true max is below the stored max plus one millisecond.
constexpr int64_t kTimestampMaxSlackMicros = 999;

bool IsFloatingKind(TypeKind k) { return k == TypeKind::kFloat || k == TypeKind::kDouble; }

bool IsNaN(const Literal& l) {
  return !l.is_null() && IsFloatingKind(l.kind()) && std::isnan(l.floating_value());
}

// --- three-valued logic over sets -----------------------------------------------------------

uint8_t NotSet(uint8_t a) {
  uint8_t r = 0;
  if (a & kT) r |= kF;
  if (a & kF) r |= kT;
  if (a & kN) r |= kN;
  return r;
}

uint8_t AndSet(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  for (uint8_t x : {kT, kF, kN}) {
    if (!(a & x)) continue;
    for (uint8_t y : {kT, kF, kN}) {
      if (!(b & y)) continue;
      r |= (x == kF || y == kF) ? kF : ((x == kN || y == kN) ? kN : kT);
    }
  }
  return r;
}

uint8_t OrSet(uint8_t a, uint8_t b) { return NotSet(AndSet(NotSet(a), NotSet(b))); }

bool IsExact(const ColumnFacts& f) {
  return f.lower && f.upper && !f.upper_is_prefix && !f.may_hide_nan && !IsNaN(*f.lower) &&
         f.lower->Compare(*f.upper) == std::optional<int>(0);
}

bool StartsWith(const Literal& lit, const Literal& prefix) {
  if (lit.is_null() || prefix.is_null()) return false;
  if (lit.kind() != TypeKind::kString || prefix.kind() != TypeKind::kString) return false;
  return lit.string_value().starts_with(prefix.string_value());
}

// Possible outcomes of `v op lit` over the non-null values v described by `f`, for a non-null
// `lit` (op is never kNullSafeEq here: on non-null values it is kEq).
uint8_t RangeVersusValue(const ColumnFacts& f, CompareOp op, const Literal& lit) {
  if (IsNaN(lit)) return kT | kF;  // NaN ordering differs between engines: decide nothing
  const Literal* lower = f.lower && !IsNaN(*f.lower) ? &*f.lower : nullptr;
  const Literal* upper = f.upper && !IsNaN(*f.upper) ? &*f.upper : nullptr;
  // Comparisons with the bounds; an unknown (or incomparable) bound makes every condition
  // possible. (Plain ints rather than optionals: GCC misreports those as uninitialized.)
  constexpr int kUnknownOrder = 2;
  auto order = [&lit](const Literal* bound) {
    if (bound == nullptr) return kUnknownOrder;
    std::optional<int> c = bound->Compare(lit);
    return c ? *c : kUnknownOrder;
  };
  const int c_lo = order(lower);
  const int c_hi = order(upper);
  const bool lo_known = c_lo != kUnknownOrder;
  const bool hi_known = c_hi != kUnknownOrder;
  const bool prefix_reaches = f.upper_is_prefix && upper && StartsWith(lit, *upper);
  const bool exists_lt = !lo_known || c_lo < 0;
  const bool exists_gt = !hi_known || c_hi > 0 || prefix_reaches;
  const bool exists_eq = (!lo_known || c_lo <= 0) && (!hi_known || c_hi >= 0 || prefix_reaches);
  const bool all_eq = lo_known && hi_known && c_lo == 0 && c_hi == 0 && !f.upper_is_prefix;
  uint8_t r = 0;
  auto add = [&r](bool cond, uint8_t bit) {
    if (cond) r |= bit;
  };
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNullSafeEq:
      add(exists_eq, kT);
      add(!all_eq, kF);
      break;
    case CompareOp::kNe:
      add(!all_eq, kT);
      add(exists_eq, kF);
      break;
    case CompareOp::kLt:
      add(exists_lt, kT);
      add(exists_gt || exists_eq, kF);
      break;
    case CompareOp::kLe:
      add(exists_lt || exists_eq, kT);
      add(exists_gt, kF);
      break;
    case CompareOp::kGt:
      add(exists_gt, kT);
      add(exists_lt || exists_eq, kF);
      break;
    case CompareOp::kGe:
      add(exists_gt || exists_eq, kT);
      add(exists_lt, kF);
      break;
  }
  if (f.may_hide_nan) {
    // A NaN row against a non-NaN value: FALSE for =, <, <=; TRUE for !=; > and >= are TRUE in
    // Spark's ordering and FALSE under IEEE comparison, so both.
    switch (op) {
      case CompareOp::kNe:
        r |= kT;
        break;
      case CompareOp::kGt:
      case CompareOp::kGe:
        r |= kT | kF;
        break;
      default:
        r |= kF;
        break;
    }
  }
  return r;
}

// Possible outcomes of `a op b` over the rows described by the facts of both sides.
uint8_t CompareFacts(const ColumnFacts& a, CompareOp op, const ColumnFacts& b) {
  uint8_t r = 0;
  const bool a_any = a.may_be_null || a.may_be_non_null;
  const bool b_any = b.may_be_null || b.may_be_non_null;
  if (op == CompareOp::kNullSafeEq) {
    if (a.may_be_null && b.may_be_null) r |= kT;
    if ((a.may_be_null && b.may_be_non_null) || (a.may_be_non_null && b.may_be_null)) r |= kF;
  } else if ((a.may_be_null && b_any) || (b.may_be_null && a_any)) {
    r |= kN;
  }
  if (a.may_be_non_null && b.may_be_non_null) {
    if (IsExact(b)) {
      r |= RangeVersusValue(a, op, *b.lower);
    } else if (IsExact(a)) {
      r |= RangeVersusValue(b, FlipCompareOp(op), *a.lower);
    } else {
      r |= kT | kF;  // two ranges: any order is possible
    }
  }
  return r;
}

ColumnFacts Unknown() { return ColumnFacts{}; }

class Evaluator {
 public:
  explicit Evaluator(const ColumnFactsLookup& lookup) : lookup_(lookup) {}

  uint8_t Eval(const Expression& e) {
    switch (e.kind) {
      case ExprKind::kLiteral:
      case ExprKind::kColumn: {
        // A boolean value used as a predicate.
        ColumnFacts f = FactsOf(e);
        uint8_t r = 0;
        if (f.may_be_null) r |= kN;
        if (f.may_be_non_null) {
          auto holds = [&](bool v) {
            const Literal b = Literal::Boolean(v);
            return CompareFacts(f, CompareOp::kEq, ColumnFacts::Exact(b)) & kT;
          };
          if (holds(true)) r |= kT;
          if (holds(false)) r |= kF;
        }
        return r;
      }
      case ExprKind::kComparison: {
        if (e.children.size() != 2) return kAll;
        return CompareFacts(FactsOf(*e.children[0]), e.op, FactsOf(*e.children[1]));
      }
      case ExprKind::kAnd: {
        uint8_t r = kT;
        for (const ExprPtr& c : e.children) r = AndSet(r, c ? Eval(*c) : kAll);
        return r;
      }
      case ExprKind::kOr: {
        uint8_t r = kF;
        for (const ExprPtr& c : e.children) r = OrSet(r, c ? Eval(*c) : kAll);
        return r;
      }
      case ExprKind::kNot:
        return e.children.size() == 1 ? NotSet(Eval(*e.children[0])) : kAll;
      case ExprKind::kIsNull:
      case ExprKind::kIsNotNull: {
        if (e.children.size() != 1) return kAll;
        const Expression& c = *e.children[0];
        bool may_null = true;
        bool may_non_null = true;
        if (c.kind == ExprKind::kColumn || c.kind == ExprKind::kLiteral) {
          ColumnFacts f = FactsOf(c);
          may_null = f.may_be_null;
          may_non_null = f.may_be_non_null;
        } else {
          uint8_t s = Eval(c);
          may_null = (s & kN) != 0;
          may_non_null = (s & (kT | kF)) != 0;
        }
        uint8_t r = 0;
        if (may_null) r |= kT;
        if (may_non_null) r |= kF;
        return e.kind == ExprKind::kIsNull ? r : NotSet(r);
      }
      case ExprKind::kArithmetic:
      case ExprKind::kNegate:
      case ExprKind::kCoalesce:
        return kAll;  // computed values: nothing is known (never skips wrongly)
      case ExprKind::kIn: {
        if (e.children.empty()) return kAll;
        ColumnFacts v = FactsOf(*e.children[0]);
        // value IN (a, b, ...) is value = a OR value = b OR ...
        uint8_t r = 0;
        bool first = true;
        for (size_t i = 1; i < e.children.size(); ++i) {
          uint8_t eq = CompareFacts(v, CompareOp::kEq, FactsOf(*e.children[i]));
          r = first ? eq : OrSet(r, eq);
          first = false;
        }
        if (first) {  // an empty list: FALSE, or NULL for a null value
          if (v.may_be_non_null) r |= kF;
          if (v.may_be_null) r |= kN;
        }
        return r;
      }
    }
    return kAll;
  }

 private:
  ColumnFacts FactsOf(const Expression& e) {
    if (e.kind == ExprKind::kLiteral) return ColumnFacts::Exact(e.value);
    if (e.kind == ExprKind::kColumn) {
      std::optional<ColumnFacts> f = lookup_ ? lookup_(e) : std::nullopt;
      return f ? std::move(*f) : Unknown();
    }
    return Unknown();  // a computed operand: nothing is known about its values
  }

  const ColumnFactsLookup& lookup_;
};

std::optional<ColumnFacts> StatsFacts(const Expression& column, const FileStats& stats) {
  if (!column.type || column.physical_path.empty()) return std::nullopt;
  const ColumnStats* cs = stats.Find(column.physical_path);
  if (cs == nullptr) return std::nullopt;
  return ColumnFacts::FromStats(*cs, stats, *column.type);
}

}  // namespace

ColumnFacts ColumnFacts::Exact(const Literal& value) {
  ColumnFacts f;
  f.may_be_null = value.is_null();
  f.may_be_non_null = !value.is_null();
  if (!value.is_null()) {
    f.lower = value;
    f.upper = value;
  }
  return f;
}

ColumnFacts ColumnFacts::FromStats(const ColumnStats& stats, const FileStats& file,
                                   const DataType& type) {
  ColumnFacts f;
  if (stats.null_count) {
    // nullCount == 0 means no valid row is null, tight bounds or not.
    f.may_be_null = *stats.null_count > 0;
    // All null only with tight bounds: with deletion vectors numRecords counts deleted rows.
    if (file.tight_bounds && file.num_records && *stats.null_count >= *file.num_records) {
      f.may_be_non_null = false;
    }
  }
  if (!f.may_be_non_null) return f;
  f.lower = stats.min;
  f.upper = stats.max;
  switch (type.kind()) {
    case TypeKind::kString:
      f.upper_is_prefix = true;
      break;
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz:
      if (f.upper && !f.upper->is_null()) {
        int64_t us = 0;
        if (__builtin_add_overflow(f.upper->int_value(), kTimestampMaxSlackMicros, &us)) {
          us = std::numeric_limits<int64_t>::max();
        }
        f.upper = f.upper->kind() == TypeKind::kTimestamp ? Literal::Timestamp(us)
                                                          : Literal::TimestampNtz(us);
      }
      break;
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      f.may_hide_nan = true;
      break;
    default:
      break;
  }
  if (f.lower && f.lower->is_null()) f.lower.reset();
  if (f.upper && f.upper->is_null()) f.upper.reset();
  return f;
}

uint8_t PossibleValuesOf(const Expression& bound, const ColumnFactsLookup& facts) {
  Evaluator ev(facts);
  return ev.Eval(bound);
}

bool MayMatch(const Expression& bound, const FileStats& stats) {
  if (stats.num_records && *stats.num_records == 0) return false;  // no rows at all
  ColumnFactsLookup lookup = [&stats](const Expression& column) {
    return StatsFacts(column, stats);
  };
  return (PossibleValuesOf(bound, lookup) & kT) != 0;
}

bool MayMatch(const Expression& bound, const FileStats& stats,
              const PartitionValueMap& partition_values) {
  if (stats.num_records && *stats.num_records == 0) return false;
  ColumnFactsLookup lookup = [&](const Expression& column) -> std::optional<ColumnFacts> {
    if (column.path.size() == 1) {
      auto it = partition_values.find(column.path[0]);
      if (it != partition_values.end()) return ColumnFacts::Exact(it->second);
    }
    return StatsFacts(column, stats);
  };
  return (PossibleValuesOf(bound, lookup) & kT) != 0;
}

DataSkippingFilter::DataSkippingFilter(ExprPtr bound) : bound_(std::move(bound)) {
  if (bound_) columns_ = StatsColumns::ForPredicate(*bound_);
}

bool DataSkippingFilter::MayMatch(std::string_view stats_json,
                                  const PartitionValueMap* partition_values) const {
  if (!bound_) return true;
  Result<FileStats> stats = ParseFileStats(stats_json, columns_);
  if (!stats.ok()) return true;  // unreadable statistics prove nothing
  if (partition_values) return delta::MayMatch(*bound_, *stats, *partition_values);
  return delta::MayMatch(*bound_, *stats);
}

}  // namespace delta
