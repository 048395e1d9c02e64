// Type-directed JSON, the way cty's json package marshals and unmarshals (docs/design/tfplugin6.md
// §4.4). Parsing goes through nlohmann's SAX interface into a small tree that keeps every number's
// text, so "0.1" or 100000000000000000001 reach Number unrounded.
#include "provider/codec/json_codec.h"

#include <nlohmann/json.hpp>

#include "provider/util/utf8.h"

namespace cloudssl::codec {
namespace {

// Deeper JSON than this is refused while parsing (bounds the decoder's recursion).
constexpr std::size_t kMaxJsonDepth = 256;

struct JsonMember;

struct JsonNode {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;  // String contents, or a Number's text as written
  std::vector<JsonNode> items;
  // In document order. A struct rather than std::pair<std::string, JsonNode>: a pair of the
  // type being defined is not portable (clang with libstdc++ refuses it).
  std::vector<JsonMember> members;

  const char* kind_name() const {
    static constexpr const char* kNames[] = {"null", "bool", "number", "string", "array", "object"};
    return kNames[static_cast<int>(kind)];
  }
};

struct JsonMember {
  std::string key;
  JsonNode value;
};

// nlohmann SAX handler building JsonNode trees.
class TreeBuilder {
 public:
  using json = nlohmann::json;

  bool null() { return add(JsonNode{}); }
  bool boolean(bool b) {
    JsonNode n;
    n.kind = JsonNode::Kind::Bool;
    n.boolean = b;
    return add(std::move(n));
  }
  bool number_integer(json::number_integer_t v) { return number(std::to_string(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return number(std::to_string(v)); }
  bool number_float(json::number_float_t, const json::string_t& text) { return number(text); }
  bool string(json::string_t& s) {
    JsonNode n;
    n.kind = JsonNode::Kind::String;
    n.text = std::move(s);
    return add(std::move(n));
  }
  bool binary(json::binary_t&) { return fail("binary data is not JSON"); }
  bool start_object(std::size_t) { return open(JsonNode::Kind::Object); }
  bool key(json::string_t& k) {
    keys_.back() = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(JsonNode::Kind::Array); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    return fail("invalid JSON at byte " + std::to_string(position));
  }

  JsonNode take_root() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  bool number(std::string text) {
    JsonNode n;
    n.kind = JsonNode::Kind::Number;
    n.text = std::move(text);
    return add(std::move(n));
  }
  bool open(JsonNode::Kind kind) {
    if (open_.size() >= kMaxJsonDepth) return fail("JSON is nested too deeply");
    JsonNode n;
    n.kind = kind;
    open_.push_back(std::move(n));
    keys_.emplace_back();
    return true;
  }
  bool close() {
    JsonNode n = std::move(open_.back());
    open_.pop_back();
    keys_.pop_back();
    return add(std::move(n));
  }
  bool add(JsonNode n) {
    if (open_.empty()) {
      root_ = std::move(n);
    } else if (open_.back().kind == JsonNode::Kind::Array) {
      open_.back().items.push_back(std::move(n));
    } else {
      open_.back().members.push_back({keys_.back(), std::move(n)});
    }
    return true;
  }
  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  std::vector<JsonNode> open_;     // containers being filled
  std::vector<std::string> keys_;  // the pending key of each open container
  JsonNode root_;
  std::string error_;
};

JsonNode parse_tree(std::string_view text) {
  TreeBuilder builder;
  // strict: trailing data after the value is an error.
  const bool ok = nlohmann::json::sax_parse(text, &builder, nlohmann::json::input_format_t::json,
                                            /*strict=*/true);
  if (!ok) throw CodecError(builder.error().empty() ? "invalid JSON" : builder.error());
  return builder.take_root();
}

std::string quote(const std::string& s) {
  try {
    return nlohmann::json(s).dump();
  } catch (const nlohmann::json::exception&) {
    throw CodecError("string is not valid UTF-8");
  }
}

// JsonNode back to text (for the type of a dynamic value).
void dump(const JsonNode& n, std::string& out) {
  switch (n.kind) {
    case JsonNode::Kind::Null:
      out += "null";
      return;
    case JsonNode::Kind::Bool:
      out += n.boolean ? "true" : "false";
      return;
    case JsonNode::Kind::Number:
      out += n.text;
      return;
    case JsonNode::Kind::String:
      out += quote(n.text);
      return;
    case JsonNode::Kind::Array:
      out += '[';
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ',';
        dump(n.items[i], out);
      }
      out += ']';
      return;
    case JsonNode::Kind::Object:
      out += '{';
      for (std::size_t i = 0; i < n.members.size(); ++i) {
        if (i) out += ',';
        out += quote(n.members[i].key);
        out += ':';
        dump(n.members[i].value, out);
      }
      out += '}';
      return;
  }
}

class JsonDecoder {
 public:
  explicit JsonDecoder(bool ignore_extra) : ignore_extra_(ignore_extra) {}

