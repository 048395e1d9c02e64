// A path into a value: attribute names, map keys, list/tuple indexes and set elements.
// Used for diagnostics (Terraform's AttributePath) and by the plan engine's walks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cloudssl::codec {

class Path {
 public:
  struct Step {
    enum class Kind { Attribute, MapKey, Index, SetElement };
    Kind kind = Kind::Attribute;
    std::string name;       // Attribute, MapKey
    std::int64_t index = 0;  // Index, SetElement (position in the set's element order)
    friend bool operator==(const Step&, const Step&) = default;
  };

  Path() = default;
  static Path root(std::string attribute) { return Path().attr(std::move(attribute)); }

  Path attr(std::string name) const;
  Path key(std::string map_key) const;
  Path index(std::int64_t i) const;
  Path set_element(std::int64_t position) const;
  Path parent() const;  // empty path stays empty

  const std::vector<Step>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  std::size_t size() const { return steps_.size(); }
  // Terraform's wire paths cannot address set elements: the path cut before the first one.
  Path until_set_element() const;
  bool starts_with(const Path& prefix) const;

  // HCL-like rendering for messages: certificate_pem, clb[0].listener_id, tags["env"].
  std::string to_string() const;

  friend bool operator==(const Path&, const Path&) = default;
  friend bool operator<(const Path& a, const Path& b);

 private:
  std::vector<Step> steps_;
};

}  // namespace cloudssl::codec
