# hearth_add_gtest(<name> SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT s])
# One GoogleTest executable; each TEST becomes its own ctest entry.
include(GoogleTest)

set(HEARTH_TEST_DEBUG_INFO lines CACHE STRING "Debug information in test executables: lines (-g1) or full")
set_property(CACHE HEARTH_TEST_DEBUG_INFO PROPERTY STRINGS lines full)

# Tests need file:line in a failure's backtrace, not every local variable: line tables only
# (-g1, after the configuration's -g) make a test object a quarter of the size and take a
# quarter less time to compile and link in the dev build. HEARTH_TEST_DEBUG_INFO=full keeps -g.
function(hearth_test_debug_info target)
  if(HEARTH_TEST_DEBUG_INFO STREQUAL "lines" AND NOT MSVC)
    target_compile_options(${target} PRIVATE $<$<CONFIG:RelWithDebInfo,Debug>:-g1>)
  endif()
endfunction()

# Every test executable links tests/support/test_env.cpp, which sets HEARTH_TESTDATA,
# HEARTH_BINARY_DIR, HEARTH_SOURCE_DIR and XDG_RUNTIME_DIR before main() unless already set, and
# sanitizer_hooks.cpp. They are compiled once, as an object library (objects, not an archive: the
# linker must keep their constructors and the LeakSanitizer hook, which nothing calls), instead of
# once per test executable (some 70 times per build, ~2 s of CPU each).
if(NOT TARGET hearth_test_env)
  add_library(hearth_test_env OBJECT ${PROJECT_SOURCE_DIR}/tests/support/test_env.cpp
                                     ${PROJECT_SOURCE_DIR}/tests/support/sanitizer_hooks.cpp)
  target_compile_definitions(hearth_test_env PRIVATE
    HEARTH_TESTDATA_DIR_DEFAULT="${HEARTH_TESTDATA_DIR}"
    HEARTH_BINARY_DIR_DEFAULT="${PROJECT_BINARY_DIR}"
    HEARTH_SOURCE_DIR_DEFAULT="${PROJECT_SOURCE_DIR}")
  target_include_directories(hearth_test_env PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
  hearth_warnings(hearth_test_env)
  hearth_test_debug_info(hearth_test_env)
endif()

function(hearth_test_support target)
  target_link_libraries(${target} PRIVATE hearth_test_env)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
  hearth_warnings(${target})
  hearth_test_debug_info(${target})
endfunction()

function(hearth_add_gtest name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  if(HEARTH_FUZZ)
    # The fuzz build runs only fuzz targets; the target exists so dependencies still resolve.
    add_executable(${name} EXCLUDE_FROM_ALL ${A_SOURCES})
    target_link_libraries(${name} PRIVATE GTest::gtest GTest::gtest_main ${A_LIBS})
    return()
  endif()
  add_executable(${name} ${A_SOURCES})
  target_link_libraries(${name} PRIVATE GTest::gtest GTest::gtest_main ${A_LIBS})
  hearth_test_support(${name})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    DISCOVERY_TIMEOUT 60
    TEST_LIST ${name}_TESTS
    PROPERTIES TIMEOUT ${A_TIMEOUT})
  # Labels are set by a script of our own that ctest runs after the discovered tests' script:
  # gtest_discover_tests flattens its PROPERTIES list, so a second label ("engine;chat-session")
  # would be read as a property name and `ctest -L chat-session` would find nothing.
  if(A_LABELS)
    set(labels_script ${CMAKE_CURRENT_BINARY_DIR}/${name}_labels.cmake)
    file(WRITE ${labels_script}
         "if(${name}_TESTS)\n  set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${A_LABELS}\")\nendif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_script})
  endif()
endfunction()

# hearth_add_qttest(<name> SOURCES ... [LIBS ...]): one Qt Test executable, one ctest entry.
# GUI tests run on the offscreen platform unless an X server is given to them.
function(hearth_add_qttest name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_link_libraries(${name} PRIVATE Qt6::Test ${A_LIBS})
  hearth_test_support(${name})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  # A QSKIP anywhere with no failure makes the whole entry "Skipped" (ctest's "Not Run"), so
  # dev.sh counts it as skipped rather than passed. (GoogleTest entries get the same from
  # gtest_discover_tests, which matches "[  SKIPPED ]".)
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
                       SKIP_REGULAR_EXPRESSION "Totals: [0-9]+ passed, 0 failed, [1-9][0-9]* skipped"
                       TIMEOUT ${A_TIMEOUT} LABELS "${A_LABELS}")
endfunction()

# hearth_add_fuzz(<name> SOURCE <x_fuzz.cpp> CORPUS <seed dir> [LIBS ...] [SECONDS n])
# A libFuzzer entry point (LLVMFuzzerTestOneInput). In an ordinary build it is linked with a
# replay driver and ctest feeds it every seed file (label fuzz-replay), so the seeds are checked
# on every compiler. In the fuzz preset (clang, HEARTH_FUZZ=ON) it is a real libFuzzer binary and
# ctest runs a short fuzzing session with ASan and UBSan (label fuzz).
function(hearth_add_fuzz name)
  cmake_parse_arguments(A "" "SOURCE;CORPUS;SECONDS" "LIBS" ${ARGN})
  if(NOT A_SECONDS)
    set(A_SECONDS 20)
  endif()
  get_filename_component(corpus "${A_CORPUS}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  # hearth_fuzz_targets builds them all (the fuzz build preset builds only that).
  set_property(GLOBAL APPEND PROPERTY HEARTH_FUZZ_TARGETS ${name})
  if(HEARTH_FUZZ)
    add_executable(${name} ${A_SOURCE})
    target_link_libraries(${name} PRIVATE ${A_LIBS})
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    hearth_test_support(${name})
    set(work ${CMAKE_CURRENT_BINARY_DIR}/${name}-corpus)
    add_test(NAME ${name}
             COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
                     $<TARGET_FILE:${name}> -max_total_time=${A_SECONDS} -rss_limit_mb=2048
                     -timeout=10 -print_final_stats=1 ${work} ${corpus})
    set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT 600)
    file(MAKE_DIRECTORY ${work})
  else()
    add_executable(${name} ${A_SOURCE} ${PROJECT_SOURCE_DIR}/tests/support/fuzz_replay_main.cpp)
    target_link_libraries(${name} PRIVATE ${A_LIBS})
    hearth_test_support(${name})
    add_test(NAME ${name}_replay COMMAND ${name} ${corpus})
    set_tests_properties(${name}_replay PROPERTIES LABELS fuzz-replay TIMEOUT 300)
  endif()
endfunction()
