#include "provider/framework/validators.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <optional>
#include <regex>
#include <utility>

namespace cloudssl::framework {

using codec::Number;
using codec::Path;
using codec::Type;
using codec::Value;

namespace {

// ---------------------------------------------------------------------------------------
// Wording shared by every rule
// ---------------------------------------------------------------------------------------

constexpr std::size_t kQuoteLimit = 64;  // characters of a refused value quoted back

// The name a diagnostic starts with: the last attribute step ("on_destroy", "port").
std::string attribute_name(const Path& path) {
  const auto& steps = path.steps();
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if (it->kind == Path::Step::Kind::Attribute) return it->name;
  }
  return "value";
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A string quoted for a message: at most kQuoteLimit code points (cut on a character
// boundary, so the message stays valid UTF-8), quotes and control characters escaped.
std::string quote(const std::string& s) {
  std::string out = "\"";
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool starts_char = (c & 0xC0) != 0x80;
    if (starts_char && ++chars > kQuoteLimit) {
      out += "…";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "?";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string show(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is_unknown()) return "(known after apply)";
  if (v.type() == Type::string()) return quote(v.as_string());
  if (v.type() == Type::number()) return v.as_number().to_string();
  if (v.type() == Type::boolean()) return v.as_bool() ? "true" : "false";
  return v.type().friendly_name();
}

// How a value is written in the docs (markdown code).
std::string code(const Value& v) {
  if (v.is_known() && !v.is_null() && v.type() == Type::string()) return "`" + v.as_string() + "`";
  return "`" + show(v) + "`";
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

template <class T, class F>
std::vector<std::string> map_all(const std::vector<T>& items, F f) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(f(item));
  return out;
}

std::string backticked(const std::string& s) { return "`" + s + "`"; }

// A rule ("a whole number from 1 to 5") as the description's sentence ("A whole number from
// 1 to 5.").
std::string sentence(std::string rule) {
  if (!rule.empty()) rule[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rule[0])));
  return rule + ".";
}

// The diagnostic every rule reports: "Invalid <name>" on the attribute (cut before a set
// element, which Terraform's paths cannot address). `got` is appended unless sensitive.
void report(const ValidatorRequest& r, Diagnostics& d, const std::string& rule,
            const std::string& got = {}) {
  std::string detail = backticked(r.path.to_string()) + " " + rule;
  if (!got.empty() && !r.sensitive) detail += "; got " + got;
  detail += ".";
  d.error("Invalid " + attribute_name(r.path), std::move(detail), r.path.until_set_element());
}

bool is_collection(const Value& v) {
  const auto kind = v.type().kind();
  return kind == Type::Kind::List || kind == Type::Kind::Set || kind == Type::Kind::Map ||
         kind == Type::Kind::Tuple;
}

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

class OneOf final : public AttributeValidator {
 public:
  OneOf(std::vector<std::string> allowed, std::string explanation)
      : allowed_(std::move(allowed)), explanation_(std::move(explanation)) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    const std::string& s = r.value.as_string();
    if (std::find(allowed_.begin(), allowed_.end(), s) != allowed_.end()) return;
    std::string rule = "must be " + alternatives(quote);
    if (!r.sensitive) rule += ", not " + quote(s);
    if (!explanation_.empty()) rule += ". " + explanation_;
    while (!rule.empty() && rule.back() == '.') rule.pop_back();
    report(r, d, rule);
  }
  std::string description() const override { return "Must be " + alternatives(backticked) + "."; }

 private:
  template <class F>
  std::string alternatives(F f) const {
    auto items = map_all(allowed_, f);
    if (items.size() == 1) return items.front();
    std::string last = items.back();
    items.pop_back();
    return (items.size() > 1 ? "one of " : "") + join(items, ", ") + " or " + last;
  }
  std::vector<std::string> allowed_;
  std::string explanation_;
};

class Length final : public AttributeValidator {
 public:
  Length(std::size_t minimum, std::optional<std::size_t> maximum, bool worded_non_empty = false)
      : min_(minimum), max_(maximum), non_empty_(worded_non_empty) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    const std::size_t n = code_points(r.value.as_string());
    if (n >= min_ && (!max_ || n <= *max_)) return;
    report(r, d, rule(), r.sensitive ? "" : std::to_string(n) + " characters");
  }
  std::string description() const override { return sentence(rule()); }

 private:
  std::string rule() const {
    if (non_empty_) return "must not be empty";
    if (!max_) return "must be at least " + std::to_string(min_) + " characters long";
    if (min_ == 0) return "must be at most " + std::to_string(*max_) + " characters long";
    return "must be " + std::to_string(min_) + " to " + std::to_string(*max_) + " characters long";
  }
  std::size_t min_;
  std::optional<std::size_t> max_;
  bool non_empty_;
};

