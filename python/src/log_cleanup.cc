// _cleanup_metadata and _compact_log: CleanupExpiredLogs (delta/log_cleanup.h) and
// WriteLogCompaction (delta/log_compaction.h) for Table.cleanup_metadata() and
// Table.compact_log().
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <optional>

#include "common.h"
#include "delta/log_cleanup.h"
#include "delta/log_compaction.h"
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
  m.def(
      "_compact_log",
      [](const Table& table, int64_t start_version, int64_t end_version) {
        LogCompactionResult r = ValueOrThrow(
            WithoutGil([&] { return WriteLogCompaction(table, start_version, end_version); }));
        nb::dict out;
        out["start_version"] = r.start_version;
        out["end_version"] = r.end_version;
        out["location"] = r.location;
        out["size_in_bytes"] = r.size_in_bytes;
        out["actions"] = r.actions;
        return out;
      },
      nb::arg("table"), nb::arg("start_version"), nb::arg("end_version"));
}

}  // namespace delta::python
