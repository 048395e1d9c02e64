// Keeps the portable provider binary's glibc floor at 2.34 (docs/releasing.md): GCC 12's
// libstdc++, linked statically, reaches std::random_device's arc4random(), which glibc only
// has since 2.36, and the binary would refuse to start on Ubuntu 22.04 or RHEL 9. Defined
// here, the linker binds libstdc++'s reference to this one instead of libc's versioned symbol.
// Same contract: 32 bits from the kernel's CSPRNG (getrandom(2), glibc 2.25).
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

extern "C" std::uint32_t arc4random() noexcept {
  std::uint32_t value = 0;
  auto* out = reinterpret_cast<unsigned char*>(&value);
  std::size_t filled = 0;
  while (filled < sizeof value) {
    const ssize_t n = getrandom(out + filled, sizeof value - filled, 0);
    if (n > 0) {
      filled += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      std::abort();  // as glibc's arc4random: there is no way to report failure
    }
  }
  return value;
}
