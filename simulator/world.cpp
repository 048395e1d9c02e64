#include "simulator/world.h"

#include "simulator/api_failure.h"

namespace cloudssl::sim {

Certificate* World::find_certificate(const std::string& id) {
  auto it = state.certificates.find(id);
  return it == state.certificates.end() ? nullptr : &it->second;
}

Certificate& World::certificate(const std::string& id) {
  if (auto* c = find_certificate(id)) return *c;
  throw ApiFailure("FailedOperation.CertificateNotFound",
                   "The certificate `" + id + "` does not exist.");
}

std::string World::new_certificate_id() {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::uniform_int_distribution<int> pick(0, 61);
  for (;;) {
    std::string id;
    for (int i = 0; i < 8; ++i) id += alphabet[pick(rng_)];
    if (!state.certificates.count(id)) return id;
  }
}

std::string World::random_hex(std::size_t n) {
  static const char* hex = "0123456789abcdef";
  std::uniform_int_distribution<int> pick(0, 15);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += hex[pick(rng_)];
  return out;
}

}  // namespace cloudssl::sim
