// Prints the version and live files of a Delta table: the README's C++ quick start.
// Usage: read_snapshot <table path or file:// URI>
#include <cstdio>
#include <memory>

#include "delta/default_engine.h"
#include "delta/table.h"

namespace {

delta::Status PrintFiles(const char* location) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<delta::Engine> engine, delta::MakeDefaultEngine());
  DELTA_ASSIGN_OR_RETURN(delta::Table table, delta::Table::ForLocation(location, engine));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const delta::Snapshot> snapshot, table.LatestSnapshot());

  std::printf("version %lld: %zu files, %lld bytes\n", static_cast<long long>(snapshot->version()),
              snapshot->files().size(), static_cast<long long>(snapshot->total_bytes()));
  for (const delta::AddFile& file : snapshot->files()) {
    std::printf("  %.*s  %lld bytes, %lld records\n", static_cast<int>(file.path.size()),
                file.path.data(), static_cast<long long>(file.size),
                static_cast<long long>(file.NumRecords().value_or(-1)));
  }
  return delta::Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <table>\n", argv[0]);
    return 2;
  }
  delta::Status st = PrintFiles(argv[1]);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
