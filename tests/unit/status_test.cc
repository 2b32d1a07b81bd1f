#include "delta/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace delta {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  DELTA_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::OK().ok());
  EXPECT_EQ(Status::OK().ToString(), "OK");
  Status s = Status::NotFound("table /t has no _delta_log");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.ToString(), "NotFound: table /t has no _delta_log");
  EXPECT_EQ(s.WithContext("loading").message(), "loading: table /t has no _delta_log");
}

TEST(StatusTest, ResultPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "odd: 3");
}

Status LostToAnAppend() {
  return Status::Conflict("table t: commit 7 lost",
                          {ErrorDetailKind::kConcurrentAppend, 6, "part-0001.parquet"});
}

Result<int> FailsWithDetail() {
  DELTA_RETURN_NOT_OK(LostToAnAppend());
  return 1;
}

TEST(StatusTest, OkIsOnePointerAndHasNoDetail) {
  EXPECT_EQ(sizeof(Status), sizeof(std::shared_ptr<int>));
  EXPECT_EQ(Status::OK().detail(), nullptr);
  EXPECT_EQ(Status::OK().detail_kind(), ErrorDetailKind::kNone);
  EXPECT_EQ(Status::NotFound("x").detail(), nullptr);
  EXPECT_EQ(Status::NotFound("x").ToString(), "NotFound: x");
  // A detail on OK is dropped with the message.
  EXPECT_TRUE(Status(StatusCode::kOk, "x", {ErrorDetailKind::kConcurrentWrite, 1, {}}).ok());
  EXPECT_TRUE(Status::OK().WithDetail({ErrorDetailKind::kConcurrentWrite, 1, {}}).ok());
}

TEST(StatusTest, DetailSurvivesCopyMoveContextAndResult) {
  Status s = LostToAnAppend();
  ASSERT_NE(s.detail(), nullptr);
  EXPECT_TRUE(s.IsConflict());
  EXPECT_EQ(s.detail()->kind, ErrorDetailKind::kConcurrentAppend);
  EXPECT_EQ(s.detail()->version, 6);
  EXPECT_EQ(s.detail()->subject, "part-0001.parquet");

  Status copy = s;
  Status moved = std::move(copy);
  ASSERT_NE(moved.detail(), nullptr);
  EXPECT_EQ(moved.detail()->version, 6);
  EXPECT_EQ(s.detail()->version, 6);  // the source of the copy keeps its own

  Status context = s.WithContext("committing");
  EXPECT_EQ(context.message(), "committing: table t: commit 7 lost");
  EXPECT_EQ(context.detail_kind(), ErrorDetailKind::kConcurrentAppend);
  EXPECT_EQ(context.detail()->subject, "part-0001.parquet");

  Result<int> r = FailsWithDetail();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentAppend);
  EXPECT_EQ(r.status().detail()->version, 6);
  Result<int> r2 = std::move(r);
  EXPECT_EQ(r2.status().detail()->subject, "part-0001.parquet");

  Status replaced = s.WithDetail({ErrorDetailKind::kProtocolChanged, 9, {}});
  EXPECT_EQ(replaced.message(), s.message());
  EXPECT_EQ(replaced.detail_kind(), ErrorDetailKind::kProtocolChanged);
  EXPECT_EQ(s.detail_kind(), ErrorDetailKind::kConcurrentAppend);
}

TEST(StatusTest, ToStringShowsTheDetail) {
  EXPECT_EQ(LostToAnAppend().ToString(),
            "Conflict: table t: commit 7 lost [ConcurrentAppend, version 6, 'part-0001.parquet']");
  Status exists = Status::AlreadyExists("file already exists: m:///0.json", "m:///0.json");
  EXPECT_TRUE(exists.IsConflict());
  EXPECT_TRUE(exists.IsAlreadyExists());
  EXPECT_EQ(exists.ToString(),
            "Conflict: file already exists: m:///0.json [AlreadyExists, 'm:///0.json']");
  Status unknown = Status::CommitStateUnknown("reply lost", 12);
  EXPECT_TRUE(unknown.IsIoError());
  EXPECT_TRUE(unknown.IsCommitStateUnknown());
  EXPECT_FALSE(unknown.IsAlreadyExists());
  EXPECT_EQ(unknown.ToString(), "IoError: reply lost [CommitStateUnknown, version 12]");
  EXPECT_EQ(Status::CommitStateUnknown("reply lost").ToString(),
            "IoError: reply lost [CommitStateUnknown]");
}

TEST(StatusTest, NamesComeFromOneTable) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "OK");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidTable), "InvalidTable");
  EXPECT_EQ(StatusCodeName(kLastStatusCode), "ResourceExhausted");
  EXPECT_EQ(StatusCodeName(static_cast<StatusCode>(-1)), "Unknown");
  EXPECT_EQ(StatusCodeName(static_cast<StatusCode>(static_cast<int>(kLastStatusCode) + 1)),
            "Unknown");
  EXPECT_EQ(ErrorDetailKindName(ErrorDetailKind::kNone), "None");
  EXPECT_EQ(ErrorDetailKindName(ErrorDetailKind::kConcurrentDeleteRead), "ConcurrentDeleteRead");
  EXPECT_EQ(ErrorDetailKindName(kLastErrorDetailKind), "CommitStateUnknown");
  EXPECT_EQ(ErrorDetailKindName(static_cast<ErrorDetailKind>(99)), "Unknown");
  // The C ABI hands out .data(): the names are NUL-terminated.
  for (int c = 0; c <= static_cast<int>(kLastStatusCode); ++c) {
    std::string_view name = StatusCodeName(static_cast<StatusCode>(c));
    EXPECT_EQ(name.data()[name.size()], '\0');
  }
}

}  // namespace
}  // namespace delta
