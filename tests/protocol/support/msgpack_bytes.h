// A few msgpack encoders written out byte by byte, so protocol tests can send exactly the
// encodings Terraform (or a hostile client) might send, independent of the provider's codec.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace cloudssl::testing::mp {

// Concatenation by appending: `"\xd9" + std::string` trips GCC 12's -O3 -Wrestrict false
// positive.
inline std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) out += part;
  return out;
}

inline std::string be(std::uint64_t v, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

inline std::string nil() { return "\xc0"; }
inline std::string boolean(bool b) { return b ? "\xc3" : "\xc2"; }
inline std::string str(std::string_view s) {
  if (s.size() < 32) return std::string(1, static_cast<char>(0xa0 | s.size())) + std::string(s);
  if (s.size() < 256) return cat({"\xd9", be(s.size(), 1), s});
  if (s.size() < 65536) return cat({"\xda", be(s.size(), 2), s});
  return cat({"\xdb", be(s.size(), 4), s});
}
inline std::string map_header(std::size_t n) {
  if (n < 16) return std::string(1, static_cast<char>(0x80 | n));
  return cat({"\xde", be(n, 2)});
}
inline std::string array_header(std::size_t n) {
  if (n < 16) return std::string(1, static_cast<char>(0x90 | n));
  return cat({"\xdc", be(n, 2)});
}
inline std::string fixint(int v) { return std::string(1, static_cast<char>(v & 0x7f)); }
// A number in the 8-byte unsigned format (0xcf), whatever its size.
inline std::string uint64(std::uint64_t v) { return cat({"\xcf", be(v, 8)}); }
// cty's plain unknown: fixext1, type 0, one zero byte.
inline std::string unknown() { return std::string("\xd4\x00\x00", 3); }
// cty's refined unknown (ext 12) around a msgpack map of refinements, e.g. {1: true}.
inline std::string refined_unknown(const std::string& refinements) {
  return cat({"\xc7", be(refinements.size(), 1), "\x0c", refinements});
}

}  // namespace cloudssl::testing::mp
