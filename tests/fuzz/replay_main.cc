// delta_fuzz_replay: runs the inputs kept for the fuzz targets (checked-in seeds, and the
// regression inputs of crashes the fuzzers found) through the same entry points, without
// libFuzzer, so that every build's tests (and the sanitizer builds) replay them.
//
// Usage: delta_fuzz_replay DIR...   where each DIR holds one folder per target, named as the
// target, of input files. A folder naming no target is an error (a renamed target would
// otherwise silently stop being replayed).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz_target.h"

namespace delta::fuzz {

std::map<std::string, FuzzFn>& Registry() {
  static std::map<std::string, FuzzFn> registry;
  return registry;
}

bool RegisterTarget(const char* name, FuzzFn fn) {
  Registry()[name] = fn;
  return true;
}

}  // namespace delta::fuzz

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const auto& registry = delta::fuzz::Registry();
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR...  (targets:", argv[0]);
    for (const auto& [name, fn] : registry) std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, ")\n");
    return 2;
  }
  size_t inputs = 0;
  for (int a = 1; a < argc; ++a) {
    std::error_code ec;
    if (!fs::is_directory(argv[a], ec)) {
      std::fprintf(stderr, "error: %s is not a directory\n", argv[a]);
      return 2;
    }
    std::vector<fs::path> folders;
    for (const auto& e : fs::directory_iterator(argv[a])) {
      if (e.is_directory()) folders.push_back(e.path());
    }
    std::sort(folders.begin(), folders.end());
    for (const fs::path& folder : folders) {
      auto it = registry.find(folder.filename().string());
      if (it == registry.end()) {
        std::fprintf(stderr, "error: %s names no fuzz target\n", folder.c_str());
        return 2;
      }
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(folder)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // Printed first so that a crash names its input.
        std::fprintf(stderr, "%s %s\n", it->first.c_str(), file.c_str());
        it->second(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        ++inputs;
      }
    }
  }
  std::fprintf(stderr, "replayed %zu inputs\n", inputs);
  return 0;
}
