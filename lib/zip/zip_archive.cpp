#include "lib/zip/zip_archive.h"

#include <zip.h>

#include <memory>

namespace cloudssl::zip {

namespace {

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

std::vector<Entry> read_archive(std::string_view bytes) {
  if (bytes.empty()) throw ZipError("not a zip archive (no bytes)");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source)
    throw ZipError("cannot read the archive: " + std::string(zip_error_strerror(&error)));
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw ZipError("not a zip archive (" + why + ")");
  }
  std::vector<Entry> out;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      throw ZipError("entry " + std::to_string(i) + " cannot be read");
    }
    std::string name = st.name ? st.name : "";
    if (name.empty() || name.back() == '/') continue;  // a folder
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) throw ZipError(name + ": " + zip_strerror(archive.get()));
    std::string content(static_cast<std::size_t>(st.size), '\0');
    std::size_t got = 0;
    while (got < content.size()) {
      const zip_int64_t n = zip_fread(file.get(), content.data() + got, content.size() - got);
      if (n < 0) throw ZipError(name + ": " + zip_file_strerror(file.get()));
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got != content.size()) throw ZipError(name + ": the archive is truncated");
    out.push_back({std::move(name), std::move(content)});
  }
  return out;
}

}  // namespace cloudssl::zip
