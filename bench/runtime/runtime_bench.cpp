// Runtime figures of a provider binary started as Terraform starts it (AutoMTLS on):
// exec → handshake line, GetProviderSchema (first call incl. TLS connect, then warm), peak RSS
// of the idle process (VmHWM), GRPCController.Shutdown → exit. Prints; never asserts.
// Usage: runtime_bench BINARY [RUNS] [--breakdown]
// --breakdown also prints where the idle process's memory is after the last run's schema
// calls (resident kB per kind of mapping, from /proc/PID/smaps) and its threads.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "grpc_controller.grpc.pb.h"
#include "tests/protocol/support/go_plugin_client.h"
#include "tests/protocol/support/plugin_process.h"
#include "tfplugin6.grpc.pb.h"

namespace {

using namespace cloudssl::testing;
using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  std::vector<double> samples;
  double median() {
    std::sort(samples.begin(), samples.end());
    return samples.empty() ? 0 : samples[samples.size() / 2];
  }
  double min() { return samples.empty() ? 0 : *std::min_element(samples.begin(), samples.end()); }
  double max() { return samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end()); }
};

// VmHWM / VmRSS of a process, in kB.
long status_kb(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

// CPU time consumed so far by every thread of a process, in ms (schedstat is in ns). Wall
// time on a loaded machine includes waiting for a core; this does not.
double cpu_ms(pid_t pid) {
  double total = 0;
  const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& entry : std::filesystem::directory_iterator(tasks)) {
    std::ifstream in(entry.path() / "schedstat");
    unsigned long long ns = 0;
    if (in >> ns) total += static_cast<double>(ns) / 1e6;
  }
  return total;
}

bool get_schema(const std::shared_ptr<grpc::Channel>& channel, std::size_t* bytes = nullptr) {
  tfplugin6::Provider::Stub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  const bool ok = stub.GetProviderSchema(&ctx, req, &resp).ok();
  if (bytes != nullptr) *bytes = resp.ByteSizeLong();
  return ok;
}

// Resident and private dirty kB per kind of mapping (the binary's own file, shared libraries,
// the brk heap, anonymous memory: malloc arenas and thread stacks, the rest), and the threads.
std::string breakdown_of(pid_t pid, const std::string& binary) {
  const std::string exe = std::filesystem::canonical(binary).string();
  std::map<std::string, std::pair<long, long>> kinds;  // kind -> (Rss, Private_Dirty)
  std::ifstream in("/proc/" + std::to_string(pid) + "/smaps");
  std::string line, kind = "other";
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first.find('-') != std::string::npos && first.back() != ':') {  // a mapping's header
      std::string perms, offset, dev, inode, path;
      words >> perms >> offset >> dev >> inode;
      std::getline(words >> std::ws, path);
      if (path == exe)
        kind = "binary (" + perms + ")";
      else if (path.find(".so") != std::string::npos)
        kind = "shared libraries";
      else if (path == "[heap]")
        kind = "brk heap";
      else if (path.empty())
        kind = "anonymous (arenas, stacks)";
      else
        kind = "other (" + path + ")";
    } else if (first == "Rss:" || first == "Private_Dirty:") {
      long kb = 0;
      words >> kb;
      (first == "Rss:" ? kinds[kind].first : kinds[kind].second) += kb;
    }
  }
  std::string out = "  where the idle memory is (resident kB, private dirty kB):\n";
  for (const auto& [name, kb] : kinds) {
    char row[160];
    std::snprintf(row, sizeof row, "    %-36s %6ld  %6ld\n", name.c_str(), kb.first, kb.second);
    if (kb.first > 0) out += row;
  }
  std::map<std::string, int> threads;
  const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& entry : std::filesystem::directory_iterator(tasks)) {
    std::ifstream comm(entry.path() / "comm");
    std::string name;
    std::getline(comm, name);
    ++threads[name];
  }
  std::string listed;
  int count = 0;
  for (const auto& [name, n] : threads) {
    listed += (listed.empty() ? "" : ", ") + name + (n > 1 ? " x" + std::to_string(n) : "");
    count += n;
  }
  return out + "  threads: " + std::to_string(count) + " (" + listed + ")\n";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one;
}

