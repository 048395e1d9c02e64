#include "provider/transport/plugin_main.h"

#include <cstdio>
#include <exception>
#include <string_view>

#include "provider/framework/docs.h"
#include "provider/framework/provider_service.h"
#include "provider/transport/plugin_runner.h"

namespace cloudssl::transport {

namespace {

// `--generate-docs DOCS_DIR [SOURCE_ROOT]` writes the registry-layout docs generated from the
// schemas; `--check-docs DOCS_DIR [SOURCE_ROOT]` only compares and lists what differs (exit 1).
// SOURCE_ROOT (default ".") holds docs/templates/ and examples/.
int docs_main(int argc, char** argv, const framework::Registry& registry) {
  const bool check = std::string_view(argv[1]) == "--check-docs";
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "Usage: %s %s DOCS_DIR [SOURCE_ROOT]\n", argv[0], argv[1]);
    return 2;
  }
  try {
    const auto pages = framework::generate_docs(
        registry,
        {.provider_name = registry.type_prefix(), .source_root = argc == 4 ? argv[3] : "."});
    if (!check) {
      framework::write_docs(pages, argv[2]);
      std::printf("wrote %zu pages under %s\n", pages.size(), argv[2]);
      return 0;
    }
    const auto differences = framework::docs_differences(pages, argv[2]);
    for (const auto& d : differences) std::fprintf(stderr, "%s\n", d.c_str());
    if (!differences.empty()) {
      std::fprintf(stderr,
                   "%zu page(s) differ from what the schema generates: run "
                   "scripts/generate-docs.sh and commit docs/ (hand-written text belongs in "
                   "docs/templates/).\n",
                   differences.size());
      return 1;
    }
    std::printf("%zu pages up to date\n", pages.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "docs generation failed: %s\n", e.what());
    return 1;
  }
}

}  // namespace

int run_plugin_main(int argc, char** argv, framework::Registry& registry, ServeOptions options) {
  if (argc >= 2 && (std::string_view(argv[1]) == "--generate-docs" ||
                    std::string_view(argv[1]) == "--check-docs")) {
    return docs_main(argc, argv, registry);
  }
  framework::ProviderService service(registry);
  return run_plugin(
      argc, argv, service, [&service] { service.stop_all(); }, std::move(options));
}

}  // namespace cloudssl::transport
