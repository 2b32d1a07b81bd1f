// Protocol actions for tests, written the way the log spells them: P(3, 7, {...}, {...}).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "delta/actions.h"

namespace delta::test {

using Features = std::vector<std::string>;

/// A protocol with the given versions and feature lists (absent lists stay absent).
inline Protocol P(int32_t reader, int32_t writer,
                  std::optional<Features> reader_features = std::nullopt,
                  std::optional<Features> writer_features = std::nullopt) {
  Protocol p;
  p.min_reader_version = reader;
  p.min_writer_version = writer;
  p.reader_features = std::move(reader_features);
  p.writer_features = std::move(writer_features);
  return p;
}

}  // namespace delta::test
