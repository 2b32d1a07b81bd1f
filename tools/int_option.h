// Integer options checked against their range: a value that does not fit is a usage error
// naming the option and the range, never clamped (CLI11 saturates out-of-range integers).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta::cli {

inline constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

/// Parses `text` as a decimal integer in [min, max]; InvalidArgument "<name> must be an
/// integer from <min> to <max>, got '<text>'" otherwise.
Result<int64_t> ParseIntArg(std::string_view name, std::string_view text, int64_t min, int64_t max);

/// Adds option `name` to `cmd` storing into `*target` a value in [min, max]; a value outside
/// it (or not an integer) fails the parse with ParseIntArg's message.
CLI::Option* AddIntOption(CLI::App* cmd, const std::string& name, std::optional<int64_t>* target,
                          int64_t min, int64_t max, const std::string& help);

}  // namespace delta::cli
