// libcurl, loaded at run time: the provider is not linked against libcurl. The first HTTP
// exchange opens `libcurl.so.4` with dlopen and looks its functions up by their unversioned
// names, so any distribution's libcurl 7.66 or newer serves (Debian's OpenSSL flavour binds its
// symbols to a Debian-only version node, which a link-time dependency would require), and a
// provider that only answers schema and plan requests never maps libcurl and the ~26 libraries
// it pulls in. curl/curl.h is still compiled against, for the types and constants only.
#pragma once

// Options older libcurls know (CURLOPT_PROTOCOLS) stay usable as fallbacks without warnings.
#ifndef CURL_DISABLE_DEPRECATION
#define CURL_DISABLE_DEPRECATION
#endif
#include <curl/curl.h>

#include <stdexcept>
#include <string>

namespace cloudssl::api {

// The libcurl entry points the HTTP client uses.
struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  CURLM* (*multi_init)();
  CURLMcode (*multi_cleanup)(CURLM*);
  CURLMcode (*multi_add_handle)(CURLM*, CURL*);
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
  CURLMcode (*multi_perform)(CURLM*, int* running);
  CURLMsg* (*multi_info_read)(CURLM*, int* queued);
  CURLMcode (*multi_poll)(CURLM*, curl_waitfd*, unsigned int, int timeout_ms, int* numfds);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  CURLSH* (*share_init)();
  CURLSHcode (*share_setopt)(CURLSH*, CURLSHoption, ...);
  CURLSHcode (*share_cleanup)(CURLSH*);
  // Whether this libcurl knows CURLOPT_PREREQFUNCTION (7.80+; older ones answer
  // CURLE_UNKNOWN_OPTION).
  bool prereq_function = false;
  std::string path;  // the file that was opened, for diagnostics
};

// libcurl could not be opened (or lacks a function): the message names what was tried and how
// to install it.
class CurlUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The process's libcurl: opened and curl_global_init'ed on the first call (thread-safe), the
// same afterwards. Tries $CLOUDSSL_LIBCURL when set, else libcurl.so.4, then Debian's
// libcurl-gnutls.so.4. Throws CurlUnavailable (again on every call) when none loads.
const CurlLibrary& curl_library();

}  // namespace cloudssl::api