// Drops the file's pages from the page cache, so that the next runs map it as read from disk.
// How a binary sits in the cache changes its resident size after start-up by 0.3-0.8 MB (more
// of the text is mapped around each fault when the cache holds it as written), so both states
// an installed provider meets are measured: a file just written (what terraform init's unzip,
// or a cp, leaves) and one read back from disk (after the cache let it go). Returns false when
// the kernel was not asked.
bool read_from_disk_next(const std::string& binary) {
  const int fd = open(binary.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const bool dropped = fdatasync(fd) == 0 && posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
  close(fd);
  return dropped;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s BINARY [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string binary = argv[1];
  const int runs = argc > 2 ? std::stoi(argv[2]) : 20;
  const bool breakdown = argc > 3 && std::string(argv[3]) == "--breakdown";
  const ClientCertificate client = make_go_plugin_client_certificate();
  auto env = go_plugin_environment(client.cert_pem);
  env["TF_LOG_PROVIDER"] = std::nullopt;  // default level, as in a normal terraform run
  env["TF_LOG"] = std::nullopt;

  // The runs use a fresh copy: the first half as written, the second after dropping it.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("runtime_bench." + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string copy = (dir / fs::path(binary).filename()).string();
  fs::copy_file(binary, copy, fs::copy_options::overwrite_existing);
  fs::permissions(copy, fs::perms::owner_all);
  struct RemoveDir {
    fs::path dir;
    ~RemoveDir() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } remove_dir{dir};

  Stats handshake, handshake_cpu, first_schema, warm_schema, shutdown;
  long hwm_written_kb = 0, hwm_read_kb = 0, rss_kb = 0;
  std::size_t schema_bytes = 0;
  std::string where_memory_is;
  const int written_runs = std::max(1, runs / 2);
  for (int run = 0; run < runs; ++run) {
    if (run == written_runs && !read_from_disk_next(copy)) {
      std::fprintf(stderr, "note: %s not dropped from the page cache\n", copy.c_str());
    }
    long& hwm_kb = run < written_runs ? hwm_written_kb : hwm_read_kb;
    const auto start = Clock::now();
    PluginProcess process({copy, {}, env});
    const auto line = process.read_stdout_line(std::chrono::seconds(30));
    const auto handshake_at = Clock::now();
    std::string error;
    const auto parsed = line ? parse_handshake(*line, error) : std::nullopt;
    if (!parsed) {
      std::fprintf(stderr, "no valid handshake (%s); stderr:\n%s\n", error.c_str(),
                   process.stderr_text().c_str());
      return 1;
    }
    handshake.samples.push_back(ms(handshake_at - start));
    handshake_cpu.samples.push_back(cpu_ms(process.pid()));

    auto channel = tls_channel(*parsed, client);
    auto t0 = Clock::now();
    if (!get_schema(channel, &schema_bytes)) {
      std::fprintf(stderr, "GetProviderSchema failed\n%s\n", process.stderr_text().c_str());
      return 1;
    }
    first_schema.samples.push_back(ms(Clock::now() - t0));
    for (int i = 0; i < 5; ++i) {
      t0 = Clock::now();
      get_schema(channel);
      warm_schema.samples.push_back(ms(Clock::now() - t0));
    }
    hwm_kb = std::max(hwm_kb, status_kb(process.pid(), "VmHWM"));
    rss_kb = std::max(rss_kb, status_kb(process.pid(), "VmRSS"));
    if (breakdown && run == runs - 1) where_memory_is = breakdown_of(process.pid(), copy);

    // go-plugin's Kill(): Shutdown, close the connection, wait for the exit.
    t0 = Clock::now();
    {
      plugin::GRPCController::Stub controller(channel);
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      plugin::Empty req, resp;
      controller.Shutdown(&ctx, req, &resp);
    }
    channel.reset();
    if (process.wait_exit(std::chrono::seconds(10))) {
      shutdown.samples.push_back(ms(Clock::now() - t0));
    }
  }

  std::printf("%s (%d runs, AutoMTLS)\n", binary.substr(binary.rfind('/') + 1).c_str(), runs);
  std::printf(
      "  exec -> handshake line      median %6.1f ms  (min %.1f, max %.1f)   target <= 8 ms\n",
      handshake.median(), handshake.min(), handshake.max());
  std::printf(
      "  CPU time until handshake     median %6.1f ms  (all threads; wall time above includes\n"
      "                                                 waiting for a core: load %s)\n",
      handshake_cpu.median(), load_average().c_str());
  std::printf("  GetProviderSchema, first    median %6.1f ms  (incl. TLS connect; %zu bytes)\n",
              first_schema.median(), schema_bytes);
  std::printf("  GetProviderSchema, warm     median %6.2f ms\n", warm_schema.median());
  std::printf(
      "  idle peak RSS (VmHWM)              %6.1f MB  (file just written, as after terraform init;"
      " VmRSS %.1f MB)   target <= 16 MB\n",
      hwm_written_kb / 1024.0, rss_kb / 1024.0);
  std::printf(
      "  idle peak RSS, read from disk      %6.1f MB  (the same file after the page cache let it"
      " go)\n",
      (runs > written_runs ? hwm_read_kb : hwm_written_kb) / 1024.0);
  std::printf(
      "  Shutdown -> exit            median %6.1f ms  (max %.1f; go-plugin kills at 2000)\n",
      shutdown.median(), shutdown.max());
  std::fputs(where_memory_is.c_str(), stdout);
  return 0;
}
