// The transport as go-plugin's host sees it, against a test-only tfplugin6 service
// (test_plugin/transport_test_plugin.cpp): handshake, AutoMTLS with and without the client
// certificate, health, go-plugin services, StopProvider, Shutdown, signals, flags, debug mode.
#include <gtest/gtest.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "grpc_broker.grpc.pb.h"
#include "grpc_stdio.grpc.pb.h"
#include "tests/protocol/support/plugin_session.h"

namespace cloudssl::testing {
namespace {

using namespace std::chrono_literals;

const std::string kPlugin = TRANSPORT_TEST_PLUGIN_PATH;

bool file_exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

grpc::Status get_schema(const std::shared_ptr<grpc::Channel>& channel,
                        std::chrono::milliseconds timeout = 10s) {
  tfplugin6::Provider::Stub stub(channel);
  auto ctx = context_with_deadline(timeout);
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  return stub.GetProviderSchema(ctx.get(), req, &resp);
}

bool stderr_shows(PluginProcess& process, const std::string& text, std::chrono::seconds limit) {
  return process.wait_for_stderr(text, limit);
}

TEST(TransportProtocol, HandshakeLineAndMutualTls) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  EXPECT_EQ(s.handshake.core_version, 1);
  EXPECT_EQ(s.handshake.app_version, 6);
  EXPECT_EQ(s.handshake.network, "unix");
  EXPECT_EQ(s.handshake.protocol, "grpc");
  EXPECT_GT(s.handshake.cert_base64.size(), 50u);  // the client's threshold for "a cert"
  EXPECT_TRUE(file_exists(s.handshake.address));

  // The certificate the client will trust names localhost and allows serverAuth.
  const unsigned char* p = s.handshake.cert_der.data();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(s.handshake.cert_der.size()));
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(X509_check_host(cert, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_purpose(cert, X509_PURPOSE_SSL_SERVER, 0), 1);
  X509_free(cert);

  const grpc::Status status = get_schema(s.channel);
  EXPECT_TRUE(status.ok()) << status.error_message() << "\n" << s.process->stderr_text();
}

TEST(TransportProtocol, ConnectionsWithoutTheClientCertificateAreRefused) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));

  // TLS without a client certificate.
  EXPECT_FALSE(get_schema(tls_channel(s.handshake, std::nullopt), 5s).ok());
  // TLS with a certificate the server was not given.
  EXPECT_FALSE(get_schema(tls_channel(s.handshake, make_go_plugin_client_certificate()), 5s).ok());
  // Plaintext.
  EXPECT_FALSE(get_schema(plaintext_channel(s.handshake), 5s).ok());

  // The right certificate still works: the refusals did not hurt the server.
  EXPECT_TRUE(get_schema(tls_channel(s.handshake, s.client_cert)).ok());
}

// The names of a process's threads (/proc/PID/task/*/comm).
std::vector<std::string> thread_names(pid_t pid) {
  std::vector<std::string> names;
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(tasks)) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    if (std::getline(comm, name)) names.push_back(name);
  }
  return names;
}

TEST(TransportProtocol, HealthReportsPluginServing) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  // go-plugin's Ping: Health.Check for "plugin"; also the server as a whole, as gRPC's
  // default service answers it; any other name is unknown (the call fails with NOT_FOUND).
  EXPECT_EQ(health_check(s.channel, "plugin"), 1);
  EXPECT_EQ(health_check(s.channel, ""), 1);
  EXPECT_EQ(health_check(s.channel, "tfplugin6.Provider"), std::nullopt);
  // Served on the sync server's threads: gRPC's default health service (a callback service)
  // would keep a callback completion queue with two "nexting_thread"s for the process's life.
  for (const std::string& name : thread_names(s.process->pid())) {
    EXPECT_NE(name, "nexting_thread") << "a callback completion queue runs";
  }
}

