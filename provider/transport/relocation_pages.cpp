#include "provider/transport/relocation_pages.h"

#include <elf.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

namespace cloudssl::transport {
namespace {

// Whether [begin, end) lies inside one of the object's read-only loaded segments (never
// advise away writable or executable memory, whatever the dynamic section says).
bool in_read_only_segment(const dl_phdr_info& info, std::uintptr_t begin, std::uintptr_t end) {
  for (int i = 0; i < info.dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info.dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || (ph.p_flags & (PF_W | PF_X)) != 0) continue;
    const std::uintptr_t segment = info.dlpi_addr + ph.p_vaddr;
    if (begin >= segment && end <= segment + ph.p_memsz) return true;
  }
  return false;
}

int add_relocation_pages(dl_phdr_info* info, std::size_t, void* data) {
  auto& ranges = *static_cast<std::vector<PageRange>*>(data);
  const ElfW(Dyn)* dynamic = nullptr;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    if (info->dlpi_phdr[i].p_type == PT_DYNAMIC) {
      dynamic = reinterpret_cast<const ElfW(Dyn)*>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
    }
  }
  if (dynamic == nullptr) return 0;
  std::uintptr_t table = 0;
  std::uintptr_t size = 0;
  for (const ElfW(Dyn)* d = dynamic; d->d_tag != DT_NULL; ++d) {
    if (d->d_tag == DT_RELA) table = d->d_un.d_ptr;
    if (d->d_tag == DT_RELASZ) size = d->d_un.d_val;
  }
  if (table == 0 || size == 0) return 0;
  // glibc's loader rewrites DT_RELA to the loaded address where .dynamic is writable (it is
  // on x86-64); elsewhere it stays the link-time address, relative to the load base.
  if (table < info->dlpi_addr) table += info->dlpi_addr;
  if (!in_read_only_segment(*info, table, table + size)) return 0;
  const auto mask = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE)) - 1;
  const PageRange pages{.begin = (table + mask) & ~mask, .end = (table + size) & ~mask};
  if (pages.end > pages.begin) ranges.push_back(pages);
  return 0;
}

}  // namespace

std::vector<PageRange> relocation_pages() {
  std::vector<PageRange> ranges;
  dl_iterate_phdr(add_relocation_pages, &ranges);
  return ranges;
}

std::size_t release_relocation_pages() {
  std::size_t released = 0;
  for (const PageRange& r : relocation_pages()) {
    if (madvise(reinterpret_cast<void*>(r.begin), r.end - r.begin, MADV_DONTNEED) == 0) {
      released += r.end - r.begin;
    }
  }
  return released;
}

}  // namespace cloudssl::transport
