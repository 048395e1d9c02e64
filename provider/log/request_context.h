// The Terraform request a thread is serving, which the logger (logger.h) adds to every line.
#pragma once

#include <string>

namespace cloudssl::log {

// The Terraform request a thread is serving, written into every line the thread logs as
// terraform-plugin-log's SDK fields (tf_req_id, tf_rpc, tf_resource_type), so a trace log can
// be read per request and per resource type, API-call and wait lines included. gRPC serves
// each RPC on one thread from start to end, which is what makes a per-thread context exact.
struct RequestContext {
  std::string req_id;         // a random UUID per RPC, as terraform-plugin-go makes one
  std::string rpc;            // "PlanResourceChange"
  std::string resource_type;  // "cloudssl_certificate"; empty for provider-level RPCs
};

// Sets the calling thread's request context for its lifetime; restores the previous one.
class RequestScope {
 public:
  explicit RequestScope(RequestContext context);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  RequestContext previous_;
};

// The calling thread's request context (empty fields outside an RPC).
const RequestContext& current_request();

// A random (version 4) UUID, for tf_req_id.
std::string new_request_id();

}  // namespace cloudssl::log
