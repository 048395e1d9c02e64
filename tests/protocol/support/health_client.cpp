#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <future>

#include "tests/protocol/support/plugin_session.h"

namespace cloudssl::testing {

std::optional<std::string> raw_unary_call(const std::shared_ptr<grpc::Channel>& channel,
                                          const std::string& method,
                                          const std::string& request_bytes) {
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) return std::nullopt;
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return std::nullopt;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes;
}

std::optional<int> health_check(const std::shared_ptr<grpc::Channel>& channel,
                                const std::string& service) {
  // HealthCheckRequest { string service = 1; } encoded by hand.
  std::string request_bytes = "\x0a";
  request_bytes += static_cast<char>(service.size());
  request_bytes += service;
  const auto bytes = raw_unary_call(channel, "/grpc.health.v1.Health/Check", request_bytes);
  if (!bytes) return std::nullopt;
  // HealthCheckResponse { ServingStatus status = 1; }: empty means 0 (UNKNOWN).
  if (bytes->size() >= 2 && (*bytes)[0] == '\x08') return static_cast<int>((*bytes)[1]);
  return 0;
}

}  // namespace cloudssl::testing