class Matches final : public AttributeValidator {
 public:
  Matches(std::string pattern, std::string what)
      : pattern_(std::move(pattern)), what_(std::move(what)) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    if (std::regex_match(r.value.as_string(), regex())) return;
    report(r, d, "must be " + what_, quote(r.value.as_string()));
  }
  std::string description() const override { return "Must be " + what_ + "."; }

 private:
  // Compiled when the first value is checked, not when the schema is built: a compiled
  // std::regex is large (the cloudssl provider's patterns held 290 KB of heap from start-up)
  // and most processes Terraform starts check none (GetProviderSchema, reads, applies).
  const std::regex& regex() const {
    std::call_once(compiled_, [this] { regex_.emplace(pattern_, std::regex::ECMAScript); });
    return *regex_;
  }

  std::string pattern_;
  std::string what_;
  mutable std::once_flag compiled_;
  mutable std::optional<std::regex> regex_;
};

class Duration final : public AttributeValidator {
 public:
  explicit Duration(validators::DurationBounds bounds) : bounds_(bounds) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    const auto parsed = parse_duration(r.value.as_string());
    if (!parsed || (bounds_.at_least && *parsed < *bounds_.at_least) ||
        (bounds_.at_most && *parsed > *bounds_.at_most)) {
      report(r, d, "must be " + rule(), quote(r.value.as_string()));
    }
  }
  std::string description() const override { return sentence(rule()); }

 private:
  std::string rule() const {
    std::string text = "a duration such as \"30s\", \"10m\" or \"1h30m\"";
    if (bounds_.at_least && bounds_.at_most) {
      text += ", from \"" + format_duration(*bounds_.at_least) + "\" to \"" +
              format_duration(*bounds_.at_most) + "\"";
    } else if (bounds_.at_least) {
      text += ", at least \"" + format_duration(*bounds_.at_least) + "\"";
    } else if (bounds_.at_most) {
      text += ", at most \"" + format_duration(*bounds_.at_most) + "\"";
    }
    return text;
  }
  validators::DurationBounds bounds_;
};

// Whole numbers: the value must be an exact int64 (no 1.5, no 1e30) and, if bounded, in range.
class Integer final : public AttributeValidator {
 public:
  Integer(std::optional<std::int64_t> minimum, std::optional<std::int64_t> maximum,
          std::vector<std::int64_t> allowed = {})
      : min_(minimum), max_(maximum), allowed_(std::move(allowed)) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    const Number& n = r.value.as_number();
    const auto whole = n.to_int64();
    const bool ok =
        whole && (!min_ || *whole >= *min_) && (!max_ || *whole <= *max_) &&
        (allowed_.empty() || std::find(allowed_.begin(), allowed_.end(), *whole) != allowed_.end());
    if (!ok) report(r, d, "must be " + rule(), n.to_string());
  }
  std::string description() const override { return sentence(rule()); }

 private:
  std::string rule() const {
    if (!allowed_.empty()) {
      auto items = map_all(allowed_, [](std::int64_t v) { return std::to_string(v); });
      return "a whole number, one of " + join(items, ", ");
    }
    if (min_ && max_)
      return "a whole number from " + std::to_string(*min_) + " to " + std::to_string(*max_);
    if (min_) return "a whole number, at least " + std::to_string(*min_);
    if (max_) return "a whole number, at most " + std::to_string(*max_);
    return "a whole number (64-bit integer)";
  }
  std::optional<std::int64_t> min_;
  std::optional<std::int64_t> max_;
  std::vector<std::int64_t> allowed_;
};

class Size final : public AttributeValidator {
 public:
  Size(std::size_t minimum, std::optional<std::size_t> maximum) : min_(minimum), max_(maximum) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    // A set's unknown elements may turn out equal and merge: its size is not known yet.
    if (r.value.type().kind() == Type::Kind::Set && !r.value.is_wholly_known()) return;
    const std::size_t n = r.value.length();
    if (n >= min_ && (!max_ || n <= *max_)) return;
    report(r, d, "must have " + rule(), std::to_string(n));
  }
  std::string description() const override { return sentence(rule()); }

 private:
  std::string rule() const {
    auto items = [](std::size_t n) {
      return std::to_string(n) + (n == 1 ? " element" : " elements");
    };
    if (max_ && min_ == *max_) return "exactly " + items(min_);
    if (max_ && min_ > 0) return std::to_string(min_) + " to " + items(*max_);
    if (max_) return "at most " + items(*max_);
    return "at least " + items(min_);
  }
  std::size_t min_;
  std::optional<std::size_t> max_;
};

