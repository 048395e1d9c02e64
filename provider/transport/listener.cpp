#include "provider/transport/listener.h"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <random>

namespace cloudssl::transport {

std::optional<ListenTarget> unix_socket_target(const PluginEnvironment& env) {
  std::string dir = socket_directory(env);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  struct stat st {};
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || access(dir.c_str(), W_OK) != 0) {
    return std::nullopt;
  }
  std::random_device random;
  for (int attempt = 0; attempt < 16; ++attempt) {
    const std::string path = dir + "/plugin" + std::to_string(random());
    if (path.size() >= sizeof(sockaddr_un::sun_path)) return std::nullopt;
    if (access(path.c_str(), F_OK) == 0) continue;  // taken: draw again
    return ListenTarget{"unix:" + path, {"unix", path}, path};
  }
  return std::nullopt;
}

std::optional<ListenTarget> tcp_target(const PortRange& range, int from) {
  for (int port = std::max(from, range.min); port <= range.max; ++port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return std::nullopt;
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // as gRPC binds
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool free = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    if (free) {
      const std::string hostport = "127.0.0.1:" + std::to_string(port);
      return ListenTarget{hostport, {"tcp", hostport}, {}};
    }
  }
  return std::nullopt;
}

std::string apply_socket_group(const PluginEnvironment& env, const std::string& socket_path) {
  if (!env.unix_socket_group || env.unix_socket_group->empty() || socket_path.empty()) return {};
  const std::string& group = *env.unix_socket_group;
  gid_t gid = 0;
  const auto [end, ec] = std::from_chars(group.data(), group.data() + group.size(), gid);
  if (ec != std::errc() || end != group.data() + group.size()) {
    const struct group* entry = getgrnam(group.c_str());
    if (entry == nullptr) return "unknown group " + group;
    gid = entry->gr_gid;
  }
  if (chown(socket_path.c_str(), static_cast<uid_t>(-1), gid) != 0) {
    return std::string("chown: ") + std::strerror(errno);
  }
  if (chmod(socket_path.c_str(), 0660) != 0) return std::string("chmod: ") + std::strerror(errno);
  return {};
}

}  // namespace cloudssl::transport
