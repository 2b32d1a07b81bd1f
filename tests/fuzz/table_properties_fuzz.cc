// metaData.configuration: the table properties the kernel reads (retention intervals,
// checkpoint interval and policy, column mapping, data skipping columns, ...). Input: lines of
// key=value.
#include <map>
#include <string>

#include "delta/table_properties.h"
#include "fuzz_target.h"

DELTA_FUZZ_TARGET(table_properties) {
  using namespace delta;
  std::string_view text = fuzz::AsText(data, size);
  std::map<std::string, std::string> configuration;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      (void)ParseIntervalMillis(line);
      continue;
    }
    (void)ParseIntervalMillis(line.substr(eq + 1));
    configuration[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  (void)TableProperties::Parse(configuration);
  return 0;
}
