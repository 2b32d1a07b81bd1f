// Z85: inline deletion vectors and the UUIDs of relative DV paths.
#include <string>

#include "fuzz_target.h"
#include "dv/z85.h"

DELTA_FUZZ_TARGET(z85) {
  using namespace delta;
  std::string_view text = fuzz::AsText(data, size);
  auto decoded = Z85Decode(text);
  if (decoded.ok()) {
    DELTA_FUZZ_CHECK(decoded->size() == text.size() / 5 * 4);
    // Blocks above 2^32-1 wrap when decoded, so compare decoded forms.
    auto again = Z85Decode(Z85Encode(*decoded));
    DELTA_FUZZ_CHECK(again.ok() && *again == *decoded);
  }
  (void)Z85DecodeUuid(text);
  // Any bytes encode, and decode back (plus the zero padding to a multiple of 4).
  auto back = Z85Decode(Z85Encode(text));
  DELTA_FUZZ_CHECK(back.ok() && back->size() >= text.size() &&
                   back->substr(0, text.size()) == text);
  return 0;
}