TEST(TransportProtocol, StdioAndBrokerStreamsEndCleanly) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  {
    plugin::GRPCStdio::Stub stdio(s.channel);
    auto ctx = context_with_deadline(10s);
    google::protobuf::Empty req;
    auto reader = stdio.StreamStdio(ctx.get(), req);
    plugin::StdioData data;
    EXPECT_FALSE(reader->Read(&data));
    EXPECT_TRUE(reader->Finish().ok());
  }
  {
    plugin::GRPCBroker::Stub broker(s.channel);
    auto ctx = context_with_deadline(10s);
    auto stream = broker.StartStream(ctx.get());
    plugin::ConnInfo info;
    EXPECT_FALSE(stream->Read(&info));
    EXPECT_TRUE(stream->Finish().ok());
  }
  EXPECT_TRUE(get_schema(s.channel).ok());
}

TEST(TransportProtocol, LargeMessagesAreAccepted) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  auto stub = s.provider();
  tfplugin6::ValidateProviderConfig::Request req;
  req.mutable_config()->set_msgpack(std::string(8 << 20, '\xc0'));  // over gRPC's 4 MiB default
  tfplugin6::ValidateProviderConfig::Response resp;
  const grpc::Status status = call(stub, &ProviderStub::ValidateProviderConfig, req, &resp);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).detail(), std::to_string(8 << 20));
}

std::future<std::string> start_apply(PluginSession& s) {
  auto apply = std::async(std::launch::async, [&s] {
    auto stub = s.provider();
    auto ctx = context_with_deadline(120s);
    tfplugin6::ApplyResourceChange::Request req;
    tfplugin6::ApplyResourceChange::Response resp;
    const grpc::Status st = stub.ApplyResourceChange(ctx.get(), req, &resp);
    if (!st.ok()) return "rpc failed: " + st.error_message();
    return resp.diagnostics_size() > 0 ? resp.diagnostics(0).summary() : std::string("none");
  });
  // The test plugin logs this once the apply holds its cancellation token.
  EXPECT_TRUE(s.process->wait_for_stderr("apply waiting for cancellation", 30s));
  return apply;
}

TEST(TransportProtocol, StopProviderCancelsInFlightWorkAndKeepsServing) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  auto apply = start_apply(s);
  const auto error = s.stop_provider();
  ASSERT_TRUE(error);
  EXPECT_EQ(*error, "");
  ASSERT_EQ(apply.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(apply.get(), "operation cancelled");
  EXPECT_TRUE(s.process->running());
  EXPECT_TRUE(get_schema(s.channel).ok());
  EXPECT_EQ(health_check(s.channel, "plugin"), 1);
}

TEST(TransportProtocol, ShutdownEndsTheProcessAndRemovesTheSocket) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  ASSERT_TRUE(get_schema(s.channel).ok());
  grpc::Status status;
  const auto start = std::chrono::steady_clock::now();
  // go-plugin's host SIGKILLs after 2 s; this is a liveness bound (bench/runtime measures).
  const auto exit_code = s.shutdown(2000ms, &status);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(exit_code.has_value()) << "still running 2 s after Shutdown";
  EXPECT_EQ(*exit_code, 0);
  EXPECT_LT(elapsed, 2s);
  EXPECT_FALSE(file_exists(s.handshake.address));
}

TEST(TransportProtocol, ShutdownEndsTheProcessEvenIfTheClientKeepsItsConnection) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  plugin::GRPCController::Stub controller(s.channel);
  auto ctx = context_with_deadline(10s);
  plugin::Empty req, resp;
  EXPECT_TRUE(controller.Shutdown(ctx.get(), req, &resp).ok());
  // The channel stays open here: the server's bounded drain ends the wait.
  EXPECT_EQ(s.process->wait_exit(2000ms), 0);
}

TEST(TransportProtocol, ShutdownDuringALongOperationStillEndsTheProcess) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  auto apply = start_apply(s);
  // Shutdown cancels in-flight work (stop_all) before draining, so this is quick too.
  const auto exit_code = s.shutdown(2000ms);
  ASSERT_TRUE(exit_code.has_value());
  EXPECT_EQ(*exit_code, 0);
  ASSERT_EQ(apply.wait_for(30s), std::future_status::ready);
}

