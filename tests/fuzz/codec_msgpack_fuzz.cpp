// Fuzz target: the msgpack decoder (DynamicValue.msgpack, what Terraform sends in every plan and
// apply). Input: one byte choosing the type (codec_types.h), then the msgpack bytes.
// Properties: decoding either yields a value or throws CodecError (any other exception escapes
// and is reported as a crash); a decoded value encodes again and decodes to an equal value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "provider/codec/msgpack_codec.h"
#include "tests/fuzz/codec_types.h"

using cloudssl::codec::CodecError;
using cloudssl::codec::Value;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& type = cloudssl::fuzz::codec_type_for(data[0]);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  Value value;
  try {
    value = cloudssl::codec::from_msgpack(bytes, type);
  } catch (const CodecError&) {
    return 0;  // refused with a diagnostic: the expected outcome for most inputs
  }
  // What was accepted must survive the provider echoing it back (plans, state).
  const std::string encoded = cloudssl::codec::to_msgpack(value, type);
  if (!(cloudssl::codec::from_msgpack(encoded, type) == value)) std::abort();
  return 0;
}
