#include "provider/transport/plugin_environment.h"

#include <gtest/gtest.h>

#include "provider/transport/plugin_runner.h"

namespace cloudssl::transport {
namespace {

TEST(MagicCookie, OnlyTheExactValuePasses) {
  PluginEnvironment env;
  EXPECT_FALSE(magic_cookie_valid(env));
  env.magic_cookie = "";
  EXPECT_FALSE(magic_cookie_valid(env));
  env.magic_cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b";
  EXPECT_FALSE(magic_cookie_valid(env));
  env.magic_cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
  EXPECT_TRUE(magic_cookie_valid(env));
}

TEST(MagicCookie, MessageIsGoPlugins) {
  EXPECT_TRUE(kNotAPluginMessage.starts_with(
      "This binary is a plugin. These are not meant to be executed directly."));
}

TEST(ProtocolNegotiation, SixInAnyOrderIsAccepted) {
  for (const char* offered : {"6", "5,6", "6,5", "4, 6", "6 ,5"}) {
    const auto n = negotiate_protocol(std::string(offered));
    EXPECT_EQ(n.version, 6) << offered;
    EXPECT_TRUE(n.client_accepts) << offered;
  }
}

TEST(ProtocolNegotiation, WithoutSixWeStillAnswerSixButKnowTheClientRefuses) {
  for (const char* offered : {"5", "4,5", "16", "x", "56"}) {
    const auto n = negotiate_protocol(std::string(offered));
    EXPECT_EQ(n.version, 6) << offered;
    EXPECT_FALSE(n.client_accepts) << offered;
  }
}

TEST(ProtocolNegotiation, AbsentListIsAnsweredWithSix) {
  EXPECT_TRUE(negotiate_protocol(std::nullopt).client_accepts);
  EXPECT_TRUE(negotiate_protocol(std::string()).client_accepts);
}

TEST(PortRange, DefaultsAndOverrides) {
  PluginEnvironment env;
  EXPECT_EQ(port_range(env).min, 10000);
  EXPECT_EQ(port_range(env).max, 25000);
  env.min_port = "20000";
  env.max_port = "20010";
  EXPECT_EQ(port_range(env).min, 20000);
  EXPECT_EQ(port_range(env).max, 20010);
  env.min_port = "junk";
  env.max_port = "70000";
  EXPECT_EQ(port_range(env).min, 10000);
  EXPECT_EQ(port_range(env).max, 25000);
}

TEST(SocketDirectory, PluginDirThenTmpdirThenTmp) {
  PluginEnvironment env;
  EXPECT_EQ(socket_directory(env), "/tmp");
  env.tmpdir = "/var/tmp";
  EXPECT_EQ(socket_directory(env), "/var/tmp");
  env.unix_socket_dir = "/run/plugins";
  EXPECT_EQ(socket_directory(env), "/run/plugins");
}

TEST(Flags, GoStyleBooleans) {
  auto parse = [](std::vector<const char*> args) {
    args.insert(args.begin(), "bin");
    return parse_flags(static_cast<int>(args.size()), args.data());
  };
  EXPECT_FALSE(parse({}).debug);
  EXPECT_TRUE(parse({"-debug"}).debug);
  EXPECT_TRUE(parse({"--debug"}).debug);
  EXPECT_TRUE(parse({"-debug=true"}).debug);
  EXPECT_FALSE(parse({"-debug=false"}).debug);
  EXPECT_TRUE(parse({"--version"}).version);
  EXPECT_TRUE(parse({"-version"}).version);
  EXPECT_TRUE(parse({"--help"}).help);
  EXPECT_FALSE(parse({"--debugger"}).error.empty());
  EXPECT_FALSE(parse({"serve"}).error.empty());
}

TEST(Flags, BinaryNameFromAddress) {
  EXPECT_EQ(binary_name("registry.terraform.io/cloudssl/cloudssl"), "terraform-provider-cloudssl");
  EXPECT_EQ(binary_name("cloudssl/fixture"), "terraform-provider-fixture");
}

}  // namespace
}  // namespace cloudssl::transport
