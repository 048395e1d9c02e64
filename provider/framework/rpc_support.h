// Helpers shared by the tfplugin6 service's translation units (provider_service.cpp and
// provider_service_adoption.cpp): wire values, exception guarding, RPC logging. Internal to
// the framework.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "provider/codec/json_codec.h"
#include "provider/codec/msgpack_codec.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"
#include "provider/log/logger.h"
#include "provider/log/request_context.h"
#include "tfplugin6.pb.h"

namespace cloudssl::framework::rpc {

// ---------------------------------------------------------------------------------------
// Values on the wire
// ---------------------------------------------------------------------------------------

// Terraform always sends msgpack; JSON is accepted for other clients; neither means null.
inline Value decode(const tfplugin6::DynamicValue& value, const Type& type) {
  if (!value.msgpack().empty()) return codec::from_msgpack(value.msgpack(), type);
  if (!value.json().empty()) return codec::from_json(value.json(), type);
  return Value::null(type);
}

inline void encode(const Value& value, const Type& type, tfplugin6::DynamicValue* out) {
  out->set_msgpack(codec::to_msgpack(value, type));
  out->clear_json();
}

// ---------------------------------------------------------------------------------------
// Errors and logging
// ---------------------------------------------------------------------------------------

// Runs one RPC body; any exception becomes an error diagnostic saying what failed.
template <class Body>
void guarded(const std::string& what, Diagnostics& diagnostics, Body&& body) {
  try {
    body();
  } catch (const codec::CodecError& e) {
    diagnostics.error("Invalid value: " + what,
                      std::string("A value could not be decoded or encoded: ") + e.what());
  } catch (const std::exception& e) {
    diagnostics.error("Failed to " + what, e.what());
  } catch (...) {
    diagnostics.error("Failed to " + what, "An unexpected error occurred.");
  }
}

// The RPC's log context (tf_req_id, tf_rpc, tf_resource_type on every line logged while it is
// served, see log::RequestScope), one debug line when it starts and one trace line with the
// outcome; never values.
class RpcLog {
 public:
  RpcLog(const std::string& rpc, const std::string& type_name = {})
      : scope_({.req_id = log::new_request_id(), .rpc = rpc, .resource_type = type_name}),
        rpc_(rpc),
        start_(std::chrono::steady_clock::now()) {
    if (log::enabled(log::Level::Debug)) log::debug("Received " + rpc_ + " request");
  }
  ~RpcLog() {
    if (!log::enabled(log::Level::Trace)) return;
    nlohmann::json f = nlohmann::json::object();
    f["tf_req_duration_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - start_)
                                  .count();
    if (diagnostics_) {
      f["diagnostic_count"] = diagnostics_->all().size();
      f["diagnostic_error"] = diagnostics_->has_errors();
    }
    log::trace("Served " + rpc_ + " request", f);
  }
  void report(const Diagnostics& d) { diagnostics_ = &d; }

 private:
  log::RequestScope scope_;  // first: it outlives the lines the destructor writes
  std::string rpc_;
  std::chrono::steady_clock::time_point start_;
  const Diagnostics* diagnostics_ = nullptr;
};

inline void unknown_type(const std::string& kind, const std::string& name,
                         Diagnostics& diagnostics) {
  diagnostics.error("Unknown " + kind + " type",
                    "This provider has no " + kind + " named \"" + name + "\".");
}

}  // namespace cloudssl::framework::rpc
