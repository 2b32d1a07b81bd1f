#include "storage/buffered_output_stream.h"

#include <utility>

#include "util/task_guard.h"

namespace delta {

Status BufferedOutputStream::Write(std::string_view data) {
  if (!failed_.ok()) return failed_;
  if (closed_) return Status::InvalidArgument("writing to '" + location_ + "' after Close");
  failed_ = CatchAsStatus("writing", location_, [&] { data_.append(data); });
  return failed_;
}

Status BufferedOutputStream::Close() {
  if (closed_) return Status::InvalidArgument("closing the new file '" + location_ + "' twice");
  closed_ = true;
  if (!failed_.ok()) return failed_;
  return Publish(std::move(data_));
}

}  // namespace delta
