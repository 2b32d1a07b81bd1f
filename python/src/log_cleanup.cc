// _cleanup_metadata: CleanupExpiredLogs (delta/log_cleanup.h) for Table.cleanup_metadata().
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <optional>

#include "common.h"
#include "delta/log_cleanup.h"
#include "delta/table.h"

namespace delta::python {

nb::dict LogCleanupToDict(const LogCleanupResult& r) {
  nb::list files;
  for (const std::string& f : r.files_deleted) files.append(f);
  nb::dict out;
  out["files"] = files;
  out["bytes"] = r.bytes;
  out["dry_run"] = r.dry_run;
  out["retention_ms"] = r.retention_ms;
  out["cutoff_ms"] = r.cutoff_ms;
  out["earliest_version"] = r.earliest_version;
  out["skipped"] = r.skipped;
  return out;
}

void RegisterLogCleanup(nb::module_& m) {
  m.def(
      "_cleanup_metadata",
      [](const Table& table, bool dry_run, std::optional<int64_t> now_ms) {
        LogCleanupOptions options;
        options.dry_run = dry_run;
        options.now_ms = now_ms;
        return LogCleanupToDict(
            ValueOrThrow(WithoutGil([&] { return CleanupExpiredLogs(table, options); })));
      },
      nb::arg("table"), nb::arg("dry_run"), nb::arg("now_ms").none() = nb::none());
}

}  // namespace delta::python
