// What every delta-kernel command shares: the TABLE argument, choosing a version, exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/table.h"

namespace delta::cli {

/// A parsed command, run after the whole command line has been accepted.
using Action = std::function<Status()>;

/// The table a command reads and, optionally, which version of it.
struct TableArgs {
  std::string location;                  ///< path or URI as given
  std::optional<int64_t> version;        ///< --version N
  std::optional<std::string> timestamp;  ///< --timestamp T, parsed when the command runs
  /// --external-locations: may the log point outside the table on its own store?
  std::string external_locations = "same-store";
  std::vector<std::string> allowed_locations;  ///< --allow-location PREFIX (repeatable)
};

/// Adds TABLE, the location policy options and, when `with_version` is set, the mutually exclusive
/// --version/--timestamp.
void AddTableArgs(CLI::App* cmd, TableArgs* args, bool with_version);

/// The storage options given with the global --option KEY=VALUE (object stores).
std::map<std::string, std::string>& GlobalStorageOptions();

/// Adds the program's own options (--option) to `app`.
void AddGlobalOptions(CLI::App& app);

/// Opens `args.location` with the default engine and the global storage options.
Result<Table> OpenTable(const TableArgs& args);

/// The snapshot `args` selects: at --version, at --timestamp, or the latest.
Result<std::shared_ptr<const Snapshot>> LoadSnapshot(const TableArgs& args,
                                                     const SnapshotOptions& options = {});

/// The process exit code for an error kind; 0 for OK.
int ExitCode(StatusCode code);

/// A table of exit codes for --help.
std::string ExitCodeHelp();

}  // namespace delta::cli
