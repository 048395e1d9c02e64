#include "simulator/certificate_archive.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <zip.h>

#include <deque>
#include <memory>
#include <stdexcept>
#include <utility>

namespace cloudssl::sim {

namespace {

constexpr const char* kMasked = "*******";

struct File {
  std::string name;
  std::string content;
};

// The certificates of a PEM text, each as its own PEM block text ending with a newline.
std::vector<std::string> certificate_blocks(const std::string& pem) {
  static const std::string kBegin = "-----BEGIN CERTIFICATE-----";
  static const std::string kEnd = "-----END CERTIFICATE-----";
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = pem.find(kBegin, pos)) != std::string::npos) {
    const auto end = pem.find(kEnd, pos);
    if (end == std::string::npos) break;
    out.push_back(pem.substr(pos, end + kEnd.size() - pos) + "\n");
    pos = end + kEnd.size();
  }
  return out;
}

std::string joined(const std::vector<std::string>& blocks, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < blocks.size(); ++i) out += blocks[i];
  return out;
}

std::string file_domain(const Certificate& c) {
  std::string d = c.domain.empty() ? c.id : c.domain;
  for (auto& ch : d) {
    if (ch == '*') ch = '_';
  }
  return d;
}

// A PKCS#12 keystore of the leaf, its chain and key, protected by `password`.
std::string pkcs12(const std::vector<std::string>& blocks, const std::string& key_pem,
                   const std::string& password, const std::string& name) {
  auto read_cert = [](const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())),
                                                  BIO_free);
    return PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  };
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(key_pem.data(), int(key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> leaf(read_cert(blocks.at(0)), X509_free);
  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> ca(
      sk_X509_new_null(), [](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); });
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    if (X509* x = read_cert(blocks[i])) sk_X509_push(ca.get(), x);
  }
  if (!key || !leaf) throw std::runtime_error("the certificate or its key does not parse");
  std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(
      PKCS12_create(password.c_str(), name.c_str(), key.get(), leaf.get(), ca.get(), 0, 0, 0, 0, 0),
      PKCS12_free);
  if (!p12) throw std::runtime_error("PKCS12_create failed");
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  i2d_PKCS12_bio(out.get(), p12.get());
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

// The files zipped in memory (deflated).
std::string zip_files(const std::vector<File>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!source) throw std::runtime_error("zip: cannot create a buffer");
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(source);
    throw std::runtime_error("zip: cannot open the buffer");
  }
  zip_source_keep(source);  // read after zip_close
  for (const auto& f : files) {
    zip_source_t* content = zip_source_buffer(archive, f.content.data(), f.content.size(), 0);
    if (!content || zip_file_add(archive, f.name.c_str(), content, ZIP_FL_ENC_UTF_8) < 0) {
      if (content) zip_source_free(content);
      zip_discard(archive);
      zip_source_free(source);
      throw std::runtime_error("zip: cannot add " + f.name);
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(source);
    throw std::runtime_error("zip: cannot write the archive");
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(source, &st) == 0 && zip_source_open(source) == 0) {
    out.resize(static_cast<std::size_t>(st.size));
    const auto n = zip_source_read(source, out.data(), out.size());
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    zip_source_close(source);
  }
  zip_source_free(source);
  return out;
}

// Every file one server type gets, below `folder` ("" or "Nginx/" ...).
std::vector<File> files_for(const Certificate& c, const std::string& type,
                            const std::string& folder, bool masked_key, const std::string& password,
                            bool numbered) {
  const auto blocks = certificate_blocks(c.public_pem);
  const std::string d = file_domain(c);
  const bool key = !c.private_pem.empty();
  const std::string key_text = masked_key ? std::string(kMasked) + "\n" : c.private_pem;
  const std::string bundle = joined(blocks, 0), root = joined(blocks, 1);
  const std::string leaf = blocks.empty() ? std::string() : blocks.front();
  std::vector<File> out;
  auto add = [&](const std::string& name, std::string content) {
    out.push_back({folder + name, std::move(content)});
  };
  // Keystores need the real key; a masked download has none to put in them.
  auto keystore = [&](const std::string& ext) {
    if (!key || masked_key || blocks.empty()) return;
    add(d + ext, pkcs12(blocks, c.private_pem, password, d));
    add("keystorePass.txt", password);
  };
  if (type == "nginx") {
    add(numbered ? "1_" + d + "_bundle.crt" : d + "_bundle.crt", bundle);
    if (!numbered) add(d + "_bundle.pem", bundle);
    if (key) add(numbered ? "2_" + d + ".key" : d + ".key", key_text);
  } else if (type == "apache") {
    add(numbered ? "1_root_bundle.crt" : "root_bundle.crt", root);
    add(numbered ? "2_" + d + ".crt" : d + ".crt", leaf);
    if (key) add(numbered ? "3_" + d + ".key" : d + ".key", key_text);
  } else if (type == "tomcat" || type == "jks") {
    keystore(".jks");
  } else if (type == "iis") {
    keystore(".pfx");
  } else if (type == "other") {
    add(d + ".pem", bundle);
    if (key) add(d + ".key", key_text);
  } else if (type == "root") {
    add("root_bundle.crt", root);
  }
  return out;
}

}  // namespace

const std::vector<std::string>& download_service_types() {
  static const std::vector<std::string> kTypes = {"nginx", "apache", "tomcat", "iis",
                                                  "jks",   "other",  "root"};
  return kTypes;
}

std::string download_archive(const Certificate& c, bool masked_key, const std::string& password) {
  std::vector<File> files = files_for(c, "other", "", masked_key, password, false);
  const std::pair<const char*, const char*> folders[] = {
      {"nginx", "Nginx/"}, {"apache", "Apache/"}, {"iis", "IIS/"}, {"tomcat", "Tomcat/"}};
  for (const auto& [type, folder] : folders) {
    for (auto& f : files_for(c, type, folder, masked_key, password, true)) {
      files.push_back(std::move(f));
    }
  }
  return zip_files(files);
}

std::string service_archive(const Certificate& c, const std::string& service_type, bool masked_key,
                            const std::string& password) {
  const std::string folder = file_domain(c) + "_" + service_type + "/";
  return zip_files(files_for(c, service_type, folder, masked_key, password, false));
}

std::string service_archive_name(const Certificate& c, const std::string& service_type) {
  return file_domain(c) + "_" + service_type + ".zip";
}

std::string base64_encode(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace cloudssl::sim
