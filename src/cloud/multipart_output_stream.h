// The stream data files are written through on an object store: bytes are held one part at a
// time and sent as parts of a multipart upload while the writer goes on, with a bounded number
// of parts in flight; a file smaller than one part is one PUT.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <string>

#include "cloud/multipart_upload.h"
#include "delta/file_system.h"

namespace delta::cloud {

class MultipartOutputStream final : public OutputStream {
 public:
  /// `put_whole` publishes a file smaller than one part (the single conditional PUT).
  MultipartOutputStream(std::shared_ptr<ObjectStore> store, std::string key, PutMode mode,
                        UploadOptions options, std::function<Status(std::string_view)> put_whole);
  /// Without a successful Close, waits for the parts in flight and aborts the upload.
  ~MultipartOutputStream() override;

  Status Write(std::string_view data) override;
  Status Close() override;

 private:
  // Sends buffer_ as the next part, first waiting while `concurrency` parts are in flight.
  Status SendPart();
  // Waits for the oldest part in flight; keeps the first failure in error_.
  void WaitOldest();
  void AbortUpload();

  std::shared_ptr<ObjectStore> store_;
  std::string key_;
  PutMode mode_;
  UploadOptions options_;
  std::function<Status(std::string_view)> put_whole_;
  std::string buffer_;
  std::unique_ptr<MultipartUpload> upload_;
  int parts_ = 0;
  std::deque<std::pair<int64_t, std::future<Status>>> in_flight_;  // (bytes, outcome)
  Status error_;
  bool closed_ = false;
  bool completed_ = false;
};

/// Test hooks: the most bytes all upload streams of the process held at once (parts being
/// filled plus parts in flight) since the last reset, and parts sent so far.
int64_t PeakUploadBytesHeld();
int64_t UploadPartsSent();
void ResetUploadCounters();

}  // namespace delta::cloud
