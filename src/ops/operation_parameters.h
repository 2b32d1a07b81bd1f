// commitInfo.operationParameters values as Delta Spark writes them: JSON text in a string.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace delta::ops {

/// ["a","b"] as JSON text.
std::string JsonStringArray(const std::vector<std::string>& values);
/// {"k":"v",...} as JSON text.
std::string JsonStringMap(const std::map<std::string, std::string>& values);

}  // namespace delta::ops
