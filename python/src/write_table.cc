// _write_table and _create_table: the table operations of include/delta/write_table.h (see
// delta_kernel.write_table and delta_kernel.Table.create).
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/schema_from_arrow.h"
#include "delta/table.h"
#include "delta/write_table.h"

namespace delta::python {

namespace {

// The Python package validates the names; these are the native module's last line.
SaveMode ParseSaveMode(const std::string& mode) {
  if (mode == "error") return SaveMode::kErrorIfExists;
  if (mode == "append") return SaveMode::kAppend;
  if (mode == "overwrite") return SaveMode::kOverwrite;
  if (mode == "ignore") return SaveMode::kIgnore;
  throw StatusError(Status::InvalidArgument(
      "mode must be 'error', 'append', 'overwrite' or 'ignore', got '" + mode + "'"));
}

SchemaMode ParseSchemaMode(const std::optional<std::string>& mode) {
  if (!mode) return SchemaMode::kStrict;
  if (*mode == "merge") return SchemaMode::kMerge;
  if (*mode == "overwrite") return SchemaMode::kOverwrite;
  throw StatusError(Status::InvalidArgument(
      "schema_mode must be None, 'merge' or 'overwrite', got '" + *mode + "'"));
}

CreateMode ParseCreateMode(const std::string& mode) {
  if (mode == "error") return CreateMode::kErrorIfExists;
  if (mode == "ignore") return CreateMode::kIgnore;
  if (mode == "replace") return CreateMode::kReplace;
  throw StatusError(
      Status::InvalidArgument("mode must be 'error', 'ignore' or 'replace', got '" + mode + "'"));
}

TransactionOptions CommitOptions(int max_attempts, std::optional<std::string> engine_info) {
  TransactionOptions o;
  o.max_attempts = max_attempts;
  if (engine_info) o.engine_info = std::move(*engine_info);
  return o;
}

}  // namespace

void RegisterWriteTable(nb::module_& m) {
  m.def(
      "_write_table",
      [](const Table& table, nb::handle data, const std::string& mode,
         std::vector<std::string> partition_by, std::optional<std::string> predicate,
         std::optional<std::string> schema_mode, std::map<std::string, std::string> properties,
         std::optional<std::string> name, std::optional<std::string> description,
         std::optional<std::string> app_id, std::optional<int64_t> app_version,
         std::optional<int64_t> target_file_size, std::optional<int64_t> row_group_rows,
         std::optional<std::string> compression, int max_attempts,
         std::optional<std::string> engine_info) {
        WriteOptions o;
        o.mode = ParseSaveMode(mode);
        o.partition_by = std::move(partition_by);
        if (predicate) o.predicate = std::move(*predicate);
        o.schema_mode = ParseSchemaMode(schema_mode);
        o.properties = std::move(properties);
        o.name = std::move(name);
        o.description = std::move(description);
        if (app_id) o.app_transaction = AppTransaction{std::move(*app_id), app_version.value_or(0)};
        o.target_file_size = target_file_size;
        o.row_group_rows = row_group_rows;
        o.compression = std::move(compression);
        o.transaction = CommitOptions(max_attempts, std::move(engine_info));
        // Taken last: the stream is released if anything above raised.
        ArrowStreamHandle stream = StreamFromCapsule(data, "data");
        return CommitResultDict(ValueOrThrow(WithoutGil(
            [&] { return WriteTable(table.location(), table.engine(), stream.get(), o); })));
      },
      nb::arg("table"), nb::arg("data"), nb::arg("mode"), nb::arg("partition_by"),
      nb::arg("predicate").none(), nb::arg("schema_mode").none(), nb::arg("properties"),
      nb::arg("name").none(), nb::arg("description").none(), nb::arg("app_id").none(),
      nb::arg("app_version").none(), nb::arg("target_file_size").none(),
      nb::arg("row_group_rows").none(), nb::arg("compression").none(), nb::arg("max_attempts") = 20,
      nb::arg("engine_info") = nb::none());

  m.def(
      "_create_table",
      [](const Table& table, std::optional<std::string> schema_json, nb::handle schema_capsule,
         const std::string& mode, std::vector<std::string> partition_by,
         std::map<std::string, std::string> properties, std::optional<std::string> name,
         std::optional<std::string> description, int max_attempts,
         std::optional<std::string> engine_info) {
        CreateTableOptions o;
        o.mode = ParseCreateMode(mode);
        o.partition_columns = std::move(partition_by);
        o.properties = std::move(properties);
        o.name = std::move(name);
        o.description = std::move(description);
        o.transaction = CommitOptions(max_attempts, std::move(engine_info));
        // The Delta schema as JSON text, else an Arrow schema capsule.
        std::shared_ptr<const StructType> schema;
        if (schema_json) {
          schema = ValueOrThrow(ParseSchema(*schema_json));
        } else {
          ArrowSchemaHandle arrow = SchemaFromCapsule(schema_capsule, "schema");
          schema = ValueOrThrow(SchemaFromArrow(*arrow.get()));
        }
        return CommitResultDict(ValueOrThrow(
            WithoutGil([&] { return CreateTable(table.location(), table.engine(), *schema, o); })));
      },
      nb::arg("table"), nb::arg("schema_json").none(), nb::arg("schema_capsule").none(),
      nb::arg("mode"), nb::arg("partition_by"), nb::arg("properties"), nb::arg("name").none(),
      nb::arg("description").none(), nb::arg("max_attempts") = 20,
      nb::arg("engine_info") = nb::none());
}

}  // namespace delta::python
