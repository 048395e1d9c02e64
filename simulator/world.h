// Everything an action handler reads and changes, guarded by the Simulator's one mutex:
// the persisted State, the per-run Settings, the clock, the instance-list caches.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "simulator/model.h"
#include "simulator/settings.h"
#include "simulator/sim_clock.h"

namespace cloudssl::sim {

struct CachedAnswer {
  std::int64_t time = 0;  // simulated clock
  nlohmann::json answer;
};

class World {
 public:
  explicit World(const SimClock& clock) : clock_(clock), rng_(std::random_device{}()) {}

  State state;
  Settings settings;
  std::map<std::string, CachedAnswer> list_cache;  // DescribeHost*InstanceList, IsCache 1
  // DescribeDownloadCertificateUrl's archives by link token (not persisted: links expire).
  std::map<std::string, std::string> downloads;
  // Settings::tag_lag_reads: per certificate id, the tags DescribeCertificate still lists and for
  // how many more reads (not persisted: a view, not the account's state).
  struct LaggingTags {
    std::vector<Tag> tags;
    int reads_left = 0;
  };
  std::map<std::string, LaggingTags> lagging_tags;

  const SimClock& clock() const { return clock_; }
  std::int64_t now() const { return clock_.now(); }
  std::int64_t now_ms() const { return clock_.steady_ms(); }

  // FailedOperation.CertificateNotFound when absent.
  Certificate& certificate(const std::string& id);
  Certificate* find_certificate(const std::string& id);

  std::string new_certificate_id();  // 8 alphanumerics, unused
  std::int64_t new_record_id() { return state.next_record_id++; }
  std::int64_t new_item_id() { return state.next_item_id++; }
  std::string new_task_id() { return std::to_string(state.next_task_id++); }
  std::string random_hex(std::size_t n);

 private:
  const SimClock& clock_;
  std::mt19937_64 rng_;
};

}  // namespace cloudssl::sim
