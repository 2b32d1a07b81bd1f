// delta-kernel: a command-line window onto Delta tables, built on the public C++ API.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "cli_common.h"
#include "commands.h"

namespace {

int Fail(const delta::Status& st) {
  std::fprintf(stderr, "error: %s: %s\n", std::string(delta::StatusCodeName(st.code())).c_str(),
               st.message().c_str());
  return delta::cli::ExitCode(st.code());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Inspect and write Delta Lake tables.", "delta-kernel"};
  app.footer("\n" + delta::cli::ExitCodeHelp());
  app.require_subcommand(1);
  // Before any subcommand; `info T --version N` is the subcommand's own option.
  app.set_version_flag("--version", "delta-kernel " DELTA_KERNEL_VERSION,
                       "Print the program's version and exit");

  delta::cli::AddGlobalOptions(app);
  delta::cli::Action action;
  delta::cli::AddInfoCommand(app, &action);
  delta::cli::AddFilesCommand(app, &action);
  delta::cli::AddHistoryCommand(app, &action);
  delta::cli::AddScanCommand(app, &action);
  delta::cli::AddChangesCommand(app, &action);
  delta::cli::AddCreateCommand(app, &action);
  delta::cli::AddAppendCommand(app, &action);
  delta::cli::AddOverwriteCommand(app, &action);
  delta::cli::AddDeleteCommand(app, &action);
  delta::cli::AddUpdateCommand(app, &action);
  delta::cli::AddMergeCommand(app, &action);
  delta::cli::AddOptimizeCommand(app, &action);
  delta::cli::AddVacuumCommand(app, &action);
  delta::cli::AddRestoreCommand(app, &action);
  delta::cli::AddCheckpointCommand(app, &action);
  delta::cli::AddCleanupLogCommand(app, &action);
  delta::cli::AddCompactLogCommand(app, &action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return Fail(delta::Status::InvalidArgument(e.what()));
  }

  try {
    delta::Status st = action ? action() : delta::Status::InvalidArgument("no command given");
    return st.ok() ? 0 : Fail(st);
  } catch (const std::bad_alloc&) {
    // The tool's own allocations (the library reports its own as ResourceExhausted).
    return Fail(delta::Status::ResourceExhausted("out of memory"));
  } catch (const std::exception& e) {
    // The library never throws; this is the tool's own last line of defence.
    return Fail(delta::Status::Internal(e.what()));
  }
}
