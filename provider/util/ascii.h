// ASCII case folding for protocol text (header names, API codes and resource types, domain
// names, log levels): one copy instead of a private `lower` in every file that compares such
// text. Bytes outside A-Z are kept as they are.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace cloudssl {

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace cloudssl
