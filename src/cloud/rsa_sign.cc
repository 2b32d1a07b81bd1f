#include "cloud/rsa_sign.h"

#include <dlfcn.h>

#include <mutex>

namespace delta::cloud {
namespace {

// The few libcrypto 3 entry points used, declared here (stable ABI; Debian ships the runtime
// library without requiring its headers).
struct LibCrypto {
  void* (*BIO_new_mem_buf)(const void*, int) = nullptr;
  int (*BIO_free)(void*) = nullptr;
  void* (*PEM_read_bio_PrivateKey)(void*, void**, void*, void*) = nullptr;
  void (*EVP_PKEY_free)(void*) = nullptr;
  void* (*EVP_MD_CTX_new)() = nullptr;
  void (*EVP_MD_CTX_free)(void*) = nullptr;
  const void* (*EVP_sha256)() = nullptr;
  int (*EVP_DigestSignInit)(void*, void**, const void*, void*, void*) = nullptr;
  int (*EVP_DigestSign)(void*, unsigned char*, size_t*, const unsigned char*, size_t) = nullptr;
  std::string error;
};

template <typename F>
bool Bind(void* lib, const char* name, F* fn) {
  *fn = reinterpret_cast<F>(dlsym(lib, name));
  return *fn != nullptr;
}

const LibCrypto& Load() {
  static LibCrypto crypto;
  static std::once_flag once;
  std::call_once(once, [] {
    auto bind_all = [](void* lib) {
      return Bind(lib, "BIO_new_mem_buf", &crypto.BIO_new_mem_buf) &&
             Bind(lib, "BIO_free", &crypto.BIO_free) &&
             Bind(lib, "PEM_read_bio_PrivateKey", &crypto.PEM_read_bio_PrivateKey) &&
             Bind(lib, "EVP_PKEY_free", &crypto.EVP_PKEY_free) &&
             Bind(lib, "EVP_MD_CTX_new", &crypto.EVP_MD_CTX_new) &&
             Bind(lib, "EVP_MD_CTX_free", &crypto.EVP_MD_CTX_free) &&
             Bind(lib, "EVP_sha256", &crypto.EVP_sha256) &&
             Bind(lib, "EVP_DigestSignInit", &crypto.EVP_DigestSignInit) &&
             Bind(lib, "EVP_DigestSign", &crypto.EVP_DigestSign);
    };
    // A process may already hold an OpenSSL (Arrow's libparquet exports a static copy). Its
    // symbols would interpose on a system libcrypto loaded next to it and mix two allocators,
    // so use the one already there; otherwise load libcrypto bound to its own symbols.
    if (bind_all(RTLD_DEFAULT)) return;
    void* lib = nullptr;
    for (const char* name : {"libcrypto.so.3", "libcrypto.so"}) {
      lib = dlopen(name, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
      if (lib != nullptr) break;
    }
    if (lib == nullptr) {
      crypto.error = "OpenSSL's libcrypto.so.3 could not be loaded";
      return;
    }
    if (!bind_all(lib)) crypto.error = "libcrypto lacks the OpenSSL 3 signing functions";
  });
  return crypto;
}

}  // namespace

Result<std::string> RsaSha256Sign(std::string_view pem_private_key, std::string_view data) {
  const LibCrypto& c = Load();
  if (!c.error.empty()) {
    return Status::Unsupported(
        "signing a Google service-account token (RS256) needs OpenSSL: " + c.error +
        "; install libssl3, or pass an OAuth2 access token with GOOGLE_BEARER_TOKEN");
  }
  void* bio = c.BIO_new_mem_buf(pem_private_key.data(), static_cast<int>(pem_private_key.size()));
  void* key = bio == nullptr ? nullptr : c.PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  if (bio != nullptr) c.BIO_free(bio);
  if (key == nullptr) {
    return Status::InvalidArgument("the service account's private_key is not a PEM private key");
  }
  void* ctx = c.EVP_MD_CTX_new();
  std::string signature;
  size_t length = 0;
  auto in = reinterpret_cast<const unsigned char*>(data.data());
  bool ok = ctx != nullptr &&
            c.EVP_DigestSignInit(ctx, nullptr, c.EVP_sha256(), nullptr, key) == 1 &&
            c.EVP_DigestSign(ctx, nullptr, &length, in, data.size()) == 1;
  if (ok) {
    signature.resize(length);
    ok = c.EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length, in,
                          data.size()) == 1;
    signature.resize(length);
  }
  if (ctx != nullptr) c.EVP_MD_CTX_free(ctx);
  c.EVP_PKEY_free(key);
  if (!ok) return Status::InvalidArgument("signing with the service account's private_key failed");
  return signature;
}

}  // namespace delta::cloud
