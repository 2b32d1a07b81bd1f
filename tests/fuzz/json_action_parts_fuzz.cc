// A big commit file is parsed in parts on several threads (ParseJsonActionRange, joined with
// AppendActionBatch). Whatever the bytes and wherever the split, the parts must give what one
// parse of the whole file gives: the same success, and the same actions.
#include <algorithm>
#include <string>
#include <vector>

#include "fuzz_target.h"
#include "protocol/action_batch.h"
#include "protocol/action_json.h"

namespace {

// The start of the line at or after `pos` (as the replay splits: after a newline).
size_t LineStartFrom(const std::string& s, size_t pos) {
  if (pos == 0) return 0;
  size_t nl = s.find('\n', pos - 1);
  return nl == std::string::npos ? s.size() : nl + 1;
}

}  // namespace

DELTA_FUZZ_TARGET(json_action_parts) {
  using namespace delta;
  if (size < 2) return 0;
  // The first two bytes choose where to split; the rest is the file.
  const uint8_t a = data[0], b = data[1];
  std::string file(fuzz::AsText(data + 2, size - 2));

  std::string whole_text = file;
  ActionBatch whole;
  Status whole_st = ParseJsonActions(&whole_text, "fuzz.json", &whole);

  std::string padded = file;
  PadJsonBuffer(&padded);
  std::vector<size_t> starts = {0, LineStartFrom(padded, padded.size() * a / 256),
                                LineStartFrom(padded, padded.size() * b / 256), padded.size()};
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  ActionBatch joined;
  Status parts_st;
  size_t line = 1;
  for (size_t k = 0; k + 1 < starts.size() && parts_st.ok(); ++k) {
    ActionBatch part;
    parts_st = ParseJsonActionRange(padded, starts[k], starts[k + 1], line, "fuzz.json", &part);
    line += static_cast<size_t>(
        std::count(padded.begin() + static_cast<std::ptrdiff_t>(starts[k]),
                   padded.begin() + static_cast<std::ptrdiff_t>(starts[k + 1]), '\n'));
    if (!parts_st.ok()) break;
    if (k == 0) {
      joined = std::move(part);
    } else {
      parts_st = AppendActionBatch(std::move(part), "fuzz.json", &joined);
    }
  }
  DELTA_FUZZ_CHECK(whole_st.ok() == parts_st.ok());
  if (!whole_st.ok()) {
    DELTA_FUZZ_CHECK(whole_st.code() == parts_st.code());
    return 0;
  }
  DELTA_FUZZ_CHECK(whole.adds.size() == joined.adds.size());
  DELTA_FUZZ_CHECK(whole.removes.size() == joined.removes.size());
  DELTA_FUZZ_CHECK(whole.cdcs.size() == joined.cdcs.size());
  DELTA_FUZZ_CHECK(whole.txns.size() == joined.txns.size());
  DELTA_FUZZ_CHECK(whole.domain_metadata.size() == joined.domain_metadata.size());
  DELTA_FUZZ_CHECK(whole.sidecars.size() == joined.sidecars.size());
  DELTA_FUZZ_CHECK(whole.protocol.has_value() == joined.protocol.has_value());
  DELTA_FUZZ_CHECK(whole.metadata.has_value() == joined.metadata.has_value());
  DELTA_FUZZ_CHECK(whole.commit_info.has_value() == joined.commit_info.has_value());
  DELTA_FUZZ_CHECK(whole.file_action_order == joined.file_action_order);
  for (size_t i = 0; i < whole.adds.size(); ++i) {
    DELTA_FUZZ_CHECK(whole.adds[i].path == joined.adds[i].path);
    DELTA_FUZZ_CHECK(whole.adds[i].stats == joined.adds[i].stats);
  }
  for (size_t i = 0; i < whole.removes.size(); ++i) {
    DELTA_FUZZ_CHECK(whole.removes[i].path == joined.removes[i].path);
  }
  return 0;
}
