#include "resources/certificates/certificate_values.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <string>

#include "lib/pem/pem.h"
#include "provider/framework/value_helpers.h"

namespace cloudssl::certificates {

using codec::Type;
using codec::Value;

Value tags_value(const std::vector<api::Tag>& tags) {
  std::map<std::string, Value> entries;
  for (const auto& t : tags) entries.insert_or_assign(t.key, Value::string(t.value));
  return Value::map(Type::string(), std::move(entries));
}

std::vector<api::Tag> tags_of(const Value& map) {
  std::vector<api::Tag> out;
  if (map.is_null() || map.is_unknown()) return out;
  for (const auto& [key, value] : map.entries())
    if (!value.is_null() && !value.is_unknown()) out.push_back({key, value.as_string()});
  return out;  // std::map order: sorted by key
}

std::optional<std::chrono::system_clock::time_point> parse_api_time(std::string_view text) {
  std::tm tm{};
  std::string s(text);
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      static_cast<std::size_t>(consumed) != s.size() || tm.tm_year < 1970 || tm.tm_mon < 1)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  // Beijing time has no daylight saving: a fixed UTC+8.
  return std::chrono::system_clock::from_time_t(timegm(&tm)) - std::chrono::hours(8);
}

Value api_time_value(std::string_view text) {
  auto t = parse_api_time(text);
  return t ? Value::string(pem::rfc3339(*t)) : Value::null(Type::string());
}

Value with_certificate_facts(Value object, const pem::CertificateFacts* f) {
  if (!f) {
    for (const char* name :
         {"domain", "not_before", "not_after", "fingerprint_sha256", "key_algorithm"})
      object = object.with(name, Value::unknown(Type::string()));
    return object.with("subject_alt_names", Value::unknown(Type::list(Type::string())));
  }
  return object.with("domain", Value::string(f->domain))
      .with("subject_alt_names", framework::string_list(f->subject_alt_names))
      .with("not_before", Value::string(pem::rfc3339(f->not_before)))
      .with("not_after", Value::string(pem::rfc3339(f->not_after)))
      .with("fingerprint_sha256", Value::string(f->fingerprint_sha256))
      .with("key_algorithm", Value::string(f->key_algorithm));
}

}  // namespace cloudssl::certificates
