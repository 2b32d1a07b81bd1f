// `delta-kernel files`: the live files of a table at one version.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "output.h"

namespace delta::cli {
namespace {

struct FilesOptions {
  TableArgs table;
  bool json = false;
};

std::string PartitionText(const AddFile& f) {
  std::string out;
  for (const PartitionValue& pv : f.partition_values) {
    if (!out.empty()) out += ", ";
    out.append(pv.column).push_back('=');
    out.append(pv.value ? *pv.value : "null");
  }
  return out;
}

Status RunFiles(const FilesOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snap, LoadSnapshot(opts.table));
  // Sorted by path (then DV) so the output is stable across runs and implementations.
  std::vector<const AddFile*> files;
  files.reserve(snap->files().size());
  for (const AddFile& f : snap->files()) files.push_back(&f);
  const auto dv_id = [](const AddFile* f) {
    return f->deletion_vector ? f->deletion_vector->UniqueId() : std::string();
  };
  std::sort(files.begin(), files.end(), [&](const AddFile* a, const AddFile* b) {
    if (a->path != b->path) return a->path < b->path;
    return dv_id(a) < dv_id(b);
  });

  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w;
    for (const AddFile* f : files) {
      WriteAddFileJson(w, *f);
      out.Append(w.Take());
      out.Append("\n");
      DELTA_RETURN_NOT_OK(out.MaybeFlush());
    }
    return out.Flush();
  }

  bool any_partitions = !snap->partition_columns().empty();
  TextTable table({"PATH", "SIZE", "RECORDS", "DELETED", "PARTITION VALUES"},
                  {false, true, true, true, false});
  int64_t records = 0;
  int64_t deleted = 0;
  bool all_records_known = true;
  for (const AddFile* f : files) {
    std::optional<int64_t> n = f->NumRecords();
    if (n) {
      records += *n;
    } else {
      all_records_known = false;
    }
    const int64_t dv = f->deletion_vector ? f->deletion_vector->cardinality : 0;
    deleted += dv;
    table.AddRow({std::string(f->path), std::to_string(f->size), n ? std::to_string(*n) : "-",
                  f->deletion_vector ? std::to_string(dv) : "-",
                  any_partitions ? PartitionText(*f) : ""});
  }
  table.Render(&out.buffer());
  std::string summary =
      std::to_string(files.size()) + (files.size() == 1 ? " file, " : " files, ") +
      FormatBytes(snap->total_bytes()) + " (" + std::to_string(snap->total_bytes()) + " bytes)";
  if (all_records_known && !files.empty()) {
    summary += ", " + std::to_string(records - deleted) + " live records";
  }
  out.Append(summary + "\n");
  return out.Flush();
}

}  // namespace

void AddFilesCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<FilesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "files", "Live files with size, record count, deleted rows and partition values");
  AddTableArgs(cmd, &opts->table, /*with_version=*/true);
  cmd->add_flag("--json", opts->json,
                "Print JSON lines, one object per file, with the add action's field names "
                "(plus numRecords from the stats)");
  cmd->callback([opts, action] { *action = [opts] { return RunFiles(*opts); }; });
}

}  // namespace delta::cli
