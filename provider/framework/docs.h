// Registry-layout documentation generated from the schemas a Registry serves, in the format
// of terraform-plugin-docs (tfplugindocs): YAML front matter, a title, the description, the
// schema as Required / Optional / Read-Only lists with nested schemas, declarative rules
// (validators.h) and defaults rendered after each description, and an Import section with
// both the CLI and an `import {}` block.
//
// Hand-written content lives in templates: `<templates>/<kind folder>/<short name>.md.tmpl`
// (kind folders: resources, data-sources, ephemeral-resources, list-resources, actions,
// functions; the provider's page is `<templates>/index.md.tmpl`; guides are not generated).
// A template is markdown with an optional front matter block (`subcategory:` is kept) and
// these placeholders:
//   {{ description }}              the schema's description
//   {{ schema }}                   the generated Schema section (a function's Signature)
//   {{ tffile "path" }}            the file (relative to the source root) as a terraform block
//   {{ tfconfig "folder" }}        an example folder's .tf files as one terraform block, in
//                                  the order terraform.tf, variables.tf, main.tf, others by
//                                  name, each under a "# <file>" line
//   {{ codefile "lang" "path" }}   the file as a code block of that language
//   {{ import "id" }}              the Import section, with "id" as the example id
// Without a template a page is: description, Example Usage (from the conventional example file
// when it exists, see example_path()), schema, Import for importable resources (with an
// identity `import` block for resources that have an identity). List resources (`terraform
// query`) and actions (`action` blocks) get a page of their `config` block's schema.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "provider/framework/registry.h"

namespace cloudssl::framework {

struct DocsOptions {
  std::string provider_name;          // "cloudssl": page titles and the provider page
  std::filesystem::path source_root;  // where template and example paths are resolved
  std::filesystem::path templates = "docs/templates";  // relative to source_root
  std::filesystem::path examples = "examples";         // relative to source_root
};

class DocsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every generated page: path relative to docs/ ("resources/certificate.md") → content.
// Throws DocsError for a broken template (unknown placeholder, missing file).
std::map<std::string, std::string> generate_docs(const Registry& registry,
                                                 const DocsOptions& options);

// The Schema section of one block, as tfplugindocs writes it.
std::string schema_markdown(const Block& block);

// The conventional example file of a page kind ("resources", "data-sources", …) and type:
// examples/resources/<type>/resource.tf, examples/actions/<type>/action.tf and the like
// (tfplugindocs layout).
std::filesystem::path example_path(const std::string& kind_folder, const std::string& type_name);

// Writes `pages` under `docs_dir`, replacing generated files; other files (guides/,
// templates/) are left alone. Pages of types that no longer exist are removed from the kind
// folders.
void write_docs(const std::map<std::string, std::string>& pages,
                const std::filesystem::path& docs_dir);

// What differs between `pages` and the files under `docs_dir`: one line per page that is
// missing or different, and per stale page in a kind folder. Empty when up to date.
std::vector<std::string> docs_differences(const std::map<std::string, std::string>& pages,
                                          const std::filesystem::path& docs_dir);

}  // namespace cloudssl::framework
