#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace delta::cli {
namespace {

using Clock = std::chrono::steady_clock;

// How often the line may change: a terminal is redrawn a few times a second; a log gets a line
// every few seconds.
constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
constexpr auto kLinesInterval = std::chrono::seconds(5);
constexpr auto kTick = std::chrono::milliseconds(100);

}  // namespace

ProgressLine::ProgressLine(ProgressMode mode, std::string label)
    : label_(std::move(label)), start_(Clock::now()) {
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  if (mode == ProgressMode::kOff || (mode == ProgressMode::kAuto && !terminal)) return;
  style_ = terminal ? Style::kTerminal : Style::kLines;
  last_draw_ = start_;  // the first line comes after an interval, or with the first counts
  ticker_ = std::thread([this] { Tick(); });
}

ProgressLine::~ProgressLine() { Finish(/*success=*/false); }

void ProgressLine::Update(const ScanProgress& p) {
  if (!enabled()) return;
  std::lock_guard lock(mu_);
  if (stop_) return;
  const bool first = !progress_.has_value();
  progress_ = p;
  const Clock::time_point now = Clock::now();
  // A terminal shows the first counts at once, then at most every interval.
  if ((style_ == Style::kTerminal && first) ||
      now - last_draw_ >= (style_ == Style::kTerminal ? kTerminalInterval : kLinesInterval)) {
    DrawLocked(now, /*final=*/false);
  }
}

std::unique_lock<std::mutex> ProgressLine::Pause() {
  if (!enabled()) return {};
  std::unique_lock lock(mu_);
  if (shown_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    shown_ = false;
  }
  return lock;
}

void ProgressLine::Finish(bool success) {
  if (!enabled()) return;
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
    cv_.notify_all();
  }
  ticker_.join();
  std::lock_guard lock(mu_);
  if (shown_) {
    std::fputs("\r\033[K", stderr);
    shown_ = false;
  }
  if (style_ == Style::kLines && success) DrawLocked(Clock::now(), /*final=*/true);
  std::fflush(stderr);
}

void ProgressLine::Tick() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, kTick);
    if (stop_) break;
    const Clock::time_point now = Clock::now();
    // Redraw while nothing else does (a stall), so the elapsed time keeps moving.
    if (now - last_draw_ >=
        (style_ == Style::kTerminal ? std::chrono::seconds(1) : kLinesInterval)) {
      DrawLocked(now, /*final=*/false);
    }
  }
}

void ProgressLine::DrawLocked(Clock::time_point now, bool final) {
  std::string text = TextLocked(now, final);
  if (style_ == Style::kTerminal) {
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    shown_ = true;
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
  last_draw_ = now;
}

std::string ProgressLine::TextLocked(Clock::time_point now, bool final) const {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s",
                std::chrono::duration<double>(now - start_).count());
  std::string out = label_ + ": ";
  if (!progress_) return out + "opening the table, " + seconds;
  const ScanProgress& p = *progress_;
  if (final) {
    return out + std::to_string(p.files_done) + (p.files_done == 1 ? " file, " : " files, ") +
           std::to_string(p.rows_output) + (p.rows_output == 1 ? " row in " : " rows in ") +
           seconds;
  }
  if (p.files_planned == 0 && !p.planning_done) return out + "planning, " + seconds;
  out += std::to_string(p.files_done) + "/" + std::to_string(p.files_planned) +
         (p.planning_done ? "" : "+") + " files, " + std::to_string(p.rows_output) + " rows, " +
         seconds;
  return out;
}

}  // namespace delta::cli
