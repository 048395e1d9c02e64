#include "provider/transport/go_plugin_services.h"

#include "provider/log/logger.h"

namespace cloudssl::transport {

grpc::Status ControllerService::Shutdown(grpc::ServerContext*, const plugin::Empty*,
                                         plugin::Empty*) {
  log::debug("plugin received GRPCController.Shutdown");
  latch_.request("GRPCController.Shutdown");
  return grpc::Status::OK;
}

grpc::Status StdioService::StreamStdio(grpc::ServerContext*, const google::protobuf::Empty*,
                                       grpc::ServerWriter<plugin::StdioData>*) {
  // An empty stream: the client sees EOF and stops reading; nothing is lost because the
  // provider writes its logs to stderr, which the client reads line by line.
  return grpc::Status::OK;
}

grpc::Status BrokerService::StartStream(
    grpc::ServerContext*, grpc::ServerReaderWriter<plugin::ConnInfo, plugin::ConnInfo>*) {
  // Ending at once keeps no server thread parked for the life of the connection and lets a
  // shutdown complete without waiting for the client to close this stream.
  return grpc::Status::OK;
}

grpc::Status HealthService::Check(grpc::ServerContext*,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::health::v1::HealthCheckResponse* response) {
  using Response = grpc::health::v1::HealthCheckResponse;
  if (!request->service().empty() && request->service() != "plugin") {
    return {grpc::StatusCode::NOT_FOUND, "unknown service"};
  }
  response->set_status(serving_.load() ? Response::SERVING : Response::NOT_SERVING);
  return grpc::Status::OK;
}

}  // namespace cloudssl::transport
