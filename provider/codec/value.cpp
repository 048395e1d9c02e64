// Immutable values with shared representation; every "modification" builds a new node and
// shares the untouched children.
#include "provider/codec/value.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <variant>

namespace cloudssl::codec {

namespace {
enum class State : unsigned char { Null, Known, Unknown };  // also the compare() rank
}  // namespace

struct Value::Rep {
  Type type;
  State state = State::Null;
  bool wholly_known = true;  // no unknown anywhere inside (null counts as known)
  Refinements refinements;
  std::variant<std::monostate, std::string, Number, bool, std::vector<Value>,
               std::map<std::string, Value>>
      data;
};

using Elements = std::vector<Value>;
using Entries = std::map<std::string, Value>;

namespace {

// Structural match where `dynamic` in the slot accepts anything.
bool type_conforms(const Type& actual, const Type& slot) {
  if (slot.is_dynamic()) return true;
  if (actual.kind() != slot.kind()) return false;
  switch (slot.kind()) {
    case Type::Kind::List:
    case Type::Kind::Set:
    case Type::Kind::Map:
      return type_conforms(actual.element_type(), slot.element_type());
    case Type::Kind::Object: {
      const auto& a = actual.attribute_types();
      const auto& s = slot.attribute_types();
      if (a.size() != s.size()) return false;
      for (auto ai = a.begin(), si = s.begin(); ai != a.end(); ++ai, ++si) {
        if (ai->first != si->first || !type_conforms(ai->second, si->second)) return false;
      }
      return true;
    }
    case Type::Kind::Tuple: {
      const auto& a = actual.tuple_types();
      const auto& s = slot.tuple_types();
      if (a.size() != s.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!type_conforms(a[i], s[i])) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

const Refinements& no_refinements() {
  static const Refinements empty;
  return empty;
}

std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

// Construction and traversal helpers that need the private representation.
struct ValueAccess {
  static Value make(Type type, State state, Refinements refinements = {}) {
    auto rep = std::make_shared<Value::Rep>();
    rep->type = std::move(type);
    rep->state = state;
    rep->wholly_known = state != State::Unknown;
    rep->refinements = std::move(refinements);
    return Value(std::move(rep));
  }

  template <typename Data>
  static Value known(Type type, Data data) {
    auto rep = std::make_shared<Value::Rep>();
    rep->type = std::move(type);
    rep->state = State::Known;
    if constexpr (std::is_same_v<Data, Elements>) {
      rep->wholly_known =
          std::all_of(data.begin(), data.end(), [](const Value& v) { return v.is_wholly_known(); });
    } else if constexpr (std::is_same_v<Data, Entries>) {
      rep->wholly_known = std::all_of(data.begin(), data.end(),
                                      [](const auto& kv) { return kv.second.is_wholly_known(); });
    }
    rep->data = std::move(data);
    return Value(std::move(rep));
  }

  static const Value::Rep& rep(const Value& v) { return *v.rep_; }
  static bool same(const Value& a, const Value& b) { return a.rep_ == b.rep_; }

  // A known node of the same type as `original` with new children, conformance-checked.
  static Value rebuild_elements(const Value& original, Elements elements) {
    const Type& t = original.type();
    switch (t.kind()) {
      case Type::Kind::List:
        return Value::list(t.element_type(), std::move(elements));
      case Type::Kind::Set:
        return Value::set(t.element_type(), std::move(elements));
      case Type::Kind::Tuple:
        return Value::tuple(t, std::move(elements));
      default:
        throw std::logic_error("rebuild_elements on a " + t.friendly_name());
    }
  }

  static Value rebuild_entries(const Value& original, Entries entries) {
    const Type& t = original.type();
    if (t.kind() == Type::Kind::Map) return Value::map(t.element_type(), std::move(entries));
    return Value::object(t, std::move(entries));
  }

  static Value transform(const Value& node, Path& path,
                         const std::function<Value(const Path&, const Value&)>& fn) {
    const Value::Rep& r = *node.rep_;
    Value rebuilt = node;
    if (const auto* elems = std::get_if<Elements>(&r.data)) {
      const bool is_set = node.type().kind() == Type::Kind::Set;
      Elements out;
      out.reserve(elems->size());
      bool changed = false;
      for (std::size_t i = 0; i < elems->size(); ++i) {
        const auto pos = static_cast<std::int64_t>(i);
        path = is_set ? path.set_element(pos) : path.index(pos);
        out.push_back(transform((*elems)[i], path, fn));
        path = path.parent();
        changed = changed || !same(out.back(), (*elems)[i]);
      }
      if (changed) rebuilt = rebuild_elements(node, std::move(out));
    } else if (const auto* entries = std::get_if<Entries>(&r.data)) {
      const bool is_map = node.type().kind() == Type::Kind::Map;
      Entries out;
      bool changed = false;
      for (const auto& [name, child] : *entries) {
        path = is_map ? path.key(name) : path.attr(name);
        Value replaced = transform(child, path, fn);
        path = path.parent();
        changed = changed || !same(replaced, child);
        out.emplace(name, std::move(replaced));
      }
      if (changed) rebuilt = rebuild_entries(node, std::move(out));
    }
    return fn(path, rebuilt);
  }

  static void walk(const Value& node, Path& path,
                   const std::function<bool(const Path&, const Value&)>& fn) {
    if (!fn(path, node)) return;
    const Value::Rep& r = *node.rep_;
    if (const auto* elems = std::get_if<Elements>(&r.data)) {
      const bool is_set = node.type().kind() == Type::Kind::Set;
      for (std::size_t i = 0; i < elems->size(); ++i) {
        const auto pos = static_cast<std::int64_t>(i);
        path = is_set ? path.set_element(pos) : path.index(pos);
        walk((*elems)[i], path, fn);
        path = path.parent();
      }
    } else if (const auto* entries = std::get_if<Entries>(&r.data)) {
      const bool is_map = node.type().kind() == Type::Kind::Map;
      for (const auto& [name, child] : *entries) {
        path = is_map ? path.key(name) : path.attr(name);
        walk(child, path, fn);
        path = path.parent();
      }
    }
  }

  static const Value* step_into(const Value& node, const Path::Step& step) {
    if (!node.is_known() || node.is_null()) return nullptr;
    const Type::Kind kind = node.type().kind();
    switch (step.kind) {
      case Path::Step::Kind::Attribute:
      case Path::Step::Kind::MapKey: {
        const bool wanted = step.kind == Path::Step::Kind::Attribute ? kind == Type::Kind::Object
                                                                     : kind == Type::Kind::Map;
        if (!wanted) return nullptr;
        const auto& entries = node.entries();
        auto it = entries.find(step.name);
        return it == entries.end() ? nullptr : &it->second;
      }
      case Path::Step::Kind::Index:
      case Path::Step::Kind::SetElement: {
        const bool wanted = step.kind == Path::Step::Kind::Index
                                ? (kind == Type::Kind::List || kind == Type::Kind::Tuple)
                                : kind == Type::Kind::Set;
        if (!wanted) return nullptr;
        const auto& elems = node.elements();
        if (step.index < 0 || static_cast<std::size_t>(step.index) >= elems.size()) return nullptr;
        return &elems[static_cast<std::size_t>(step.index)];
      }
    }
    return nullptr;
  }

  static Value replace_at(const Value& node, const std::vector<Path::Step>& steps, std::size_t i,
                          Value v) {
    if (i == steps.size()) return v;
    const Path::Step& step = steps[i];
    const Value* child = step_into(node, step);
    const Type::Kind kind = node.type().kind();
    // A map may gain a key; everything else must exist (and be known) on the way.
    if (child == nullptr && !(step.kind == Path::Step::Kind::MapKey && kind == Type::Kind::Map &&
                              node.is_known() && !node.is_null() && i + 1 == steps.size())) {
      throw CodecError("with_path: no " + node.type().friendly_name() + " element for step " +
                       std::to_string(i) + " of the path");
    }
    Value replaced = child ? replace_at(*child, steps, i + 1, std::move(v)) : std::move(v);
    if (step.kind == Path::Step::Kind::Attribute || step.kind == Path::Step::Kind::MapKey) {
      Entries entries = node.entries();
      entries[step.name] = std::move(replaced);
      return rebuild_entries(node, std::move(entries));
    }
    Elements elements = node.elements();
    elements[static_cast<std::size_t>(step.index)] = std::move(replaced);
    return rebuild_elements(node, std::move(elements));
  }
};

namespace {

Value make(Type type, State state, Refinements refinements = {}) {
  return ValueAccess::make(std::move(type), state, std::move(refinements));
}

}  // namespace

Value::Value(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Value::Value() {
  static const Value null_dynamic = make(Type::dynamic(), State::Null);
  rep_ = null_dynamic.rep_;
}

// --- construction ---------------------------------------------------------------------

Value Value::null(Type type) { return make(std::move(type), State::Null); }

Value Value::unknown(Type type, Refinements refinements) {
  return make(std::move(type), State::Unknown, std::move(refinements));
}

Value Value::string(std::string s) { return ValueAccess::known(Type::string(), std::move(s)); }

Value Value::number(Number n) { return ValueAccess::known(Type::number(), std::move(n)); }

Value Value::number(std::int64_t n) { return number(Number::from_int(n)); }

Value Value::boolean(bool b) { return ValueAccess::known(Type::boolean(), b); }

Value Value::conform(Value v, const Type& type) {
  if (type.is_dynamic()) return v;
  if (v.type().is_dynamic() && !v.is_known()) return unknown(type, v.refinements());
  if (v.type().is_dynamic() && v.is_null()) return null(type);
  if (!type_conforms(v.type(), type)) {
    throw CodecError("a " + type.friendly_name() + " is required, got a " +
                     v.type().friendly_name());
  }
  return v;
}

Value Value::list(Type element_type, std::vector<Value> elements) {
  for (Value& e : elements) e = conform(std::move(e), element_type);
  return ValueAccess::known(Type::list(std::move(element_type)), std::move(elements));
}

Value Value::set(Type element_type, std::vector<Value> elements) {
  for (Value& e : elements) e = conform(std::move(e), element_type);
  std::stable_sort(elements.begin(), elements.end(),
                   [](const Value& a, const Value& b) { return compare(a, b) < 0; });
  // Only wholly known equal elements collapse: cty never treats unknowns as equal members.
  std::vector<Value> unique;
  unique.reserve(elements.size());
  for (Value& e : elements) {
    if (!unique.empty() && e.is_wholly_known() && unique.back().is_wholly_known() &&
        compare(unique.back(), e) == 0) {
      continue;
    }
    unique.push_back(std::move(e));
  }
  return ValueAccess::known(Type::set(std::move(element_type)), std::move(unique));
}

Value Value::map(Type element_type, std::map<std::string, Value> elements) {
  for (auto& [key, e] : elements) e = conform(std::move(e), element_type);
  return ValueAccess::known(Type::map(std::move(element_type)), std::move(elements));
}

Value Value::object(const Type& object_type, std::map<std::string, Value> attributes) {
  if (object_type.kind() != Type::Kind::Object) {
    throw CodecError("Value::object needs an object type, got " + object_type.friendly_name());
  }
  const auto& types = object_type.attribute_types();
  for (auto& [name, v] : attributes) {
    auto it = types.find(name);
    if (it == types.end()) throw CodecError("unsupported attribute \"" + name + "\"");
    try {
      v = conform(std::move(v), it->second);
    } catch (const CodecError& e) {
      throw CodecError("attribute \"" + name + "\": " + e.what());
    }
  }
  for (const auto& [name, t] : types) {
    if (!attributes.contains(name)) attributes.emplace(name, null(t));
  }
  return ValueAccess::known(object_type, std::move(attributes));
}

Value Value::tuple(std::vector<Value> elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const Value& e : elements) types.push_back(e.type());
  return ValueAccess::known(Type::tuple(std::move(types)), std::move(elements));
}

Value Value::tuple(const Type& tuple_type, std::vector<Value> elements) {
  if (tuple_type.kind() != Type::Kind::Tuple) {
    throw CodecError("Value::tuple needs a tuple type, got " + tuple_type.friendly_name());
  }
  const auto& types = tuple_type.tuple_types();
  if (types.size() != elements.size()) {
    throw CodecError("a tuple of length " + std::to_string(types.size()) + " is required (" +
                     std::to_string(elements.size()) + " given)");
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    elements[i] = conform(std::move(elements[i]), types[i]);
  }
  return ValueAccess::known(tuple_type, std::move(elements));
}

// --- inspection -----------------------------------------------------------------------

const Type& Value::type() const { return rep_->type; }
bool Value::is_null() const { return rep_->state == State::Null; }
bool Value::is_unknown() const { return rep_->state == State::Unknown; }
bool Value::is_wholly_known() const { return rep_->wholly_known; }

const Refinements& Value::refinements() const {
  return is_unknown() ? rep_->refinements : no_refinements();
}

namespace {

[[noreturn]] void wrong_access(const Value& v, const char* wanted) {
  std::string state = v.is_null() ? "null " : (v.is_unknown() ? "unknown " : "");
  throw std::logic_error(std::string("expected a known ") + wanted + ", got a " + state +
                         v.type().friendly_name());
}

}  // namespace

const std::string& Value::as_string() const {
  const auto* s = std::get_if<std::string>(&rep_->data);
  if (!s || !is_known() || is_null()) wrong_access(*this, "string");
  return *s;
}

const Number& Value::as_number() const {
  const auto* n = std::get_if<Number>(&rep_->data);
  if (!n) wrong_access(*this, "number");
  return *n;
}

bool Value::as_bool() const {
  const auto* b = std::get_if<bool>(&rep_->data);
  if (!b) wrong_access(*this, "bool");
  return *b;
}

const std::vector<Value>& Value::elements() const {
  const auto* e = std::get_if<Elements>(&rep_->data);
  if (!e) wrong_access(*this, "list, set or tuple");
  return *e;
}

const std::map<std::string, Value>& Value::entries() const {
  const auto* e = std::get_if<Entries>(&rep_->data);
  if (!e) wrong_access(*this, "map or object");
  return *e;
}

std::size_t Value::length() const {
  if (const auto* e = std::get_if<Elements>(&rep_->data)) return e->size();
  if (const auto* e = std::get_if<Entries>(&rep_->data)) return e->size();
  wrong_access(*this, "collection");
}

bool Value::has(std::string_view name) const {
  const auto* e = std::get_if<Entries>(&rep_->data);
  return e && e->find(std::string(name)) != e->end();
}

const Value& Value::at(std::string_view name) const {
  const Entries& e = entries();
  auto it = e.find(std::string(name));
  if (it == e.end()) {
    throw std::out_of_range("no attribute or key \"" + std::string(name) + "\" in " +
                            type().friendly_name());
  }
  return it->second;
}

namespace {

// The attribute if this is a known object/map that has it, known and not null.
const Value* present(const Value& object, std::string_view attr) {
  if (!object.has(attr)) return nullptr;
  const Value& v = object.at(attr);
  return (v.is_null() || v.is_unknown()) ? nullptr : &v;
}

}  // namespace

std::optional<std::string> Value::get_string(std::string_view attr) const {
  const Value* v = present(*this, attr);
  if (!v) return std::nullopt;
  return v->as_string();
}

std::optional<std::int64_t> Value::get_int(std::string_view attr) const {
  const Value* v = present(*this, attr);
  if (!v) return std::nullopt;
  return v->as_number().to_int64();
}

std::optional<bool> Value::get_bool(std::string_view attr) const {
  const Value* v = present(*this, attr);
  if (!v) return std::nullopt;
  return v->as_bool();
}

const Value* Value::find(const Path& path) const {
  const Value* node = this;
  for (const Path::Step& step : path.steps()) {
    node = ValueAccess::step_into(*node, step);
    if (!node) return nullptr;
  }
  return node;
}

// --- functional updates ---------------------------------------------------------------

Value Value::with(std::string_view attr, Value v) const {
  if (type().kind() != Type::Kind::Object || !is_known() || is_null()) {
    throw CodecError("with(\"" + std::string(attr) + "\") on a " +
                     (is_null() ? "null " : (is_unknown() ? "unknown " : "")) +
                     type().friendly_name());
  }
  Entries entries = this->entries();
  auto it = entries.find(std::string(attr));
  if (it == entries.end()) throw CodecError("unsupported attribute \"" + std::string(attr) + "\"");
  it->second = std::move(v);
  return object(type(), std::move(entries));
}

Value Value::with_path(const Path& path, Value v) const {
  if (path.empty()) return conform(std::move(v), type());
  return ValueAccess::replace_at(*this, path.steps(), 0, std::move(v));
}

Value Value::transform(const std::function<Value(const Path&, const Value&)>& fn) const {
  Path path;
  return ValueAccess::transform(*this, path, fn);
}

void Value::walk(const std::function<bool(const Path&, const Value&)>& fn) const {
  Path path;
  ValueAccess::walk(*this, path, fn);
}

// --- comparison -----------------------------------------------------------------------

namespace {

template <typename T>
int three_way(const T& a, const T& b) {
  if (a < b) return -1;
  if (b < a) return 1;
  return 0;
}

}  // namespace

int Value::compare(const Value& a, const Value& b) {
  if (a.rep_ == b.rep_) return 0;
  const Rep& x = *a.rep_;
  const Rep& y = *b.rep_;
  if (x.state != y.state) return x.state < y.state ? -1 : 1;
  if (!(x.type == y.type)) return three_way(x.type.to_json(), y.type.to_json());
  if (x.state != State::Known) return 0;  // refinements do not count
  if (x.data.index() != y.data.index()) return three_way(x.data.index(), y.data.index());
  if (const auto* s = std::get_if<std::string>(&x.data)) {
    return three_way(*s, std::get<std::string>(y.data));
  }
  if (const auto* n = std::get_if<Number>(&x.data)) {
    const Number& m = std::get<Number>(y.data);
    return *n == m ? 0 : (*n < m ? -1 : 1);
  }
  if (const auto* bo = std::get_if<bool>(&x.data)) return three_way(*bo, std::get<bool>(y.data));
  if (const auto* ex = std::get_if<Elements>(&x.data)) {
    const Elements& ey = std::get<Elements>(y.data);
    for (std::size_t i = 0; i < ex->size() && i < ey.size(); ++i) {
      if (int c = compare((*ex)[i], ey[i]); c != 0) return c;
    }
    return three_way(ex->size(), ey.size());
  }
  if (const auto* mx = std::get_if<Entries>(&x.data)) {
    const Entries& my = std::get<Entries>(y.data);
    auto i = mx->begin();
    auto j = my.begin();
    for (; i != mx->end() && j != my.end(); ++i, ++j) {
      if (int c = three_way(i->first, j->first); c != 0) return c;
      if (int c = compare(i->second, j->second); c != 0) return c;
    }
    return three_way(mx->size(), my.size());
  }
  return 0;
}

bool operator==(const Value& a, const Value& b) { return Value::compare(a, b) == 0; }

// --- rendering ------------------------------------------------------------------------

std::string Value::debug_string() const {
  if (is_null()) return "null";
  if (is_unknown()) {
    return refinements().not_null ? "(known after apply, not null)" : "(known after apply)";
  }
  const Type::Kind kind = type().kind();
  if (const auto* s = std::get_if<std::string>(&rep_->data)) return quoted(*s);
  if (const auto* n = std::get_if<Number>(&rep_->data)) return n->to_string();
  if (const auto* b = std::get_if<bool>(&rep_->data)) return *b ? "true" : "false";
  if (const auto* elems = std::get_if<Elements>(&rep_->data)) {
    std::string out = kind == Type::Kind::Set ? "toset([" : "[";
    for (std::size_t i = 0; i < elems->size(); ++i) {
      if (i) out += ", ";
      out += (*elems)[i].debug_string();
    }
    return out + (kind == Type::Kind::Set ? "])" : "]");
  }
  const auto& entries = std::get<Entries>(rep_->data);
  std::string out = "{";
  bool first = true;
  for (const auto& [name, v] : entries) {
    out += first ? " " : ", ";
    first = false;
    out += (kind == Type::Kind::Map ? quoted(name) : name) + " = " + v.debug_string();
  }
  return out + (entries.empty() ? "}" : " }");
}

}  // namespace cloudssl::codec
