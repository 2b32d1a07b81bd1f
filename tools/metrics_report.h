// What the commands that change a table print: one JSON object of the commit and the
// operation's metrics (--json), or one line of text.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "delta/status.h"

namespace delta::cli {

/// One metric: its JSON key (Delta's operationMetrics name) and value.
struct ReportMetric {
  std::string_view key;
  int64_t value;
};

/// With `json`: {"table", "version", "committed" (when given), then the metrics in order}, on
/// one line of stdout. Otherwise `text` and a newline.
Status PrintMetricsReport(bool json, std::string_view table, int64_t version,
                          std::optional<bool> committed,
                          std::initializer_list<ReportMetric> metrics, std::string_view text);

}  // namespace delta::cli
