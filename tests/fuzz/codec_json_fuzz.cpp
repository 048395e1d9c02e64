// Fuzz target: the JSON decoder (RawState from older state files, DynamicValue.json). Input:
// one byte choosing the type (codec_types.h) and whether unknown attributes are ignored (as
// state upgrades do), then the JSON text.
// Properties: decoding either yields a value or throws CodecError (any other exception escapes
// and is reported as a crash); a decoded value round-trips through JSON and through msgpack.
// The one exception is an infinity: cty decodes "Inf" (Go's big.ParseFloat accepts it) but its
// JSON encoder refuses to write one, and so does ours, with CodecError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "provider/codec/json_codec.h"
#include "provider/codec/msgpack_codec.h"
#include "tests/fuzz/codec_types.h"

using cloudssl::codec::CodecError;
using cloudssl::codec::Path;
using cloudssl::codec::Type;
using cloudssl::codec::Value;

namespace {

bool holds_infinity(const Value& value) {
  bool found = false;
  value.walk([&](const Path&, const Value& v) {
    if (v.is_known() && !v.is_null() && v.type().kind() == Type::Kind::Number) {
      const std::string text = v.as_number().to_string();
      found = found || text == "+Inf" || text == "-Inf";
    }
    return true;
  });
  return found;
}

}  // namespace

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
  std::optional<std::string> text;
  try {
    text = cloudssl::codec::to_json(value, type);
  } catch (const CodecError&) {
    if (!holds_infinity(value)) std::abort();
  }
  if (text && !(cloudssl::codec::from_json(*text, type) == value)) {
    std::abort();
  }
  if (!(cloudssl::codec::from_msgpack(cloudssl::codec::to_msgpack(value, type), type) == value)) {
    std::abort();
  }
  return 0;
}
