// Type-directed MessagePack, the way cty's msgpack package marshals and unmarshals
// (docs/design/tfplugin6.md §4.3). Writing goes through msgpack-cxx's packer (compact ints as Core
// writes them); reading through MsgpackReader (see there why not msgpack-cxx's unpack).
#include "provider/codec/msgpack_codec.h"

#include <limits>
#include <msgpack/pack.hpp>

#include "provider/codec/msgpack_reader.h"

namespace cloudssl::codec {
namespace {

// Values nest no deeper than their type, except through dynamic wrappers, which could nest
// as deep as the input is long; this bounds the recursion either way.
constexpr int kMaxDepth = 256;

// cty's extension code for an unknown with refinements, and its refinement keys.
constexpr std::int8_t kRefinedUnknownExt = 12;
enum RefinementKey : std::int64_t {
  kNullness = 1,
  kStringPrefix = 2,
  kNumberLower = 3,
  kNumberUpper = 4,
  kLengthLower = 5,
  kLengthUpper = 6,
};

// Where in the value we are, for error messages ("tags[\"a\"]: a string is required").
class PathTracker {
 public:
  void push(Path::Step step) { steps_.push_back(std::move(step)); }
  void pop() { steps_.pop_back(); }
  [[noreturn]] void fail(const std::string& message) const {
    Path p;
    for (const Path::Step& s : steps_) {
      switch (s.kind) {
        case Path::Step::Kind::Attribute:
          p = p.attr(s.name);
          break;
        case Path::Step::Kind::MapKey:
          p = p.key(s.name);
          break;
        case Path::Step::Kind::Index:
          p = p.index(s.index);
          break;
        case Path::Step::Kind::SetElement:
          p = p.set_element(s.index);
          break;
      }
    }
    throw CodecError(p.empty() ? message : p.to_string() + ": " + message);
  }
  int depth() const { return static_cast<int>(steps_.size()); }

 private:
  std::vector<Path::Step> steps_;
};

Path::Step attr_step(std::string name) { return {Path::Step::Kind::Attribute, std::move(name), 0}; }
Path::Step key_step(std::string name) { return {Path::Step::Kind::MapKey, std::move(name), 0}; }
Path::Step index_step(std::size_t i, bool set) {
  return {set ? Path::Step::Kind::SetElement : Path::Step::Kind::Index,
          {},
          static_cast<std::int64_t>(i)};
}

// ---- encoding -------------------------------------------------------------------------

struct StringSink {
  std::string& out;
  void write(const char* data, std::size_t n) { out.append(data, n); }
};
using Packer = msgpack::packer<StringSink>;

class Encoder {
 public:
  explicit Encoder(std::string& out) : sink_{out}, packer_(sink_) {}

