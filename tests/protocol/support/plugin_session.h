// A started plugin with its parsed handshake and an mTLS channel, for protocol tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "grpc_controller.grpc.pb.h"
#include "tests/protocol/support/go_plugin_client.h"
#include "tests/protocol/support/plugin_process.h"
#include "tfplugin6.grpc.pb.h"

namespace cloudssl::testing {

inline constexpr auto kStartTimeout = std::chrono::seconds(20);

inline std::unique_ptr<grpc::ClientContext> context_with_deadline(
    std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + timeout);
  return ctx;
}

using ProviderStub = tfplugin6::Provider::Stub;

// One unary RPC with the usual deadline, e.g.
// `ASSERT_TRUE(call(*stub, &ProviderStub::ReadResource, request, &response).ok())`.
template <class Stub, class Request, class Response>
grpc::Status call(Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                  const Request& request, Response* response) {
  auto ctx = context_with_deadline();
  return (stub.*method)(ctx.get(), request, response);
}

struct PluginSession {
  ClientCertificate client_cert = make_go_plugin_client_certificate();
  std::unique_ptr<PluginProcess> process;
  Handshake handshake;
  std::shared_ptr<grpc::Channel> channel;

  // Starts `binary` as go-plugin does (AutoMTLS on) plus `extra_env`; fails the test (and
  // returns false) when no valid handshake line arrives.
  bool start(const std::string& binary,
             std::map<std::string, std::optional<std::string>> extra_env = {}) {
    auto env = go_plugin_environment(client_cert.cert_pem);
    for (auto& [k, v] : extra_env) env[k] = v;
    process = std::make_unique<PluginProcess>(PluginProcess::Options{binary, {}, env});
    const auto line = process->read_stdout_line(kStartTimeout);
    if (!line) {
      ADD_FAILURE() << "no handshake line; stderr:\n" << process->stderr_text();
      return false;
    }
    std::string error;
    auto parsed = parse_handshake(*line, error);
    if (!parsed) {
      ADD_FAILURE() << "bad handshake line '" << *line << "': " << error;
      return false;
    }
    handshake = *parsed;
    channel = tls_channel(handshake, client_cert);
    return true;
  }

  tfplugin6::Provider::Stub provider() const { return tfplugin6::Provider::Stub(channel); }

  // StopProvider, as Terraform sends it on an interrupt: the provider's error text ("" when
  // it stopped cleanly), or nullopt (with a test failure) when the call itself failed.
  std::optional<std::string> stop_provider() const {
    auto stub = provider();
    auto ctx = context_with_deadline(std::chrono::seconds(10));
    tfplugin6::StopProvider::Request req;
    tfplugin6::StopProvider::Response resp;
    const grpc::Status status = stub.StopProvider(ctx.get(), req, &resp);
    if (!status.ok()) {
      ADD_FAILURE() << "StopProvider failed: " << status.error_message();
      return std::nullopt;
    }
    return resp.error();
  }

  // What go-plugin's Kill() does: GRPCController.Shutdown, close the connection, wait for the
  // exit. Returns the exit status seen within `limit`, nullopt if none.
  std::optional<int> shutdown(std::chrono::milliseconds limit, grpc::Status* status = nullptr) {
    {
      plugin::GRPCController::Stub controller(channel);
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      plugin::Empty req, resp;
      const grpc::Status s = controller.Shutdown(&ctx, req, &resp);
      if (status != nullptr) *status = s;
    }
    channel.reset();
    return process->wait_exit(limit);
  }
};

// One unary call through the generic stub: the answer's bytes exactly as the server sent them
// (not parsed and serialized again), or nullopt when the call fails.
std::optional<std::string> raw_unary_call(const std::shared_ptr<grpc::Channel>& channel,
                                          const std::string& method,
                                          const std::string& request_bytes);

// grpc.health.v1.Health/Check through the generic stub (no generated health client needed):
// returns the ServingStatus number (1 = SERVING), or nullopt when the call fails.
std::optional<int> health_check(const std::shared_ptr<grpc::Channel>& channel,
                                const std::string& service);

}  // namespace cloudssl::testing
