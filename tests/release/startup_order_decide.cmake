# cmake -P: cloudssl_startup_order_decide (cmake/startup_order.cmake) orders the link where AUTO
# should (lld, native, GCC, one configuration, not Debug), and not where any of those is
# missing; CLOUDSSL_STARTUP_ORDER=OFF wins over the detection and ON over all but a missing lld.
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/startup_order.cmake)

# Run again by the last case below: ON without lld must stop the configure.
if(ON_WITHOUT_LLD)
  cloudssl_startup_order_decide(got why ON CLOUDSSL_LLD-NOTFOUND "" GNU "" Release)
  return()
endif()

# expect(WANTED MODE LLD CROSSCOMPILING COMPILER_ID MULTI_CONFIG BUILD_TYPE)
function(expect wanted mode lld crosscompiling compiler_id multi_config build_type)
  cloudssl_startup_order_decide(got why "${mode}" "${lld}" "${crosscompiling}" "${compiler_id}"
                                "${multi_config}" "${build_type}")
  set(case "mode '${mode}', lld '${lld}', cross '${crosscompiling}', ${compiler_id},"
           " multi-config '${multi_config}', '${build_type}'")
  string(JOIN "" case ${case})
  if(NOT got STREQUAL wanted)
    message(SEND_ERROR "startup_order_decide: ${case}: ${got} (${why}), ${wanted} wanted")
  else()
    message(STATUS "${case}: ${got}: ${why}")
  endif()
endfunction()

set(lld /usr/bin/ld.lld)
expect(ON AUTO ${lld} "" GNU "" Release)
expect(ON AUTO ${lld} "" GNU "" RelWithDebInfo)
expect(ON auto ${lld} FALSE GNU 0 MinSizeRel)
expect(OFF AUTO CLOUDSSL_LLD-NOTFOUND "" GNU "" Release)
expect(OFF AUTO ${lld} TRUE GNU "" Release)
expect(OFF AUTO ${lld} "" Clang "" Release)
expect(OFF AUTO ${lld} "" GNU 1 "")
expect(OFF AUTO ${lld} "" GNU "" Debug)
expect(OFF AUTO ${lld} "" GNU "" debug)
expect(OFF OFF ${lld} "" GNU "" Release)
expect(OFF off ${lld} "" GNU "" Release)
expect(ON ON ${lld} "" GNU "" Debug)
expect(ON ON ${lld} "" Clang 1 "")

execute_process(COMMAND ${CMAKE_COMMAND} -DON_WITHOUT_LLD=1 -P ${CMAKE_CURRENT_LIST_FILE}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "CLOUDSSL_STARTUP_ORDER=ON needs ld.lld")
  message(SEND_ERROR "startup_order_decide: ON without ld.lld was not refused (exit ${rc}): ${err}")
else()
  message(STATUS "mode 'ON', no ld.lld: refused")
endif()
