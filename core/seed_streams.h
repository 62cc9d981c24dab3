#pragma once
// Every random stream of a run derives from the run seed through one hash,
// so that runs with seeds s and s+1 share no stream (with `seed + k`
// offsets, consecutive runs would share all but one of their per-world
// streams). SplitMix64 (Steele et al. 2014) is a bijective mixer with full
// avalanche; the stream name is folded in with FNV-1a first.
#include <cstdint>
#include <string_view>

namespace advlab {

inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The seed of stream `name` (and of its `index`-th member, e.g. one world)
// in a run seeded with `seed`.
inline uint64_t StreamSeed(uint64_t seed, std::string_view name, uint64_t index = 0) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a offset basis
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return SplitMix64(SplitMix64(seed ^ h) + index);
}

}  // namespace advlab
