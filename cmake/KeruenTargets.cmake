# One helper per target kind, so every target gets the same language level, warnings and
# sanitizers. Targets name their sources explicitly; tests and benchmarks sit beside the code.
include_guard(GLOBAL)

option(KERUEN_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(KERUEN_BENCHMARKS "Build the Google Benchmark targets" ON)
option(KERUEN_UNITY_TESTS "Compile each test target's files in batches (faster full builds)" ON)

function(_keruen_common target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  # -Wrestrict: GCC 12 at -O3 reports false positives inside std::string (GCC bug 105329).
  # GCC's alone: clang (the libFuzzer builds) refuses the unknown option.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(KERUEN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# Executables (the product's and the benchmarks') link jemalloc unless sanitized (libFuzzer
# builds are); see the top-level CMakeLists.txt for why, and malloc_conf.cc for its settings.
function(_keruen_allocator target)
  if(NOT KERUEN_SANITIZE AND NOT KERUEN_LIBFUZZER)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src/keruen/core/internal/malloc_conf.cc)
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
  endif()
endfunction()

# keruen_cc_library(NAME name SRCS ... DEPS ...)
function(keruen_cc_library)
  cmake_parse_arguments(K "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${K_NAME} STATIC ${K_SRCS})
  _keruen_common(${K_NAME})
  target_include_directories(${K_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${K_NAME} PUBLIC ${K_DEPS})
endfunction()

# keruen_cc_binary(NAME name SRCS ... DEPS ...)
function(keruen_cc_binary)
  cmake_parse_arguments(K "" "NAME;OUTPUT_NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${K_NAME} ${K_SRCS})
  _keruen_common(${K_NAME})
  target_link_libraries(${K_NAME} PRIVATE ${K_DEPS})
  _keruen_allocator(${K_NAME})
  if(K_OUTPUT_NAME)
    set_target_properties(${K_NAME} PROPERTIES OUTPUT_NAME ${K_OUTPUT_NAME})
  endif()
endfunction()

# keruen_cc_test(NAME name SRCS ... DEPS ... [LABELS ...] [ONE_PROCESS])
# Tests run from the source root so they can find data/ and ../shared. Each test is its own
# ctest entry (and process) unless ONE_PROCESS is given: then the binary is one entry, for tests
# that share a fixture too expensive to build again in every process (a simulated world, a
# database made by several `keruen` runs).
function(keruen_cc_test)
  cmake_parse_arguments(K "ONE_PROCESS" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${K_NAME} ${K_SRCS})
  _keruen_common(${K_NAME})
  target_link_libraries(${K_NAME} PRIVATE ${K_DEPS} GTest::gmock GTest::gtest_main)
  # A test's files share their heavy headers (gtest, json, the library under test), so they
  # are compiled together in batches: most of a test file's compile time is those headers,
  # and CI builds every test in the sanitized configuration.
  set_target_properties(${K_NAME} PROPERTIES UNITY_BUILD ${KERUEN_UNITY_TESTS}
                                             UNITY_BUILD_BATCH_SIZE 8)
  # At -O3 (the Release build `make bench` makes) GCC 12 inlines a batch's aggregate
  # temporaries into false -Wmaybe-uninitialized and -Wfree-nonheap-object reports on
  # std::string members (a test's `Money{}`, a vector's storage). Tests keep both warnings in
  # the -O2 and sanitized builds the test commands use.
  set(gcc_release $<AND:$<CXX_COMPILER_ID:GNU>,$<CONFIG:Release>>)
  target_compile_options(${K_NAME} PRIVATE $<${gcc_release}:-Wno-maybe-uninitialized>
                                           $<${gcc_release}:-Wno-free-nonheap-object>)
  if(K_ONE_PROCESS)
    add_test(NAME ${K_NAME} COMMAND ${K_NAME} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${K_NAME} PROPERTIES LABELS "${K_LABELS}")
  else()
    # NO_PRETTY_VALUES: a parameterised test is named by its suffix, not by the bytes of its
    # parameter, which change from build to build.
    gtest_discover_tests(${K_NAME} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} NO_PRETTY_VALUES
                         PROPERTIES LABELS "${K_LABELS}" DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# keruen_cc_benchmark(NAME name SRCS ... DEPS ...): Google Benchmark, not run by ctest.
function(keruen_cc_benchmark)
  cmake_parse_arguments(K "" "NAME" "SRCS;DEPS" ${ARGN})
  if(NOT KERUEN_BENCHMARKS)
    return()
  endif()
  add_executable(${K_NAME} ${K_SRCS})
  _keruen_common(${K_NAME})
  target_link_libraries(${K_NAME} PRIVATE ${K_DEPS} benchmark::benchmark)
  _keruen_allocator(${K_NAME})
endfunction()
