# HEARTH_LINKER: the linker every executable and shared module is linked with.
#   auto (default)  lld when the compiler can use it (Debian: package lld), else the toolchain's own
#   lld / gold / bfd / mold   that one; configuring fails if the compiler cannot link with it
#   default         the toolchain's own (GNU ld on Debian), whatever is installed
# Why: the build links some 70 test executables per configuration against the large static
# libraries, and GNU ld spends 2-3x the CPU time of lld on each (docs/PERFORMANCE.md, "Build times").
set(HEARTH_LINKER auto CACHE STRING "Linker: auto, default, lld, gold, bfd or mold")
set_property(CACHE HEARTH_LINKER PROPERTY STRINGS auto default lld gold bfd mold)

include(CheckLinkerFlag)

function(hearth_choose_linker)
  if(HEARTH_LINKER STREQUAL "default" OR MSVC)
    return()
  endif()
  if(HEARTH_LINKER STREQUAL "auto")
    set(wanted lld)
  else()
    set(wanted ${HEARTH_LINKER})
  endif()
  # One check per linker name and compiler, cached like any check_* result.
  string(MAKE_C_IDENTIFIER "HEARTH_HAS_LD_${wanted}_${CMAKE_CXX_COMPILER_ID}" var)
  check_linker_flag(CXX "-fuse-ld=${wanted}" ${var})
  if(${var})
    add_link_options(-fuse-ld=${wanted})
    message(STATUS "Linking with ${wanted}")
  elseif(HEARTH_LINKER STREQUAL "auto")
    message(STATUS "Linking with the toolchain's own linker (lld not found: install the lld package for faster links)")
  else()
    message(FATAL_ERROR "HEARTH_LINKER=${HEARTH_LINKER}, but ${CMAKE_CXX_COMPILER} cannot link with -fuse-ld=${wanted}")
  endif()
endfunction()
hearth_choose_linker()
