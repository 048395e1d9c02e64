#include "lib/zip/zip_archive.h"

#include <unzip.h>

#include <algorithm>
#include <memory>

namespace cloudssl::zip {

namespace {

// minizip reads through file callbacks; these serve the archive from memory, so no byte of a
// downloaded key ever reaches the disk.
struct MemoryFile {
  std::string_view bytes;
  ZPOS64_T position = 0;
};

voidpf ZCALLBACK open_memory(voidpf opaque, const void*, int mode) {
  return (mode & ZLIB_FILEFUNC_MODE_WRITE) ? nullptr : opaque;
}

uLong ZCALLBACK read_memory(voidpf, voidpf stream, void* buffer, uLong size) {
  auto& file = *static_cast<MemoryFile*>(stream);
  if (file.position >= file.bytes.size()) return 0;
  const auto n = std::min<ZPOS64_T>(size, file.bytes.size() - file.position);
  std::copy_n(file.bytes.data() + file.position, n, static_cast<char*>(buffer));
  file.position += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK write_memory(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK tell_memory(voidpf, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->position;
}

long ZCALLBACK seek_memory(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto& file = *static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = file.position;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = file.bytes.size();
  if (base + offset > file.bytes.size()) return -1;
  file.position = base + offset;
  return 0;
}

int ZCALLBACK close_memory(voidpf, voidpf) { return 0; }
int ZCALLBACK error_memory(voidpf, voidpf) { return 0; }

struct ArchiveCloser {
  void operator()(unzFile archive) const { unzClose(archive); }
};
using Archive = std::unique_ptr<std::remove_pointer_t<unzFile>, ArchiveCloser>;

constexpr uLong kEncrypted = 1;  // general purpose bit 0
// A certificate bundle is a few kilobytes; a larger declared size is a corrupt or hostile
// archive, refused before allocating it.
constexpr ZPOS64_T kMaxEntryBytes = ZPOS64_T{64} << 20;

}  // namespace

std::vector<Entry> read_archive(std::string_view bytes) {
  if (bytes.empty()) throw ZipError("not a zip archive (no bytes)");
  MemoryFile memory{bytes};
  zlib_filefunc64_def functions{open_memory, read_memory,  write_memory, tell_memory,
                                seek_memory, close_memory, error_memory, &memory};
  Archive archive(unzOpen2_64("memory", &functions));
  if (!archive) throw ZipError("not a zip archive (no readable central directory)");

  std::vector<Entry> out;
  for (int at = unzGoToFirstFile(archive.get()); at != UNZ_END_OF_LIST_OF_FILE;
       at = unzGoToNextFile(archive.get())) {
    if (at != UNZ_OK) throw ZipError("the archive's directory is corrupt");
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(archive.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0) !=
        UNZ_OK) {
      throw ZipError("entry " + std::to_string(out.size()) + " cannot be read");
    }
    std::string name(info.size_filename, '\0');
    unzGetCurrentFileInfo64(archive.get(), &info, name.data(), static_cast<uLong>(name.size()),
                            nullptr, 0, nullptr, 0);
    if (name.empty() || name.back() == '/') continue;  // a folder
    if (info.flag & kEncrypted) throw ZipError(name + ": the entry is encrypted");
    if (info.uncompressed_size > kMaxEntryBytes) throw ZipError(name + ": the entry is too large");
    if (unzOpenCurrentFile(archive.get()) != UNZ_OK) {
      throw ZipError(name + ": the entry cannot be opened (unsupported or corrupt)");
    }
    std::string content(static_cast<std::size_t>(info.uncompressed_size), '\0');
    std::size_t got = 0;
    int n = 0;
    while (got < content.size() &&
           (n = unzReadCurrentFile(archive.get(), content.data() + got,
                                   static_cast<unsigned>(std::min<std::size_t>(content.size() - got,
                                                                               1u << 20)))) > 0) {
      got += static_cast<std::size_t>(n);
    }
    // Closing checks the CRC once the whole entry has been read.
    const int closed = unzCloseCurrentFile(archive.get());
    if (n < 0 || got != content.size()) throw ZipError(name + ": the archive is truncated");
    if (closed != UNZ_OK) throw ZipError(name + ": the entry is corrupt (CRC mismatch)");
    out.push_back({std::move(name), std::move(content)});
  }
  return out;
}

}  // namespace cloudssl::zip
