// JSON views of state objects in the documented output shapes (docs/design/ssl-api.md §2, §4).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "simulator/world.h"

namespace cloudssl::sim {

nlohmann::json tags_json(const std::vector<Tag>& tags);
std::vector<Tag> tags_from(const nlohmann::json& tags);  // InvalidParameter when malformed

// DescribeCertificate's members.
nlohmann::json certificate_view(const World& world, const Certificate& cert);
// DescribeCertificateDetail's members (with key material).
nlohmann::json certificate_detail_view(const World& world, const Certificate& cert);
// A DescribeCertificates item (Certificates structure).
nlohmann::json certificate_list_item(const World& world, const Certificate& cert);

// DeployRecordDetail (deploy family) / UpdateRecordDetail (update family) / DeployRecordItem.
nlohmann::json deploy_item_view(const TaskItem& item);
nlohmann::json update_item_view(const TaskItem& item);
nlohmann::json upload_update_item_view(const TaskItem& item);

// Counts over items: {"Success", "Failed", "Running"}.
struct ItemCounts {
  int success = 0, failed = 0, running = 0;
};
ItemCounts count_items(const std::vector<TaskItem>& items);

// Paging with the doc's defaults and caps.
struct Page {
  std::size_t offset = 0, limit = 10;
};

}  // namespace cloudssl::sim