  Value decode(const JsonNode& n, const Type& type) {
    if (type.is_dynamic()) return decode_dynamic(n);
    if (n.kind == JsonNode::Kind::Null) return Value::null(type);
    switch (type.kind()) {
      case Type::Kind::String:
        // cty accepts numbers and bools where a string is expected, as their text.
        if (n.kind == JsonNode::Kind::String || n.kind == JsonNode::Kind::Number) {
          return Value::string(n.text);
        }
        if (n.kind == JsonNode::Kind::Bool) return Value::string(n.boolean ? "true" : "false");
        mismatch(type, n);
      case Type::Kind::Number: {
        if (n.kind != JsonNode::Kind::Number && n.kind != JsonNode::Kind::String) mismatch(type, n);
        std::optional<Number> num = Number::parse(n.text);
        if (!num) fail("\"" + std::string(util::utf8_prefix(n.text, 64)) + "\" is not a number");
        return Value::number(*num);
      }
      case Type::Kind::Bool:
        if (n.kind == JsonNode::Kind::Bool) return Value::boolean(n.boolean);
        if (n.kind == JsonNode::Kind::String) {
          if (n.text == "true" || n.text == "1") return Value::boolean(true);
          if (n.text == "false" || n.text == "0") return Value::boolean(false);
        }
        mismatch(type, n);
      case Type::Kind::List:
      case Type::Kind::Set: {
        if (n.kind != JsonNode::Kind::Array) mismatch(type, n);
        const bool is_set = type.kind() == Type::Kind::Set;
        std::vector<Value> elems;
        elems.reserve(n.items.size());
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          const auto pos = static_cast<std::int64_t>(i);
          Scope scope(*this, is_set ? path_.set_element(pos) : path_.index(pos));
          elems.push_back(decode(n.items[i], type.element_type()));
        }
        return is_set ? Value::set(type.element_type(), std::move(elems))
                      : Value::list(type.element_type(), std::move(elems));
      }
      case Type::Kind::Tuple: {
        if (n.kind != JsonNode::Kind::Array) mismatch(type, n);
        const auto& types = type.tuple_types();
        if (n.items.size() != types.size()) {
          fail("a tuple of length " + std::to_string(types.size()) + " is required (" +
               std::to_string(n.items.size()) + " given)");
        }
        std::vector<Value> elems;
        for (std::size_t i = 0; i < types.size(); ++i) {
          Scope scope(*this, path_.index(static_cast<std::int64_t>(i)));
          elems.push_back(decode(n.items[i], types[i]));
        }
        return Value::tuple(type, std::move(elems));
      }
      case Type::Kind::Map: {
        if (n.kind != JsonNode::Kind::Object) mismatch(type, n);
        std::map<std::string, Value> entries;
        for (const auto& [key, child] : n.members) {
          Scope scope(*this, path_.key(key));
          if (entries.contains(key)) fail("duplicate key");
          entries.emplace(key, decode(child, type.element_type()));
        }
        return Value::map(type.element_type(), std::move(entries));
      }
      case Type::Kind::Object: {
        if (n.kind != JsonNode::Kind::Object) mismatch(type, n);
        const auto& types = type.attribute_types();
        std::map<std::string, Value> attrs;  // missing attributes become null in object()
        for (const auto& [name, child] : n.members) {
          auto it = types.find(name);
          if (it == types.end()) {
            if (ignore_extra_) continue;
            fail("unsupported attribute \"" + name + "\"");
          }
          Scope scope(*this, path_.attr(name));
          if (attrs.contains(name)) fail("duplicate attribute");
          attrs.emplace(name, decode(child, it->second));
        }
        return Value::object(type, std::move(attrs));
      }
      case Type::Kind::Dynamic:
        break;
    }
    fail("unsupported type");
  }

