# hearth_warnings(target): the project's warning set; errors when HEARTH_WERROR is on (CI).
function(hearth_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${HEARTH_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${HEARTH_WERROR}>:-Werror>)
    if(HEARTH_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC 12's flow analysis under -fsanitize reports false "maybe uninitialized" inside
      # libstdc++ (std::regex, std::function); the plain build keeps the warning.
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
endfunction()
