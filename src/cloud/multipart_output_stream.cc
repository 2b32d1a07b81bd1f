#include "cloud/multipart_output_stream.h"

#include <algorithm>
#include <atomic>
#include <system_error>

namespace delta::cloud {

namespace {

std::atomic<int64_t> g_held{0};
std::atomic<int64_t> g_peak{0};
std::atomic<int64_t> g_parts{0};

void Hold(int64_t bytes) {
  int64_t now = g_held.fetch_add(bytes) + bytes;
  int64_t peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
}

}  // namespace

int64_t PeakUploadBytesHeld() { return g_peak.load(); }
int64_t UploadPartsSent() { return g_parts.load(); }
void ResetUploadCounters() {
  g_peak.store(g_held.load());
  g_parts.store(0);
}

MultipartOutputStream::MultipartOutputStream(std::shared_ptr<ObjectStore> store, std::string key,
                                             PutMode mode, UploadOptions options,
                                             std::function<Status(std::string_view)> put_whole)
    : store_(std::move(store)),
      key_(std::move(key)),
      mode_(mode),
      options_(options),
      put_whole_(std::move(put_whole)) {}

MultipartOutputStream::~MultipartOutputStream() {
  while (!in_flight_.empty()) WaitOldest();
  Hold(-static_cast<int64_t>(buffer_.size()));
  if (upload_ != nullptr && !completed_) AbortUpload();
}

Status MultipartOutputStream::Write(std::string_view data) {
  if (closed_) return Status::InvalidArgument("writing '" + key_ + "' after Close");
  while (!data.empty()) {
    DELTA_RETURN_NOT_OK(error_);
    size_t room = static_cast<size_t>(options_.part_size) - buffer_.size();
    size_t take = std::min(room, data.size());
    buffer_.append(data.substr(0, take));
    Hold(static_cast<int64_t>(take));
    data.remove_prefix(take);
    // A full part goes out only once more bytes follow: the last part may then be the
    // whole rest, and a file of exactly one part stays a single PUT.
    if (buffer_.size() == static_cast<size_t>(options_.part_size) && !data.empty()) {
      DELTA_RETURN_NOT_OK(SendPart());
    }
  }
  // Keeps the buffer at one part: a full one is sent when the next byte arrives.
  return error_;
}

Status MultipartOutputStream::SendPart() {
  if (upload_ == nullptr) {
    Result<std::unique_ptr<MultipartUpload>> started = store_->StartUpload(key_);
    if (!started.ok()) {
      error_ = started.status();
      return error_;
    }
    upload_ = std::move(*started);
  }
  while (static_cast<int>(in_flight_.size()) >= std::max(1, options_.concurrency)) WaitOldest();
  DELTA_RETURN_NOT_OK(error_);
  int number = ++parts_;
  int64_t bytes = static_cast<int64_t>(buffer_.size());
  MultipartUpload* upload = upload_.get();
  std::future<Status> outcome;
  try {
    outcome = std::async(std::launch::async, [upload, number, part = std::move(buffer_)]() {
      return upload->UploadPart(number, part);
    });
  } catch (const std::system_error& e) {
    Hold(-bytes);  // the part went with the failed task
    buffer_ = std::string();
    error_ = Status::ResourceExhausted("uploading part " + std::to_string(number) + " of '" + key_ +
                                       "': no thread (" + e.what() + ")");
    return error_;
  }
  g_parts.fetch_add(1);
  in_flight_.emplace_back(bytes, std::move(outcome));
  buffer_ = std::string();
  return Status::OK();
}

void MultipartOutputStream::WaitOldest() {
  Status st = in_flight_.front().second.get();
  Hold(-in_flight_.front().first);
  in_flight_.pop_front();
  if (error_.ok() && !st.ok()) error_ = std::move(st);
}

void MultipartOutputStream::AbortUpload() {
  // Best effort: a failed abort leaves parts the store's lifecycle rules expire, never an object.
  (void)upload_->Abort();
  upload_.reset();
}

Status MultipartOutputStream::Close() {
  if (closed_) return Status::InvalidArgument("closing '" + key_ + "' twice");
  closed_ = true;
  if (upload_ == nullptr && error_.ok()) {
    Status st = put_whole_(buffer_);
    Hold(-static_cast<int64_t>(buffer_.size()));
    buffer_ = std::string();
    completed_ = st.ok();
    return st;
  }
  if (error_.ok() && !buffer_.empty()) (void)SendPart();  // a failure lands in error_
  while (!in_flight_.empty()) WaitOldest();
  Hold(-static_cast<int64_t>(buffer_.size()));
  buffer_ = std::string();
  if (!error_.ok()) {
    if (upload_ != nullptr) AbortUpload();
    return error_;
  }
  Status st = upload_->Complete(parts_, mode_);
  if (!st.ok()) {
    AbortUpload();
    return st;
  }
  completed_ = true;
  return Status::OK();
}

}  // namespace delta::cloud
