#include "provider/framework/diagnostics.h"

#include <algorithm>

namespace cloudssl::framework {

void Diagnostics::error(std::string summary, std::string detail,
                        std::optional<codec::Path> attribute) {
  add({Severity::Error, std::move(summary), std::move(detail), std::move(attribute)});
}

void Diagnostics::warning(std::string summary, std::string detail,
                          std::optional<codec::Path> attribute) {
  add({Severity::Warning, std::move(summary), std::move(detail), std::move(attribute)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

}  // namespace cloudssl::framework
