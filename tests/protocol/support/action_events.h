// What an InvokeAction stream said (progress messages, the completion, anything sent after
// it), read the way Terraform reads it: the protocol tests of the fixture's and of
// cloudssl's actions share this reader.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin6.grpc.pb.h"

namespace cloudssl::testing {

struct InvokeOutcome {
  std::vector<std::string> progress;
  std::optional<tfplugin6::InvokeAction::Event::Completed> completed;
  int events_after_completed = 0;
};

// Reads every event of the stream (not its status); `on_progress` may act on each progress
// message as it arrives.
inline InvokeOutcome read_invoke(
    grpc::ClientReaderInterface<tfplugin6::InvokeAction::Event>& reader,
    const std::function<void(const std::string&)>& on_progress = {}) {
  InvokeOutcome out;
  tfplugin6::InvokeAction::Event event;
  while (reader.Read(&event)) {
    if (out.completed) ++out.events_after_completed;
    if (event.has_progress()) {
      out.progress.push_back(event.progress().message());
      if (on_progress) on_progress(event.progress().message());
    }
    if (event.has_completed()) out.completed = event.completed();
  }
  return out;
}

}  // namespace cloudssl::testing
