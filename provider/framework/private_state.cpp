#include "provider/framework/private_state.h"

#include <stdexcept>

namespace cloudssl::framework {

PrivateState PrivateState::parse(std::string_view bytes) {
  PrivateState state;
  if (bytes.empty()) return state;
  nlohmann::json parsed = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw std::invalid_argument("the private state is not a JSON object");
  }
  state.data_ = std::move(parsed);
  return state;
}

std::optional<nlohmann::json> PrivateState::get(std::string_view key) const {
  auto it = data_.find(key);
  if (it == data_.end()) return std::nullopt;
  return *it;
}

void PrivateState::set(std::string_view key, nlohmann::json value) {
  data_[std::string(key)] = std::move(value);
}

void PrivateState::erase(std::string_view key) { data_.erase(std::string(key)); }

std::string PrivateState::serialize() const { return data_.empty() ? std::string() : data_.dump(); }

}  // namespace cloudssl::framework
