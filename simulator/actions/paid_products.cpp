// The ProductId list of CreateCertificate (seed 004), the products the simulator sells.
#include "simulator/actions/paid_products.h"

#include <map>

namespace cloudssl::sim {

namespace {

PaidProduct paid_product_entry(std::int64_t id, std::string name, std::string brand,
                               std::string validation, bool multi, bool wildcard,
                               bool multi_year = true) {
  return PaidProduct{id,    std::move(name), std::move(brand), std::move(validation),
                     multi, wildcard,        multi_year};
}

const std::map<std::int64_t, PaidProduct>& products() {
  static const std::map<std::int64_t, PaidProduct> all = [] {
    std::map<std::int64_t, PaidProduct> m;
    for (PaidProduct p : {
             paid_product_entry(3, "SecureSite 增强型企业版（EV Pro）", "securesite", "EV", false,
                                false),
             paid_product_entry(4, "SecureSite 增强型（EV）", "securesite", "EV", false, false),
             paid_product_entry(5, "SecureSite 企业型专业版（OV Pro）", "securesite", "OV", false,
                                false),
             paid_product_entry(6, "SecureSite 企业型（OV）", "securesite", "OV", false, false),
             paid_product_entry(7, "SecureSite 企业型（OV）通配符", "securesite", "OV", false,
                                true),
             paid_product_entry(8, "Geotrust 增强型（EV）", "geotrust", "EV", false, false),
             paid_product_entry(9, "Geotrust 企业型（OV）", "geotrust", "OV", false, false),
             paid_product_entry(10, "Geotrust 企业型（OV）通配符", "geotrust", "OV", false, true),
             paid_product_entry(11, "TrustAsia 域名型多域名 SSL 证书", "trustasia", "DV", true,
                                false),
             paid_product_entry(12, "TrustAsia 域名型（DV）通配符", "trustasia", "DV", false, true),
             paid_product_entry(13, "TrustAsia 企业型通配符（OV）SSL 证书（D3）", "trustasia", "OV",
                                false, true),
             paid_product_entry(14, "TrustAsia 企业型（OV）SSL 证书（D3）", "trustasia", "OV",
                                false, false),
             paid_product_entry(15, "TrustAsia 企业型多域名 （OV）SSL 证书（D3）", "trustasia",
                                "OV", true, false),
             paid_product_entry(16, "TrustAsia 增强型 （EV）SSL 证书（D3）", "trustasia", "EV",
                                false, false),
             paid_product_entry(17, "TrustAsia 增强型多域名（EV）SSL 证书（D3）", "trustasia", "EV",
                                true, false),
             paid_product_entry(18, "GlobalSign 企业型（OV）SSL 证书", "globalsign", "OV", false,
                                false),
             paid_product_entry(19, "GlobalSign 企业型通配符 （OV）SSL 证书", "globalsign", "OV",
                                false, true),
             paid_product_entry(20, "GlobalSign 增强型 （EV）SSL 证书", "globalsign", "EV", false,
                                false),
             paid_product_entry(21, "TrustAsia 企业型通配符多域名（OV）SSL 证书（D3）", "trustasia",
                                "OV", true, true),
             paid_product_entry(22, "GlobalSign 企业型多域名（OV）SSL 证书", "globalsign", "OV",
                                true, false),
             paid_product_entry(23, "GlobalSign 企业型通配符多域名（OV）SSL 证书", "globalsign",
                                "OV", true, true),
             paid_product_entry(24, "GlobalSign 增强型多域名（EV）SSL 证书", "globalsign", "EV",
                                true, false),
             paid_product_entry(25, "Wotrus 域名型证书", "wotrus", "DV", false, false),
             paid_product_entry(26, "Wotrus 域名型多域名证书", "wotrus", "DV", true, false),
             paid_product_entry(27, "Wotrus 域名型通配符证书", "wotrus", "DV", false, true),
             paid_product_entry(28, "Wotrus 企业型证书", "wotrus", "OV", false, false),
             paid_product_entry(29, "Wotrus 企业型多域名证书", "wotrus", "OV", true, false),
             paid_product_entry(30, "Wotrus 企业型通配符证书", "wotrus", "OV", false, true),
             paid_product_entry(31, "Wotrus 增强型证书", "wotrus", "EV", false, false),
             paid_product_entry(32, "Wotrus 增强型多域名证书", "wotrus", "EV", true, false),
             paid_product_entry(33, "WoTrus-国密域名型证书", "wotrus", "DV", false, false),
             paid_product_entry(34, "WoTrus-国密域名型证书（多域名）", "wotrus", "DV", true, false),
             paid_product_entry(35, "WoTrus-国密域名型证书（通配符）", "wotrus", "DV", false, true),
             paid_product_entry(37, "WoTrus-国密企业型证书", "wotrus", "OV", false, false),
             paid_product_entry(38, "WoTrus-国密企业型证书（多域名）", "wotrus", "OV", true, false),
             paid_product_entry(39, "WoTrus-国密企业型证书（通配符）", "wotrus", "OV", false, true),
             paid_product_entry(40, "WoTrus-国密增强型证书", "wotrus", "EV", false, false),
             paid_product_entry(41, "WoTrus-国密增强型证书（多域名）", "wotrus", "EV", true, false),
             paid_product_entry(42, "TrustAsia-域名型证书（通配符多域名）", "trustasia", "DV", true,
                                true),
             paid_product_entry(43, "DNSPod-企业型(OV)SSL证书", "dnspod", "OV", false, false),
             paid_product_entry(44, "DNSPod-企业型(OV)通配符SSL证书", "dnspod", "OV", false, true),
             paid_product_entry(45, "DNSPod-企业型(OV)多域名SSL证书", "dnspod", "OV", true, false),
             paid_product_entry(46, "DNSPod-增强型(EV)SSL证书", "dnspod", "EV", false, false),
             paid_product_entry(47, "DNSPod-增强型(EV)多域名SSL证书", "dnspod", "EV", true, false),
             paid_product_entry(48, "DNSPod-域名型(DV)SSL证书", "dnspod", "DV", false, false),
             paid_product_entry(49, "DNSPod-域名型(DV)通配符SSL证书", "dnspod", "DV", false, true),
             paid_product_entry(50, "DNSPod-域名型(DV)多域名SSL证书", "dnspod", "DV", true, false),
             paid_product_entry(51, "DNSPod（国密）-企业型(OV)SSL证书", "dnspod", "OV", false,
                                false),
             paid_product_entry(52, "DNSPod（国密）-企业型(OV)通配符SSL证书", "dnspod", "OV", false,
                                true),
             paid_product_entry(53, "DNSPod（国密）-企业型(OV)多域名SSL证书", "dnspod", "OV", true,
                                false),
             paid_product_entry(54, "DNSPod（国密）-域名型(DV)SSL证书", "dnspod", "DV", false,
                                false),
             paid_product_entry(55, "DNSPod（国密）-域名型(DV)通配符SSL证书", "dnspod", "DV", false,
                                true),
             paid_product_entry(56, "DNSPod（国密）-域名型(DV)多域名SSL证书", "dnspod", "DV", true,
                                false),
             paid_product_entry(57, "SecureSite 企业型专业版多域名(OV Pro)", "securesite", "OV",
                                true, false),
             paid_product_entry(58, "SecureSite 企业型多域名(OV)", "securesite", "OV", true, false),
             paid_product_entry(59, "SecureSite 增强型专业版多域名(EV Pro)", "securesite", "EV",
                                true, false),
             paid_product_entry(60, "SecureSite 增强型多域名(EV)", "securesite", "EV", true, false),
             paid_product_entry(61, "Geotrust 增强型多域名(EV)", "geotrust", "EV", true, false),
             paid_product_entry(75, "SecureSite 企业型(OV)", "securesite", "OV", false, false),
             paid_product_entry(76, "SecureSite 企业型(OV)通配符", "securesite", "OV", false, true),
             paid_product_entry(77, "SecureSite 增强型(EV)", "securesite", "EV", false, false),
             paid_product_entry(78, "Geotrust 企业型(OV)", "geotrust", "OV", false, false),
             paid_product_entry(79, "Geotrust 企业型(OV)通配符", "geotrust", "OV", false, true),
             paid_product_entry(80, "Geotrust 增强型(EV)", "geotrust", "EV", false, false),
             paid_product_entry(81, "GlobalSign 企业型（OV）SSL证书", "globalsign", "OV", false,
                                false),
             paid_product_entry(82, "GlobalSign 企业型通配符 （OV）SSL证书", "globalsign", "OV",
                                false, true),
             paid_product_entry(85, "GlobalSign 增强型 （EV）SSL证书", "globalsign", "EV", false,
                                false),
             paid_product_entry(88, "GlobalSign 企业型通配符多域名 （OV）SSL证书", "globalsign",
                                "OV", true, true),
             paid_product_entry(89, "GlobalSign 企业型多域名 （OV）SSL证书", "globalsign", "OV",
                                true, false),
             paid_product_entry(90, "GlobalSign 增强型多域名（EV） SSL证书", "globalsign", "EV",
                                true, false),
             paid_product_entry(91, "Geotrust 增强型多域名(EV)", "geotrust", "EV", true, false),
             paid_product_entry(92, "SecureSite 企业型专业版多域名(OV Pro)", "securesite", "OV",
                                true, false),
             paid_product_entry(93, "SecureSite 企业型多域名(OV)", "securesite", "OV", true, false),
             paid_product_entry(94, "SecureSite 增强型专业版多域名(EV Pro)", "securesite", "EV",
                                true, false),
             paid_product_entry(95, "SecureSite 增强型多域名(EV)", "securesite", "EV", true, false),
             paid_product_entry(96, "SecureSite 增强型专业版(EV Pro)", "securesite", "EV", false,
                                false),
             paid_product_entry(97, "SecureSite 企业型专业版(OV Pro)", "securesite", "OV", false,
                                false),
             paid_product_entry(98, "CFCA 企业型(OV)SSL证书", "cfca", "OV", false, false),
             paid_product_entry(99, "CFCA 企业型多域名(OV)SSL证书", "cfca", "OV", true, false,
                                false),
             paid_product_entry(100, "CFCA 企业型通配符(OV)SSL证书", "cfca", "OV", false, true,
                                false),
             paid_product_entry(101, "CFCA 增强型(EV)SSL证书", "cfca", "EV", false, false, false),
             paid_product_entry(102, "Rapid-域名型(DV)SSL证书", "rapid", "DV", false, false),
             paid_product_entry(103, "Rapid-域名型(DV)SSL证书(通配符)", "rapid", "DV", false, true),
             paid_product_entry(104, "TrustAsia-域名型(单域名)", "trustasia", "DV", false, false),
             paid_product_entry(105, "SSL单域名证书(一年期)", "trustasia", "DV", false, false,
                                false),
         }) {
      m.emplace(p.id, std::move(p));
    }
    return m;
  }();
  return all;
}

}  // namespace

const PaidProduct* find_paid_product(std::int64_t id) {
  auto it = products().find(id);
  return it == products().end() ? nullptr : &it->second;
}

const PaidProduct* find_paid_product_by_pid(std::int64_t pid) {
  // ProductPid → ProductId, by the products' names in the two lists.
  static const std::map<std::int64_t, std::int64_t> by_pid = {
      {1018559, 3},  {1018557, 4},  {1018582, 5},  {1018580, 6},   {1013874, 7},   {1018529, 8},
      {1013884, 9},  {1004360, 10}, {1018584, 11}, {1018586, 12},  {1013892, 13},  {1013890, 14},
      {1013894, 15}, {1013888, 16}, {1013898, 17}, {1013900, 18},  {1013902, 19},  {1013904, 20},
      {1013896, 21}, {1013906, 22}, {1013908, 23}, {1013910, 24},  {1004157, 25},  {1004161, 26},
      {1004159, 27}, {1004164, 28}, {1004166, 29}, {1004168, 30},  {1004454, 31},  {1004456, 32},
      {1013955, 43}, {1013957, 44}, {1013959, 45}, {1013961, 46},  {1013963, 47},  {1013949, 48},
      {1013951, 49}, {1013953, 50}, {1022447, 98}, {1022449, 100}, {1022451, 101}, {1005919, 42},
      {1013878, 57}, {1013876, 58}, {1013882, 59}, {1013880, 60},  {1013886, 61}};
  auto it = by_pid.find(pid);
  return it == by_pid.end() ? nullptr : find_paid_product(it->second);
}

}  // namespace cloudssl::sim
