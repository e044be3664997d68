// OpenSSL's libcrypto (Debian: libssl-dev), for the HMAC-SHA256 that signs Jupyter messages.
// A system library adds nothing to a clean build, where swift-crypto would compile BoringSSL.
#ifndef MFSH_CCRYPTO_SHIM_H
#define MFSH_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#endif
