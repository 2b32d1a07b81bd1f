// _Snapshot: one version of a table (protocol, metadata, schema, files) and scans of it.
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/expression.h"
#include "delta/scan.h"

namespace delta::python {

namespace {

nb::object OptionalString(std::string_view s, bool present) {
  return present ? nb::object(nb::str(s.data(), s.size())) : nb::object(nb::none());
}

template <typename T>
nb::object OptionalValue(const std::optional<T>& v) {
  return v ? nb::cast(*v) : nb::none();
}

nb::dict ProtocolDict(const Protocol& p) {
  nb::dict d;
  d["min_reader_version"] = p.min_reader_version;
  d["min_writer_version"] = p.min_writer_version;
  d["reader_features"] = OptionalValue(p.reader_features);
  d["writer_features"] = OptionalValue(p.writer_features);
  return d;
}

nb::dict MetadataDict(const Metadata& md) {
  nb::dict d;
  d["id"] = md.id;
  d["name"] = OptionalValue(md.name);
  d["description"] = OptionalValue(md.description);
  d["format_provider"] = md.format_provider;
  d["format_options"] = md.format_options;
  d["schema_string"] = md.schema_string;
  d["partition_columns"] = md.partition_columns;
  d["configuration"] = md.configuration;
  d["created_time"] = OptionalValue(md.created_time);
  return d;
}

/// The live files as columns (lists of equal length), for pyarrow.table().
nb::dict FilesColumns(const Snapshot& snap) {
  nb::list path, location, size, modification_time, data_change, num_records, deleted_rows,
      partition_values, stats;
  for (const AddFile& f : snap.files()) {
    path.append(nb::str(f.path.data(), f.path.size()));
    std::string resolved = snap.ResolvePath(f.path);
    location.append(nb::str(resolved.data(), resolved.size()));
    size.append(f.size);
    modification_time.append(f.modification_time);
    data_change.append(f.data_change);
    num_records.append(OptionalValue(f.NumRecords()));
    deleted_rows.append(f.deletion_vector ? nb::object(nb::int_(f.deletion_vector->cardinality))
                                          : nb::object(nb::int_(0)));
    nb::list pv;  // (key, value) pairs: a pyarrow map
    for (const PartitionValue& v : f.partition_values) {
      pv.append(nb::make_tuple(nb::str(v.column.data(), v.column.size()),
                               OptionalString(v.value.value_or(""), v.value.has_value())));
    }
    partition_values.append(pv);
    stats.append(OptionalString(f.stats, !f.stats.empty()));
  }
  nb::dict d;
  d["path"] = path;
  d["location"] = location;
  d["size"] = size;
  d["modification_time"] = modification_time;
  d["data_change"] = data_change;
  d["num_records"] = num_records;
  d["deleted_rows"] = deleted_rows;
  d["partition_values"] = partition_values;
  d["stats"] = stats;
  return d;
}

ScanOptions MakeScanOptions(std::optional<std::vector<std::string>> columns,
                            std::optional<std::string> filter, std::optional<int64_t> limit,
                            bool skipping, std::vector<std::string> metadata_columns) {
  ScanOptions opts;
  opts.columns = std::move(columns);
  if (filter) opts.filter = ValueOrThrow(ParseExpression(*filter));
  if (limit && *limit < 0) {
    throw StatusError(Status::InvalidArgument("limit must be >= 0, got " + std::to_string(*limit)));
  }
  opts.limit = limit;
  opts.partition_pruning = skipping;
  opts.data_skipping = skipping;
  for (const std::string& name : metadata_columns) {
    std::optional<MetadataColumn> column = MetadataColumnFromName(name);
    if (!column) {
      throw StatusError(Status::InvalidArgument(
          "unknown metadata column '" + name +
          "' (expected _file_path, _row_index, _row_id or _row_commit_version)"));
    }
    opts.metadata_columns.push_back(*column);
  }
  return opts;
}

}  // namespace

void RegisterSnapshot(nb::module_& m) {
  nb::class_<PySnapshot>(m, "_Snapshot", "One version of a table (see delta_kernel.Snapshot).")
      .def_prop_ro("version", [](const PySnapshot& s) { return s.snapshot->version(); })
      .def_prop_ro("timestamp_ms", [](const PySnapshot& s) { return s.snapshot->timestamp(); })
      .def_prop_ro("table_location",
                   [](const PySnapshot& s) { return s.snapshot->table_location(); })
      .def_prop_ro("checkpoint_version",
                   [](const PySnapshot& s) { return s.snapshot->checkpoint_version(); })
      .def_prop_ro("warnings", [](const PySnapshot& s) { return s.snapshot->warnings(); })
      .def_prop_ro("partition_columns",
                   [](const PySnapshot& s) { return s.snapshot->partition_columns(); })
      .def_prop_ro("properties", [](const PySnapshot& s) { return s.snapshot->properties(); })
      .def_prop_ro("has_file_list", [](const PySnapshot& s) { return s.snapshot->has_file_list(); })
      .def_prop_ro("total_bytes", [](const PySnapshot& s) { return s.snapshot->total_bytes(); })
      .def_prop_ro("num_files",
                   [](const PySnapshot& s) { return int64_t(s.snapshot->files().size()); })
      .def("protocol", [](const PySnapshot& s) { return ProtocolDict(s.snapshot->protocol()); })
      .def("metadata", [](const PySnapshot& s) { return MetadataDict(s.snapshot->metadata()); })
      .def("schema_json", [](const PySnapshot& s) { return s.snapshot->schema()->ToJson(); })
      .def("set_transactions",
           [](const PySnapshot& s) {
             nb::dict d;
             for (const auto& [app, txn] : s.snapshot->set_transactions())
               d[app.c_str()] = txn.version;
             return d;
           })
      .def("arrow_schema",
           [](const PySnapshot& s) {
             // The schema of a scan of every column: the Arrow types scans produce.
             std::shared_ptr<const Scan> scan = ValueOrThrow(Scan::Make(s.snapshot, {}));
             return SchemaCapsule(ValueOrThrow(scan->OutputArrowSchema()));
           })
      .def("files", [](const PySnapshot& s) { return FilesColumns(*s.snapshot); })
      .def(
          "refresh",
          [](const PySnapshot& s, std::optional<int64_t> version) {
            return PySnapshot{
                ValueOrThrow(WithoutGil([&] { return s.snapshot->Refresh(version); })), s.engine};
          },
          nb::arg("version") = nb::none())
      .def(
          "scan",
          [](const PySnapshot& s, std::optional<std::vector<std::string>> columns,
             std::optional<std::string> filter, std::optional<int64_t> limit, bool skipping,
             std::vector<std::string> metadata_columns) {
            ScanOptions opts = MakeScanOptions(std::move(columns), std::move(filter), limit,
                                               skipping, std::move(metadata_columns));
            return PyScan{ValueOrThrow(Scan::Make(s.snapshot, std::move(opts))), s.engine};
          },
          nb::arg("columns") = nb::none(), nb::arg("filter") = nb::none(),
          nb::arg("limit") = nb::none(), nb::arg("skipping") = true,
          nb::arg("metadata_columns") = std::vector<std::string>{});
}

}  // namespace delta::python
