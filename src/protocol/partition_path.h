// Hive-style partition folders as Delta writers lay them out: "col=value/" per partition
// column, special characters escaped, null as __HIVE_DEFAULT_PARTITION__.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace delta {

/// The folder name of a null partition value.
inline constexpr std::string_view kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

/// `s` with each character Hive escapes in path names (control characters, '"', '#', '%',
/// '\'', '*', '/', ':', '=', '?', '\\', DEL, '{', '[', ']', '^') written as %XX (upper-case
/// hex). Spaces and non-ASCII bytes are kept.
std::string EscapePartitionPathPart(std::string_view s);

/// "a=1/b=x%3Dy/" for the (column, value) pairs in order; a null value is the default
/// partition. The result is a decoded path; its URI form is PercentEncodePath of it.
std::string PartitionFolder(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values);

}  // namespace delta
