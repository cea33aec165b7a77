// SHA-256 (OpenSSL EVP) with a lower-case hex result: content hashes of list versions, stable
// ids, and the audit log's hash chain.
#ifndef KERUEN_CORE_SHA256_H_
#define KERUEN_CORE_SHA256_H_

#include <string>
#include <string_view>

namespace keruen {

// Incremental hashing of many pieces; one digest per object.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // The 64 hex digits of the digest of everything updated so far; the object is then spent.
  std::string HexDigest();

 private:
  struct Context;
  Context* context_;
};

// The 64 hex digits of SHA-256(`bytes`).
std::string Sha256Hex(std::string_view bytes);

}  // namespace keruen

#endif  // KERUEN_CORE_SHA256_H_
