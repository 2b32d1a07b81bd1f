// Conversions from Arrow C++ errors (arrow::Status, errno, exceptions) to delta::Status.
#pragma once

#include <string_view>

#include <arrow/status.h>

#include "delta/status.h"

namespace delta::engine {

/// Wraps a delta::Status into an arrow::Status (for adapters called by Arrow code); the
/// original is recovered exactly by StorageStatus/DataStatus.
arrow::Status ToArrowStatus(const Status& st);

/// The error of a stream handed out through the Arrow C stream interface: its last error reads
/// "<ArrowCode>: <Kind>: <message>", the message once (ToArrowStatus's detail would repeat it),
/// with EIO for storage kinds and EINVAL for the others.
arrow::Status ToExportedStatus(const Status& st);

/// Maps an errno to a Status kind: ENOENT/ENOTDIR -> NotFound, EACCES/EPERM ->
/// PermissionDenied, EEXIST -> Conflict, anything else -> IoError. `what` names the location.
Status StatusFromErrno(int err, std::string_view op, std::string_view what);

/// Maps a storage error from Arrow: errno details pick the kind as in StatusFromErrno,
/// otherwise IoError. The message names `op` and `what` (the location).
Status StorageStatus(const arrow::Status& st, std::string_view op, std::string_view what);

/// Maps a data error from Arrow (decoding, casting, corrupt files) to InvalidTable naming
/// `what`; storage errors inside it keep their storage kind.
Status DataStatus(const arrow::Status& st, std::string_view what);

}  // namespace delta::engine
