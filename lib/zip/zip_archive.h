// Reading a zip archive held in memory (minizip): every regular file's name and bytes, never
// touching the disk, for the certificate downloads of the SSL API (DownloadCertificate's
// Content, DescribeDownloadCertificateUrl's archive) whose files hold private keys.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::zip {

struct Entry {
  std::string name;     // the path inside the archive, '/'-separated
  std::string content;  // the file's bytes (may be a secret: the caller takes it over)
};

class ZipError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The archive's files in archive order (folders left out). Throws ZipError when `bytes` is not
// a readable zip archive (or an entry is encrypted or corrupt).
std::vector<Entry> read_archive(std::string_view bytes);

}  // namespace cloudssl::zip
