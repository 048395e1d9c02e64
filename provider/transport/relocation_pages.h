// Gives back the resident pages of the loaded objects' relocation tables once start-up is done.
//
// The dynamic linker reads each object's relative and symbol relocations (DT_RELA: .rela.dyn)
// once, before main, and never again (lazy PLT bindings use DT_JMPREL, which stays). The pages
// it read stay mapped and count in the process's RSS for its whole life: about 1 MB for the
// provider, a position-independent executable with ~43,800 relocations (gRPC's, protobuf's
// and abseil's tables and vtables). MADV_DONTNEED unmaps them; they are clean file pages of a
// private read-only mapping, so a later read, if any, faults the same bytes back from the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cloudssl::transport {

struct PageRange {
  std::uintptr_t begin = 0;  // page-aligned
  std::uintptr_t end = 0;    // page-aligned, > begin
};

// The whole pages inside each loaded object's DT_RELA table that lie in a read-only segment
// of that object (a table's first and last partial pages are shared with other data: kept).
std::vector<PageRange> relocation_pages();

// Advises those pages away; returns how many bytes were given back.
std::size_t release_relocation_pages();

}  // namespace cloudssl::transport
