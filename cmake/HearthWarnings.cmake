# hearth_warnings(target): the project's warning set; errors when HEARTH_WERROR is on (CI).
function(hearth_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${HEARTH_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${HEARTH_WERROR}>:-Werror>)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
       AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 only, Release only: at -O3 it reports -Wrestrict inside libstdc++'s own
      # std::string code (GCC bugs 105329, 105651), which no change of ours can address. Every other
      # warning stays on, and every build type that sets HEARTH_WERROR (dev, asan, tsan) keeps
      # this one too.
      target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-Wno-restrict>)
    endif()
    if(HEARTH_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12's flow analysis under -fsanitize reports false "maybe uninitialized" inside
      # libstdc++ (std::regex, std::function); the plain build keeps the warning.
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
endfunction()
