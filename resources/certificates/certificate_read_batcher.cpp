#include "resources/certificates/certificate_read_batcher.h"

#include <algorithm>
#include <vector>

#include "provider/log/logger.h"
#include "resources/common/provider_data.h"

namespace cloudssl::certificates {

namespace {
constexpr std::int64_t kListingPageSize = 1000;  // DescribeCertificates Limit maximum
}

CertificateReadBatcher::CertificateReadBatcher() : CertificateReadBatcher(Options{}) {}

CertificateReadBatcher::CertificateReadBatcher(Options options)
    : options_(options), next_listing_at_(options.listing_threshold) {}

bool CertificateReadBatcher::snapshot_fresh(std::chrono::steady_clock::time_point now) const {
  return now < snapshot_expires_;
}

CertificateReadBatcher::Announcement& CertificateReadBatcher::Announcement::operator=(
    Announcement&& other) noexcept {
  if (this != &other) {
    withdraw();
    owner_ = std::exchange(other.owner_, nullptr);
    number_ = other.number_;
  }
  return *this;
}

void CertificateReadBatcher::Announcement::withdraw() {
  if (auto* owner = std::exchange(owner_, nullptr)) owner->withdraw(number_);
}

CertificateReadBatcher::Announcement CertificateReadBatcher::announce() {
  std::lock_guard lock(mutex_);
  const std::uint64_t number = next_announcement_++;
  announced_.insert(number);
  return Announcement(this, number);
}

void CertificateReadBatcher::withdraw(std::uint64_t number) {
  std::lock_guard lock(mutex_);
  if (announced_.erase(number)) cv_.notify_all();
}

bool CertificateReadBatcher::ready(const Batch& batch) const {
  return batch.awaits_below == 0 || announced_.empty() || *announced_.begin() >= batch.awaits_below;
}

std::optional<api::Certificate> CertificateReadBatcher::get(api::Client& client,
                                                            const std::string& certificate_id,
                                                            const api::CallOptions& options,
                                                            Announcement* announced) {
  std::unique_lock lock(mutex_);
  const bool was_announced = announced && announced->owner_ == this;
  if (was_announced) {
    // Arrived: no longer awaited by anyone (the batch it joins waits for the earlier ones).
    announced_.erase(announced->number_);
    announced->owner_ = nullptr;
    cv_.notify_all();
  }
  cv_.wait(lock, [&] { return !listing_in_flight_; });
  if (snapshot_fresh(std::chrono::steady_clock::now())) {
    if (auto it = snapshot_.find(certificate_id); it != snapshot_.end()) {
      ++stats_.snapshot_hits;
      return it->second;
    }
  }
  ++reads_since_listing_;
  bool complete_snapshot = snapshot_complete_ && snapshot_fresh(std::chrono::steady_clock::now());
  if (!complete_snapshot && reads_since_listing_ >= next_listing_at_) {
    run_listing(client, options, lock);
    if (snapshot_fresh(std::chrono::steady_clock::now())) {
      if (auto it = snapshot_.find(certificate_id); it != snapshot_.end()) {
        ++stats_.snapshot_hits;
        return it->second;
      }
    }
  }
  return from_batch(client, certificate_id, options, was_announced, lock);
}

void CertificateReadBatcher::run_listing(api::Client& client, const api::CallOptions& options,
                                         std::unique_lock<std::mutex>& lock) {
  listing_in_flight_ = true;
  forgotten_during_listing_.clear();
  const auto started = std::chrono::steady_clock::now();
  const std::size_t reads_seen = reads_since_listing_;
  lock.unlock();

  std::vector<api::Certificate> listed;
  bool complete = false;
  long calls = 0;
  std::int64_t pages = 1;
  bool failed = false;
  try {
    api::DescribeCertificatesRequest request;
    request.limit = kListingPageSize;
    request.offset = 0;
    api::DescribeCertificatesResponse page = api::describe_certificates(client, request, options);
    ++calls;
    const std::int64_t total = page.total_count;
    pages = std::max<std::int64_t>(1, (total + kListingPageSize - 1) / kListingPageSize);
    std::int64_t offset = static_cast<std::int64_t>(page.certificates.size());
    for (auto& c : page.certificates) listed.push_back(std::move(c));
    // Listing the rest pays off only when it costs no more calls than the by-id reads the
    // reads seen so far predict.
    const auto affordable = static_cast<std::int64_t>(
        std::max<std::size_t>(1, reads_seen / std::max<std::size_t>(1, options_.reads_per_call)));
    if (!page.total_count_reported) {
      // TotalCount "may be null": only a short page proves the listing complete. A listing
      // taken for complete when it is not would report the unlisted certificates as gone.
      bool short_page = offset < kListingPageSize;
      std::int64_t fetched = 1;
      while (!short_page && fetched < affordable) {
        request.offset = offset;
        page = api::describe_certificates(client, request, options);
        ++calls;
        ++fetched;
        const auto size = static_cast<std::int64_t>(page.certificates.size());
        offset += size;
        for (auto& c : page.certificates) listed.push_back(std::move(c));
        short_page = size < kListingPageSize;
      }
      complete = short_page;
      pages = complete ? fetched : fetched + 1;
    } else if (pages <= affordable) {
      while (offset < total) {
        request.offset = offset;
        page = api::describe_certificates(client, request, options);
        ++calls;
        if (page.certificates.empty()) break;
        offset += static_cast<std::int64_t>(page.certificates.size());
        for (auto& c : page.certificates) listed.push_back(std::move(c));
      }
      complete = offset >= total;
    }
  } catch (const std::exception& e) {
    failed = true;
    log::debug("certificate listing failed; reading by id instead", {{"error", e.what()}});
  }

  lock.lock();
  stats_.listing_calls += calls;
  listing_in_flight_ = false;
  reads_since_listing_ = 0;
  if (failed) {
    next_listing_at_ = options_.listing_threshold * 4;
  } else {
    snapshot_.clear();
    for (auto& c : listed) {
      if (c.certificate_id.empty() || forgotten_during_listing_.count(c.certificate_id)) continue;
      std::string id = c.certificate_id;
      snapshot_.insert_or_assign(std::move(id), std::move(c));
    }
    snapshot_complete_ = complete;
    snapshot_expires_ = started + options_.snapshot_ttl;
    next_listing_at_ = complete
                           ? options_.listing_threshold
                           : std::max(options_.listing_threshold,
                                      static_cast<std::size_t>(pages) * options_.reads_per_call);
    log::debug("certificate listing cached",
               {{"certificates", snapshot_.size()}, {"complete", complete}, {"calls", calls}});
  }
  forgotten_during_listing_.clear();
  cv_.notify_all();
}

std::optional<api::Certificate> CertificateReadBatcher::from_batch(
    api::Client& client, const std::string& id, const api::CallOptions& options, bool announced,
    std::unique_lock<std::mutex>& lock) {
  if (queue_.empty() || queue_.back()->ids.size() >= options_.max_ids_per_call)
    queue_.push_back(std::make_shared<Batch>());
  std::shared_ptr<Batch> mine = queue_.back();
  mine->ids.insert(id);
  // A read after a create waits for the creates announced before it (their reads join).
  if (announced) mine->awaits_below = std::max(mine->awaits_below, next_announcement_);

  // Whoever finds no call in flight and the oldest queued batch ready sends it; the rest wait.
  ++stats_.waiting_reads;
  while (!mine->sent) {
    if (call_in_flight_ || !ready(*queue_.front())) {
      cv_.wait(lock);
      continue;
    }
    std::shared_ptr<Batch> batch = queue_.front();
    queue_.pop_front();
    batch->sent = true;
    call_in_flight_ = true;
    ++stats_.by_id_calls;
    lock.unlock();
    try {
      api::DescribeCertificatesRequest request;
      request.cert_ids.assign(batch->ids.begin(), batch->ids.end());
      request.limit = kListingPageSize;
      auto found = std::make_shared<std::map<std::string, api::Certificate>>();
      for (auto& c : api::describe_all_certificates(client, request, options)) {
        // CertIds is exact, but stay safe against a fuzzy server: keep only asked ids.
        if (batch->ids.count(c.certificate_id)) {
          std::string key = c.certificate_id;
          found->insert_or_assign(std::move(key), std::move(c));
        }
      }
      batch->promise.set_value(std::move(found));
    } catch (...) {
      batch->promise.set_exception(std::current_exception());
    }
    lock.lock();
    call_in_flight_ = false;
    cv_.notify_all();
  }
  --stats_.waiting_reads;
  lock.unlock();
  Result result = mine->future.get();  // rethrows the call's ApiError
  lock.lock();
  auto it = result->find(id);
  if (it == result->end()) return std::nullopt;
  return it->second;
}

void CertificateReadBatcher::forget(const std::string& certificate_id) {
  std::lock_guard lock(mutex_);
  snapshot_.erase(certificate_id);
  if (listing_in_flight_) forgotten_during_listing_.insert(certificate_id);
}

CertificateReadBatcher::Stats CertificateReadBatcher::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

CertificateReadBatcher& certificate_reads(const framework::Context& ctx) {
  return common::provider_member(ctx, &common::ProviderData::certificate_reads,
                                 "certificate read batcher");
}

}  // namespace cloudssl::certificates
