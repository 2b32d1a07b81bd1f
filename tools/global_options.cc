// Options of the program itself, given before the command: object-store settings.
#include <string>

#include "cli_common.h"

namespace delta::cli {

std::map<std::string, std::string>& GlobalStorageOptions() {
  static std::map<std::string, std::string> options;
  return options;
}

void AddGlobalOptions(CLI::App& app) {
  app.add_option_function<std::vector<std::string>>(
         "--option",
         [](const std::vector<std::string>& pairs) {
           for (const std::string& pair : pairs) {
             size_t eq = pair.find('=');
             if (eq == 0 || eq == std::string::npos) {
               throw CLI::ValidationError("--option", "expected KEY=VALUE, got '" + pair + "'");
             }
             GlobalStorageOptions()[pair.substr(0, eq)] = pair.substr(eq + 1);
           }
         },
         "A storage option KEY=VALUE for object stores (AWS_ENDPOINT_URL, AWS_REGION, "
         "AWS_ACCESS_KEY_ID, ...; see docs/object-stores.md); repeatable, before the command")
      ->allow_extra_args(false);
}

}  // namespace delta::cli
