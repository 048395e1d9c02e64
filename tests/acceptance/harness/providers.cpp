// The providers the acceptance tests drive; paths come from CMake compile definitions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <set>

#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/process.h"
#include "tests/acceptance/harness/tencentcloud_standin.h"

#ifndef CLOUDSSL_ACC_FIXTURE_BINARY
#define CLOUDSSL_ACC_FIXTURE_BINARY ""
#endif
#ifndef CLOUDSSL_ACC_CLOUDSSL_BINARY
#define CLOUDSSL_ACC_CLOUDSSL_BINARY ""
#endif
#ifndef CLOUDSSL_ACC_TENCENTCLOUD_BINARY
#define CLOUDSSL_ACC_TENCENTCLOUD_BINARY ""
#endif
#ifndef CLOUDSSL_ACC_BUILD_DIR
#define CLOUDSSL_ACC_BUILD_DIR ""
#endif
#ifndef CLOUDSSL_ACC_CMAKE_COMMAND
#define CLOUDSSL_ACC_CMAKE_COMMAND "cmake"
#endif
#ifndef CLOUDSSL_ACC_VERSION
#define CLOUDSSL_ACC_VERSION "0.1.0"
#endif

namespace cloudssl::acceptance {
namespace fs = std::filesystem;

Provider fixture_provider() {
  return Provider{.source = "cloudssl/fixture",
                  .local_name = "fixture",
                  .binary = CLOUDSSL_ACC_FIXTURE_BINARY,
                  .version = "0.1.0"};
}

Provider cloudssl_provider() {
  return Provider{.source = "cloudssl/cloudssl",
                  .local_name = "cloudssl",
                  .binary = CLOUDSSL_ACC_CLOUDSSL_BINARY,
                  .version = CLOUDSSL_ACC_VERSION};
}

Provider tencentcloud_standin_provider() {
  return Provider{.source = "tencentcloudstack/tencentcloud",
                  .local_name = "tencentcloud",
                  .binary = CLOUDSSL_ACC_TENCENTCLOUD_BINARY,
                  .version = "1.81.0"};
}

Provider installed_cloudssl_provider(const fs::path& prefix) {
  static std::mutex mutex;
  static std::set<fs::path> installed;
  Provider p = cloudssl_provider();
  p.mirror = prefix;
  std::lock_guard lock(mutex);
  if (installed.count(prefix)) return p;
  fs::create_directories(prefix);
  ProcessSpec spec;
  spec.argv = {CLOUDSSL_ACC_CMAKE_COMMAND, "--install", CLOUDSSL_ACC_BUILD_DIR, "--prefix",
               prefix.string()};
  if (const char* path = std::getenv("PATH")) spec.env["PATH"] = path;
  spec.stdout_path = prefix / "cmake-install.out";
  spec.stderr_path = prefix / "cmake-install.err";
  const auto r = run_process(spec, std::chrono::minutes(5));
  if (r.exit_code != 0 || r.timed_out) {
    ADD_FAILURE() << "cmake --install " << CLOUDSSL_ACC_BUILD_DIR << " --prefix " << prefix
                  << " failed: " << read_file(spec.stderr_path);
  }
  installed.insert(prefix);
  return p;
}

}  // namespace cloudssl::acceptance
