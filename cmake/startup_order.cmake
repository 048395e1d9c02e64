# Whether the provider is linked with its start-up functions first (CMakeLists.txt,
# cloudssl_order_startup). CLOUDSSL_STARTUP_ORDER (cache): AUTO, ON or OFF.
#
# AUTO orders the builds that are shipped and benchmarked, where it can work: ld.lld found (GNU
# ld has no --symbol-ordering-file), native (the list is the amd64 binary's), GCC (the list holds
# GCC's names, .constprop/.isra clones among them: scripts/startup-symbols.sh takes it from a GCC
# build), a single-configuration generator building anything but Debug. A multi-configuration
# generator (Ninja Multi-Config, Visual Studio) has no CMAKE_BUILD_TYPE to decide by: AUTO leaves
# it off; ON orders every configuration, Debug too. ON needs ld.lld; OFF never orders.
#
# cloudssl_startup_order_decide(OUT REASON MODE LLD CROSSCOMPILING COMPILER_ID MULTI_CONFIG
#                               BUILD_TYPE) sets OUT to ON or OFF and REASON to why, in the
# caller's scope; a pure function of its arguments, which tests/release/startup_order_decide.cmake
# checks (cmake -P).
function(cloudssl_startup_order_decide out reason mode lld crosscompiling compiler_id
         multi_config build_type)
  string(TOUPPER "${mode}" mode)
  string(TOUPPER "${build_type}" build_type)
  set(decision OFF)
  if(mode MATCHES "^(OFF|NO|FALSE|N|0)$")
    set(why "CLOUDSSL_STARTUP_ORDER=OFF")
  elseif(mode MATCHES "^(ON|YES|TRUE|Y|1)$")
    if(NOT lld)
      message(FATAL_ERROR "CLOUDSSL_STARTUP_ORDER=ON needs ld.lld, which was not found: install "
                          "lld (scripts/setup.sh) or set CLOUDSSL_STARTUP_ORDER to AUTO or OFF")
    endif()
    set(decision ON)
    set(why "CLOUDSSL_STARTUP_ORDER=ON")
  elseif(NOT mode STREQUAL "AUTO")
    message(FATAL_ERROR "CLOUDSSL_STARTUP_ORDER is '${mode}': AUTO, ON or OFF")
  elseif(NOT lld)
    set(why "ld.lld not found (scripts/setup.sh installs lld)")
  elseif(crosscompiling)
    set(why "cross-compiling: the list is the native binary's")
  elseif(NOT compiler_id STREQUAL "GNU")
    set(why "the compiler is ${compiler_id}, the list GCC's names")
  elseif(multi_config)
    set(why "multi-configuration generator (CLOUDSSL_STARTUP_ORDER=ON: all configurations)")
  elseif(build_type STREQUAL "DEBUG")
    set(why "a Debug build")
  else()
    set(decision ON)
    set(why "an optimized native GCC build with ld.lld")
  endif()
  set(${out} ${decision} PARENT_SCOPE)
  set(${reason} "${why}" PARENT_SCOPE)
endfunction()
