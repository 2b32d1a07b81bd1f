#include "cli_common.h"

#include <iterator>

#include "delta/default_engine.h"
#include "delta/timestamp_text.h"
#include "int_option.h"

namespace delta::cli {
namespace {

struct ExitCodeRow {
  StatusCode code;
  int exit_code;
};

// Stable: scripts branch on these. 1 is left for anything unexpected.
constexpr ExitCodeRow kExitCodes[] = {
    {StatusCode::kInvalidArgument, 2}, {StatusCode::kNotFound, 3},
    {StatusCode::kInvalidTable, 4},    {StatusCode::kUnsupported, 5},
    {StatusCode::kIoError, 6},         {StatusCode::kPermissionDenied, 7},
    {StatusCode::kConflict, 8},        {StatusCode::kCancelled, 9},
    {StatusCode::kInternal, 10},       {StatusCode::kResourceExhausted, 11},
};

// Each error kind has an exit code of its own: a kind added to StatusCode needs a row here.
constexpr bool OneRowPerKind() {
  for (int code = 1; code <= static_cast<int>(kLastStatusCode); ++code) {
    int rows = 0;
    for (const ExitCodeRow& row : kExitCodes) rows += static_cast<int>(row.code) == code ? 1 : 0;
    if (rows != 1) return false;
  }
  return std::size(kExitCodes) == static_cast<size_t>(kLastStatusCode);
}
static_assert(OneRowPerKind(), "every StatusCode but kOk has exactly one exit code");

}  // namespace

void AddTableArgs(CLI::App* cmd, TableArgs* args, bool with_version) {
  cmd->add_option("TABLE", args->location, "Table location: a path or a file:// URI")->required();
  cmd->add_option("--external-locations", args->external_locations,
                  "May the table's log point at absolute locations outside the table: "
                  "'same-store' (default: anywhere on the table's own storage) or 'none'")
      ->check(CLI::IsMember({"same-store", "none"}));
  cmd->add_option("--allow-location", args->allowed_locations,
                  "A further location (directory or URI prefix) the table may point at; "
                  "repeatable")
      ->allow_extra_args(false);
  if (!with_version) return;
  CLI::Option* version = AddIntOption(cmd, "--version", &args->version, 0, kMaxInt64,
                                      "Read the table as of this version");
  CLI::Option* timestamp = cmd->add_option_function<std::string>(
      "--timestamp", [args](const std::string& t) { args->timestamp = t; },
      "Read the table as of this time: 2024-01-02T03:04:05Z, '2024-01-02 03:04:05', with an "
      "optional fraction and offset (+01:00), or a date 2024-01-02 (midnight UTC)");
  version->excludes(timestamp);
  timestamp->excludes(version);
}

Result<Table> OpenTable(const TableArgs& args) {
  if (args.location.empty()) return Status::InvalidArgument("TABLE must not be empty");
  DefaultEngineOptions options;
  options.location_policy.allow_same_store = args.external_locations != "none";
  options.location_policy.allowed_prefixes = args.allowed_locations;
  options.storage_options = GlobalStorageOptions();
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<Engine> engine, MakeDefaultEngine(options));
  return Table::ForLocation(args.location, std::move(engine));
}

Result<std::shared_ptr<const Snapshot>> LoadSnapshot(const TableArgs& args,
                                                     const SnapshotOptions& options) {
  // Validate the selector before touching storage, so a typo fails fast and the same way.
  std::optional<int64_t> timestamp_ms;
  if (args.timestamp) {
    DELTA_ASSIGN_OR_RETURN(timestamp_ms, ParseTimestampMillis(*args.timestamp));
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(args));
  if (args.version) return table.SnapshotAtVersion(*args.version, options);
  if (timestamp_ms) return table.SnapshotAtTimestamp(*timestamp_ms, options);
  return table.LatestSnapshot(options);
}

int ExitCode(StatusCode code) {
  if (code == StatusCode::kOk) return 0;
  for (const ExitCodeRow& row : kExitCodes) {
    if (row.code == code) return row.exit_code;
  }
  return 1;
}

std::string ExitCodeHelp() {
  std::string out =
      "Errors are printed to stderr as \"error: <Kind>: <message>\".\nExit codes:\n  0  success\n"
      "  1  any other failure\n";
  for (const ExitCodeRow& row : kExitCodes) {
    out += "  " + std::to_string(row.exit_code) + (row.exit_code < 10 ? "  " : " ");
    out += StatusCodeName(row.code);
    out += '\n';
  }
  return out;
}

}  // namespace delta::cli
