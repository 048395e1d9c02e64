#include "provider/framework/value_walk.h"

#include "provider/framework/value_helpers.h"

namespace cloudssl::framework {

namespace {
const std::vector<NestedBlock> kNoBlocks;

const Type& element_type_of(Nesting nesting, const Value& value) {
  if (nesting == Nesting::Single || nesting == Nesting::Group) return value.type();
  return value.type().element_type();
}
}  // namespace

ObjectShape ObjectShape::of(const Block& block) { return {&block.attributes, &block.blocks}; }
ObjectShape ObjectShape::of(const Attribute& attribute) { return {&attribute.nested, &kNoBlocks}; }

std::vector<std::pair<Path, Value>> elements_of(Nesting nesting, const Value& value,
                                                const Path& path) {
  std::vector<std::pair<Path, Value>> out;
  if (!present(value)) return out;
  switch (nesting) {
    case Nesting::Single:
    case Nesting::Group:
      out.emplace_back(path, value);
      break;
    case Nesting::List: {
      std::int64_t i = 0;
      for (const Value& e : value.elements()) out.emplace_back(path.index(i++), e);
      break;
    }
    case Nesting::Set: {
      std::int64_t i = 0;
      for (const Value& e : value.elements()) out.emplace_back(path.set_element(i++), e);
      break;
    }
    case Nesting::Map:
      for (const auto& [key, e] : value.entries()) out.emplace_back(path.key(key), e);
      break;
  }
  return out;
}

Value rebuild(Nesting nesting, const Value& original, std::vector<Value> elements) {
  if (!present(original)) return original;
  switch (nesting) {
    case Nesting::Single:
    case Nesting::Group:
      return elements.at(0);
    case Nesting::List:
      return Value::list(original.type().element_type(), std::move(elements));
    case Nesting::Set:
      return Value::set(original.type().element_type(), std::move(elements));
    case Nesting::Map: {
      std::map<std::string, Value> entries;
      std::size_t i = 0;
      for (const auto& [key, unused] : original.entries()) entries.emplace(key, elements.at(i++));
      return Value::map(original.type().element_type(), std::move(entries));
    }
  }
  return original;
}

std::vector<Value> partners(Nesting nesting, const Value& value, const Value& other,
                            const ElementMatch& match) {
  std::vector<Value> out;
  if (!present(value)) return out;
  const Type& element_type = element_type_of(nesting, value);
  auto missing = [&] {
    return other.is_unknown() ? Value::unknown(element_type) : Value::null(element_type);
  };
  bool usable = present(other) && other.type() == value.type();
  switch (nesting) {
    case Nesting::Single:
    case Nesting::Group:
      out.push_back(usable ? other : missing());
      break;
    case Nesting::List: {
      const auto& elements = value.elements();
      for (std::size_t i = 0; i < elements.size(); ++i) {
        bool has = usable && i < other.elements().size();
        out.push_back(has ? other.elements()[i] : missing());
      }
      break;
    }
    case Nesting::Map:
      for (const auto& [key, e] : value.entries()) {
        out.push_back(usable && other.has(key) ? other.at(key) : missing());
      }
      break;
    case Nesting::Set:
      for (const Value& e : value.elements()) {
        std::optional<Value> found;
        if (usable) {
          for (const Value& candidate : other.elements()) {
            if (match(e, candidate)) {
              found = candidate;
              break;
            }
          }
        }
        out.push_back(found ? *found : missing());
      }
      break;
  }
  return out;
}

namespace {

bool similar_nested(Nesting nesting, ObjectShape shape, const Value& reference,
                    const Value& candidate, bool reference_is_config) {
  if (reference.is_unknown() || candidate.is_unknown()) {
    return reference.is_unknown() && candidate.is_unknown();
  }
  // An absent block is null in some values and an empty collection in others.
  auto empty = [](const Value& v) { return v.is_null() || v.length() == 0; };
  if (nesting != Nesting::Single && nesting != Nesting::Group && empty(reference) &&
      empty(candidate)) {
    return true;
  }
  if (reference.is_null() || candidate.is_null()) return reference.is_null() && candidate.is_null();
  switch (nesting) {
    case Nesting::Single:
    case Nesting::Group:
      return similar(shape, reference, candidate, reference_is_config);
    case Nesting::List: {
      if (reference.length() != candidate.length()) return false;
      for (std::size_t i = 0; i < reference.length(); ++i) {
        if (!similar(shape, reference.elements()[i], candidate.elements()[i],
                     reference_is_config)) {
          return false;
        }
      }
      return true;
    }
    case Nesting::Map: {
      if (reference.length() != candidate.length()) return false;
      for (const auto& [key, e] : reference.entries()) {
        if (!candidate.has(key) || !similar(shape, e, candidate.at(key), reference_is_config)) {
          return false;
        }
      }
      return true;
    }
    case Nesting::Set: {
      if (reference.length() != candidate.length()) return false;
      for (const Value& e : reference.elements()) {
        bool found = false;
        for (const Value& c : candidate.elements()) {
          if (similar(shape, e, c, reference_is_config)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace

bool similar(ObjectShape shape, const Value& reference, const Value& candidate,
             bool reference_is_config) {
  if (reference.is_unknown() || candidate.is_unknown()) {
    return reference.is_unknown() && candidate.is_unknown();
  }
  if (reference.is_null() || candidate.is_null()) return reference.is_null() && candidate.is_null();
  if (!(reference.type() == candidate.type())) return false;
  for (const Attribute& a : *shape.attributes) {
    if (a.write_only || (a.computed && !a.optional)) continue;
    const Value& r = reference.at(a.name);
    const Value& c = candidate.at(a.name);
    if (a.computed && (!reference_is_config || r.is_null())) continue;
    if (a.nested.empty()) {
      if (!(r == c)) return false;
    } else if (!similar_nested(a.nesting, ObjectShape::of(a), r, c, reference_is_config)) {
      return false;
    }
  }
  for (const NestedBlock& b : *shape.blocks) {
    if (!similar_nested(b.nesting, ObjectShape::of(b.block), reference.at(b.type_name),
                        candidate.at(b.type_name), reference_is_config)) {
      return false;
    }
  }
  return true;
}

Value member(const Value& object, const std::string& name, const Type& type) {
  if (object.is_unknown()) return Value::unknown(type);
  if (object.is_null() || !object.has(name)) return Value::null(type);
  return object.at(name);
}

namespace {

Value rewrite_shape(ObjectShape shape, const Value& object, const SchemaVisitor& visitor,
                    const Path& path);

Value rewrite_elements(Nesting nesting, ObjectShape shape, const Value& value,
                       const SchemaVisitor& visitor, const Path& path) {
  if (!present(value)) return value;
  std::vector<Value> out;
  for (auto& [element_path, element] : elements_of(nesting, value, path)) {
    out.push_back(rewrite_shape(shape, element, visitor, element_path));
  }
  return rebuild(nesting, value, std::move(out));
}

Value rewrite_shape(ObjectShape shape, const Value& object, const SchemaVisitor& visitor,
                    const Path& path) {
  if (!present(object)) return object;
  std::map<std::string, Value> members = object.entries();
  for (const Attribute& a : *shape.attributes) {
    auto it = members.find(a.name);
    if (it == members.end()) continue;
    Path p = path.attr(a.name);
    Value v = visitor.attribute ? visitor.attribute(a, p, it->second) : it->second;
    if (!a.nested.empty()) v = rewrite_elements(a.nesting, ObjectShape::of(a), v, visitor, p);
    it->second = std::move(v);
  }
  for (const NestedBlock& b : *shape.blocks) {
    auto it = members.find(b.type_name);
    if (it == members.end()) continue;
    Path p = path.attr(b.type_name);
    Value v = visitor.block ? visitor.block(b, p, it->second) : it->second;
    it->second = rewrite_elements(b.nesting, ObjectShape::of(b.block), v, visitor, p);
  }
  return Value::object(object.type(), std::move(members));
}

}  // namespace

Value rewrite(const Block& block, const Value& object, const SchemaVisitor& visitor,
              const Path& path) {
  return rewrite_shape(ObjectShape::of(block), object, visitor, path);
}

Value null_write_only(const Block& block, const Value& object) {
  return rewrite(block, object,
                 {.attribute =
                      [](const Attribute& a, const Path&, const Value& v) {
                        return a.write_only && !v.is_null() ? Value::null(v.type()) : v;
                      },
                  .block = nullptr});
}

Value empty_if_absent(const NestedBlock& block, const Value& value) {
  if (!value.is_null()) return value;
  switch (block.nesting) {
    case Nesting::List:
      return Value::list(value.type().element_type(), {});
    case Nesting::Set:
      return Value::set(value.type().element_type(), {});
    case Nesting::Map:
      return Value::map(value.type().element_type(), {});
    case Nesting::Group:
      return Value::object(value.type(), {});
    case Nesting::Single:
      break;
  }
  return value;
}

Value normalize_blocks(const Block& block, const Value& object) {
  return rewrite(
      block, object,
      {.attribute = nullptr, .block = [](const NestedBlock& b, const Path&, const Value& v) {
         return empty_if_absent(b, v);
       }});
}

std::vector<Path> set_write_only_paths(const Block& block, const Value& object) {
  std::vector<Path> paths;
  rewrite(block, object,
          {.attribute =
               [&](const Attribute& a, const Path& p, const Value& v) {
                 if (a.write_only && !v.is_null()) paths.push_back(p);
                 return v;
               },
           .block = nullptr});
  return paths;
}

Value copy_known(const Value& planned, const Value& actual) {
  if (planned.is_unknown()) return actual;
  if (!(planned.type() == actual.type())) return actual;
  if (planned.is_wholly_known()) return planned;
  // Planned is known but holds unknowns inside: merge part by part where the shapes agree.
  if (!present(actual)) return actual;
  switch (planned.type().kind()) {
    case Type::Kind::Object: {
      std::map<std::string, Value> out;
      for (const auto& [name, p] : planned.entries())
        out.emplace(name, copy_known(p, actual.at(name)));
      return Value::object(planned.type(), std::move(out));
    }
    case Type::Kind::List:
    case Type::Kind::Tuple: {
      if (planned.length() != actual.length()) return actual;
      std::vector<Value> out;
      for (std::size_t i = 0; i < planned.length(); ++i) {
        out.push_back(copy_known(planned.elements()[i], actual.elements()[i]));
      }
      if (planned.type().kind() == Type::Kind::Tuple)
        return Value::tuple(planned.type(), std::move(out));
      return Value::list(planned.type().element_type(), std::move(out));
    }
    case Type::Kind::Map: {
      if (planned.length() != actual.length()) return actual;
      std::map<std::string, Value> out;
      for (const auto& [key, p] : planned.entries()) {
        if (!actual.has(key)) return actual;
        out.emplace(key, copy_known(p, actual.at(key)));
      }
      return Value::map(planned.type().element_type(), std::move(out));
    }
    default:  // sets: elements with unknowns cannot be paired; take what the resource said
      return actual;
  }
}

std::optional<Path> first_unknown(const Value& value) {
  std::optional<Path> found;
  value.walk([&](const Path& path, const Value& v) {
    if (found) return false;
    if (v.is_unknown()) {
      found = path;
      return false;
    }
    return true;
  });
  return found;
}

Value unknown_as_null(const Value& value) {
  if (value.is_wholly_known()) return value;
  return value.transform(
      [](const Path&, const Value& v) { return v.is_unknown() ? Value::null(v.type()) : v; });
}

}  // namespace cloudssl::framework
