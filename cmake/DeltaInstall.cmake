# Install rules: headers, the C library (libdelta_kernel_c.so), the static C++ libraries, a CMake
# package (find_package(DeltaKernel): delta::kernel_c, delta::kernel, delta::kernel_arrow) and a
# pkg-config file (delta_kernel.pc, for the C library).
#
# The installed libraries find Arrow/Parquet C++ through their RUNPATH: the pyarrow wheel's
# directory when the build used it (CMAKE_INSTALL_RPATH, set in DeltaDependencies.cmake), so that
# wheel must stay installed where it was at build time; with a system Arrow, the system paths.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DELTA_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/DeltaKernel)

install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/delta DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

# The C library and its own export set: it needs nothing at link time but itself.
set_target_properties(delta_kernel_c PROPERTIES EXPORT_NAME kernel_c)
install(TARGETS delta_kernel_c EXPORT DeltaKernelCTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT DeltaKernelCTargets NAMESPACE delta:: DESTINATION ${DELTA_INSTALL_CMAKEDIR})
# Behind the loader: its implementation and private Arrow copies, found next to it.
if(DELTA_C_SHIM)
  install(TARGETS delta_kernel_c_impl LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_SKIP)
  install(FILES ${DELTA_C_PRIVATE_ARROW_LIBS} DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

# The static C++ libraries; their consumers also need simdjson, roaring and Arrow/Parquet.
set_target_properties(delta_kernel PROPERTIES EXPORT_NAME kernel)
set_target_properties(delta_kernel_arrow PROPERTIES EXPORT_NAME kernel_arrow)
set_target_properties(delta_arrow PROPERTIES EXPORT_NAME arrow_deps)
set_target_properties(delta_warnings PROPERTIES EXPORT_NAME internal_warnings)
install(TARGETS delta_kernel delta_kernel_arrow delta_arrow delta_warnings
  EXPORT DeltaKernelTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT DeltaKernelTargets NAMESPACE delta:: DESTINATION ${DELTA_INSTALL_CMAKEDIR})

# Which dependencies the C++ package config must find (vendored ones are installed with it).
set(DELTA_FIND_SIMDJSON OFF)
set(DELTA_FIND_ROARING OFF)
if(TARGET simdjson::simdjson)
  get_target_property(_delta_imported simdjson::simdjson IMPORTED)
  if(_delta_imported)
    set(DELTA_FIND_SIMDJSON ON)
  endif()
endif()
if(TARGET roaring::roaring)
  get_target_property(_delta_imported roaring::roaring IMPORTED)
  if(_delta_imported)
    set(DELTA_FIND_ROARING ON)
  endif()
endif()
if(Arrow_FOUND AND Parquet_FOUND)
  set(DELTA_ARROW_FROM_PACKAGE ON)
else()
  set(DELTA_ARROW_FROM_PACKAGE OFF)
endif()
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/DeltaKernelConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/DeltaKernelConfig.cmake
  INSTALL_DESTINATION ${DELTA_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/DeltaKernelConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/DeltaKernelConfig.cmake
              ${CMAKE_BINARY_DIR}/cmake/DeltaKernelConfigVersion.cmake
  DESTINATION ${DELTA_INSTALL_CMAKEDIR})

# pkg-config: paths relative to the .pc file, so `cmake --install --prefix P` works for any P.
file(RELATIVE_PATH DELTA_PC_TO_PREFIX
  /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
# URL: the project's home page (project(HOMEPAGE_URL)); the field is optional, so a build
# without one leaves it out rather than point somewhere else.
set(DELTA_PC_URL_LINE "")
if(PROJECT_HOMEPAGE_URL)
  set(DELTA_PC_URL_LINE "URL: ${PROJECT_HOMEPAGE_URL}")
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/delta_kernel.pc.in
  ${CMAKE_BINARY_DIR}/cmake/delta_kernel.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cmake/delta_kernel.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
