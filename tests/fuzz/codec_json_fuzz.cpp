// Fuzz target: the JSON decoder (RawState from older state files, DynamicValue.json). Input:
// one byte choosing the type (codec_types.h) and whether unknown attributes are ignored (as
// state upgrades do), then the JSON text.
// Properties: decoding either yields a value or throws CodecError (any other exception escapes
// and is reported as a crash); a decoded value round-trips through JSON and through msgpack.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "provider/codec/json_codec.h"
#include "provider/codec/msgpack_codec.h"
#include "tests/fuzz/codec_types.h"

using cloudssl::codec::CodecError;
using cloudssl::codec::Value;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& type = cloudssl::fuzz::codec_type_for(data[0] >> 1);
  const bool ignore_extra = (data[0] & 1) != 0;
  const std::string_view json(reinterpret_cast<const char*>(data + 1), size - 1);
  Value value;
  try {
    value = cloudssl::codec::from_json(json, type, ignore_extra);
  } catch (const CodecError&) {
    return 0;
  }
  // Upgraded state is written back as JSON and sent to Terraform as msgpack.
  if (!(cloudssl::codec::from_json(cloudssl::codec::to_json(value, type), type) == value)) {
    std::abort();
  }
  if (!(cloudssl::codec::from_msgpack(cloudssl::codec::to_msgpack(value, type), type) == value)) {
    std::abort();
  }
  return 0;
}
