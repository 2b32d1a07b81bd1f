// `delta-kernel create`, `append` and `overwrite`: write tables from the command line.
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "delta/scan.h"
#include "delta/write_table.h"
#include "input_files.h"
#include "output.h"

namespace delta::cli {
namespace {

struct CreateOptions {
  TableArgs table;
  std::string schema;
  std::vector<std::string> partition_by;
  std::vector<std::string> properties;
  std::string mode = "error";
  std::optional<std::string> name;
  std::optional<std::string> description;
  bool json = false;
};

struct DataOptions {
  TableArgs table;
  std::vector<std::string> files;
  std::vector<std::string> partition_by;
  std::vector<std::string> properties;
  std::string schema_mode = "strict";
  std::string format = "auto";
  std::string where;
  bool json = false;
};

// "k=v" options as a map; InvalidArgument naming the malformed one.
Result<std::map<std::string, std::string>> ParseProperties(const std::vector<std::string>& items) {
  std::map<std::string, std::string> out;
  for (const std::string& item : items) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument("--property must be KEY=VALUE, got '" + item + "'");
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

// --schema: JSON text when it starts with '{', else a file holding it.
Result<std::shared_ptr<const StructType>> LoadSchema(const std::string& arg) {
  std::string text = arg;
  std::string source = "--schema";
  size_t first = arg.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || arg[first] != '{') {
    std::ifstream in(arg, std::ios::binary);
    if (!in) return Status::NotFound("--schema: cannot read file '" + arg + "'");
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
    source = "--schema file '" + arg + "'";
  }
  Result<std::shared_ptr<const StructType>> schema = ParseSchema(text);
  if (!schema.ok()) return Status::InvalidArgument(source + ": " + schema.status().message());
  return schema;
}

// What every write prints: the version committed (or why nothing was).
Status PrintResult(const Table& table, const CommitResult& r, const char* skipped, bool json) {
  StdoutBuffer out;
  if (json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("table").String(table.location());
    w.Key("version").Int(r.version);
    w.Key("committed").Bool(r.committed);
    w.Key("attempts").Int(r.attempts);
    w.Key("rebasedOver").BeginArray();
    for (int64_t v : r.rebased_over) w.Int(v);
    w.EndArray();
    if (r.committed) w.Key("timestamp").Int(r.timestamp);
    w.EndObject();
    out.Append(w.Take());
    out.Append("\n");
  } else if (r.committed) {
    out.Append("committed version " + std::to_string(r.version) + "\n");
  } else {
    out.Append(std::string("nothing committed: ") + skipped + " (version " +
               std::to_string(r.version) + ")\n");
  }
  return out.Flush();
}

Status RunCreate(const CreateOptions& opts) {
  CreateTableOptions create;
  create.mode = opts.mode == "ignore"    ? CreateMode::kIgnore
                : opts.mode == "replace" ? CreateMode::kReplace
                                         : CreateMode::kErrorIfExists;
  create.partition_columns = opts.partition_by;
  DELTA_ASSIGN_OR_RETURN(create.properties, ParseProperties(opts.properties));
  create.name = opts.name;
  create.description = opts.description;
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const StructType> schema, LoadSchema(opts.schema));
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  DELTA_ASSIGN_OR_RETURN(CommitResult r,
                         CreateTable(table.location(), table.engine(), *schema, create));
  return PrintResult(table, r, "the table exists", opts.json);
}

// The existing table's columns as Arrow types, which CSV values are parsed as; none when the
// table does not exist yet (the CSV reader infers types then).
Result<ArrowSchemaHandle> TableArrowSchema(const Table& table) {
  Result<std::shared_ptr<const Snapshot>> snapshot = table.LatestSnapshot();
  if (!snapshot.ok()) {
    if (snapshot.status().code() == StatusCode::kNotFound) return ArrowSchemaHandle();
    return snapshot.status();
  }
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, Scan::Make(*snapshot, ScanOptions{}));
  return scan->OutputArrowSchema();
}

