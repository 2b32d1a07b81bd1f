// The text of one SQL MERGE clause, as `delta-kernel merge --when` takes it, read into a
// delta::MergeClause. The one place the CLI's clause grammar lives:
//
//   [WHEN] MATCHED [AND cond] THEN UPDATE SET col = expr[, ...] | UPDATE SET * | DELETE
//   [WHEN] NOT MATCHED [BY TARGET] [AND cond] THEN INSERT (col, ...) VALUES (expr, ...)
//                                                | INSERT *
//   [WHEN] NOT MATCHED BY SOURCE [AND cond] THEN UPDATE SET col = expr[, ...] | DELETE
//
// Keywords are case-insensitive. Conditions and expressions are passed through as text in
// the kernel's expression syntax (ParseExpression checks them here, MergeInto binds them);
// splitting respects quotes ('...', "...", `...`) and parentheses, so `'a, b'` or
// `COALESCE(x, y)` stay whole.
#pragma once

#include <string_view>

#include "delta/merge.h"
#include "delta/status.h"

namespace delta::cli {

/// Reads one clause. A SET or INSERT column is a column of the table, bare or qualified by
/// `target_alias`. InvalidArgument naming the clause and the position (1-based) and token
/// where it stops parsing, or the part whose expression does not parse.
Result<MergeClause> ParseMergeClauseText(std::string_view text, std::string_view target_alias);

}  // namespace delta::cli
