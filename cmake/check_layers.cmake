# Fails the build when a file in server/src includes a layer it must not see.
# Run as `cmake -DSOURCE_DIR=<server/src> -P check_layers.cmake` on every
# build (the `check_layers` target). Each folder lists the folders its
# `#include "folder/..."` lines may name; ARCHITECTURE.md explains the layers.
#
#   util     the clock, config, crypto, logging: depends on nothing of ours
#   core     the domain: rules and calculations, no SQL, no HTTP, no JSON input
#   store    SQL, one repository per table
#   mail     MIME and SMTP
#   push     Web Push: endpoints and sending one message to a push service
#   services the rules over the repositories, one transaction per call
#   redis    the Redis client (hiredis), shared by the queue, the cache and the tests
#   jobs     the queue, the worker and the scheduler, on top of services
#   cache    the Redis cache of rendered HTTP bodies (hence http and the Redis client)
#   http     routes, parsing and rendering, on top of services
#   cli      the import and export commands

cmake_minimum_required(VERSION 3.20)  # IN_LIST

set(allowed_util util)
set(allowed_core core util)
set(allowed_store store core util)
set(allowed_mail mail util)
set(allowed_push push util)
set(allowed_redis redis util)
set(allowed_services services store core mail push util)
set(allowed_jobs jobs redis services store core mail push util)
set(allowed_cache cache http redis services core util)
set(allowed_http http services store core util)
set(allowed_cli cli services store core util)

get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.cpp" "${SOURCE_DIR}/*.hpp" "${SOURCE_DIR}/*.in")
set(violations "")
foreach(source IN LISTS sources)
  string(REGEX MATCH "^[a-z_]+" layer "${source}")
  if(NOT DEFINED allowed_${layer})
    string(APPEND violations "\n  ${source}: the folder '${layer}' has no rule in cmake/check_layers.cmake")
    continue()
  endif()
  file(STRINGS "${SOURCE_DIR}/${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z_]+/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([a-z_]+)/.*" "\\1" target "${line}")
    if(NOT target IN_LIST allowed_${layer})
      string(STRIP "${line}" line)
      string(REPLACE ";" ", " allowed "${allowed_${layer}}")
      string(APPEND violations "\n  ${source}: ${line} (${layer}/ may include only ${allowed})")
    endif()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "Layering violations:${violations}")
endif()
