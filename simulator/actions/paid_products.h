// The paid certificate products CreateCertificate sells (its ProductId list in seed 004): what
// kind of names each covers and whether it may be bought for more than one year.
#pragma once

#include <cstdint>
#include <string>

namespace cloudssl::sim {

struct PaidProduct {
  std::int64_t id = 0;
  std::string name;        // as the ProductId list names it
  std::string brand;       // From of the certificates it issues
  std::string validation;  // DV, OV or EV (DescribeCertificateDetail's CertType)
  bool multi_domain = false;
  bool wildcard = false;
  bool multi_year = true;  // the list marks the ones that are not ("不支持多年期", "一年期")
};

// nullptr for an id the list does not have.
const PaidProduct* find_paid_product(std::int64_t id);

// The product CreateCertificateByPackage sells under ProductPid `pid` (its list in seed 004),
// when CreateCertificate sells it too (the two lists name it alike); nullptr otherwise: the
// simulator sells only those for benefit points.
const PaidProduct* find_paid_product_by_pid(std::int64_t pid);

}  // namespace cloudssl::sim
