// The one way JSON log files (commits, and the compaction files that stand in for runs of
// them) are fetched and parsed: many requests in flight, each file parsed on the executor as
// soon as its bytes arrive, big files in parallel parts. Log replay and CommitRange build on it.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "delta/engine.h"
#include "delta/status.h"
#include "protocol/action_batch.h"

namespace delta {

/// Runs in a file's parse task right after the file is parsed (on an executor thread, files in
/// any order): per-file work that then also runs in parallel, such as replay's reconciliation
/// keys. `index` is the file's position in the list. It may throw only std::bad_alloc.
using ParsedLogFileHook = std::function<void(size_t index, ActionBatch& batch)>;

/// Reads and parses `files`: (*out)[i] holds files[i]'s actions. The first failure in list
/// order is returned: a read error with context "reading <file>", a parse error as
/// ParseJsonActions reports it (InvalidTable naming the file and line). Unparsed bytes waiting
/// for the executor stay bounded (the reading thread parses itself when too many wait).
Status ReadJsonLogFiles(Engine& engine, const std::vector<FileInfo>& files,
                        std::vector<ActionBatch>* out,
                        const ParsedLogFileHook& on_parsed = nullptr);

}  // namespace delta