 private:
  // Sets the current path for error messages while a child is decoded.
  class Scope {
   public:
    Scope(JsonDecoder& d, Path child) : d_(d), saved_(std::move(d.path_)) {
      d_.path_ = std::move(child);
    }
    ~Scope() { d_.path_ = std::move(saved_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    JsonDecoder& d_;
    Path saved_;
  };

  // {"value": <value>, "type": <type JSON>}
  Value decode_dynamic(const JsonNode& n) {
    if (n.kind == JsonNode::Kind::Null) return Value();
    if (n.kind != JsonNode::Kind::Object)
      fail("a dynamic value must be {\"value\": ..., \"type\": ...}");
    const JsonNode* value = nullptr;
    const JsonNode* type = nullptr;
    for (const auto& [key, child] : n.members) {
      const JsonNode** slot = key == "value" ? &value : (key == "type" ? &type : nullptr);
      if (!slot) fail("invalid key \"" + key + "\" in a dynamic value");
      if (*slot) fail("duplicate key \"" + key + "\" in a dynamic value");
      *slot = &child;
    }
    if (!type) fail("a dynamic value needs a \"type\"");
    if (!value) fail("a dynamic value needs a \"value\"");
    std::string type_json;
    dump(*type, type_json);
    Type actual;
    try {
      actual = Type::from_json(type_json);
    } catch (const CodecError& e) {
      fail(std::string("invalid type of a dynamic value: ") + e.what());
    }
    return decode(*value, actual);
  }

  [[noreturn]] void mismatch(const Type& type, const JsonNode& n) const {
    fail("a " + type.friendly_name() + " is required, got JSON " + n.kind_name());
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw CodecError(path_.empty() ? message : path_.to_string() + ": " + message);
  }

  bool ignore_extra_;
  Path path_;
};

class JsonEncoder {
 public:
  void encode(const Value& v, const Type& slot, std::string& out) {
    if (slot.is_dynamic() && !v.type().is_dynamic()) {
      out += "{\"value\":";
      encode(v, v.type(), out);
      out += ",\"type\":";
      out += v.type().to_json();
      out += '}';
      return;
    }
    if (v.is_unknown()) fail("value is not known (JSON cannot carry unknown values)");
    if (v.is_null()) {
      out += "null";
      return;
    }
    if (slot.is_dynamic() || v.type().kind() != slot.kind()) {
      fail("a " + slot.friendly_name() + " is required, got a " + v.type().friendly_name());
    }
    switch (slot.kind()) {
      case Type::Kind::String:
        try {
          out += quote(v.as_string());
        } catch (const CodecError& e) {
          fail(e.what());
        }
        return;
      case Type::Kind::Number: {
        const std::string text = v.as_number().to_string();
        if (text == "+Inf" || text == "-Inf") fail("JSON cannot carry an infinite number");
        out += text;
        return;
      }
      case Type::Kind::Bool:
        out += v.as_bool() ? "true" : "false";
        return;
      case Type::Kind::List:
      case Type::Kind::Set:
      case Type::Kind::Tuple: {
        const auto& elems = v.elements();
        const bool is_set = slot.kind() == Type::Kind::Set;
        const bool is_tuple = slot.kind() == Type::Kind::Tuple;
        if (is_tuple && elems.size() != slot.tuple_types().size()) {
          fail("a tuple of length " + std::to_string(slot.tuple_types().size()) + " is required");
        }
        out += '[';
        for (std::size_t i = 0; i < elems.size(); ++i) {
          if (i) out += ',';
          const auto pos = static_cast<std::int64_t>(i);
          Path saved = path_;
          path_ = is_set ? path_.set_element(pos) : path_.index(pos);
          encode(elems[i], is_tuple ? slot.tuple_types()[i] : slot.element_type(), out);
          path_ = std::move(saved);
        }
        out += ']';
        return;
      }
      case Type::Kind::Map: {
        out += '{';
        bool first = true;
        for (const auto& [key, elem] : v.entries()) {
          if (!first) out += ',';
          first = false;
          out += quote(key);
          out += ':';
          Path saved = path_;
          path_ = path_.key(key);
          encode(elem, slot.element_type(), out);
          path_ = std::move(saved);
        }
        out += '}';
        return;
      }
      case Type::Kind::Object: {
        const auto& entries = v.entries();
        if (entries.size() > slot.attribute_types().size()) {
          fail("the value has attributes the type lacks");
        }
        out += '{';
        bool first = true;
        for (const auto& [name, attr_type] : slot.attribute_types()) {
          if (!first) out += ',';
          first = false;
          out += quote(name);
          out += ':';
          auto it = entries.find(name);
          if (it == entries.end()) {
            out += "null";
            continue;
          }
          Path saved = path_;
          path_ = path_.attr(name);
          encode(it->second, attr_type, out);
          path_ = std::move(saved);
        }
        out += '}';
        return;
      }
      case Type::Kind::Dynamic:
        break;
    }
    fail("cannot encode a " + v.type().friendly_name());
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw CodecError(path_.empty() ? message : path_.to_string() + ": " + message);
  }

  Path path_;
};

}  // namespace

std::string to_json(const Value& value, const Type& type) {
  std::string out;
  JsonEncoder().encode(value, type, out);
  return out;
}

Value from_json(std::string_view json, const Type& type, bool ignore_extra) {
  JsonNode root = parse_tree(json);
  return JsonDecoder(ignore_extra).decode(root, type);
}

}  // namespace cloudssl::codec
