// Where S3 requests get their credentials: the storage options, then the AWS_* environment
// variables, then a profile of the shared credentials file.
#pragma once

#include "cloud/aws_sigv4.h"
#include "cloud/object_store.h"

namespace delta::cloud {

/// Credentials from, in order: options AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+
/// AWS_SESSION_TOKEN); the environment variables of the same names; the profile AWS_PROFILE
/// (option or environment; "default") of AWS_SHARED_CREDENTIALS_FILE (or ~/.aws/credentials).
/// PermissionDenied naming every source tried when none has them; InvalidArgument when a
/// source has a key id without its secret (or the reverse).
Result<AwsCredentials> ResolveAwsCredentials(const StorageOptions& options);

}  // namespace delta::cloud
