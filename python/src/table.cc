// _Table: a table location, its snapshots and its history.
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>

#include "common.h"
#include "delta/table.h"

namespace delta::python {

namespace {

PySnapshot Wrap(const Table& table, Result<std::shared_ptr<const Snapshot>> loaded) {
  return PySnapshot{ValueOrThrow(std::move(loaded)), table.engine()};
}

SnapshotOptions Options(bool streamed) {
  SnapshotOptions o;
  if (streamed) o.file_list = FileListMode::kStreamed;
  return o;
}

}  // namespace

void RegisterTable(nb::module_& m) {
  nb::class_<Table>(m, "_Table", "A Delta table at a location (see delta_kernel.Table).")
      .def(
          "__init__",
          [](Table* self, const std::string& location, bool same_store,
             const std::vector<std::string>& allowed_locations,
             const std::map<std::string, std::string>& storage_options) {
            std::shared_ptr<Engine> engine = ProcessEngine(storage_options);
            if (!same_store || !allowed_locations.empty()) {
              engine = WithLocationPolicy(std::move(engine),
                                          LocationPolicy{same_store, allowed_locations});
            }
            Result<Table> table =
                WithoutGil([&] { return Table::ForLocation(location, std::move(engine)); });
            new (self) Table(ValueOrThrow(std::move(table)));
          },
          nb::arg("location"), nb::arg("same_store") = true,
          nb::arg("allowed_locations") = std::vector<std::string>(),
          nb::arg("storage_options") = std::map<std::string, std::string>())
      .def_prop_ro("location", [](const Table& t) { return t.location(); })
      .def(
          "latest_snapshot",
          [](const Table& t, bool streamed) {
            return Wrap(t, WithoutGil([&] { return t.LatestSnapshot(Options(streamed)); }));
          },
          nb::arg("streamed") = false)
      .def(
          "snapshot_at_version",
          [](const Table& t, int64_t version, bool streamed) {
            return Wrap(
                t, WithoutGil([&] { return t.SnapshotAtVersion(version, Options(streamed)); }));
          },
          nb::arg("version"), nb::arg("streamed") = false)
      .def(
          "snapshot_at_timestamp",
          [](const Table& t, int64_t timestamp_ms, bool streamed) {
            return Wrap(t, WithoutGil([&] {
                          return t.SnapshotAtTimestamp(timestamp_ms, Options(streamed));
                        }));
          },
          nb::arg("timestamp_ms"), nb::arg("streamed") = false)
      .def(
          "history",
          [](const Table& t, std::optional<int64_t> limit) {
            std::vector<HistoryEntry> entries =
                ValueOrThrow(WithoutGil([&] { return t.History(limit); }));
            // (version, timestamp ms, commitInfo JSON or None), newest first.
            nb::list out;
            for (const HistoryEntry& e : entries) {
              nb::object info =
                  e.commit_info
                      ? nb::object(nb::str(e.commit_info->json.data(), e.commit_info->json.size()))
                      : nb::none();
              out.append(nb::make_tuple(e.version, e.timestamp, info));
            }
            return out;
          },
          nb::arg("limit") = nb::none());
}

}  // namespace delta::python
