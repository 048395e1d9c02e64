#include "provider/framework/schema.h"

#include <map>
#include <set>

namespace cloudssl::framework {

namespace {

Type object_type(const std::vector<Attribute>& attributes,
                 const std::vector<NestedBlock>& blocks = {}) {
  std::map<std::string, Type> types;
  for (const Attribute& a : attributes) types.emplace(a.name, implied_type(a));
  for (const NestedBlock& b : blocks) {
    Type element = implied_type(b.block);
    switch (b.nesting) {
      case Nesting::Single:
      case Nesting::Group:
        types.emplace(b.type_name, element);
        break;
      case Nesting::List:
        types.emplace(b.type_name, Type::list(element));
        break;
      case Nesting::Set:
        types.emplace(b.type_name, Type::set(element));
        break;
      case Nesting::Map:
        types.emplace(b.type_name, Type::map(element));
        break;
    }
  }
  return Type::object(std::move(types));
}

}  // namespace

Type implied_type(const Block& block) { return object_type(block.attributes, block.blocks); }

Type implied_type(const Attribute& attribute) {
  if (attribute.nested.empty()) return attribute.type;
  Type element = object_type(attribute.nested);
  switch (attribute.nesting) {
    case Nesting::List:
      return Type::list(element);
    case Nesting::Set:
      return Type::set(element);
    case Nesting::Map:
      return Type::map(element);
    case Nesting::Single:
    case Nesting::Group:  // rejected by validate_schema; treated as Single
      break;
  }
  return element;
}

namespace {

const Attribute* find_in_attributes(const std::vector<Attribute>& attributes,
                                    const std::vector<Path::Step>& steps, std::size_t i);

bool is_element_step(const Path::Step& step) { return step.kind != Path::Step::Kind::Attribute; }

const Attribute* find_in_block(const Block& block, const std::vector<Path::Step>& steps,
                               std::size_t i) {
  if (i >= steps.size() || steps[i].kind != Path::Step::Kind::Attribute) return nullptr;
  const std::string& name = steps[i].name;
  for (const NestedBlock& nb : block.blocks) {
    if (nb.type_name != name) continue;
    std::size_t next = i + 1;
    if (nb.nesting != Nesting::Single && nb.nesting != Nesting::Group) {
      if (next < steps.size() && is_element_step(steps[next])) ++next;
    }
    return find_in_block(nb.block, steps, next);
  }
  return find_in_attributes(block.attributes, steps, i);
}

const Attribute* find_in_attributes(const std::vector<Attribute>& attributes,
                                    const std::vector<Path::Step>& steps, std::size_t i) {
  if (i >= steps.size() || steps[i].kind != Path::Step::Kind::Attribute) return nullptr;
  for (const Attribute& a : attributes) {
    if (a.name != steps[i].name) continue;
    std::size_t next = i + 1;
    if (next == steps.size()) return &a;
    if (a.nested.empty()) return nullptr;  // a path inside an atomic value
    if (a.nesting != Nesting::Single && is_element_step(steps[next])) ++next;
    return find_in_attributes(a.nested, steps, next);
  }
  return nullptr;
}

}  // namespace

const Attribute* find_attribute(const Block& block, const Path& path) {
  return find_in_block(block, path.steps(), 0);
}

// ---------------------------------------------------------------------------------------
// Schema validation
// ---------------------------------------------------------------------------------------

namespace {

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool contains_dynamic(const Type& type) {
  switch (type.kind()) {
    case Type::Kind::Dynamic:
      return true;
    case Type::Kind::List:
    case Type::Kind::Set:
    case Type::Kind::Map:
      return contains_dynamic(type.element_type());
    case Type::Kind::Object:
      for (const auto& [name, t] : type.attribute_types()) {
        if (contains_dynamic(t)) return true;
      }
      return false;
    case Type::Kind::Tuple:
      for (const Type& t : type.tuple_types()) {
        if (contains_dynamic(t)) return true;
      }
      return false;
    default:
      return false;
  }
}

bool contains_write_only(const std::vector<Attribute>& attributes) {
  for (const Attribute& a : attributes) {
    if (a.write_only || contains_write_only(a.nested)) return true;
  }
  return false;
}

bool contains_write_only(const Block& block) {
  if (contains_write_only(block.attributes)) return true;
  for (const NestedBlock& nb : block.blocks) {
    if (contains_write_only(nb.block)) return true;
  }
  return false;
}

const char* nesting_name(Nesting n) {
  switch (n) {
    case Nesting::Single:
      return "single";
    case Nesting::List:
      return "list";
    case Nesting::Set:
      return "set";
    case Nesting::Map:
      return "map";
    case Nesting::Group:
      return "group";
  }
  return "?";
}

class SchemaChecker {
 public:
  explicit SchemaChecker(std::string_view kind) : write_only_allowed_(kind == "resource") {}

