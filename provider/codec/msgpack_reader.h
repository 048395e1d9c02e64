// A pull reader over a MessagePack buffer, for the type-directed decoder (internal to the
// codec). Hand-written rather than msgpack-cxx's unpack: that builds a whole object tree
// first and allocates each array/map from its declared length before reading it, so a few
// bytes claiming 2^32 elements (nested, too) could demand terabytes; here every length is
// checked against the bytes that remain and nothing is allocated ahead of the data.
#pragma once

#include <cstdint>
#include <string_view>

namespace cloudssl::codec {

class MsgpackReader {
 public:
  enum class Family { Nil, Bool, Int, Uint, Float32, Float64, Str, Bin, Array, Map, Ext };

  // One item's header. Str/Bin/Ext payloads follow and are read with take(length); Array and
  // Map items follow as `length` (Map: 2 × length) further items.
  struct Header {
    Family family = Family::Nil;
    bool boolean = false;
    std::int64_t int_value = 0;    // Int
    std::uint64_t uint_value = 0;  // Uint
    double float_value = 0;        // Float32 (widened exactly), Float64
    std::uint32_t length = 0;      // Str, Bin, Ext payload bytes; Array items; Map pairs
    std::int8_t ext_type = 0;      // Ext
  };

  explicit MsgpackReader(std::string_view bytes) : bytes_(bytes) {}

  bool at_end() const { return pos_ == bytes_.size(); }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  // The first byte of the next item (CodecError at the end of the buffer).
  std::uint8_t peek() const;
  static bool is_ext(std::uint8_t first_byte);
  static bool is_str(std::uint8_t first_byte);

  // Reads the next header (CodecError when truncated or on the reserved byte 0xc1). Array and
  // Map lengths larger than the remaining bytes could hold are refused right away.
  Header header();
  // The next `n` payload bytes.
  std::string_view take(std::size_t n);
  // Skips one whole item, nested ones included (iteratively: no recursion on hostile input).
  void skip();

 private:
  std::uint64_t big_endian(std::size_t n);

  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace cloudssl::codec
