#include "provider/codec/msgpack_reader.h"

#include <bit>
#include <string>

#include "provider/codec/type.h"

namespace cloudssl::codec {

namespace {

[[noreturn]] void truncated() { throw CodecError("msgpack data ends in the middle of a value"); }

}  // namespace

std::uint8_t MsgpackReader::peek() const {
  if (at_end()) truncated();
  return static_cast<std::uint8_t>(bytes_[pos_]);
}

bool MsgpackReader::is_ext(std::uint8_t b) {
  return (b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9);
}

bool MsgpackReader::is_str(std::uint8_t b) {
  return (b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb);
}

std::uint64_t MsgpackReader::big_endian(std::size_t n) {
  std::string_view raw = take(n);
  std::uint64_t v = 0;
  for (char c : raw) v = (v << 8) | static_cast<std::uint8_t>(c);
  return v;
}

std::string_view MsgpackReader::take(std::size_t n) {
  if (n > remaining()) truncated();
  std::string_view out = bytes_.substr(pos_, n);
  pos_ += n;
  return out;
}

MsgpackReader::Header MsgpackReader::header() {
  const std::uint8_t b = peek();
  ++pos_;
  Header h;
  auto sized = [&](Family f, std::size_t width) {
    h.family = f;
    h.length = static_cast<std::uint32_t>(big_endian(width));
  };
  auto ext = [&](std::uint32_t length) {
    h.family = Family::Ext;
    h.length = length;
    h.ext_type = static_cast<std::int8_t>(static_cast<std::uint8_t>(take(1)[0]));
  };
  if (b <= 0x7f) {
    h.family = Family::Uint;
    h.uint_value = b;
  } else if (b <= 0x8f) {
    h.family = Family::Map;
    h.length = b & 0x0fu;
  } else if (b <= 0x9f) {
    h.family = Family::Array;
    h.length = b & 0x0fu;
  } else if (b <= 0xbf) {
    h.family = Family::Str;
    h.length = b & 0x1fu;
  } else if (b >= 0xe0) {
    h.family = Family::Int;
    h.int_value = static_cast<std::int8_t>(b);
  } else {
    switch (b) {
      case 0xc0:
        h.family = Family::Nil;
        break;
      case 0xc2:
      case 0xc3:
        h.family = Family::Bool;
        h.boolean = b == 0xc3;
        break;
      case 0xc4:
        sized(Family::Bin, 1);
        break;
      case 0xc5:
        sized(Family::Bin, 2);
        break;
      case 0xc6:
        sized(Family::Bin, 4);
        break;
      case 0xc7:
        ext(static_cast<std::uint32_t>(big_endian(1)));
        break;
      case 0xc8:
        ext(static_cast<std::uint32_t>(big_endian(2)));
        break;
      case 0xc9:
        ext(static_cast<std::uint32_t>(big_endian(4)));
        break;
      case 0xca: {
        h.family = Family::Float32;
        h.float_value = std::bit_cast<float>(static_cast<std::uint32_t>(big_endian(4)));
        break;
      }
      case 0xcb:
        h.family = Family::Float64;
        h.float_value = std::bit_cast<double>(big_endian(8));
        break;
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf:
        h.family = Family::Uint;
        h.uint_value = big_endian(std::size_t{1} << (b - 0xcc));
        break;
      case 0xd0:
        h.family = Family::Int;
        h.int_value = static_cast<std::int8_t>(big_endian(1));
        break;
      case 0xd1:
        h.family = Family::Int;
        h.int_value = static_cast<std::int16_t>(big_endian(2));
        break;
      case 0xd2:
        h.family = Family::Int;
        h.int_value = static_cast<std::int32_t>(big_endian(4));
        break;
      case 0xd3:
        h.family = Family::Int;
        h.int_value = static_cast<std::int64_t>(big_endian(8));
        break;
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        ext(std::uint32_t{1} << (b - 0xd4));
        break;
      case 0xd9:
        sized(Family::Str, 1);
        break;
      case 0xda:
        sized(Family::Str, 2);
        break;
      case 0xdb:
        sized(Family::Str, 4);
        break;
      case 0xdc:
        sized(Family::Array, 2);
        break;
      case 0xdd:
        sized(Family::Array, 4);
        break;
      case 0xde:
        sized(Family::Map, 2);
        break;
      case 0xdf:
        sized(Family::Map, 4);
        break;
      default:  // 0xc1 is reserved ("never used") in the msgpack spec
        throw CodecError("invalid msgpack byte 0xc1");
    }
  }
  // Every item takes at least one byte: a longer claim cannot be satisfied.
  const std::uint64_t min_bytes = h.family == Family::Map     ? std::uint64_t{2} * h.length
                                  : h.family == Family::Array ? std::uint64_t{h.length}
                                                              : 0;
  if (min_bytes > remaining()) truncated();
  return h;
}

void MsgpackReader::skip() {
  std::uint64_t pending = 1;
  while (pending > 0) {
    --pending;
    Header h = header();
    switch (h.family) {
      case Family::Str:
      case Family::Bin:
      case Family::Ext:
        take(h.length);
        break;
      case Family::Array:
        pending += h.length;
        break;
      case Family::Map:
        pending += std::uint64_t{2} * h.length;
        break;
      default:
        break;
    }
  }
}

}  // namespace cloudssl::codec