  void block(const Block& b, const std::string& prefix) {
    std::set<std::string> names;
    for (const Attribute& a : b.attributes) {
      if (!names.insert(a.name).second) problem(prefix + a.name, "duplicate name");
      attribute(a, prefix + a.name);
    }
    for (const NestedBlock& nb : b.blocks) {
      if (!names.insert(nb.type_name).second) {
        problem(prefix + nb.type_name, "name used for more than one attribute or block");
      }
      nested_block(nb, prefix + nb.type_name);
    }
  }

  std::vector<std::string> take() { return std::move(problems_); }
  void problem(const std::string& where, const std::string& what) {
    problems_.push_back(where + ": " + what);
  }

 private:
  void attribute(const Attribute& a, const std::string& where) {
    if (!valid_name(a.name)) problem(where, "name must match ^[a-z0-9_]+$");
    if (!a.required && !a.optional && !a.computed) {
      problem(where, "must set one of required, optional or computed");
    }
    if (a.required && a.optional) problem(where, "cannot be both required and optional");
    if (a.required && a.computed) problem(where, "cannot be both required and computed");
    if (a.write_only) {
      if (!write_only_allowed_)
        problem(where, "write-only attributes are allowed in resources only");
      if (a.computed) problem(where, "a write-only attribute cannot be computed");
      if (a.default_value) problem(where, "a write-only attribute cannot have a default");
      if (a.use_state_for_unknown) problem(where, "a write-only attribute has no state to use");
    }
    if (a.default_value) {
      if (!(a.optional && a.computed)) {
        problem(where, "a default is only allowed on an optional and computed attribute");
      }
      if (!(a.default_value->type() == implied_type(a))) {
        problem(where, "the default's type is " + a.default_value->type().friendly_name() +
                           ", the attribute's " + implied_type(a).friendly_name());
      } else if (!a.default_value->is_wholly_known()) {
        problem(where, "a default must be wholly known");
      }
    }
    if (a.use_state_for_unknown && !a.computed) {
      problem(where, "use_state_for_unknown only applies to computed attributes");
    }
    if (a.nested.empty()) return;
    if (a.nesting == Nesting::Group) problem(where, "nested attributes cannot use group nesting");
    if (a.nesting == Nesting::Set) {
      if (contains_dynamic(object_type(a.nested))) {
        problem(where, "a set nested attribute cannot contain dynamic attributes");
      }
      if (contains_write_only(a.nested)) {
        problem(where, "a set nested attribute cannot contain write-only attributes");
      }
    }
    std::set<std::string> names;
    for (const Attribute& n : a.nested) {
      if (!names.insert(n.name).second) problem(where + "." + n.name, "duplicate name");
      attribute(n, where + "." + n.name);
    }
  }

  void nested_block(const NestedBlock& nb, const std::string& where) {
    if (!valid_name(nb.type_name)) problem(where, "block name must match ^[a-z0-9_]+$");
    if (nb.min_items < 0 || nb.max_items < 0)
      problem(where, "min_items and max_items must be >= 0");
    switch (nb.nesting) {
      case Nesting::Single:
        if (nb.min_items != nb.max_items) {
          problem(where, "min_items and max_items must match in single mode");
        } else if (nb.min_items > 1) {
          problem(where, "min_items and max_items must be 0 or 1 in single mode");
        }
        break;
      case Nesting::Group:
      case Nesting::Map:
        if (nb.min_items != 0 || nb.max_items != 0) {
          problem(where, std::string("min_items and max_items must be 0 in ") +
                             nesting_name(nb.nesting) + " mode");
        }
        break;
      case Nesting::List:
      case Nesting::Set:
        if (nb.max_items != 0 && nb.min_items > nb.max_items) {
          problem(where, "min_items must not exceed max_items");
        }
        break;
    }
    bool dynamic_inside = contains_dynamic(implied_type(nb.block));
    if (dynamic_inside && nb.nesting == Nesting::Set) {
      problem(where, "a set block cannot contain dynamic attributes");
    }
    // Terraform turns such blocks into tuples/objects whose type depends on the value; this
    // framework does not support that shape.
    if (dynamic_inside && (nb.nesting == Nesting::List || nb.nesting == Nesting::Map)) {
      problem(where, "list and map blocks cannot contain dynamic attributes (not supported)");
    }
    if (nb.nesting == Nesting::Set && contains_write_only(nb.block)) {
      problem(where, "a set block cannot contain write-only attributes");
    }
    block(nb.block, where + ".");
  }

  bool write_only_allowed_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> validate_schema(const Schema& schema, std::string_view kind) {
  SchemaChecker v(kind);
  if (schema.version < 0) v.problem("version", "must be >= 0");
  v.block(schema.block, "");
  return v.take();
}

}  // namespace cloudssl::framework
