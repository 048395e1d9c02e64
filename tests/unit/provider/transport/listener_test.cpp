#include "provider/transport/listener.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "provider/transport/shutdown_latch.h"
#include "tests/support/loopback_listener.h"

namespace cloudssl::transport {
namespace {

TEST(UnixSocketTarget, LivesInTheSocketDirectoryNamedPlugin) {
  char dir[] = "/tmp/cloudssl-listener-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  PluginEnvironment env;
  env.unix_socket_dir = std::string(dir) + "/";
  const auto target = unix_socket_target(env);
  ASSERT_TRUE(target.has_value());
  EXPECT_TRUE(target->socket_path.starts_with(std::string(dir) + "/plugin"));
  EXPECT_EQ(target->grpc_uri, "unix:" + target->socket_path);
  EXPECT_EQ(target->address.network, "unix");
  EXPECT_EQ(target->address.address, target->socket_path);  // no unix: prefix
  rmdir(dir);
}

TEST(UnixSocketTarget, NoneForAMissingDirectoryOrAnOverlongPath) {
  PluginEnvironment env;
  env.unix_socket_dir = "/nonexistent/cloudssl";
  EXPECT_FALSE(unix_socket_target(env).has_value());
  env.unix_socket_dir = "/tmp/" + std::string(120, 'x');
  EXPECT_FALSE(unix_socket_target(env).has_value());
}

TEST(TcpTarget, SkipsABusyPort) {
  // Hold a port, then ask for a range starting at it.
  const testing::LoopbackListener held(1);
  ASSERT_TRUE(held.ok());
  const int busy = held.port();
  if (busy >= 65535) GTEST_SKIP() << "kernel gave the last port";

  const auto target = tcp_target({busy, busy + 50}, busy);
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->address.network, "tcp");
  const int port = std::stoi(target->address.address.substr(std::string("127.0.0.1:").size()));
  EXPECT_GT(port, busy);
  EXPECT_LE(port, busy + 50);
  EXPECT_EQ(target->grpc_uri, target->address.address);
}

TEST(TcpTarget, NoneWhenTheRangeIsExhausted) {
  const testing::LoopbackListener held(1);
  ASSERT_TRUE(held.ok());
  const int busy = held.port();
  EXPECT_FALSE(tcp_target({busy, busy}, busy).has_value());
}

TEST(SocketGroup, AppliesGroupAndMode0660) {
  char path[] = "/tmp/cloudssl-group-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  PluginEnvironment env;
  EXPECT_EQ(apply_socket_group(env, path), "") << "unset: nothing to do";
  env.unix_socket_group = std::to_string(getegid());
  EXPECT_EQ(apply_socket_group(env, path), "");
  struct stat st {};
  ASSERT_EQ(stat(path, &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0660u);
  EXPECT_EQ(st.st_gid, getegid());
  env.unix_socket_group = "no-such-group-cloudssl";
  EXPECT_NE(apply_socket_group(env, path), "");
  unlink(path);
}

TEST(ShutdownLatch, FirstReasonWins) {
  ShutdownLatch latch;
  EXPECT_FALSE(latch.requested());
  latch.request("GRPCController.Shutdown");
  latch.request("SIGTERM");
  EXPECT_TRUE(latch.requested());
  EXPECT_EQ(latch.wait(), "GRPCController.Shutdown");
}

}  // namespace
}  // namespace cloudssl::transport