  void encode(const Value& v, const Type& slot) {
    if (path_.depth() > kMaxDepth) path_.fail("value is nested too deeply");
    if (slot.is_dynamic() && !v.type().is_dynamic()) {
      // [type JSON as bin, value encoded per that type]
      const std::string type_json = v.type().to_json();
      packer_.pack_array(2);
      packer_.pack_bin(static_cast<std::uint32_t>(type_json.size()));
      packer_.pack_bin_body(type_json.data(), static_cast<std::uint32_t>(type_json.size()));
      encode(v, v.type());
      return;
    }
    if (v.is_unknown()) {
      // Plain unknown, exactly as Core writes it; the provider never sends refinements.
      packer_.pack_ext(1, 0);
      packer_.pack_ext_body("\0", 1);
      return;
    }
    if (v.is_null()) {
      packer_.pack_nil();
      return;
    }
    if (slot.is_dynamic() || v.type().kind() != slot.kind()) {
      path_.fail("a " + slot.friendly_name() + " is required, got a " + v.type().friendly_name());
    }
    switch (slot.kind()) {
      case Type::Kind::String: {
        const std::string& s = v.as_string();
        pack_str(s);
        return;
      }
      case Type::Kind::Number:
        pack_number(v.as_number());
        return;
      case Type::Kind::Bool:
        if (v.as_bool()) {
          packer_.pack_true();
        } else {
          packer_.pack_false();
        }
        return;
      case Type::Kind::List:
      case Type::Kind::Set: {
        const auto& elems = v.elements();
        packer_.pack_array(static_cast<std::uint32_t>(elems.size()));
        const bool is_set = slot.kind() == Type::Kind::Set;
        for (std::size_t i = 0; i < elems.size(); ++i) {
          path_.push(index_step(i, is_set));
          encode(elems[i], slot.element_type());
          path_.pop();
        }
        return;
      }
      case Type::Kind::Tuple: {
        const auto& elems = v.elements();
        const auto& types = slot.tuple_types();
        if (elems.size() != types.size()) {
          path_.fail("a tuple of length " + std::to_string(types.size()) + " is required");
        }
        packer_.pack_array(static_cast<std::uint32_t>(elems.size()));
        for (std::size_t i = 0; i < elems.size(); ++i) {
          path_.push(index_step(i, false));
          encode(elems[i], types[i]);
          path_.pop();
        }
        return;
      }
      case Type::Kind::Map: {
        const auto& entries = v.entries();
        packer_.pack_map(static_cast<std::uint32_t>(entries.size()));
        for (const auto& [key, elem] : entries) {
          pack_str(key);
          path_.push(key_step(key));
          encode(elem, slot.element_type());
          path_.pop();
        }
        return;
      }
      case Type::Kind::Object: {
        // Exactly one entry per attribute of the type, keys sorted as Core writes them.
        const auto& types = slot.attribute_types();
        const auto& entries = v.entries();
        packer_.pack_map(static_cast<std::uint32_t>(types.size()));
        for (const auto& [name, attr_type] : types) {
          auto it = entries.find(name);
          pack_str(name);
          path_.push(attr_step(name));
          if (it == entries.end()) {
            packer_.pack_nil();
          } else {
            encode(it->second, attr_type);
          }
          path_.pop();
        }
        if (entries.size() > types.size()) path_.fail("the value has attributes the type lacks");
        return;
      }
      case Type::Kind::Dynamic:
        break;
    }
    path_.fail("cannot encode a " + v.type().friendly_name());
  }

 private:
  void pack_str(const std::string& s) {
    packer_.pack_str(static_cast<std::uint32_t>(s.size()));
    packer_.pack_str_body(s.data(), static_cast<std::uint32_t>(s.size()));
  }

  void pack_number(const Number& n) {
    switch (n.wire_form()) {
      case Number::WireForm::Int:
        packer_.pack_int64(*n.to_int64());
        return;
      case Number::WireForm::Float:
        packer_.pack_double(n.to_double());
        return;
      case Number::WireForm::Decimal:
        pack_str(n.to_string());
        return;
    }
  }