class Each final : public AttributeValidator {
 public:
  explicit Each(Validator rule) : rule_(std::move(rule)) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    if (!is_collection(r.value)) return;
    const bool is_set = r.value.type().kind() == Type::Kind::Set;
    auto check = [&](const Value& element, const Path& path) {
      if (element.is_unknown() || element.is_null()) return;
      rule_->validate(ValidatorRequest{element, path, r.parent, r.sensitive}, d);
    };
    if (r.value.type().kind() == Type::Kind::Map) {
      for (const auto& [key, element] : r.value.entries()) check(element, r.path.key(key));
      return;
    }
    std::int64_t i = 0;
    for (const Value& element : r.value.elements()) {
      check(element, is_set ? r.path.set_element(i) : r.path.index(i));
      ++i;
    }
  }
  std::string description() const override {
    return "Each element: " + lower_first(rule_->description());
  }
  static std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  }

 private:
  Validator rule_;
};

class Keys final : public AttributeValidator {
 public:
  explicit Keys(Validator rule) : rule_(std::move(rule)) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    if (r.value.type().kind() != Type::Kind::Map) return;
    for (const auto& [key, element] : r.value.entries()) {
      // The key is reported on the map (the element's path would name the value).
      rule_->validate(ValidatorRequest{Value::string(key), r.path, r.parent, r.sensitive}, d);
    }
  }
  std::string description() const override {
    return "Each key: " + Each::lower_first(rule_->description());
  }

 private:
  Validator rule_;
};

const Value* sibling(const ValidatorRequest& r, const std::string& name) {
  if (!r.parent.is_known() || r.parent.is_null() || !r.parent.has(name)) return nullptr;
  return &r.parent.at(name);
}

std::string sibling_path(const ValidatorRequest& r, const std::string& name) {
  return backticked(r.path.parent().attr(name).to_string());
}

// conflicts_with (every sibling must be unset) and also_requires (every sibling must be
// set), checked when this attribute is set.
class SiblingsRule final : public AttributeValidator {
 public:
  SiblingsRule(std::vector<std::string> siblings, bool must_be_set)
      : siblings_(std::move(siblings)), must_be_set_(must_be_set) {}
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    for (const auto& name : siblings_) {
      const Value* other = sibling(r, name);
      if (!other || other->is_null() != must_be_set_) continue;
      report(r, d,
             must_be_set_
                 ? "needs " + sibling_path(r, name) + " to be set as well"
                 : "cannot be set together with " + sibling_path(r, name) + ": set only one");
    }
  }
  std::string description() const override {
    return (must_be_set_ ? "Requires " : "Conflicts with ") +
           join(map_all(siblings_, backticked), ", ") + ".";
  }

 private:
  std::vector<std::string> siblings_;
  bool must_be_set_;
};

class RequiredIf final : public AttributeValidator {
 public:
  RequiredIf(std::string sibling, Value value)
      : sibling_(std::move(sibling)), value_(std::move(value)) {}
  bool checks_null() const override { return true; }
  void validate(const ValidatorRequest& r, Diagnostics& d) const override {
    const Value* other = sibling(r, sibling_);
    if (!other || !other->is_wholly_known() || !(*other == value_)) return;
    const bool missing = r.value.is_null() ||
                         (is_collection(r.value) && r.value.is_known() && r.value.length() == 0);
    if (!missing) return;
    report(r, d, "is required when " + sibling_path(r, sibling_) + " is " + show(value_));
  }
  std::string description() const override {
    return "Required when `" + sibling_ + "` is " + code(value_) + ".";
  }

 private:
  std::string sibling_;
  Value value_;
};

}  // namespace

