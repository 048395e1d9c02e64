// Coalesces the certificate reads of one provider process into few DescribeCertificates calls.
//
// Terraform refreshes every cloudssl_certificate in parallel (10 at a time by default), each
// with its own ReadResource. Done naively that is one API call per certificate (the Tencent
// provider's N+1). Here:
//   1. Concurrent reads join one DescribeCertificates{CertIds:[...]} call: while a call is in
//      flight, new reads queue up and the next call carries all of them (no timers).
//   2. Once a process has seen `listing_threshold` reads, it lists the account (Limit 1000 per
//      page) and answers later reads from that snapshot for `snapshot_ttl` — when the account
//      is small enough that listing costs fewer calls than the reads still to come.
// A certificate the snapshot does not hold is looked up by id (it may be newer than the
// snapshot), so a snapshot never declares a certificate gone. Writes by this process call
// forget(id) so their own changes are never answered from an older snapshot.
//   3. A create announces the read that follows its upload (announce(), before uploading).
//      A batch holding such a read is sent only once every read announced before it has
//      arrived or been withdrawn, so the creates of one apply share their reads-back:
//      N creates cost N uploads and about N / (Terraform's parallelism) reads, not N.
//      Deterministic: no timers; an announcement is withdrawn when its create fails.
//
// Thread-safe; one instance per configured provider (ProviderData::certificate_reads).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

class CertificateReadBatcher {
 public:
  struct Options {
    std::size_t max_ids_per_call = 1000;  // DescribeCertificates Limit maximum
    std::size_t listing_threshold = 10;   // reads seen before listing the account pays off
    std::size_t reads_per_call = 10;      // what one by-id call serves (Terraform parallelism)
    std::chrono::milliseconds snapshot_ttl = std::chrono::minutes(2);
  };

  struct Stats {
    long by_id_calls = 0;    // DescribeCertificates{CertIds}
    long listing_calls = 0;  // DescribeCertificates pages of a listing
    long snapshot_hits = 0;
    long waiting_reads = 0;  // reads queued now, waiting for their batch to be sent
  };

  // A read announced ahead (see 3. above). Withdrawn when destroyed unless get() used it.
  class Announcement {
   public:
    Announcement() = default;
    Announcement(Announcement&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)), number_(other.number_) {}
    Announcement& operator=(Announcement&& other) noexcept;
    Announcement(const Announcement&) = delete;
    Announcement& operator=(const Announcement&) = delete;
    ~Announcement() { withdraw(); }
    void withdraw();

   private:
    friend class CertificateReadBatcher;
    Announcement(CertificateReadBatcher* owner, std::uint64_t number)
        : owner_(owner), number_(number) {}
    CertificateReadBatcher* owner_ = nullptr;
    std::uint64_t number_ = 0;
  };

  CertificateReadBatcher();
  explicit CertificateReadBatcher(Options options);

  // Announces a read this caller will make after a write in flight (a create's upload).
  Announcement announce();

  // The certificate as DescribeCertificates returns it (hosting fields included; no PEM), or
  // nullopt when it does not exist. Throws api::ApiError. `announced`: the announcement this
  // read fulfils (its batch then waits for the reads announced before it).
  std::optional<api::Certificate> get(api::Client& client, const std::string& certificate_id,
                                      const api::CallOptions& options = {},
                                      Announcement* announced = nullptr);

  // Drops what is known about `certificate_id` (call after this process changed it).
  void forget(const std::string& certificate_id);

  Stats stats() const;

 private:
  using Result = std::shared_ptr<const std::map<std::string, api::Certificate>>;
  struct Batch {
    std::set<std::string> ids;
    std::promise<Result> promise;
    std::shared_future<Result> future = promise.get_future().share();
    bool sent = false;
    // Announcements numbered below this must arrive (or be withdrawn) before it is sent; 0
    // when it holds no announced read.
    std::uint64_t awaits_below = 0;
  };

  bool snapshot_fresh(std::chrono::steady_clock::time_point now) const;
  std::optional<api::Certificate> from_batch(api::Client& client, const std::string& id,
                                             const api::CallOptions& options, bool announced,
                                             std::unique_lock<std::mutex>& lock);
  bool ready(const Batch& batch) const;
  void withdraw(std::uint64_t number);
  void run_listing(api::Client& client, const api::CallOptions& options,
                   std::unique_lock<std::mutex>& lock);

  Options options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;

  std::unordered_map<std::string, api::Certificate> snapshot_;
  std::chrono::steady_clock::time_point snapshot_expires_{};
  bool snapshot_complete_ = false;

  bool listing_in_flight_ = false;
  std::set<std::string> forgotten_during_listing_;
  std::size_t reads_since_listing_ = 0;
  std::size_t next_listing_at_;  // reads_since_listing_ that triggers a listing

  std::deque<std::shared_ptr<Batch>> queue_;
  bool call_in_flight_ = false;

  std::set<std::uint64_t> announced_;  // announcements not yet arrived nor withdrawn
  std::uint64_t next_announcement_ = 1;

  Stats stats_;
};

// The configured provider's batcher (ProviderData::certificate_reads); throws
// std::logic_error when the provider is not configured.
CertificateReadBatcher& certificate_reads(const framework::Context& ctx);

}  // namespace cloudssl::certificates
