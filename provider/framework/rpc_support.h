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

// One debug line when an RPC starts and one trace line with the outcome; never values.
class RpcLog {
 public:
  RpcLog(std::string rpc, std::string type_name = {})
      : rpc_(std::move(rpc)),
        type_(std::move(type_name)),
        start_(std::chrono::steady_clock::now()) {
    if (log::enabled(log::Level::Debug)) log::debug("Received " + rpc_ + " request", fields());
  }
  ~RpcLog() {
    if (!log::enabled(log::Level::Trace)) return;
    nlohmann::json f = fields();
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
  nlohmann::json fields() const {
    nlohmann::json f = {{"tf_rpc", rpc_}};
    if (!type_.empty()) f["tf_resource_type"] = type_;
    return f;
  }
  std::string rpc_, type_;
  std::chrono::steady_clock::time_point start_;
  const Diagnostics* diagnostics_ = nullptr;
};

inline void unknown_type(const std::string& kind, const std::string& name,
                         Diagnostics& diagnostics) {
  diagnostics.error("Unknown " + kind + " type",
                    "This provider has no " + kind + " named \"" + name + "\".");
}

}  // namespace cloudssl::framework::rpc