  StringSink sink_;
  Packer packer_;
  PathTracker path_;
};

// ---- decoding -------------------------------------------------------------------------

using Family = MsgpackReader::Family;

// A number item (any int/uint width, float32/64, decimal string), or nullopt.
std::optional<Number> read_number(MsgpackReader& r) {
  MsgpackReader::Header h = r.header();
  switch (h.family) {
    case Family::Int:
      return Number::from_int(h.int_value);
    case Family::Uint:
      return Number::from_uint(h.uint_value);
    case Family::Float32:
    case Family::Float64:
      if (h.float_value != h.float_value) return std::nullopt;  // NaN
      return Number::from_double(h.float_value);
    case Family::Str:
      return Number::parse(r.take(h.length));
    default:
      return std::nullopt;
  }
}

// Refinements from an ext 12 payload (a map with small integer keys). They are advice that
// only narrows the unknown, so anything malformed is dropped rather than failing the call.
Refinements parse_refinements(std::string_view payload) {
  Refinements out;
  try {
    MsgpackReader r(payload);
    MsgpackReader::Header map = r.header();
    if (map.family != Family::Map) return {};
    for (std::uint32_t i = 0; i < map.length; ++i) {
      MsgpackReader::Header key = r.header();
      std::int64_t k = -1;  // keys other than small integers are nobody's refinement
      switch (key.family) {
        case Family::Int:
          k = key.int_value;
          break;
        case Family::Uint:
          if (key.uint_value <= kLengthUpper) k = static_cast<std::int64_t>(key.uint_value);
          break;
        case Family::Str:
        case Family::Bin:
        case Family::Ext:
          r.take(key.length);
          break;
        case Family::Array:
        case Family::Map:
          return {};  // not cty's format at all
        default:
          break;
      }
      const std::uint8_t first = r.peek();
      switch (k) {
        case kNullness: {
          MsgpackReader::Header b = r.header();
          if (b.family == Family::Bool && !b.boolean) out.not_null = true;
          if (b.family != Family::Bool) return {};
          break;
        }
        case kStringPrefix: {
          if (!MsgpackReader::is_str(first)) return {};
          MsgpackReader::Header s = r.header();
          out.string_prefix = std::string(r.take(s.length));
          break;
        }
        case kNumberLower:
        case kNumberUpper: {
          MsgpackReader::Header arr = r.header();
          if (arr.family != Family::Array || arr.length != 2) return {};
          std::optional<Number> bound = read_number(r);
          MsgpackReader::Header inclusive = r.header();
          if (!bound || inclusive.family != Family::Bool) return {};
          (k == kNumberLower ? out.number_lower : out.number_upper) =
              std::make_pair(*bound, inclusive.boolean);
          break;
        }
        case kLengthLower:
        case kLengthUpper: {
          MsgpackReader::Header n = r.header();
          std::int64_t len = 0;
          if (n.family == Family::Uint &&
              n.uint_value <=
                  static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            len = static_cast<std::int64_t>(n.uint_value);
          } else if (n.family == Family::Int && n.int_value >= 0) {
            len = n.int_value;
          } else {
            return {};
          }
          (k == kLengthLower ? out.length_lower : out.length_upper) = len;
          break;
        }
        default:
          r.skip();  // a refinement this version does not know: ignored, as cty does
          break;
      }
    }
  } catch (const CodecError&) {
    return {};
  }
  return out;
}

class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : r_(bytes) {}

  Value decode_all(const Type& type) {
    Value v = decode(type);
    if (!r_.at_end()) throw CodecError("unexpected data after the msgpack value");
    return v;
  }

 private:
  Value decode(const Type& type) {
    if (++nesting_ > kMaxDepth) path_.fail("value is nested too deeply");
    Value v = decode_item(type);
    --nesting_;
    return v;
  }

  Value decode_item(const Type& type) {
    const std::uint8_t first = r_.peek();
    if (MsgpackReader::is_ext(first)) {
      // Every extension is an unknown (spec advice); code 12 may carry refinements.
      MsgpackReader::Header h = r_.header();
      std::string_view payload = r_.take(h.length);
      if (h.ext_type == kRefinedUnknownExt && payload.size() > 1) {
        return Value::unknown(type, parse_refinements(payload));
      }
      return Value::unknown(type);
    }
    if (type.is_dynamic()) return decode_dynamic();
    if (first == 0xc0) {
      r_.header();
      return Value::null(type);
    }
    MsgpackReader::Header h = r_.header();
    switch (type.kind()) {
      case Type::Kind::String:
        if (h.family != Family::Str && h.family != Family::Bin) mismatch(type, h);
        return Value::string(std::string(r_.take(h.length)));
      case Type::Kind::Number:
        return Value::number(decode_number(h));
      case Type::Kind::Bool:
        if (h.family != Family::Bool) mismatch(type, h);
        return Value::boolean(h.boolean);
      case Type::Kind::List:
      case Type::Kind::Set: {
        if (h.family != Family::Array) mismatch(type, h);
        const bool is_set = type.kind() == Type::Kind::Set;
        std::vector<Value> elems;
        elems.reserve(h.length);  // bounded by the remaining bytes (see header())
        for (std::uint32_t i = 0; i < h.length; ++i) {
          path_.push(index_step(i, is_set));
          elems.push_back(decode(type.element_type()));
          path_.pop();
        }
        return is_set ? Value::set(type.element_type(), std::move(elems))
                      : Value::list(type.element_type(), std::move(elems));
      }
      case Type::Kind::Tuple: {
        if (h.family != Family::Array) mismatch(type, h);
        const auto& types = type.tuple_types();
        if (h.length != types.size()) {
          path_.fail("a tuple of length " + std::to_string(types.size()) + " is required (" +
                     std::to_string(h.length) + " given)");
        }
        std::vector<Value> elems;
        elems.reserve(types.size());
        for (std::size_t i = 0; i < types.size(); ++i) {
          path_.push(index_step(i, false));
          elems.push_back(decode(types[i]));
          path_.pop();
        }
        return Value::tuple(type, std::move(elems));
      }
      case Type::Kind::Map: {
        if (h.family != Family::Map) mismatch(type, h);
        std::map<std::string, Value> entries;
        for (std::uint32_t i = 0; i < h.length; ++i) {
          std::string key = decode_key();
          path_.push(key_step(key));
          Value elem = decode(type.element_type());
          if (!entries.emplace(key, std::move(elem)).second) path_.fail("duplicate map key");
          path_.pop();
        }
        return Value::map(type.element_type(), std::move(entries));
      }
      case Type::Kind::Object: {
        if (h.family != Family::Map) mismatch(type, h);
        const auto& types = type.attribute_types();
        if (h.length != types.size()) {
          path_.fail("an object with " + std::to_string(types.size()) +
                     " attributes is required (" + std::to_string(h.length) + " given)");
        }
        std::map<std::string, Value> attrs;
        for (std::uint32_t i = 0; i < h.length; ++i) {
          std::string name = decode_key();
          auto it = types.find(name);
          if (it == types.end()) path_.fail("unsupported attribute \"" + name + "\"");
          path_.push(attr_step(name));
          Value v = decode(it->second);
          if (!attrs.emplace(name, std::move(v)).second) path_.fail("duplicate attribute");
          path_.pop();
        }
        return Value::object(type, std::move(attrs));
      }
      case Type::Kind::Dynamic:
        break;
    }
    path_.fail("unsupported type");
  }

