// Hex helpers for byte fixtures in the codec tests, and the message of an expected CodecError.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "provider/codec/type.h"

namespace cloudssl::codec::testing {

// "83 a4 64" → bytes; whitespace between bytes is ignored.
inline std::string unhex(std::string_view text) {
  std::string out;
  int high = -1;
  for (char c : text) {
    int nibble = -1;
    if (c >= '0' && c <= '9') nibble = c - '0';
    if (c >= 'a' && c <= 'f') nibble = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') nibble = c - 'A' + 10;
    if (nibble < 0) {
      if (c == ' ' || c == '\n') continue;
      throw std::invalid_argument("bad hex fixture");
    }
    if (high < 0) {
      high = nibble;
    } else {
      out.push_back(static_cast<char>((high << 4) | nibble));
      high = -1;
    }
  }
  if (high >= 0) throw std::invalid_argument("odd hex fixture");
  return out;
}

// bytes → "83 a4 64"
inline std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    if (!out.empty()) out += ' ';
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// The message of the CodecError `call` throws: one helper instead of a try / FAIL() / catch
// block in every test of an error's words. When `call` returns instead, the test fails and the
// message is "(no error)", so the check on it that follows fails too.
template <class Call>
std::string codec_error_of(Call&& call) {
  try {
    std::forward<Call>(call)();
  } catch (const CodecError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a CodecError, but the call returned";
  return "(no error)";
}

}  // namespace cloudssl::codec::testing