namespace validators {

Validator one_of(std::vector<std::string> allowed, std::string explanation) {
  return std::make_shared<OneOf>(std::move(allowed), std::move(explanation));
}
Validator length_at_least(std::size_t minimum) {
  return std::make_shared<Length>(minimum, std::nullopt);
}
Validator length_at_most(std::size_t maximum) { return std::make_shared<Length>(0, maximum); }
Validator length_between(std::size_t minimum, std::size_t maximum) {
  return std::make_shared<Length>(minimum, maximum);
}
Validator non_empty() { return std::make_shared<Length>(1, std::nullopt, true); }
Validator matches(std::string pattern, std::string what) {
  return std::make_shared<Matches>(pattern, std::move(what));
}
Validator duration(DurationBounds bounds) { return std::make_shared<Duration>(bounds); }
Validator whole_number() { return std::make_shared<Integer>(std::nullopt, std::nullopt); }
Validator int_at_least(std::int64_t minimum) {
  return std::make_shared<Integer>(minimum, std::nullopt);
}
Validator int_at_most(std::int64_t maximum) {
  return std::make_shared<Integer>(std::nullopt, maximum);
}
Validator int_between(std::int64_t minimum, std::int64_t maximum) {
  return std::make_shared<Integer>(minimum, maximum);
}
Validator int_one_of(std::vector<std::int64_t> allowed) {
  return std::make_shared<Integer>(std::nullopt, std::nullopt, std::move(allowed));
}
Validator size_at_least(std::size_t minimum) {
  return std::make_shared<Size>(minimum, std::nullopt);
}
Validator size_at_most(std::size_t maximum) { return std::make_shared<Size>(0, maximum); }
Validator size_between(std::size_t minimum, std::size_t maximum) {
  return std::make_shared<Size>(minimum, maximum);
}
Validator each(Validator rule) { return std::make_shared<Each>(std::move(rule)); }
Validator keys(Validator rule) { return std::make_shared<Keys>(std::move(rule)); }
Validator conflicts_with(std::vector<std::string> siblings) {
  return std::make_shared<SiblingsRule>(std::move(siblings), /*must_be_set=*/false);
}
Validator also_requires(std::vector<std::string> siblings) {
  return std::make_shared<SiblingsRule>(std::move(siblings), /*must_be_set=*/true);
}
Validator required_if(std::string sibling, Value value) {
  return std::make_shared<RequiredIf>(std::move(sibling), std::move(value));
}

}  // namespace validators

// ---------------------------------------------------------------------------------------
// The walk over a configuration
// ---------------------------------------------------------------------------------------

namespace {

void walk_attributes(const std::vector<Attribute>& attributes, const Value& object,
                     const Path& base, Diagnostics& d);

// Calls `f(element, path)` for each element of a nested attribute or block value.
template <class F>
void for_each_nested(Nesting nesting, const Value& value, const Path& path, F f) {
  if (value.is_null() || value.is_unknown()) return;
  switch (nesting) {
    case Nesting::Single:
    case Nesting::Group:
      f(value, path);
      return;
    case Nesting::Map:
      for (const auto& [key, element] : value.entries()) f(element, path.key(key));
      return;
    case Nesting::List:
    case Nesting::Set: {
      std::int64_t i = 0;
      for (const Value& element : value.elements()) {
        f(element, nesting == Nesting::Set ? path.set_element(i) : path.index(i));
        ++i;
      }
      return;
    }
  }
}

void walk_block(const Block& block, const Value& object, const Path& base, Diagnostics& d) {
  if (object.is_null() || object.is_unknown()) return;
  walk_attributes(block.attributes, object, base, d);
  for (const NestedBlock& nb : block.blocks) {
    if (!object.has(nb.type_name)) continue;
    for_each_nested(
        nb.nesting, object.at(nb.type_name), base.attr(nb.type_name),
        [&](const Value& element, const Path& path) { walk_block(nb.block, element, path, d); });
  }
}

void walk_attributes(const std::vector<Attribute>& attributes, const Value& object,
                     const Path& base, Diagnostics& d) {
  for (const Attribute& a : attributes) {
    if (!object.has(a.name)) continue;
    const Value& value = object.at(a.name);
    if (value.is_unknown()) continue;
    const Path path = base.attr(a.name);
    for (const Validator& v : a.validators) {
      if (value.is_null() && !v->checks_null()) continue;
      v->validate(ValidatorRequest{value, path, object, a.sensitive}, d);
    }
    if (a.nested.empty()) continue;
    for_each_nested(a.nesting, value, path, [&](const Value& element, const Path& p) {
      walk_attributes(a.nested, element, p, d);
    });
  }
}

}  // namespace

void validate_attributes(const Block& block, const Value& config, Diagnostics& diagnostics) {
  walk_block(block, config, Path(), diagnostics);
}

std::string describe_validators(const Attribute& attribute) {
  std::vector<std::string> sentences;
  for (const Validator& v : attribute.validators) sentences.push_back(v->description());
  return join(sentences, " ");
}

std::string format_duration(std::chrono::milliseconds duration) {
  using namespace std::chrono;
  if (duration.count() == 0) return "0s";
  std::string out;
  auto ms = duration.count();
  if (ms % 1000 != 0 && ms < 1000) return std::to_string(ms) + "ms";
  const auto h = ms / 3'600'000;
  ms %= 3'600'000;
  const auto m = ms / 60'000;
  ms %= 60'000;
  if (h) out += std::to_string(h) + "h";
  if (m) out += std::to_string(m) + "m";
  if (ms) {
    out += std::to_string(ms / 1000);
    if (ms % 1000) {
      std::string frac = std::to_string(1000 + ms % 1000).substr(1);
      while (frac.back() == '0') frac.pop_back();
      out += "." + frac;
    }
    out += "s";
  }
  return out;
}

}  // namespace cloudssl::framework