  // [type JSON (bin or str), value]; nil and extensions were handled by the caller.
  Value decode_dynamic() {
    if (r_.peek() == 0xc0) {
      r_.header();
      return Value();
    }
    MsgpackReader::Header h = r_.header();
    if (h.family != Family::Array || h.length != 2) {
      path_.fail("a dynamic value must be a [type, value] array");
    }
    MsgpackReader::Header th = r_.header();
    if (th.family != Family::Bin && th.family != Family::Str) {
      path_.fail("the type of a dynamic value must be JSON in a bin or str");
    }
    Type actual;
    try {
      actual = Type::from_json(r_.take(th.length));
    } catch (const CodecError& e) {
      path_.fail(std::string("invalid type of a dynamic value: ") + e.what());
    }
    return decode(actual);
  }

  Number decode_number(const MsgpackReader::Header& h) {
    switch (h.family) {
      case Family::Int:
        return Number::from_int(h.int_value);
      case Family::Uint:
        return Number::from_uint(h.uint_value);
      case Family::Float32:
      case Family::Float64:
        if (h.float_value != h.float_value) path_.fail("a number cannot be NaN");
        return Number::from_double(h.float_value);
      case Family::Str: {
        std::string_view text = r_.take(h.length);
        std::optional<Number> n = Number::parse(text);
        if (!n) path_.fail("\"" + std::string(text.substr(0, 64)) + "\" is not a number");
        return *n;
      }
      default:
        mismatch(Type::number(), h);
    }
  }

  std::string decode_key() {
    MsgpackReader::Header h = r_.header();
    if (h.family != Family::Str && h.family != Family::Bin) path_.fail("map keys must be strings");
    return std::string(r_.take(h.length));
  }

  [[noreturn]] void mismatch(const Type& type, const MsgpackReader::Header& h) const {
    static constexpr const char* kNames[] = {"nil",   "bool",  "integer",  "integer",
                                             "float", "float", "string",   "binary",
                                             "array", "map",   "extension"};
    path_.fail("a " + type.friendly_name() + " is required, got msgpack " +
               kNames[static_cast<int>(h.family)]);
  }

  MsgpackReader r_;
  PathTracker path_;
  int nesting_ = 0;
};

}  // namespace

std::string to_msgpack(const Value& value, const Type& type) {
  std::string out;
  Encoder(out).encode(value, type);
  return out;
}

Value from_msgpack(std::string_view bytes, const Type& type) {
  return Decoder(bytes).decode_all(type);
}

}  // namespace cloudssl::codec
