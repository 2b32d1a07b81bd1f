// Reading a commit's commitInfo back from its JSON text, for exact-value tests of what a
// commit says about itself (operationMetrics, tags).
#pragma once

#include <initializer_list>
#include <map>
#include <sstream>
#include <string>

namespace delta::test {

/// The commitInfo line of a commit file's text ("" when there is none).
inline std::string CommitInfoLine(const std::string& commit_text) {
  std::istringstream in(commit_text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(R"({"commitInfo":)")) return line;
  }
  return {};
}

/// The flat JSON object of commitInfo field `field` (operationMetrics, tags) as key -> string
/// value; empty when the field is absent. Values are JSON strings without escapes, as the
/// metrics and tags are.
inline std::map<std::string, std::string> CommitInfoStrings(const std::string& commit_text,
                                                            const std::string& field) {
  std::map<std::string, std::string> out;
  const std::string line = CommitInfoLine(commit_text);
  size_t at = line.find("\"" + field + "\":{");
  if (at == std::string::npos) return out;
  at += field.size() + 4;
  const size_t end = line.find('}', at);
  while (at < end) {
    size_t k0 = line.find('"', at), k1 = line.find('"', k0 + 1);
    size_t v0 = line.find('"', k1 + 1), v1 = line.find('"', v0 + 1);
    if (k0 >= end || v1 >= end) break;
    out[line.substr(k0 + 1, k1 - k0 - 1)] = line.substr(v0 + 1, v1 - v0 - 1);
    at = v1 + 1;
  }
  return out;
}

/// operationMetrics without the timings (scanTimeMs, rewriteTimeMs, executionTimeMs), which
/// vary from run to run.
inline std::map<std::string, std::string> MetricsWithoutTimes(const std::string& commit_text) {
  std::map<std::string, std::string> m = CommitInfoStrings(commit_text, "operationMetrics");
  m.erase("scanTimeMs");
  m.erase("rewriteTimeMs");
  m.erase("executionTimeMs");
  return m;
}

/// The operationMetrics of `commit_text` named in `names` ("<absent>" for one it lacks): for
/// tests that assert some metrics exactly, as a map compared in one EXPECT_EQ.
inline std::map<std::string, std::string> MetricsNamed(const std::string& commit_text,
                                                       std::initializer_list<std::string> names) {
  const std::map<std::string, std::string> all = CommitInfoStrings(commit_text, "operationMetrics");
  std::map<std::string, std::string> out;
  for (const std::string& n : names) {
    auto it = all.find(n);
    out[n] = it == all.end() ? "<absent>" : it->second;
  }
  return out;
}

}  // namespace delta::test
