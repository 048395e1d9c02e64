// Paths into values, rendered HCL-like for diagnostics.
#include "provider/codec/path.h"

#include <nlohmann/json.hpp>

namespace cloudssl::codec {

Path Path::attr(std::string name) const {
  Path p = *this;
  p.steps_.push_back(Step{Step::Kind::Attribute, std::move(name), 0});
  return p;
}

Path Path::key(std::string map_key) const {
  Path p = *this;
  p.steps_.push_back(Step{Step::Kind::MapKey, std::move(map_key), 0});
  return p;
}

Path Path::index(std::int64_t i) const {
  Path p = *this;
  p.steps_.push_back(Step{Step::Kind::Index, {}, i});
  return p;
}

Path Path::set_element(std::int64_t position) const {
  Path p = *this;
  p.steps_.push_back(Step{Step::Kind::SetElement, {}, position});
  return p;
}

Path Path::parent() const {
  Path p = *this;
  if (!p.steps_.empty()) p.steps_.pop_back();
  return p;
}

Path Path::until_set_element() const {
  Path p;
  for (const Step& s : steps_) {
    if (s.kind == Step::Kind::SetElement) break;
    p.steps_.push_back(s);
  }
  return p;
}

bool Path::starts_with(const Path& prefix) const {
  if (prefix.steps_.size() > steps_.size()) return false;
  for (std::size_t i = 0; i < prefix.steps_.size(); ++i) {
    if (!(steps_[i] == prefix.steps_[i])) return false;
  }
  return true;
}

std::string Path::to_string() const {
  std::string out;
  for (const Step& s : steps_) {
    switch (s.kind) {
      case Step::Kind::Attribute:
        if (!out.empty()) out += '.';
        out += s.name;
        break;
      case Step::Kind::MapKey:
        // JSON string escaping matches HCL's quoting for ordinary keys.
        out += '[';
        out +=
            nlohmann::json(s.name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += ']';
        break;
      case Step::Kind::Index:
        out += '[' + std::to_string(s.index) + ']';
        break;
      case Step::Kind::SetElement:
        // Set elements have no address in HCL; show the position in our element order.
        out += "[set element " + std::to_string(s.index) + ']';
        break;
    }
  }
  return out;
}

bool operator<(const Path& a, const Path& b) {
  const std::size_t n = std::min(a.steps_.size(), b.steps_.size());
  for (std::size_t i = 0; i < n; ++i) {
    const Path::Step& x = a.steps_[i];
    const Path::Step& y = b.steps_[i];
    if (x.kind != y.kind) return x.kind < y.kind;
    if (x.name != y.name) return x.name < y.name;
    if (x.index != y.index) return x.index < y.index;
  }
  return a.steps_.size() < b.steps_.size();
}

}  // namespace cloudssl::codec