TEST(TransportProtocol, SigintIsIgnoredAndSigtermStops) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  s.process->send_signal(SIGINT);
  ASSERT_TRUE(stderr_shows(*s.process, "plugin received interrupt signal, ignoring", 10s))
      << s.process->stderr_text();
  EXPECT_TRUE(s.process->running());
  EXPECT_TRUE(get_schema(s.channel).ok());

  s.process->send_signal(SIGTERM);
  const auto exit_code = s.process->wait_exit(10s);
  ASSERT_TRUE(exit_code.has_value());
  EXPECT_EQ(*exit_code, 0);
  EXPECT_FALSE(file_exists(s.handshake.address));
}

TEST(TransportProtocol, ExitsWhenItsParentDies) {
  // sh starts the plugin, prints its pid, then becomes `sleep`; killing that parent must make
  // the plugin exit (PR_SET_PDEATHSIG), as Terraform being SIGKILLed would.
  auto env = go_plugin_environment(make_go_plugin_client_certificate().cert_pem);
  env["PLUGIN_BINARY"] = kPlugin;
  PluginProcess parent(
      {"/bin/sh", {"-c", "\"$PLUGIN_BINARY\" 2>/dev/null & echo $!; exec sleep 60"}, env});
  const auto child_pid = parent.read_stdout_line(kStartTimeout);
  ASSERT_TRUE(child_pid.has_value());
  const pid_t plugin_pid = std::stoi(*child_pid);
  const auto handshake = parent.read_stdout_line(kStartTimeout);
  ASSERT_TRUE(handshake.has_value() && handshake->starts_with("1|6|"));
  // A pidfd works for a process that is not our child.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, plugin_pid, 0));
  ASSERT_GE(pidfd, 0);
  parent.send_signal(SIGKILL);
  pollfd pfd{pidfd, POLLIN, 0};
  EXPECT_EQ(poll(&pfd, 1, 10000), 1) << "plugin still running after its parent died";
  close(pidfd);
}

TEST(TransportProtocol, StderrCarriesHclogJson) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin));
  ASSERT_TRUE(stderr_shows(*s.process, "plugin server listening", 10s));
  const std::string err = s.process->stderr_text();
  const auto begin = err.rfind('\n', err.find("plugin server listening"));
  const auto line = err.substr(begin == std::string::npos ? 0 : begin + 1,
                               err.find('\n', err.find("plugin server listening")) -
                                   (begin == std::string::npos ? 0 : begin + 1));
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["@level"], "info");
  EXPECT_EQ(json["@message"], "plugin server listening");
  EXPECT_TRUE(json.contains("@timestamp"));
  EXPECT_TRUE(json.contains("@module"));
  EXPECT_EQ(json["network"], "unix");
}

TEST(TransportProtocol, TcpFallbackWhenNoUnixSocketDirectory) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin, {{"PLUGIN_UNIX_SOCKET_DIR", "/nonexistent/cloudssl-test"},
                                {"PLUGIN_MIN_PORT", "20000"},
                                {"PLUGIN_MAX_PORT", "20999"}}));
  EXPECT_EQ(s.handshake.network, "tcp");
  ASSERT_TRUE(s.handshake.address.starts_with("127.0.0.1:")) << s.handshake.address;
  const int port = std::stoi(s.handshake.address.substr(10));
  EXPECT_GE(port, 20000);
  EXPECT_LE(port, 20999);
  EXPECT_TRUE(get_schema(s.channel).ok());
  EXPECT_FALSE(get_schema(tls_channel(s.handshake, std::nullopt), 5s).ok());
}

TEST(TransportProtocol, UnixSocketDirectoryIsHonoured) {
  char dir_template[] = "/tmp/cloudssl-sockdir-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  {
    PluginSession s;
    ASSERT_TRUE(s.start(kPlugin, {{"PLUGIN_UNIX_SOCKET_DIR", dir}}));
    EXPECT_TRUE(s.handshake.address.starts_with(dir + "/plugin")) << s.handshake.address;
    EXPECT_TRUE(get_schema(s.channel).ok());
    ASSERT_TRUE(s.shutdown(5000ms).has_value());
  }
  EXPECT_EQ(rmdir(dir.c_str()), 0) << "socket file left behind";
}

TEST(TransportProtocol, ClientWithoutProtocol6StillGetsAnAnswerOf6) {
  PluginSession s;
  ASSERT_TRUE(s.start(kPlugin, {{"PLUGIN_PROTOCOL_VERSIONS", "5"}}));
  EXPECT_EQ(s.handshake.app_version, 6);  // the client refuses it with its own message
  EXPECT_TRUE(stderr_shows(*s.process, "does not offer plugin protocol 6", 10s));
}

