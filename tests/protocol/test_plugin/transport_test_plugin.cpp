// A tiny tfplugin6 service for testing the transport alone (no framework): GetProviderSchema
// returns an empty provider schema, ValidateProviderConfig reports the size of what it got,
// ApplyResourceChange waits until StopProvider cancels it (or 60 s), StopProvider cancels
// every in-flight apply and keeps serving. Served through run_plugin like a real provider.
#include <chrono>
#include <mutex>
#include <vector>

#include "provider/log/logger.h"
#include "provider/transport/plugin_runner.h"
#include "provider/util/cancellation.h"
#include "tfplugin6.grpc.pb.h"

namespace {

class TestProvider final : public tfplugin6::Provider::Service {
 public:
  grpc::Status GetProviderSchema(grpc::ServerContext*, const tfplugin6::GetProviderSchema::Request*,
                                 tfplugin6::GetProviderSchema::Response* response) override {
    response->mutable_provider()->mutable_block();
    response->mutable_server_capabilities()->set_plan_destroy(true);
    return grpc::Status::OK;
  }

  grpc::Status ValidateProviderConfig(
      grpc::ServerContext*, const tfplugin6::ValidateProviderConfig::Request* request,
      tfplugin6::ValidateProviderConfig::Response* response) override {
    auto* diag = response->add_diagnostics();
    diag->set_severity(tfplugin6::Diagnostic::WARNING);
    diag->set_summary("received bytes");
    diag->set_detail(std::to_string(request->config().msgpack().size()));
    return grpc::Status::OK;
  }

  grpc::Status ApplyResourceChange(grpc::ServerContext*,
                                   const tfplugin6::ApplyResourceChange::Request*,
                                   tfplugin6::ApplyResourceChange::Response* response) override {
    cloudssl::CancellationToken token;
    {
      std::lock_guard lock(mutex_);
      in_flight_.push_back(token);
    }
    cloudssl::log::info("apply waiting for cancellation");
    const bool cancelled = token.wait_for(std::chrono::seconds(60));
    auto* diag = response->add_diagnostics();
    diag->set_severity(tfplugin6::Diagnostic::ERROR);
    diag->set_summary(cancelled ? "operation cancelled" : "operation timed out");
    return grpc::Status::OK;
  }

  grpc::Status StopProvider(grpc::ServerContext*, const tfplugin6::StopProvider::Request*,
                            tfplugin6::StopProvider::Response*) override {
    stop_all();
    return grpc::Status::OK;
  }

  void stop_all() {
    std::lock_guard lock(mutex_);
    for (const auto& token : in_flight_) token.cancel();
    in_flight_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<cloudssl::CancellationToken> in_flight_;
};

}  // namespace

int main(int argc, char** argv) {
  TestProvider provider;
  return cloudssl::transport::run_plugin(argc, argv, provider, [&] { provider.stop_all(); },
                                         {"registry.terraform.io/cloudssl/transporttest", "0.0.1"});
}
