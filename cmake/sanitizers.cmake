# Instrumented builds (see the options in the top-level CMakeLists.txt). The flags apply to every
# target of the build directory, so the libraries a fuzz target or a test links are instrumented
# too; the Debian libraries (gRPC, protobuf, OpenSSL, libcurl) are not, which is why
# scripts/sanitize.sh runs ThreadSanitizer only over tests whose threads stay in our code.

if(CLOUDSSL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CLOUDSSL_FUZZ=ON needs clang (CC=clang CXX=clang++): libFuzzer is part of it")
  endif()
  if(CLOUDSSL_SANITIZE)
    message(FATAL_ERROR "CLOUDSSL_FUZZ already builds with address,undefined; leave CLOUDSSL_SANITIZE empty")
  endif()
  # Coverage instrumentation everywhere; the fuzzer runtime (and its main) only in the fuzz
  # executables (tests/fuzz). Any undefined behaviour aborts, so the fuzzer reports it as a crash.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
elseif(CLOUDSSL_SANITIZE)
  if(NOT CLOUDSSL_SANITIZE MATCHES "^(address|undefined|address,undefined|undefined,address|thread)$")
    message(FATAL_ERROR "CLOUDSSL_SANITIZE must be address,undefined or thread, not '${CLOUDSSL_SANITIZE}'")
  endif()
  # A report must fail the test that caused it, not scroll past: undefined behaviour aborts.
  add_compile_options(-fsanitize=${CLOUDSSL_SANITIZE} -fno-omit-frame-pointer)
  if(CLOUDSSL_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 at -O1 with sanitizers reports libstdc++'s own std::regex compiler as "may be used
    # uninitialized" (validators.cpp, docs.cpp); the sanitizers themselves check real reads.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  add_link_options(-fsanitize=${CLOUDSSL_SANITIZE})
endif()
