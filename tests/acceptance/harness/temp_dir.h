// A temporary folder removed at destruction unless kept, and small file helpers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace cloudssl::acceptance {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix);  // under the system temp folder
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void keep() { keep_ = true; }
  bool kept() const { return keep_; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

// Writes (replacing) a file, creating parent folders. Throws std::runtime_error on failure.
void write_text(const std::filesystem::path& path, std::string_view text);

// Copies every file of `from` (not its sub-folders) into `to`, replacing files of the same
// name, permissions kept (an example's scripts stay executable).
void copy_files(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace cloudssl::acceptance
