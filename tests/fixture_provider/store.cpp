#include "tests/fixture_provider/store.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace cloudssl::fixture {
namespace fs = std::filesystem;

Store::Store(fs::path dir) : dir_(std::move(dir)) {}

fs::path Store::file(const std::string& kind, const std::string& id) const {
  // Ids come from users (import); keep them inside the store.
  if (id.empty() || id.find('/') != std::string::npos || id.find("..") != std::string::npos) {
    throw std::invalid_argument("invalid object id \"" + id + "\"");
  }
  return dir_ / kind / (id + ".json");
}

std::string Store::new_id(const std::string& kind) const {
  std::random_device rd;
  std::uniform_int_distribution<std::uint64_t> dist;
  for (;;) {
    std::ostringstream id;
    id << std::hex << dist(rd);
    std::string s = id.str();
    s.insert(0, 16 - s.size(), '0');
    if (!fs::exists(file(kind, s))) return s;
  }
}

void Store::put(const std::string& kind, const std::string& id,
                const nlohmann::json& object) const {
  const auto path = file(kind, id);
  fs::create_directories(path.parent_path());
  // Write then rename, so a concurrent reader never sees half a file.
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << object.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  fs::rename(tmp, path);
}

std::optional<nlohmann::json> Store::get(const std::string& kind, const std::string& id) const {
  std::ifstream in(file(kind, id));
  if (!in) return std::nullopt;
  return nlohmann::json::parse(in);
}

std::vector<std::string> Store::ids(const std::string& kind) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / kind, ec))
    if (entry.path().extension() == ".json") out.push_back(entry.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool Store::remove(const std::string& kind, const std::string& id) const {
  return fs::remove(file(kind, id));
}

}  // namespace cloudssl::fixture
