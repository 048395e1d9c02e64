#include "resources/certificates/order_cancellation.h"

#include <optional>

#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/order_actions.h"
#include "resources/certificates/certificate_status.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

constexpr std::int64_t kReviewing = 0, kRecordAdded = 4, kCancelling = 6, kCancelled = 7;

bool pending_order(std::int64_t status) { return status == kReviewing || status == kRecordAdded; }

std::string status_words(std::optional<std::int64_t> status) {
  return status ? status_text(status) + " (status " + std::to_string(*status) + ")"
                : std::string("of unknown status");
}

}  // namespace

OrderCancellation cancel_pending_order(api::Client& ssl, const std::string& id,
                                       const framework::Context& ctx,
                                       framework::Diagnostics& diags) {
  const auto found = api::find_certificate(ssl, id, common::call_options(ctx));
  if (!found) return OrderCancellation::Gone;
  const std::int64_t status = found->status.value_or(-1);
  if (!pending_order(status) && status != kCancelling) return OrderCancellation::NotAnOrder;
  if (status != kCancelling) {
    try {
      api::cancel_certificate_order(ssl, id, common::call_options(ctx));
    } catch (const api::ApiError& e) {
      if (api::certificate_gone(e)) return OrderCancellation::Gone;
      // Issued (or ended) between the read and the cancellation: deleted as usual.
      if (api::order_not_cancellable(e)) return OrderCancellation::NotAnOrder;
      diags.error("Cancelling the order of certificate " + id + " failed",
                  "It is still an order (" + status_words(status) +
                      "), which cannot be deleted before it is cancelled.\n" + e.code() + ": " +
                      e.message() +
                      (e.request_id().empty() ? "" : " (RequestId " + e.request_id() + ")"));
      return OrderCancellation::Failed;
    }
  }

  std::optional<std::int64_t> last;
  bool gone = false;
  const api::PollReport report = api::poll_until_done(
      [&] {
        api::PollResult r;
        const auto c = api::find_certificate(ssl, id, common::call_options(ctx));
        if (!c) {
          gone = true;
          r.state = api::PollResult::State::Done;
          return r;
        }
        last = c->status;
        const std::int64_t now = last.value_or(-1);
        if (now == kCancelled) {
          r.state = api::PollResult::State::Done;
        } else if (now != kCancelling && !pending_order(now)) {
          r.state = api::PollResult::State::Failed;
        }
        r.message = status_words(last);
        return r;
      },
      common::poll_options(ctx, "cancellation of certificate " + id));
  switch (report.outcome) {
    case api::PollOutcome::Done:
      return gone ? OrderCancellation::Gone : OrderCancellation::Cancelled;
    case api::PollOutcome::DeadlineExceeded:
      diags.error("Timed out cancelling certificate " + id,
                  "Its order was still " + status_words(last) +
                      " at the deadline (timeouts.delete). The cancellation may still finish; run "
                      "the destroy again.");
      return OrderCancellation::Failed;
    case api::PollOutcome::Cancelled:
      diags.error("Cancelling certificate " + id + " was interrupted",
                  "The cancellation may still finish on the API side; run the destroy again.");
      return OrderCancellation::Failed;
    case api::PollOutcome::Failed:
      break;
  }
  // Issued while the cancellation ran: delete it as any issued certificate.
  if (last && *last == 1) return OrderCancellation::NotAnOrder;
  diags.error("Certificate " + id + "'s order was not cancelled",
              "CancelCertificateOrder was accepted, but the certificate became " +
                  status_words(last) + " instead of cancelled (status 7).");
  return OrderCancellation::Failed;
}

}  // namespace cloudssl::certificates
