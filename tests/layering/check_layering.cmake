# Enforces the layering of docs/architecture.md: every #include "…" in a source folder must
# name a folder that folder may depend on. Run as
#   cmake -DSOURCE_DIR=<tree> -P check_layering.cmake
# Prints every forbidden include (file:line, the include, the rule) and fails if there is any.
#
# The table, bottom up (a folder may always include itself):
#   provider/util        nothing else
#   provider/log         provider/util
#   provider/codec       provider/util
#   provider/framework   provider/{codec,log,util}, the generated tfplugin6 headers
#   provider/transport   provider/*, the generated protocol headers
#   api/core             provider/{log,util}
#   api/<cloud>          api/core, provider/{log,util}
#   lib/<name>           nothing else
#   resources/common     api/*, lib/*, provider/{framework,codec,log,util}
#   resources/<service>  resources/common and what resources/common may include
#   datasources/<svc>    resources/<svc> and what resources/<svc> may include
#   functions/<svc>      lib/*, provider/{framework,codec,log,util} (no API: functions run
#                        in an unconfigured provider)
#   cloudssl             every layer above (it is the composition root)
#   simulator            the request signers (api/<dir>/*sign*.h: a cloud's signer and
#                        api/core/hmac_signing.h they build on) only
# So nothing includes cloudssl/, the generic layer includes nothing outside provider/, the API
# clients know no Terraform, and services do not include each other.
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<tree> -P check_layering.cmake")
endif()

set(generic_below_transport "^provider/(framework|codec|log|util)/")
set(service_base "^resources/common/" "^api/" "^lib/" "${generic_below_transport}")

# The allowed include patterns for a file at `rel` (path relative to SOURCE_DIR).
function(allowed_patterns rel out)
  string(REPLACE "/" ";" parts "${rel}")
  list(GET parts 0 top)
  list(LENGTH parts depth)
  set(second "")
  if(depth GREATER 2)
    list(GET parts 1 second)
  endif()
  set(p "")
  if(top STREQUAL "provider")
    if(second STREQUAL "util")
      set(p "^provider/util/")
    elseif(second STREQUAL "log" OR second STREQUAL "codec")
      set(p "^provider/${second}/" "^provider/util/")
    elseif(second STREQUAL "framework")
      set(p "${generic_below_transport}" "^tfplugin6[^/]*\\.pb\\.h$")
    elseif(second STREQUAL "transport")
      set(p "^provider/" "^(tfplugin6|grpc_[a-z]+)[^/]*\\.pb\\.h$")
    endif()
  elseif(top STREQUAL "api" AND NOT second STREQUAL "")
    set(p "^api/core/" "^api/${second}/" "^provider/(log|util)/")
  elseif(top STREQUAL "lib" AND NOT second STREQUAL "")
    set(p "^lib/${second}/")
  elseif(top STREQUAL "resources" AND NOT second STREQUAL "")
    set(p ${service_base} "^resources/${second}/")
  elseif(top STREQUAL "datasources" AND NOT second STREQUAL "")
    set(p ${service_base} "^resources/${second}/" "^datasources/${second}/")
  elseif(top STREQUAL "functions" AND NOT second STREQUAL "")
    set(p "^functions/${second}/" "^lib/" "${generic_below_transport}")
  elseif(top STREQUAL "cloudssl")
    set(p "^(cloudssl|functions|datasources|resources|lib|api|provider)/" "^[a-z0-9_]+\\.pb\\.h$")
  elseif(top STREQUAL "simulator")
    set(p "^simulator/" "^api/[a-z0-9_]+/[a-z0-9_]*sign[a-z0-9_]*\\.h$")
  else()
    set(p "UNKNOWN-FOLDER")  # a file directly in a layer's root, or a new top-level folder
  endif()
  set(${out} "${p}" PARENT_SCOPE)
endfunction()

set(violations 0)
set(checked 0)
foreach(layer provider api lib resources datasources functions cloudssl simulator)
  file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${layer}/*.h"
       "${SOURCE_DIR}/${layer}/*.cpp")
  foreach(rel IN LISTS files)
    allowed_patterns("${rel}" patterns)
    file(STRINGS "${SOURCE_DIR}/${rel}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    math(EXPR checked "${checked} + 1")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" inc "${line}")
      set(ok FALSE)
      foreach(pattern IN LISTS patterns)
        if(inc MATCHES "${pattern}")
          set(ok TRUE)
          break()
        endif()
      endforeach()
      if(NOT ok)
        math(EXPR violations "${violations} + 1")
        message("${rel}: #include \"${inc}\" is not allowed here (allowed: ${patterns})")
      endif()
    endforeach()
  endforeach()
endforeach()

if(checked EQUAL 0)
  message(FATAL_ERROR "no source files found under ${SOURCE_DIR}")
endif()
if(violations GREATER 0)
  message(FATAL_ERROR "${violations} include(s) break the layering (docs/architecture.md)")
endif()
message(STATUS "layering: ${checked} files, every include allowed")