TEST(TransportProtocol, WithoutTheMagicCookieExplainsAndExits1) {
  PluginProcess process({kPlugin, {}, {{"TF_PLUGIN_MAGIC_COOKIE", std::nullopt}}});
  const auto exit_code = process.wait_exit(20s);
  ASSERT_TRUE(exit_code.has_value());
  EXPECT_EQ(*exit_code, 1);
  EXPECT_NE(process.stderr_text().find("This binary is a plugin"), std::string::npos);
  EXPECT_EQ(process.read_stdout_until_eof(5s), "");
}

TEST(TransportProtocol, WrongCookieExits1) {
  PluginProcess process({kPlugin, {}, {{"TF_PLUGIN_MAGIC_COOKIE", "wrong"}}});
  EXPECT_EQ(process.wait_exit(20s), 1);
}

TEST(TransportProtocol, InvalidClientCertificateExits1) {
  auto env = go_plugin_environment("not a certificate");
  PluginProcess process({kPlugin, {}, env});
  EXPECT_EQ(process.wait_exit(20s), 1);
  EXPECT_NE(process.stderr_text().find("AutoMTLS"), std::string::npos);
}

TEST(TransportProtocol, VersionFlag) {
  PluginProcess process({kPlugin, {"--version"}, {{"TF_PLUGIN_MAGIC_COOKIE", std::nullopt}}});
  EXPECT_EQ(process.read_stdout_line(20s), "terraform-provider-transporttest v0.0.1");
  EXPECT_EQ(process.wait_exit(20s), 0);
}

TEST(TransportProtocol, UnknownFlagExits2) {
  PluginProcess process({kPlugin, {"--bogus"}, {}});
  EXPECT_EQ(process.wait_exit(20s), 2);
}

TEST(TransportProtocol, DebugModePrintsReattachConfigAndServesPlaintext) {
  // No cookie and a client cert in the environment: debug mode needs neither and ignores TLS.
  PluginProcess process({kPlugin,
                         {"-debug"},
                         {{"TF_PLUGIN_MAGIC_COOKIE", std::nullopt},
                          {"PLUGIN_CLIENT_CERT", make_go_plugin_client_certificate().cert_pem},
                          {"TF_LOG_PROVIDER", "debug"}}});
  const auto first = process.read_stdout_line(kStartTimeout);
  ASSERT_TRUE(first.has_value()) << process.stderr_text();
  EXPECT_TRUE(first->starts_with("Provider started. To attach Terraform CLI"));
  std::optional<std::string> reattach;
  for (int i = 0; i < 4 && !reattach; ++i) {
    const auto line = process.read_stdout_line(5s);
    ASSERT_TRUE(line.has_value());
    if (line->starts_with("\tTF_REATTACH_PROVIDERS='")) reattach = *line;
  }
  ASSERT_TRUE(reattach.has_value());
  const std::string prefix = "\tTF_REATTACH_PROVIDERS='";
  ASSERT_EQ(reattach->back(), '\'');
  const auto json =
      nlohmann::json::parse(reattach->substr(prefix.size(), reattach->size() - prefix.size() - 1));
  const auto& config = json.at("registry.terraform.io/cloudssl/transporttest");
  EXPECT_EQ(config.at("Protocol"), "grpc");
  EXPECT_EQ(config.at("ProtocolVersion"), 6);
  EXPECT_EQ(config.at("Pid"), process.pid());
  EXPECT_EQ(config.at("Test"), true);
  EXPECT_EQ(config.at("Addr").at("Network"), "unix");

  Handshake h;
  h.network = config.at("Addr").at("Network");
  h.address = config.at("Addr").at("String");
  EXPECT_TRUE(get_schema(plaintext_channel(h)).ok());

  process.send_signal(SIGINT);  // debug mode stops on Ctrl-C
  EXPECT_EQ(process.wait_exit(10s), 0);
  EXPECT_FALSE(file_exists(h.address));
}

}  // namespace
}  // namespace cloudssl::testing
