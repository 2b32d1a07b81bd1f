# The C ABI (include/delta/c/, src/c/): libdelta_kernel_c.so, which links the C++ core and the
# default engine statically and exports only the delta_* C functions (version script).
file(GLOB DELTA_C_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/c/*.cc)

# Compiled once, linked into the shared library and into the unit tests (which then exercise
# the same code without a second, hidden copy of the core). A front end: public headers only,
# so src/ is not on its include path.
add_library(delta_kernel_c_obj OBJECT ${DELTA_C_SOURCES})
target_link_libraries(delta_kernel_c_obj PRIVATE delta_kernel_arrow delta_warnings)
target_compile_definitions(delta_kernel_c_obj PRIVATE DELTA_C_BUILDING
  DELTA_KERNEL_VERSION="${PROJECT_VERSION}")
set_target_properties(delta_kernel_c_obj PROPERTIES
  CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)

set(DELTA_C_VERSION_SCRIPT ${CMAKE_SOURCE_DIR}/src/c/delta_kernel_c.map)
add_library(delta_kernel_c SHARED $<TARGET_OBJECTS:delta_kernel_c_obj>)
add_library(delta::kernel_c ALIAS delta_kernel_c)
target_include_directories(delta_kernel_c
  PUBLIC $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
target_link_libraries(delta_kernel_c PRIVATE delta_kernel_arrow delta_arrow)
target_link_options(delta_kernel_c PRIVATE "LINKER:--version-script=${DELTA_C_VERSION_SCRIPT}"
  "LINKER:--exclude-libs,ALL")
set_target_properties(delta_kernel_c PROPERTIES
  VERSION 1 SOVERSION 1 LINK_DEPENDS ${DELTA_C_VERSION_SCRIPT})

if(DELTA_BUILD_TESTS)
  target_link_libraries(delta_unit_tests PRIVATE delta_kernel_c_obj)
  # The exported symbols must be exactly the checked-in list (the ABI's surface).
  add_test(NAME c_api_exported_symbols
    COMMAND bash ${CMAKE_SOURCE_DIR}/tests/c/check_exported_symbols.sh
            $<TARGET_FILE:delta_kernel_c> ${CMAKE_SOURCE_DIR}/src/c/exported_symbols.txt)
  # The C ABI stays compatible with the recorded baseline (abi/, docs/versioning.md), and the
  # check itself catches what it must (tests/abi). Needs debug information: sanitizer builds
  # (and Release builds, which have none) skip it.
  if(NOT DELTA_SANITIZE AND NOT CMAKE_BUILD_TYPE STREQUAL "Release")
    add_test(NAME c_abi_compatibility
      COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/abi-check.sh $<TARGET_FILE:delta_kernel_c>
              ${CMAKE_SOURCE_DIR}/abi/delta_kernel_c.abi ${CMAKE_SOURCE_DIR}/src/c/exported_symbols.txt
              ${CMAKE_SOURCE_DIR}/include/delta/c ${CMAKE_SOURCE_DIR}/include/delta/arrow_c.h)
    add_test(NAME c_abi_check_self_test
      COMMAND bash ${CMAKE_SOURCE_DIR}/tests/abi/abi_check_test.sh ${CMAKE_SOURCE_DIR})
  endif()
  # Install into a temporary prefix, build examples/c against it with find_package and with
  # pkg-config, and run both on the sample table. A sanitizer runtime in the library would
  # have to come first in the uninstrumented example, so sanitizer builds skip this.
  if(NOT DELTA_SANITIZE)
    add_test(NAME c_api_install_example
      COMMAND bash ${CMAKE_SOURCE_DIR}/tests/c/install_example_test.sh
              ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR} ${CMAKE_COMMAND})
    set_tests_properties(c_api_install_example PROPERTIES TIMEOUT 300)
  endif()
endif()
