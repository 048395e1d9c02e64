// Diagnostics: what the provider tells the user. Every problem a user can fix carries the
// attribute path it is about, so Terraform underlines the right line of configuration.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provider/codec/path.h"

namespace cloudssl::framework {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string summary;
  std::string detail;
  std::optional<codec::Path> attribute;
};

class Diagnostics {
 public:
  void error(std::string summary, std::string detail = {},
             std::optional<codec::Path> attribute = std::nullopt);
  void warning(std::string summary, std::string detail = {},
               std::optional<codec::Path> attribute = std::nullopt);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& all() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace cloudssl::framework
