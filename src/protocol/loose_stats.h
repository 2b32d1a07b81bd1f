// Statistics of a file re-added with a deletion vector: min/max may now cover deleted rows.
#pragma once

#include <string>
#include <string_view>

namespace delta {

/// `stats` (an add's statistics JSON) with tightBounds false; empty stays empty.
std::string LooseStats(std::string_view stats);

}  // namespace delta
