// Deterministic randomness for the table generator: the same --seed gives byte-identical
// tables on every platform, so std:: distributions (implementation-defined) are not used.
#pragma once

#include <cstdint>
#include <string>

namespace delta::gen {

/// SplitMix64's finaliser: a fast, well-mixed 64-bit hash.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// A seed for one independent stream (`stream` names its purpose, `index` its instance), so
/// each file's values do not depend on the order in which files are generated.
inline uint64_t StreamSeed(uint64_t seed, uint64_t stream, uint64_t index) {
  return Mix64(Mix64(seed ^ Mix64(stream)) + index);
}

/// SplitMix64 generator.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n); n > 0. The modulo bias is irrelevant for synthetic data.
  uint64_t Below(uint64_t n) { return Next() % n; }
  /// True with probability percent/100.
  bool Chance(int percent) { return percent > 0 && Below(100) < static_cast<uint64_t>(percent); }

 private:
  uint64_t state_;
};

/// A version-4 UUID drawn from an Rng.
struct Uuid {
  uint64_t hi = 0;
  uint64_t lo = 0;

  static Uuid Random(Rng& rng) {
    Uuid u{rng.Next(), rng.Next()};
    u.hi = (u.hi & ~0xf000ULL) | 0x4000ULL;              // version 4
    u.lo = (u.lo & ~(0xc0ULL << 56)) | (0x80ULL << 56);  // RFC 4122 variant
    return u;
  }
  /// Appends the canonical 8-4-4-4-12 lower-case form.
  void AppendTo(std::string* out) const {
    static constexpr char kHex[] = "0123456789abcdef";
    char buf[36];
    int pos = 0;
    for (int i = 0; i < 32; ++i) {
      if (i == 8 || i == 12 || i == 16 || i == 20) buf[pos++] = '-';
      const uint64_t word = i < 16 ? hi : lo;
      buf[pos++] = kHex[(word >> (60 - 4 * (i % 16))) & 0xf];
    }
    out->append(buf, sizeof(buf));
  }
  std::string ToString() const {
    std::string s;
    AppendTo(&s);
    return s;
  }
};

}  // namespace delta::gen
