// Sorting rows along a Z-order (Morton) curve over chosen columns, for OPTIMIZE ZORDER BY.
//
// The mapping, which makes the order deterministic and the same for every type:
//  1. Each z-order column's values become their dense rank among the rows sorted (ascending,
//     nulls first, ties equal): 0 for the smallest value (or null), 1 for the next distinct
//     value, ... d-1 for the largest. Anything Arrow orders works alike (integers, floats with
//     -0.0 < 0.0 and NaN last, strings and binary bytewise, dates, timestamps, decimals,
//     booleans), and skewed or clustered values still spread over the whole range.
//  2. The rank is scaled to 32 bits: v = floor(rank * 2^32 / d).
//  3. A row's key interleaves the columns' 32-bit values bit by bit, most significant first, in
//     the order the columns were named: bit 31 of column 0, bit 31 of column 1, ..., bit 0 of
//     the last column; 32 * n bits held in ceil(n / 2) 64-bit words, compared as one number.
//  4. Rows are ordered by key; rows with equal keys keep their input order.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <arrow/table.h>

#include "delta/status.h"

namespace delta::ops {

/// The interleaved key of one row (step 3): `values` are the columns' 32-bit values; `out`
/// receives ceil(values.size() / 2) words, most significant first.
void InterleaveBits(std::span<const uint32_t> values, std::span<uint64_t> out);

/// `table`'s rows in Z-order over `columns` (names of top-level columns of `table`).
/// InvalidArgument naming a column that is missing or has no order.
Result<std::shared_ptr<arrow::Table>> ZOrderSort(const std::shared_ptr<arrow::Table>& table,
                                                 const std::vector<std::string>& columns);

}  // namespace delta::ops
