#include "util/uuid.h"

#include <unistd.h>

#include <random>

namespace delta {

namespace {

std::mt19937_64 FreshGenerator() {
  std::random_device rd;
  std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
  return std::mt19937_64(seq);
}

}  // namespace

std::array<uint8_t, 16> RandomUuid() {
  // A forked child inherits the generator's state: without reseeding, parent and child (and
  // every sibling) would draw the same UUIDs, i.e. the same data file names and commit txnIds.
  thread_local pid_t seeded_in = ::getpid();
  thread_local std::mt19937_64 rng = FreshGenerator();
  if (pid_t pid = ::getpid(); pid != seeded_in) {
    seeded_in = pid;
    rng = FreshGenerator();
  }
  std::array<uint8_t, 16> uuid{};
  for (size_t i = 0; i < uuid.size(); i += 8) {
    uint64_t v = rng();
    for (size_t k = 0; k < 8; ++k) uuid[i + k] = static_cast<uint8_t>(v >> (8 * k));
  }
  uuid[6] = static_cast<uint8_t>((uuid[6] & 0x0F) | 0x40);
  uuid[8] = static_cast<uint8_t>((uuid[8] & 0x3F) | 0x80);
  return uuid;
}

std::string UuidText(const std::array<uint8_t, 16>& uuid) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[uuid[i] >> 4]);
    out.push_back(kHex[uuid[i] & 0xF]);
  }
  return out;
}

}  // namespace delta
