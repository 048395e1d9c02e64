#include "provider/transport/relocation_pages.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <vector>

namespace cloudssl::transport {
namespace {

const std::uintptr_t kPage = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));

// Whether this process has the page at `address` mapped in memory (/proc/self/pagemap bit 63,
// readable without privileges).
bool resident(std::uintptr_t address) {
  const int fd = open("/proc/self/pagemap", O_RDONLY);
  std::uint64_t entry = 0;
  const auto offset = static_cast<off_t>(address / kPage * sizeof entry);
  const bool read_ok = pread(fd, &entry, sizeof entry, offset) == sizeof entry;
  close(fd);
  EXPECT_TRUE(read_ok) << "cannot read /proc/self/pagemap";
  return (entry >> 63) & 1U;
}

std::uint8_t first_byte(std::uintptr_t page) {
  return *reinterpret_cast<volatile std::uint8_t*>(page);
}

TEST(RelocationPages, AreGivenBackAndReadTheSameAfterwards) {
  // This test binary is position-independent and links gRPC in: it has relocation tables.
  const std::vector<PageRange> ranges = relocation_pages();
  ASSERT_FALSE(ranges.empty());
  std::size_t total = 0;
  std::vector<std::uint8_t> before;
  for (const PageRange& r : ranges) {
    EXPECT_EQ(r.begin % kPage, 0U);
    EXPECT_EQ(r.end % kPage, 0U);
    EXPECT_LT(r.begin, r.end);
    total += r.end - r.begin;
    for (std::uintptr_t p = r.begin; p < r.end; p += kPage) before.push_back(first_byte(p));
  }
  for (const PageRange& r : ranges)
    for (std::uintptr_t p = r.begin; p < r.end; p += kPage) ASSERT_TRUE(resident(p));

  EXPECT_EQ(release_relocation_pages(), total);

  std::size_t still_resident = 0;
  for (const PageRange& r : ranges)
    for (std::uintptr_t p = r.begin; p < r.end; p += kPage) still_resident += resident(p);
  EXPECT_EQ(still_resident, 0U) << "of " << total / kPage << " pages";
  // A later read faults the same bytes back from the file.
  std::size_t i = 0;
  for (const PageRange& r : ranges)
    for (std::uintptr_t p = r.begin; p < r.end; p += kPage) EXPECT_EQ(first_byte(p), before[i++]);
}

}  // namespace
}  // namespace cloudssl::transport
