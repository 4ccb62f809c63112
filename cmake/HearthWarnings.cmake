# hearth_warnings(target): the project's warning set; errors when HEARTH_WERROR is on (CI).
function(hearth_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${HEARTH_WERROR}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${HEARTH_WERROR}>:-Werror>)
  endif()
endfunction()
