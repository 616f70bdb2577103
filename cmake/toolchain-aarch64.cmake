# Cross build for AArch64 Linux with Debian's cross toolchain and arm64
# multiarch packages; ctest runs each test binary under qemu-aarch64.
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Headers and libraries from the cross root and the arm64 multiarch dirs
# (/usr/lib/aarch64-linux-gnu, by CMAKE_LIBRARY_ARCHITECTURE under /),
# programs from the host.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config answers with the arm64 .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)

# The test binaries load libsleef and libcmocka from the arm64 multiarch
# packages, and with them the multiarch libc (libc6:arm64).  The loader must
# come from that same package: -L /usr/aarch64-linux-gnu would pair the cross
# toolchain's ld.so with a newer multiarch libc.so.6, and on Debian 12 such a
# pair hangs in pthread_create.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/)
