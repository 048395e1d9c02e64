// Opens libcurl with dlopen on first use and resolves the functions the HTTP client calls.
#include "api/core/curl_library.h"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>
#include <optional>
#include <vector>

namespace cloudssl::api {
namespace {

// Looks `name` up in `handle` into `slot`; records the name when it is missing.
template <class Fn>
void resolve(void* handle, const char* name, Fn& slot, std::vector<std::string>& missing) {
  // dlsym without a version gives the library's default version of the symbol, whatever the
  // distribution calls its version node (CURL_OPENSSL_4, CURL_GNUTLS_3, none).
  slot = reinterpret_cast<Fn>(dlsym(handle, name));
  if (!slot) missing.emplace_back(name);
}

CurlLibrary load() {
  std::vector<std::string> candidates;
  if (const char* chosen = std::getenv("CLOUDSSL_LIBCURL"); chosen && *chosen) {
    candidates.emplace_back(chosen);
  } else {
    candidates = {"libcurl.so.4", "libcurl-gnutls.so.4"};
  }
  std::string errors;
  for (const auto& candidate : candidates) {
    // RTLD_LOCAL: libcurl's own dependencies (its OpenSSL among them) stay out of the global
    // namespace, so they never meet the OpenSSL linked into the provider.
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      errors += "\n  ";
      errors += dlerror();
      continue;
    }
    CurlLibrary lib;
    lib.path = candidate;
    std::vector<std::string> missing;
    resolve(handle, "curl_global_init", lib.global_init, missing);
    resolve(handle, "curl_easy_init", lib.easy_init, missing);
    resolve(handle, "curl_easy_cleanup", lib.easy_cleanup, missing);
    resolve(handle, "curl_easy_reset", lib.easy_reset, missing);
    resolve(handle, "curl_easy_setopt", lib.easy_setopt, missing);
    resolve(handle, "curl_easy_getinfo", lib.easy_getinfo, missing);
    resolve(handle, "curl_easy_strerror", lib.easy_strerror, missing);
    resolve(handle, "curl_multi_init", lib.multi_init, missing);
    resolve(handle, "curl_multi_cleanup", lib.multi_cleanup, missing);
    resolve(handle, "curl_multi_add_handle", lib.multi_add_handle, missing);
    resolve(handle, "curl_multi_remove_handle", lib.multi_remove_handle, missing);
    resolve(handle, "curl_multi_perform", lib.multi_perform, missing);
    resolve(handle, "curl_multi_info_read", lib.multi_info_read, missing);
    resolve(handle, "curl_multi_poll", lib.multi_poll, missing);
    resolve(handle, "curl_slist_append", lib.slist_append, missing);
    resolve(handle, "curl_slist_free_all", lib.slist_free_all, missing);
    resolve(handle, "curl_share_init", lib.share_init, missing);
    resolve(handle, "curl_share_setopt", lib.share_setopt, missing);
    resolve(handle, "curl_share_cleanup", lib.share_cleanup, missing);
    if (!missing.empty()) {
      std::string names;
      for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
      errors += "\n  " + candidate + " lacks " + names + " (libcurl 7.66 or newer is needed)";
      dlclose(handle);
      continue;
    }
    // The handle stays open for the life of the process: handles and connections live in it.
    if (lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      errors += "\n  " + candidate + ": curl_global_init failed";
      continue;
    }
    if (CURL* probe = lib.easy_init()) {
      lib.prereq_function = lib.easy_setopt(probe, CURLOPT_PREREQFUNCTION,
                                            static_cast<curl_prereq_callback>(nullptr)) == CURLE_OK;
      lib.easy_cleanup(probe);
    }
    return lib;
  }
  throw CurlUnavailable(
      "the provider needs libcurl (libcurl.so.4, 7.66 or newer) for its API calls and could "
      "not load it:" +
      errors +
      "\nInstall your distribution's libcurl package (Debian/Ubuntu: libcurl4, Fedora/RHEL: "
      "libcurl) or point CLOUDSSL_LIBCURL at the library file.");
}

}  // namespace

const CurlLibrary& curl_library() {
  // Loaded once; a failure is not cached as success, so each caller gets the diagnostic and a
  // library installed meanwhile is picked up.
  static std::mutex mutex;
  static std::optional<CurlLibrary> loaded;
  std::lock_guard lock(mutex);
  if (!loaded) loaded = load();
  return *loaded;
}

}  // namespace cloudssl::api
