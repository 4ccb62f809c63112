# hearth_add_gtest(<name> SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT s])
# One GoogleTest executable; each TEST becomes its own ctest entry.
include(GoogleTest)

# Every test executable links tests/support/test_env.cpp, which sets HEARTH_TESTDATA,
# HEARTH_BINARY_DIR, HEARTH_SOURCE_DIR and XDG_RUNTIME_DIR before main() unless already set.
function(hearth_test_support target)
  target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support/test_env.cpp)
  target_compile_definitions(${target} PRIVATE
    HEARTH_TESTDATA_DIR_DEFAULT="${HEARTH_TESTDATA_DIR}"
    HEARTH_BINARY_DIR_DEFAULT="${PROJECT_BINARY_DIR}"
    HEARTH_SOURCE_DIR_DEFAULT="${PROJECT_SOURCE_DIR}")
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests)
  hearth_warnings(${target})
endfunction()

function(hearth_add_gtest name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_link_libraries(${name} PRIVATE GTest::gtest GTest::gtest_main ${A_LIBS})
  hearth_test_support(${name})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${A_TIMEOUT} LABELS "${A_LABELS}")
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
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
                       TIMEOUT ${A_TIMEOUT} LABELS "${A_LABELS}")
endfunction()
