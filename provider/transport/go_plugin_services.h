// go-plugin's own services (§2.6 of docs/docs/design/tfplugin6.md) as a Terraform host expects
// them: GRPCController.Shutdown asks the process to stop, GRPCStdio ends its stream at once (logs
// go to stderr directly), GRPCBroker ends its stream at once (Terraform providers never broker),
// Health.Check answers SERVING for "plugin" (go-plugin's Ping) while the server runs.
#pragma once

#include <atomic>

#include "grpc_broker.grpc.pb.h"
#include "grpc_controller.grpc.pb.h"
#include "grpc_health.grpc.pb.h"
#include "grpc_stdio.grpc.pb.h"
#include "provider/transport/shutdown_latch.h"

namespace cloudssl::transport {

class ControllerService final : public plugin::GRPCController::Service {
 public:
  explicit ControllerService(ShutdownLatch& latch) : latch_(latch) {}

  // Replies at once; the server is stopped by the thread waiting on the latch, because
  // stopping it from inside a handler would wait for this very call.
  grpc::Status Shutdown(grpc::ServerContext* context, const plugin::Empty* request,
                        plugin::Empty* response) override;

 private:
  ShutdownLatch& latch_;
};

class StdioService final : public plugin::GRPCStdio::Service {
 public:
  grpc::Status StreamStdio(grpc::ServerContext* context, const google::protobuf::Empty* request,
                           grpc::ServerWriter<plugin::StdioData>* writer) override;
};

class BrokerService final : public plugin::GRPCBroker::Service {
 public:
  grpc::Status StartStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<plugin::ConnInfo, plugin::ConnInfo>* stream) override;
};

// A synchronous Check on the sync server's own threads. gRPC C++'s default health service
// (EnableDefaultHealthCheckService) is a callback service: its completion queue keeps two
// threads ("nexting_thread") for the life of the process.
// Like the default service, it knows the server as a whole ("") and "plugin"; any other name
// is NOT_FOUND.
class HealthService final : public grpc::health::v1::Health::Service {
 public:
  // NOT_SERVING until the server listens, and again once it stops.
  void set_serving(bool serving) { serving_.store(serving); }

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;

 private:
  std::atomic<bool> serving_{false};
};

}  // namespace cloudssl::transport
