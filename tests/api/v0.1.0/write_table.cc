// Writes a partitioned table from Arrow data, appends to it idempotently, and prints what each
// commit did: build/bin/write_table /tmp/events
#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <cstdio>
#include <memory>

#include "delta/default_engine.h"
#include "delta/write_table.h"

namespace {

// One batch of (id, day) rows as an Arrow C stream: how an engine hands data to the kernel.
delta::Result<ArrowArrayStream> Rows(int64_t first, int64_t count, const char* day) {
  arrow::Int64Builder ids;
  arrow::StringBuilder days;
  for (int64_t i = 0; i < count; ++i) {
    if (!ids.Append(first + i).ok() || !days.Append(day).ok()) {
      return delta::Status::Internal("building the example's data failed");
    }
  }
  auto schema = arrow::schema({arrow::field("id", arrow::int64(), /*nullable=*/false),
                               arrow::field("day", arrow::utf8())});
  auto batch = arrow::RecordBatch::Make(schema, count, {*ids.Finish(), *days.Finish()});
  auto reader = arrow::RecordBatchReader::Make({batch}, schema);
  ArrowArrayStream stream{};
  if (!reader.ok() || !arrow::ExportRecordBatchReader(*reader, &stream).ok()) {
    return delta::Status::Internal("exporting the example's data failed");
  }
  return stream;
}

delta::Status Run(const char* location) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<delta::Engine> engine, delta::MakeDefaultEngine());

  // The first write creates the table, partitioned by day.
  delta::WriteOptions create;
  create.mode = delta::SaveMode::kAppend;
  create.partition_by = {"day"};
  create.properties = {{"delta.enableChangeDataFeed", "true"}};
  DELTA_ASSIGN_OR_RETURN(ArrowArrayStream first, Rows(0, 1000, "2026-12-01"));
  DELTA_ASSIGN_OR_RETURN(delta::CommitResult created,
                         delta::WriteTable(location, engine, &first, create));
  std::printf("created version %lld\n", static_cast<long long>(created.version));

  // An append tagged with the job's batch number: run twice, it commits once.
  delta::WriteOptions append;
  append.mode = delta::SaveMode::kAppend;
  append.app_transaction = delta::AppTransaction{"nightly-load", 42};
  for (int run = 0; run < 2; ++run) {
    DELTA_ASSIGN_OR_RETURN(ArrowArrayStream more, Rows(1000, 500, "2026-12-02"));
    DELTA_ASSIGN_OR_RETURN(delta::CommitResult r,
                           delta::WriteTable(location, engine, &more, append));
    std::printf("batch 42, run %d: %s version %lld after %d attempt(s)\n", run + 1,
                r.committed ? "committed" : "already in", static_cast<long long>(r.version),
                r.attempts);
  }

  // Replace one day's rows.
  delta::WriteOptions replace;
  replace.mode = delta::SaveMode::kOverwrite;
  replace.predicate = "day = '2026-12-01'";
  DELTA_ASSIGN_OR_RETURN(ArrowArrayStream fixed, Rows(0, 900, "2026-12-01"));
  DELTA_ASSIGN_OR_RETURN(delta::CommitResult replaced,
                         delta::WriteTable(location, engine, &fixed, replace));
  std::printf("replaced 2026-12-01 in version %lld\n", static_cast<long long>(replaced.version));
  return delta::Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <table location>\n", argv[0]);
    return 2;
  }
  delta::Status st = Run(argv[1]);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
