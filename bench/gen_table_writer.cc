#include "gen_table_writer.h"

#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

#include "gen_actions_json.h"
#include "gen_data_file.h"
#include "gen_io.h"
#include "gen_model.h"
#include "gen_time.h"
#include "gen_values.h"
#include "util/parallel.h"
#include "util/thread_pool.h"

namespace delta::gen {
namespace {

namespace fs = std::filesystem;

Status PrepareOutput(const std::string& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    if (!force) {
      return Status::InvalidArgument("output directory " + dir +
                                     " is not empty (use --force to replace a Delta table)");
    }
    // Only ever delete something that looks like a Delta table.
    if (!fs::is_directory(fs::path(dir) / "_delta_log", ec)) {
      return Status::InvalidArgument("refusing to delete " + dir +
                                     ": --force only replaces a Delta table (no _delta_log)");
    }
    fs::remove_all(dir, ec);
    if (ec) return Status::IoError("cannot delete " + dir + ": " + ec.message());
  }
  return MakeDirectories(dir + "/_delta_log");
}

}  // namespace

Result<GenSummary> GenerateTable(const GenOptions& options, bool force) {
  DELTA_RETURN_NOT_OK(ValidateOptions(options));
  DELTA_RETURN_NOT_OK(PrepareOutput(options.output, force));
  const std::string log_dir = options.output + "/_delta_log";

  TableModel model(options);
  std::vector<GenFile>& files = model.mutable_files();
  // Real files keep their exact stats; fake ones are regenerated from their seed on demand,
  // so a million-file log never holds all stats strings at once.
  std::vector<std::string> real_stats(options.real_data ? files.size() : 0);
  StatsSource stats = [&](int64_t idx, std::string* out) {
    if (!options.stats) return;
    if (options.real_data) {
      out->append(real_stats[static_cast<size_t>(idx)]);
      return;
    }
    thread_local std::vector<ColumnStats> fake_stats;
    FakeStats(model, idx, &fake_stats);
    AppendStatsJson(model.columns(), model.rows_per_file(), fake_stats, out);
  };
  ThreadPool pool(options.threads);

  GenSummary summary;
  for (int64_t v = 0; v <= model.last_version(); ++v) {
    const CommitPlan& plan = model.commits()[static_cast<size_t>(v)];
    if (options.real_data) {
      // Each task writes its own file and fills only that file's slots.
      std::mutex mu;
      Status first_error;
      ParallelFor(&pool, plan.adds.size(), [&](size_t k) {
        const int64_t idx = plan.adds[k];
        Result<WrittenDataFile> written = WriteDataFile(model, idx, options.output);
        if (!written.ok()) {
          std::lock_guard lock(mu);
          if (first_error.ok()) first_error = written.status();
          return;
        }
        files[static_cast<size_t>(idx)].size = written->size;
        real_stats[static_cast<size_t>(idx)] = std::move(written->stats_json);
      });
      DELTA_RETURN_NOT_OK(first_error);
    }

    std::string path = log_dir + "/";
    AppendDigits(&path, v, 20);
    path += ".json";
    BufferedFile commit;
    DELTA_RETURN_NOT_OK(commit.Open(path));
    std::string& buf = commit.buffer();
    const int64_t ts = model.CommitTimestamp(v);
    // commitInfo first: in-commit timestamps require it, and it is harmless otherwise.
    AppendCommitInfoJson(model, v, &buf);
    if (v == 0) {
      AppendProtocolJson(model, &buf);
      AppendMetadataJson(model, ts, &buf);
    }
    for (int64_t idx : plan.removes) {
      AppendRemoveJson(model, files[static_cast<size_t>(idx)], ts, true, &buf);
      DELTA_RETURN_NOT_OK(commit.MaybeFlush());
    }
    Status st;
    ForEachStats(plan.adds, stats, &pool, [&](size_t k, const std::string& s) {
      AppendAddJson(model, files[static_cast<size_t>(plan.adds[k])], s, true, &buf);
      if (st.ok()) st = commit.MaybeFlush();
    });
    DELTA_RETURN_NOT_OK(st);
    DELTA_RETURN_NOT_OK(commit.Close());
    DELTA_RETURN_NOT_OK(SetModificationTime(path, ts));
    summary.log_bytes += commit.bytes_written();
    summary.files_added += static_cast<int64_t>(plan.adds.size());
    summary.files_removed += static_cast<int64_t>(plan.removes.size());

    if (model.CheckpointAt(v)) {
      DELTA_ASSIGN_OR_RETURN(CheckpointSummary cp,
                             WriteCheckpoint(model, v, log_dir, stats, &pool));
      summary.checkpoints.push_back(cp);
    }
  }
  summary.versions = model.last_version() + 1;
  summary.live_files = summary.files_added - summary.files_removed;
  summary.live_rows = summary.live_files * model.rows_per_file();
  for (const GenFile& f : files) summary.data_bytes += f.size;
  return summary;
}

}  // namespace delta::gen
