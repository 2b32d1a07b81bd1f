// `delta-kernel checkpoint`: writes a checkpoint of the table and prints what it wrote.
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "delta/checkpoint.h"
#include "delta/json_writer.h"
#include "int_option.h"
#include "output.h"

namespace delta::cli {
namespace {

struct CheckpointCommandOptions {
  TableArgs table;
  std::optional<int64_t> part_size;
  bool json_manifest = false;
  bool json = false;
};

Status RunCheckpoint(const CheckpointCommandOptions& opts) {
  // Streamed: the previous checkpoint's files are read batch by batch, never all held.
  SnapshotOptions streamed;
  streamed.file_list = FileListMode::kStreamed;
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot,
                         LoadSnapshot(opts.table, streamed));
  CheckpointOptions options;
  options.part_size = opts.part_size;
  options.v2_json_manifest = opts.json_manifest;
  DELTA_ASSIGN_OR_RETURN(CheckpointResult r, WriteCheckpoint(*snapshot, options));
  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("version").Int(r.version);
    w.Key("kind").String(CheckpointKindName(r.kind));
    w.Key("numOfAddFiles").Int(r.num_of_add_files);
    w.Key("numOfTombstones").Int(r.num_of_tombstones);
    w.Key("actions").Int(r.actions);
    w.Key("sizeInBytes").Int(r.size_in_bytes);
    w.Key("sidecarsReused").Int(r.sidecars_reused);
    if (r.parts > 1) w.Key("parts").Int(r.parts);
    w.Key("lastCheckpointUpdated").Bool(r.last_checkpoint_updated);
    w.Key("files").BeginArray();
    for (const CheckpointFileWritten& f : r.files) {
      w.BeginObject();
      w.Key("location").String(f.location);
      w.Key("sizeInBytes").Int(f.size_in_bytes);
      w.Key("actions").Int(f.actions);
      w.EndObject();
    }
    w.EndArray();
    w.Key("warnings").BeginArray();
    for (const std::string& warning : r.warnings) w.String(warning);
    w.EndArray();
    if (r.log_cleanup) {
      w.Key("logCleanup").BeginObject();
      w.Key("numFiles").Int(static_cast<int64_t>(r.log_cleanup->files_deleted.size()));
      w.Key("bytes").Int(r.log_cleanup->bytes);
      if (r.log_cleanup->earliest_version) {
        w.Key("earliestVersion").Int(*r.log_cleanup->earliest_version);
      }
      w.EndObject();
    }
    w.EndObject();
    out.Append(w.Take());
    out.Append("\n");
    return out.Flush();
  }
  out.Append("checkpoint of version " + std::to_string(r.version) + " (" +
             CheckpointKindName(r.kind) + "): " + std::to_string(r.actions) + " actions, " +
             std::to_string(r.num_of_add_files) + " files, " + std::to_string(r.num_of_tombstones) +
             " tombstones, " + std::to_string(r.size_in_bytes) + " bytes\n");
  for (const CheckpointFileWritten& f : r.files) {
    out.Append("  " + f.location + "  " + std::to_string(f.size_in_bytes) + " bytes, " +
               std::to_string(f.actions) + " actions\n");
  }
  if (r.log_cleanup && !r.log_cleanup->files_deleted.empty()) {
    out.Append("log cleanup: deleted " + std::to_string(r.log_cleanup->files_deleted.size()) +
               " expired log files (" + std::to_string(r.log_cleanup->bytes) + " bytes)\n");
  }
  for (const std::string& warning : r.warnings) out.Append("warning: " + warning + "\n");
  return out.Flush();
}

}  // namespace

void AddCheckpointCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<CheckpointCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "checkpoint",
      "Write a checkpoint of the table's latest version (or --version N / --timestamp T): classic, "
      "or v2 with "
      "sidecars when the table has the v2Checkpoint feature; then _last_checkpoint, and the "
      "expired log cleanup unless delta.enableExpiredLogCleanup=false");
  AddTableArgs(cmd, &opts->table, /*with_version=*/true);
  AddIntOption(cmd, "--part-size", &opts->part_size, 1, kMaxInt64,
               "Classic checkpoints: at most N actions per file (a multi-part checkpoint)");
  cmd->add_flag(
      "--json-manifest", opts->json_manifest,
      "V2 checkpoints: write the top-level checkpoint as JSON (<v>.checkpoint.<uuid>.json)");
  cmd->add_flag("--json", opts->json, "Print what was written as one JSON object");
  cmd->callback([opts, action] { *action = [opts] { return RunCheckpoint(*opts); }; });
}

}  // namespace delta::cli
