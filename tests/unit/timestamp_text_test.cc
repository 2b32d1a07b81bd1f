// The one timestamp grammar (delta/timestamp_text.h) and the calendar under it.
#include "delta/timestamp_text.h"

#include <gtest/gtest.h>

#include "util/calendar.h"

namespace delta {
namespace {

int64_t Ms(std::string_view text) {
  Result<int64_t> r = ParseTimestampMillis(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : 0;
}

TEST(Calendar, CivilRoundTripsAcrossEras) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1582, 10, 15), -141427);
  EXPECT_EQ(DaysFromCivil(1, 1, 1), -719162);
  for (int64_t days : {int64_t{-1000000}, int64_t{-719162}, int64_t{-1}, int64_t{0}, int64_t{59},
                       int64_t{2932896}}) {
    int64_t y = 0;
    unsigned m = 0, d = 0;
    CivilFromDays(days, &y, &m, &d);
    EXPECT_EQ(DaysFromCivil(y, m, d), days);
  }
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_EQ(DaysInMonth(2024, 2), 29u);
  EXPECT_EQ(DaysInMonth(2023, 2), 28u);
  EXPECT_EQ(FloorDiv(-1, 1000), -1);
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatEpochMillis(-1), "1969-12-31T23:59:59.999Z");
}

TEST(TimestampText, ParsesEveryForm) {
  EXPECT_EQ(Ms("1970-01-01"), 0);
  EXPECT_EQ(Ms("2024-01-15T12:30:00Z"), 1705321800000);
  EXPECT_EQ(Ms("2024-01-15t12:30:00z"), 1705321800000);
  EXPECT_EQ(Ms("2024-01-15 12:30:00"), 1705321800000);
  EXPECT_EQ(Ms("2024-01-15T13:30:00+01:00"), 1705321800000);
  EXPECT_EQ(Ms("2024-01-15T07:00:00-0530"), 1705321800000);
  EXPECT_EQ(Ms("2024-01-15T12:30:00.1239Z"), 1705321800123);
  EXPECT_EQ(Ms("1969-12-31T23:59:59.999Z"), -1);
  EXPECT_EQ(Ms("2024-02-29"), 1709164800000);
}

TEST(TimestampText, RefusesWithTheReason) {
  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c : {Case{"yesterday", "no YYYY-MM-DD date"}, Case{"2023-02-29", "no such date"},
                        Case{"2024-13-01", "no such date"},
                        Case{"2024-01-01X", "expected 'T' or ' ' after the date"},
                        Case{"2024-01-01T25:00:00", "time out of range"},
                        Case{"2024-01-01T01:00:00.", "empty fraction"},
                        Case{"2024-01-01T01:00:00+2", "bad UTC offset"},
                        Case{"2024-01-01T01:00:00Zjunk", "unexpected trailing characters"}}) {
    Result<int64_t> r = ParseTimestampMillis(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(
        r.status().message().find(std::string("invalid timestamp '") + c.text + "': " + c.reason),
        std::string::npos)
        << r.status().message();
  }
}

TEST(TimestampText, FormatsMillis) {
  EXPECT_EQ(FormatTimestampMillis(1705321800123), "2024-01-15T12:30:00.123Z");
  EXPECT_EQ(FormatTimestampMillis(0), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace delta
