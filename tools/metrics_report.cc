#include "metrics_report.h"

#include <string>

#include "delta/json_writer.h"
#include "output.h"

namespace delta::cli {

Status PrintMetricsReport(bool json, std::string_view table, int64_t version,
                          std::optional<bool> committed,
                          std::initializer_list<ReportMetric> metrics, std::string_view text) {
  StdoutBuffer out;
  if (json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("table").String(table);
    w.Key("version").Int(version);
    if (committed) w.Key("committed").Bool(*committed);
    for (const ReportMetric& m : metrics) w.Key(m.key).Int(m.value);
    w.EndObject();
    out.Append(w.Take());
  } else {
    out.Append(text);
  }
  out.Append("\n");
  return out.Flush();
}

}  // namespace delta::cli
