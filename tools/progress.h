// A progress line on stderr for commands that read rows (scan, changes): on a terminal by
// default, rewritten in place and throttled; never in pipes unless asked for (--progress),
// and then as a line every few seconds plus a summary at the end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "delta/scan_execution.h"

namespace delta::cli {

enum class ProgressMode {
  kAuto,  ///< shown when stderr is a terminal
  kOn,    ///< --progress: shown even when stderr is not a terminal
  kOff,   ///< --no-progress
};

class ProgressLine {
 public:
  /// `label` names the work ("scanning"). Starts a thread that redraws the line while the
  /// command waits (opening the table, files that return no rows), so it never looks stuck.
  ProgressLine(ProgressMode mode, std::string label);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return style_ != Style::kNone; }

  /// The scan's counts (an ExecuteOptions::progress callback). Until the first call the line
  /// says the table is being opened.
  void Update(const ScanProgress& p);

  /// Clears the line and keeps it from being redrawn while the returned lock is held: take it
  /// around writes to stdout, which may be the same terminal.
  std::unique_lock<std::mutex> Pause();

  /// Stops the line: on a terminal it is cleared; otherwise, after a success, a last line
  /// with the totals is printed.
  void Finish(bool success);

 private:
  enum class Style { kNone, kTerminal, kLines };

  void Tick();
  void DrawLocked(std::chrono::steady_clock::time_point now, bool final);
  std::string TextLocked(std::chrono::steady_clock::time_point now, bool final) const;

  Style style_ = Style::kNone;
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<ScanProgress> progress_;
  bool shown_ = false;  // a terminal line is on screen
  bool stop_ = false;
  std::thread ticker_;
};

}  // namespace delta::cli
