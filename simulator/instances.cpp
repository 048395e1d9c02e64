#include "simulator/instances.h"

#include <algorithm>

#include "simulator/api_failure.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;
using Ptr = json::json_pointer;

std::vector<std::string> split_fields(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string s(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strs(const json& doc, const char* key) {
  std::vector<std::string> out;
  auto it = doc.find(key);
  if (it != doc.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::string escape_token(const std::string& t) {  // JSON pointer token escaping
  std::string out;
  for (char c : t) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string cert_at(const json& doc, const Ptr& ptr) {
  if (!doc.contains(ptr)) return {};
  const auto& v = doc.at(ptr);
  return v.is_string() ? v.get<std::string>() : std::string();
}

Slot make_slot(std::string type, std::string target, std::string region,
               std::vector<std::string> domains, std::size_t index, Ptr cert_ptr) {
  Slot slot;
  slot.resource_type = std::move(type);
  slot.target = std::move(target);
  slot.region = std::move(region);
  slot.domains = std::move(domains);
  slot.instance_index = index;
  slot.cert_ptr = std::move(cert_ptr);
  return slot;
}

void add(std::vector<Slot>& out, Slot slot, const json& doc) {
  slot.cert_id = cert_at(doc, slot.cert_ptr);
  out.push_back(std::move(slot));
}

void clb_slots(const json& lb, std::size_t index, std::vector<Slot>& out) {
  const std::string lb_id = s(lb, "LoadBalancerId");
  const auto& listeners = lb.value("Listeners", json::array());
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const auto& l = listeners[i];
    const std::string base = "/Listeners/" + std::to_string(i);
    json info = {{"InstanceId", lb_id},
                 {"InstanceName", s(lb, "LoadBalancerName")},
                 {"ListenerId", s(l, "ListenerId")},
                 {"ListenerName", s(l, "ListenerName")},
                 {"Protocol", s(l, "Protocol")},
                 {"SniSwitch", l.value("SniSwitch", 0)},
                 {"Region", s(lb, "Region")},
                 {"Forward", lb.value("Forward", 1)},
                 {"SSLMode", "UNIDIRECTIONAL"}};
    const auto& rules = l.value("Rules", json::array());
    if (l.value("SniSwitch", 0) == 1) {
      for (std::size_t r = 0; r < rules.size(); ++r) {
        const auto& rule = rules[r];
        Slot slot = make_slot("clb", lb_id + "|" + s(l, "ListenerId") + "|" + s(rule, "Domain"),
                              s(lb, "Region"), {s(rule, "Domain")}, index,
                              Ptr(base + "/Rules/" + std::to_string(r) + "/Certificate/CertId"));
        slot.resource_id = lb_id;
        slot.info = info;
        slot.info["Domains"] = json::array({s(rule, "Domain")});
        slot.info["Url"] = json::array({s(rule, "Url")});
        add(out, std::move(slot), lb);
      }
    } else {
      Slot slot = make_slot("clb", lb_id + "|" + s(l, "ListenerId"), s(lb, "Region"), {}, index,
                            Ptr(base + "/Certificate/CertId"));
      json urls = json::array();
      for (const auto& rule : rules) {
        slot.domains.push_back(s(rule, "Domain"));
        urls.push_back(s(rule, "Url"));
      }
      for (const auto& d : strs(l, "Domains")) slot.domains.push_back(d);
      slot.https_listener_without_rules = s(l, "Protocol") == "HTTPS" && rules.empty();
      slot.resource_id = lb_id;
      slot.info = info;
      slot.info["Domains"] = slot.domains;
      slot.info["Url"] = urls;
      add(out, std::move(slot), lb);
    }
  }
}

void tke_slots(const json& cluster, std::size_t index, std::vector<Slot>& out) {
  const auto& nss = cluster.value("NamespaceList", json::array());
  for (std::size_t n = 0; n < nss.size(); ++n) {
    const auto& secrets = nss[n].value("SecretList", json::array());
    for (std::size_t k = 0; k < secrets.size(); ++k) {
      const auto& secret = secrets[k];
      Slot slot = make_slot(
          "tke", s(cluster, "ClusterId") + "|" + s(nss[n], "Name") + "|" + s(secret, "Name"),
          s(cluster, "Region"), {}, index,
          Ptr("/NamespaceList/" + std::to_string(n) + "/SecretList/" + std::to_string(k) +
              "/CertId"));
      for (const auto& ing : secret.value("IngressList", json::array())) {
        for (const auto& d : strs(ing, "TlsDomains")) slot.domains.push_back(d);
      }
      slot.resource_id = s(cluster, "ClusterId");
      slot.info = {
          {"InstanceId", s(cluster, "ClusterId")}, {"InstanceName", s(cluster, "ClusterName")},
          {"Namespace", s(nss[n], "Name")},        {"SecretName", s(secret, "Name")},
          {"Region", s(cluster, "Region")},        {"Domains", slot.domains}};
      add(out, std::move(slot), cluster);
    }
  }
}

void instance_slots(const std::string& type, const json& doc, std::size_t index,
                    std::vector<Slot>& out) {
  if (type == "clb") return clb_slots(doc, index, out);
  if (type == "tke") return tke_slots(doc, index, out);
  if (type == "lighthouse") {
    for (const auto& d : strs(doc, "Domain")) {
      Slot slot = make_slot(type, s(doc, "Region") + "|" + s(doc, "InstanceId") + "|" + d,
                            s(doc, "Region"), {d}, index, Ptr("/CertIds/" + escape_token(d)));
      slot.resource_id = s(doc, "InstanceId");
      slot.info = {{"InstanceId", s(doc, "InstanceId")},
                   {"InstanceName", s(doc, "InstanceName")},
                   {"Region", s(doc, "Region")},
                   {"Domains", {d}}};
      add(out, std::move(slot), doc);
    }
    return;
  }
  if (type == "tse") {
    const auto& certs = doc.value("CertificateList", json::array());
    for (std::size_t i = 0; i < certs.size(); ++i) {
      Slot slot = make_slot(type, s(doc, "GatewayId") + "|" + s(certs[i], "Id"), s(doc, "Region"),
                            strs(certs[i], "BindDomains"), index,
                            Ptr("/CertificateList/" + std::to_string(i) + "/CertId"));
      slot.resource_id = s(doc, "GatewayId");
      slot.info = {{"InstanceId", s(doc, "GatewayId")},
                   {"InstanceName", s(doc, "GatewayName")},
                   {"ListenerId", s(certs[i], "Id")},
                   {"Region", s(doc, "Region")},
                   {"Domains", slot.domains}};
      add(out, std::move(slot), doc);
    }
    return;
  }
  if (type == "tcb") {
    const json env = doc.value("Environment", json::object());
    // A domain of either service: its slot is named after the service.
    for (const std::string service : {"AccessService", "HostService"}) {
      const auto list = doc.value(service, json::object()).value("InstanceList", json::array());
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string d = s(list[i], "Domain");
        Slot slot = make_slot(
            type, service + "|" + s(doc, "Region") + "|" + s(env, "ID") + "|" + d, s(doc, "Region"),
            {d}, index,
            Ptr("/" + service + "/InstanceList/" + std::to_string(i) + "/OldCertificateId"));
        slot.resource_id = d;
        slot.info = {{"EnvId", s(env, "ID")},
                     {"TCBType", service},
                     {"Region", s(doc, "Region")},
                     {"Domains", {d}}};
        add(out, std::move(slot), doc);
      }
    }
    return;
  }
  // Single-slot types: the certificate is the document's CertId.
  Slot slot = make_slot(type, "", s(doc, "Region"), {}, index, Ptr("/CertId"));
  if (type == "teo") {
    slot.target = s(doc, "Host");
    slot.domains = {s(doc, "Host")};
    slot.info = {{"InstanceId", s(doc, "ZoneId")}};
  } else if (type == "ddos") {
    slot.target = s(doc, "InstanceId") + "|" + s(doc, "Domain") + "|" + s(doc, "VirtualPort");
    slot.domains = {s(doc, "Domain")};
    slot.resource_id = s(doc, "InstanceId");
    int port = 0;
    try {
      port = std::stoi(s(doc, "VirtualPort"));
    } catch (...) {
    }
    slot.info = {
        {"InstanceId", s(doc, "InstanceId")}, {"Port", port}, {"Protocol", s(doc, "Protocol")}};
  } else if (type == "apigateway") {
    slot.target = s(doc, "ServiceId") + "|" + s(doc, "Domain");
    slot.domains = {s(doc, "Domain")};
    slot.resource_id = s(doc, "ServiceId");
    slot.info = {{"InstanceId", s(doc, "ServiceId")},
                 {"InstanceName", s(doc, "ServiceName")},
                 {"Protocol", s(doc, "Protocol")},
                 {"Region", s(doc, "Region")}};
  } else if (type == "cos") {
    slot.target = s(doc, "Region") + "|" + s(doc, "Bucket") + "|" + s(doc, "Domain");
    slot.domains = {s(doc, "Domain")};
    slot.info = {{"Bucket", s(doc, "Bucket")}, {"Region", s(doc, "Region")}};
  } else {  // cdn, live, vod, waf
    slot.target = s(doc, "Domain");
    slot.domains = {s(doc, "Domain")};
    if (type == "waf") slot.info = {{"Region", s(doc, "Region")}};
  }
  if (slot.resource_id.empty()) slot.resource_id = slot.domains.front();
  slot.info["Domains"] = slot.domains;
  add(out, std::move(slot), doc);
}

}  // namespace

const std::vector<std::string>& resource_types() {
  static const std::vector<std::string> types = {"clb",        "cdn",        "ddos", "live", "vod",
                                                 "waf",        "apigateway", "teo",  "tke",  "cos",
                                                 "lighthouse", "tse",        "tcb"};
  return types;
}

bool is_resource_type(const std::string& type) {
  const auto& t = resource_types();
  return std::find(t.begin(), t.end(), type) != t.end();
}

bool deploy_requires_region(const std::string& type) {
  static const std::vector<std::string> types = {"clb",        "waf", "apigateway", "cos",
                                                 "lighthouse", "tke", "tse",        "tcb"};
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool update_requires_region(const std::string& type) {
  static const std::vector<std::string> types = {"clb", "tke", "apigateway", "waf",
                                                 "tcb", "tse", "cos"};
  return std::find(types.begin(), types.end(), type) != types.end();
}

std::string canonical_target(const std::string& type, const std::string& entry) {
  auto parts = split_fields(entry, '|');
  auto bad = [&]() -> std::string {
    throw ApiFailure("FailedOperation.CertificateDeployInstanceFormatError",
                     "Instance `" + entry + "` is not in the " + type + " format.");
  };
  for (const auto& p : parts) {
    if (p.empty()) bad();
  }
  const std::size_t n = parts.size();
  if (type == "clb") return (n == 2 || n == 3) ? entry : bad();
  if (type == "cdn") {
    if (n == 1) return entry;
    if (n == 2 && (parts[1] == "on" || parts[1] == "off")) return parts[0];
    return bad();
  }
  if (type == "live" || type == "vod" || type == "waf" || type == "teo") {
    return n == 1 ? entry : bad();
  }
  if (type == "apigateway" || type == "tse") return n == 2 ? entry : bad();
  if (type == "ddos" || type == "tke" || type == "cos" || type == "lighthouse") {
    return n == 3 ? entry : bad();
  }
  if (type == "tcb") return n == 4 ? entry : bad();
  return bad();
}

std::vector<Slot> slots_of(const State& state, const std::string& type) {
  std::vector<Slot> out;
  auto it = state.instances.find(type);
  if (it == state.instances.end()) return out;
  for (std::size_t i = 0; i < it->second.size(); ++i) instance_slots(type, it->second[i], i, out);
  return out;
}

std::vector<Slot> all_slots(const State& state) {
  std::vector<Slot> out;
  for (const auto& type : resource_types()) {
    auto part = slots_of(state, type);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::optional<Slot> find_slot(const State& state, const std::string& type,
                              const std::string& target) {
  for (auto& slot : slots_of(state, type)) {
    if (slot.target == target) return slot;
  }
  return std::nullopt;
}

bool set_slot_certificate(State& state, const std::string& type, const std::string& target,
                          const std::string& cert_id) {
  auto slot = find_slot(state, type, target);
  if (!slot) return false;
  state.instances[type][slot->instance_index][slot->cert_ptr] = cert_id;
  return true;
}

json instance_view(const std::string& type, json doc) {
  if (type != "cos") doc.erase("Region");
  if (type == "lighthouse") doc.erase("CertIds");
  if (type == "clb" && doc.contains("Listeners") && doc["Listeners"].is_array()) {
    for (auto& l : doc["Listeners"]) {
      l.erase("Domains");
      if (!l.contains("Rules") || l["Rules"].is_null()) l["Rules"] = json::array();
    }
  }
  return doc;
}

}  // namespace cloudssl::sim
