#include "int_option.h"

#include <charconv>

namespace delta::cli {

Result<int64_t> ParseIntArg(std::string_view name, std::string_view text, int64_t min,
                            int64_t max) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    return Status::InvalidArgument(std::string(name) + " must be an integer from " +
                                   std::to_string(min) + " to " + std::to_string(max) + ", got '" +
                                   std::string(text) + "'");
  }
  return value;
}

CLI::Option* AddIntOption(CLI::App* cmd, const std::string& name, std::optional<int64_t>* target,
                          int64_t min, int64_t max, const std::string& help) {
  // Taken as text so the range check sees what was typed.
  return cmd
      ->add_option_function<std::string>(
          name,
          [name, target, min, max](const std::string& text) {
            Result<int64_t> value = ParseIntArg(name, text, min, max);
            if (!value.ok()) throw CLI::ValidationError(value.status().message());
            *target = *value;
          },
          help)
      ->type_name("INT");
}

}  // namespace delta::cli
