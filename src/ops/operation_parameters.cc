#include "ops/operation_parameters.h"

#include "delta/json_writer.h"

namespace delta::ops {

std::string JsonStringArray(const std::vector<std::string>& values) {
  JsonWriter w;
  w.BeginArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
  return w.Take();
}

std::string JsonStringMap(const std::map<std::string, std::string>& values) {
  JsonWriter w;
  w.BeginObject();
  for (const auto& [k, v] : values) w.Key(k).String(v);
  w.EndObject();
  return w.Take();
}

}  // namespace delta::ops
