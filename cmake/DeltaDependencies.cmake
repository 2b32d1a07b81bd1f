# Third-party dependencies. Arrow/Parquet C++ come from find_package(Arrow) when the system has
# them, otherwise from the libraries and headers shipped inside the pinned pyarrow wheel
# (scripts/setup.sh installs it and passes DELTA_PYARROW_DIR).
find_package(Threads REQUIRED)
# simdjson and CRoaring: the system's (Debian libsimdjson-dev, libroaring-dev) when found, else
# the amalgamated copies in third_party/ (see third_party/README.md).
option(DELTA_VENDORED_DEPS "Build simdjson and CRoaring from third_party/ even if the system has them" OFF)
if(NOT DELTA_VENDORED_DEPS)
  find_package(simdjson QUIET)
  find_package(roaring QUIET)
endif()
add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/../third_party ${CMAKE_BINARY_DIR}/third_party)

add_library(delta_arrow INTERFACE)
find_package(Arrow CONFIG QUIET)
find_package(Parquet CONFIG QUIET)
if(Arrow_FOUND AND Parquet_FOUND)
  message(STATUS "Arrow ${Arrow_VERSION} from find_package")
  target_link_libraries(delta_arrow INTERFACE Arrow::arrow_shared Parquet::parquet_shared)
  # Arrow >= 21 ships the compute kernels (used by scan filters) as a separate library.
  find_package(ArrowCompute CONFIG QUIET)
  if(ArrowCompute_FOUND)
    target_link_libraries(delta_arrow INTERFACE ArrowCompute::arrow_compute_shared)
  endif()
else()
  if(NOT DELTA_PYARROW_DIR)
    find_package(Python3 COMPONENTS Interpreter REQUIRED)
    execute_process(
      COMMAND ${Python3_EXECUTABLE} -c "import pyarrow,os;print(os.path.dirname(pyarrow.__file__))"
      OUTPUT_VARIABLE DELTA_PYARROW_DIR OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "Arrow C++ not found: install Arrow or run scripts/setup.sh (pyarrow wheel)")
    endif()
  endif()
  set(DELTA_PYARROW_DIR "${DELTA_PYARROW_DIR}" CACHE PATH "pyarrow package directory")
  file(GLOB _libarrow "${DELTA_PYARROW_DIR}/libarrow.so.[0-9]*")
  file(GLOB _libparquet "${DELTA_PYARROW_DIR}/libparquet.so.[0-9]*")
  if(NOT _libarrow OR NOT _libparquet)
    message(FATAL_ERROR "no libarrow/libparquet in ${DELTA_PYARROW_DIR}")
  endif()
  list(GET _libarrow 0 _libarrow)
  list(GET _libparquet 0 _libparquet)
  message(STATUS "Arrow C++ from the pyarrow wheel: ${_libarrow}")
  # Some wheels export their bundled simdjson; those symbols would interpose on Debian's
  # libsimdjson at run time and break the kernel's JSON parsing. Refuse them up front.
  find_program(DELTA_NM nm)
  if(DELTA_NM)
    foreach(_lib "${_libarrow}" "${_libparquet}")
      execute_process(COMMAND ${DELTA_NM} -D --defined-only "${_lib}"
                      OUTPUT_VARIABLE _syms ERROR_QUIET)
      string(FIND "${_syms}" "simdjson" _clash)
      if(NOT _clash EQUAL -1)
        message(FATAL_ERROR "${_lib} exports simdjson symbols that clash with libsimdjson; "
                            "use the pyarrow version pinned in scripts/setup.sh")
      endif()
    endforeach()
  endif()
  # Link the versioned .so files by full path; CMake adds their folder to the build rpath.
  target_include_directories(delta_arrow SYSTEM INTERFACE "${DELTA_PYARROW_DIR}/include")
  target_link_libraries(delta_arrow INTERFACE "${_libarrow}" "${_libparquet}")
  # Arrow >= 21 ships the compute kernels (used by scan filters) as a separate library.
  file(GLOB _libarrow_compute "${DELTA_PYARROW_DIR}/libarrow_compute.so.[0-9]*")
  if(_libarrow_compute)
    list(GET _libarrow_compute 0 _libarrow_compute)
    target_link_libraries(delta_arrow INTERFACE "${_libarrow_compute}")
  endif()
  set(CMAKE_INSTALL_RPATH "${DELTA_PYARROW_DIR}")
endif()

if(DELTA_BUILD_TOOLS)
  find_package(CLI11 REQUIRED)
endif()
if(DELTA_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