Status RunWrite(const DataOptions& opts, SaveMode mode) {
  WriteOptions write;
  write.mode = mode;
  write.partition_by = opts.partition_by;
  write.predicate = opts.where;
  write.schema_mode = opts.schema_mode == "merge"       ? SchemaMode::kMerge
                      : opts.schema_mode == "overwrite" ? SchemaMode::kOverwrite
                                                        : SchemaMode::kStrict;
  DELTA_ASSIGN_OR_RETURN(write.properties, ParseProperties(opts.properties));
  // A predicate that does not parse fails before any file is read.
  if (!opts.where.empty()) DELTA_RETURN_NOT_OK(ParseExpression(opts.where).status());
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  InputFormat format = opts.format == "csv"       ? InputFormat::kCsv
                       : opts.format == "parquet" ? InputFormat::kParquet
                                                  : InputFormat::kAuto;
  ArrowSchemaHandle types;
  if (format != InputFormat::kParquet) {
    DELTA_ASSIGN_OR_RETURN(types, TableArrowSchema(table));
  }
  DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle data,
                         OpenInputFiles(opts.files, format, std::move(types)));
  DELTA_ASSIGN_OR_RETURN(CommitResult r,
                         WriteTable(table.location(), table.engine(), data.get(), write));
  return PrintResult(table, r, "nothing to write", opts.json);
}

// The options append and overwrite share.
CLI::App* AddDataCommand(CLI::App& app, const std::string& name, const std::string& help,
                         DataOptions* opts, const std::vector<std::string>& schema_modes) {
  CLI::App* cmd = app.add_subcommand(name, help);
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_option("FILES", opts->files,
                  "Parquet or CSV files to write (CSV: a header line; an empty field is null)")
      ->required();
  cmd->add_option("--partition-by", opts->partition_by,
                  "Partition column of a table this command creates (repeatable); for an "
                  "existing table, its partition columns")
      ->allow_extra_args(false);
  cmd->add_option("--property", opts->properties,
                  "KEY=VALUE table property of a table this command creates (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--schema-mode", opts->schema_mode,
                  "When the files' columns differ from the table's: 'strict' (default: an "
                  "error naming the column) or 'merge' (add new columns, widen types)" +
                      std::string(schema_modes.size() > 2 ? " or 'overwrite' (replace the "
                                                            "schema)"
                                                          : ""))
      ->check(CLI::IsMember(schema_modes));
  cmd->add_option("--format", opts->format,
                  "Input format: 'auto' (default: .csv files are CSV, others Parquet), "
                  "'parquet' or 'csv'")
      ->check(CLI::IsMember({"auto", "parquet", "csv"}));
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, committed, attempts, rebasedOver, "
                "timestamp");
  return cmd;
}

}  // namespace

void AddCreateCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<CreateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "create", "Create a table: schema, partition columns and properties; prints its version");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_option("--schema", opts->schema,
                  "The schema in the protocol's JSON form ({\"type\":\"struct\",\"fields\":"
                  "[...]}), as text or the path of a file holding it")
      ->required();
  cmd->add_option("--partition-by", opts->partition_by, "Partition column (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--property", opts->properties,
                  "KEY=VALUE table property (repeatable), e.g. delta.enableDeletionVectors=true "
                  "or delta.feature.<name>=supported")
      ->allow_extra_args(false);
  cmd->add_option("--mode", opts->mode,
                  "When a table exists: 'error' (default), 'ignore' (leave it) or 'replace' "
                  "(new definition, every file removed)")
      ->check(CLI::IsMember({"error", "ignore", "replace"}));
  cmd->add_option_function<std::string>(
      "--name", [opts](const std::string& v) { opts->name = v; }, "metaData.name");
  cmd->add_option_function<std::string>(
      "--description", [opts](const std::string& v) { opts->description = v; },
      "metaData.description");
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, committed, attempts, rebasedOver, "
                "timestamp");
  cmd->callback([opts, action] { *action = [opts] { return RunCreate(*opts); }; });
}

void AddAppendCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<DataOptions>();
  CLI::App* cmd = AddDataCommand(
      app, "append",
      "Append the rows of Parquet or CSV files (creating the table when missing); prints the "
      "version committed",
      opts.get(), {"strict", "merge"});
  cmd->callback(
      [opts, action] { *action = [opts] { return RunWrite(*opts, SaveMode::kAppend); }; });
}

void AddOverwriteCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<DataOptions>();
  CLI::App* cmd = AddDataCommand(
      app, "overwrite",
      "Replace every row, or with --where the rows matching it, by the rows of Parquet or CSV "
      "files; prints the version committed",
      opts.get(), {"strict", "merge", "overwrite"});
  cmd->add_option("--where", opts->where,
                  "Replace only the rows matching this predicate (as scan --where)");
  cmd->callback(
      [opts, action] { *action = [opts] { return RunWrite(*opts, SaveMode::kOverwrite); }; });
}

}  // namespace delta::cli
