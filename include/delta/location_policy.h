// Which storage locations outside its own root a table may make the kernel read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta {

/// What an engine lets a table's log point at. Relative paths that climb out of the table root
/// (`..`, encoded or not) are always refused while the log is read; this policy governs the
/// absolute URIs the protocol allows (files of a shallow clone, 'p' deletion vectors, sidecars
/// given by URI). A service reading tables it does not control narrows it, e.g. so that a
/// table cannot name `file:///etc/passwd`.
struct LocationPolicy {
  /// Absolute locations on the table's own store (same scheme and bucket / account / host as
  /// the table root; for a local table, any local file). On by default, as Delta allows.
  bool allow_same_store = true;
  /// Further locations a table may point at: URI prefixes such as "s3://shared/clones" or local
  /// directories such as "/data/shared". Matched on whole path segments after percent-decoding.
  std::vector<std::string> allowed_prefixes;
};

/// OK when `location` (an absolute URI, as resolved from the log) may be read for the table at
/// `table_root_uri`: it lies inside the root, or the policy allows it. PermissionDenied naming
/// the table and the location otherwise (also for any location with a `..` segment).
Status CheckLocationAllowed(const LocationPolicy& policy, std::string_view table_root_uri,
                            std::string_view location);

}  // namespace delta
