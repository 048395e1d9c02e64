#include "provider/transport/plugin_server.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>

#include "provider/log/logger.h"
#include "provider/transport/go_plugin_services.h"
#include "provider/transport/handshake.h"
#include "provider/transport/listener.h"
#include "provider/transport/plugin_environment.h"
#include "provider/transport/relocation_pages.h"
#include "provider/transport/shutdown_latch.h"
#include "provider/transport/signal_watcher.h"
#include "provider/transport/tls_credentials.h"

namespace cloudssl::transport {
namespace {

// terraform-plugin-go's limits; gRPC C++ would otherwise refuse requests above 4 MiB.
constexpr int kMaxMessageBytes = 256 << 20;
// How long in-flight calls get to finish once a stop is requested (StopProvider-style
// cancellation runs first, so provider work ends quickly); go-plugin's host waits 2 s.
constexpr auto kDrainTime = std::chrono::milliseconds(500);

void write_stdout(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

struct Services {
  grpc::Service& provider;
  ControllerService controller;
  StdioService stdio;
  BrokerService broker;
  HealthService health;
};

std::unique_ptr<grpc::Server> build(const ListenTarget& target,
                                    const std::shared_ptr<grpc::ServerCredentials>& credentials,
                                    Services& services) {
  grpc::ServerBuilder builder;
  int selected_port = 0;
  builder.AddListeningPort(target.grpc_uri, credentials, &selected_port);
  builder.RegisterService(&services.provider);
  builder.RegisterService(&services.controller);
  builder.RegisterService(&services.stdio);
  builder.RegisterService(&services.broker);
  builder.RegisterService(&services.health);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  auto server = builder.BuildAndStart();
  if (server != nullptr && selected_port == 0) server.reset();
  return server;
}

// Unix socket first, TCP as the fallback; the returned target says where we listen.
std::unique_ptr<grpc::Server> start_listening(
    const PluginEnvironment& env, const std::shared_ptr<grpc::ServerCredentials>& credentials,
    Services& services, ListenTarget& target) {
  if (auto unix_target = unix_socket_target(env)) {
    if (auto server = build(*unix_target, credentials, services)) {
      target = *unix_target;
      return server;
    }
    log::warn("could not listen on a unix socket, falling back to TCP",
              {{"path", unix_target->socket_path}});
  }
  const PortRange range = port_range(env);
  int next = range.min;
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto tcp = tcp_target(range, next);
    if (!tcp) break;
    if (auto server = build(*tcp, credentials, services)) {
      target = *tcp;
      return server;
    }
    next = std::stoi(tcp->address.address.substr(tcp->address.address.rfind(':') + 1)) + 1;
  }
  return nullptr;
}

}  // namespace

int serve(grpc::Service& provider_service, std::function<void()> stop_all,
          const ServeOptions& options) {
  const PluginEnvironment env = PluginEnvironment::from_process();

  if (!options.debug) {
    // If Terraform dies without stopping us, don't linger as an orphan.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() == 1) return 0;  // the parent died before prctl took effect
  }

  // Start-up's relocations are done: their pages need not stay resident (relocation_pages.h).
  log::debug("relocation pages released", {{"bytes", release_relocation_pages()}});

  ShutdownLatch latch;
  // Before any gRPC thread exists, so every thread inherits the blocked signal mask.
  SignalWatcher signals([&](SignalWatcher::Event event) {
    if (event == SignalWatcher::Event::Interrupt && !options.debug) {
      log::info("plugin received interrupt signal, ignoring");
      return;
    }
    latch.request(event == SignalWatcher::Event::Interrupt ? "SIGINT" : "SIGTERM");
  });

  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  std::vector<std::uint8_t> cert_der;
  const bool tls = !options.debug && env.client_cert_pem && !env.client_cert_pem->empty();
  if (tls) {
    try {
      check_client_certificate_pem(*env.client_cert_pem);
      ServerCertificate server_cert = generate_server_certificate();
      credentials = make_mtls_server_credentials(server_cert, *env.client_cert_pem);
      cert_der = std::move(server_cert.cert_der);
    } catch (const TlsError& e) {
      log::error("cannot set up AutoMTLS", {{"error", e.what()}});
      return 1;
    }
  }

  Services services{provider_service, ControllerService(latch), {}, {}, {}};
  ListenTarget target;
  std::unique_ptr<grpc::Server> server = start_listening(env, credentials, services, target);
  if (!server) {
    log::error("could not listen on a unix socket or on 127.0.0.1");
    return 1;
  }
  if (const std::string error = apply_socket_group(env, target.socket_path); !error.empty()) {
    log::warn("PLUGIN_UNIX_SOCKET_GROUP not applied", {{"error", error}});
  }
  services.health.set_serving(true);

  log::info("plugin server listening", {{"network", target.address.network},
                                        {"address", target.address.address},
                                        {"tls", tls},
                                        {"version", options.version}});
  // Only now that the server accepts connections: the host dials as soon as it reads this.
  if (options.debug) {
    write_stdout(
        format_debug_banner(options.provider_address, static_cast<long>(getpid()), target.address));
  } else {
    write_stdout(format_handshake_line(target.address, cert_der));
  }

  const std::string reason = latch.wait();
  log::debug("plugin server stopping", {{"reason", reason}});
  if (stop_all) stop_all();
  services.health.set_serving(false);
  server->Shutdown(std::chrono::system_clock::now() + kDrainTime);
  server->Wait();
  if (!target.socket_path.empty()) unlink(target.socket_path.c_str());
  log::debug("plugin server stopped");
  // Every call has been answered. The server is deliberately not destroyed: its destructor
  // ends in grpc_shutdown, which joins gRPC's executor threads and was seen blocking past the
  // host's 2 s grace period (a thread parked in epoll_wait after large messages). The caller
  // ends the process instead (run_plugin), so the object is released, not leaked for long.
  [[maybe_unused]] grpc::Server* released = server.release();
  return 0;
}

}  // namespace cloudssl::transport
