// ScanOptions for tests: a filter given as text (ParseExpression's syntax) and, optionally,
// the columns to return.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "delta/expression.h"
#include "delta/scan.h"

namespace delta::test {

/// Options returning the rows `predicate` holds for (a parse failure fails the test), with
/// `columns` (nullopt: every column).
inline ScanOptions Filtered(const std::string& predicate,
                            std::optional<std::vector<std::string>> columns = std::nullopt) {
  ScanOptions o;
  auto parsed = ParseExpression(predicate);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  o.filter = *parsed;
  o.columns = std::move(columns);
  return o;
}

}  // namespace delta::test
