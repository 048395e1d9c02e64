// provider::cloudssl::parse_certificate(pem): the leaf certificate's facts as an object, with
// the attribute names cloudssl_certificate uses for the same facts (domain, subject_alt_names,
// not_before, not_after, fingerprint_sha256, key_algorithm).
#include <string>
#include <utility>
#include <vector>

#include "functions/certificates/factories.h"
#include "functions/certificates/pem_argument.h"

namespace cloudssl::certificates {
namespace {

using codec::Type;
using codec::Value;

Type result_type() {
  return Type::object({{"common_name", Type::string()},
                       {"domain", Type::string()},
                       {"subject_alt_names", Type::list(Type::string())},
                       {"subject", Type::string()},
                       {"issuer", Type::string()},
                       {"serial_number", Type::string()},
                       {"not_before", Type::string()},
                       {"not_after", Type::string()},
                       {"fingerprint_sha256", Type::string()},
                       {"key_algorithm", Type::string()},
                       {"is_ca", Type::boolean()},
                       {"chain_length", Type::number()}});
}

class ParseCertificate final : public framework::Function {
 public:
  framework::FunctionSignature signature() const override {
    return {
        .parameters = {{.name = "pem",
                        .type = Type::string(),
                        .description = "A PEM certificate, or a chain with the leaf first (CRLF, "
                                       "indentation and blank lines are accepted)."}},
        .return_type = result_type(),
        .summary = "Parses a PEM certificate and returns its facts.",
        .description =
            "Parses a PEM certificate (or a chain, leaf first) and returns the facts of the "
            "first (leaf) certificate as an object. The attribute names are those "
            "`cloudssl_certificate` uses for the same facts, and the values agree with what it "
            "computes at plan time for the same text. Needs no credentials and calls no API, so "
            "it works in any configuration (Terraform 1.8 and later, OpenTofu 1.7 and later). "
            "Fails, naming the argument, when `pem` holds no certificate, a block that is not "
            "one (a private key, for example) or undecodable data; key material is never quoted "
            "back.",
        .return_attribute_descriptions = {
            {"common_name", "The subject's common name; `\"\"` when it has none."},
            {"domain", "The common name, else the first subject alternative name."},
            {"subject_alt_names", "DNS names and IP addresses, in certificate order."},
            {"subject", "The subject, RFC 2253, on one line."},
            {"issuer", "The issuer, RFC 2253, on one line."},
            {"serial_number", "Lower-case hex, without separators or leading zeros."},
            {"not_before", "Start of validity, RFC 3339, UTC."},
            {"not_after", "End of validity, RFC 3339, UTC."},
            {"fingerprint_sha256", "Lower-case hex SHA-256 of the DER."},
            {"key_algorithm", "For example `RSA_2048`, `EC_prime256v1`, `ED25519`."},
            {"is_ca", "Whether the certificate is a CA (basic constraints)."},
            {"chain_length", "How many certificates `pem` holds."}}};
  }

  Value call(const std::vector<Value>& arguments) const override {
    const pem::Chain chain = parse_pem_argument(arguments.at(0));
    const pem::CertificateFacts f = chain.facts(0);
    std::vector<Value> names;
    names.reserve(f.subject_alt_names.size());
    for (const auto& name : f.subject_alt_names) names.push_back(Value::string(name));
    return Value::object(
        result_type(), {{"common_name", Value::string(f.common_name)},
                        {"domain", Value::string(f.domain)},
                        {"subject_alt_names", Value::list(Type::string(), std::move(names))},
                        {"subject", Value::string(f.subject)},
                        {"issuer", Value::string(f.issuer)},
                        {"serial_number", Value::string(f.serial)},
                        {"not_before", Value::string(pem::rfc3339(f.not_before))},
                        {"not_after", Value::string(pem::rfc3339(f.not_after))},
                        {"fingerprint_sha256", Value::string(f.fingerprint_sha256)},
                        {"key_algorithm", Value::string(f.key_algorithm)},
                        {"is_ca", Value::boolean(f.is_ca)},
                        {"chain_length", Value::number(static_cast<std::int64_t>(chain.size()))}});
  }
};

}  // namespace

std::shared_ptr<framework::Function> make_parse_certificate_function() {
  return std::make_shared<ParseCertificate>();
}

}  // namespace cloudssl::certificates
