# QUARRY_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on everything built here.
option(QUARRY_SANITIZE "Build with ASan + UBSan" OFF)
if(QUARRY_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# With libFuzzer, every object (library and dependencies, not just the fuzz targets) carries the
# coverage instrumentation, or the fuzzer is blind to the code it is meant to explore.
if(QUARRY_FUZZ_ENGINE STREQUAL "libfuzzer")
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
# QUARRY_COVERAGE=ON: gcov instrumentation for `make coverage`.
option(QUARRY_COVERAGE "Build with coverage instrumentation" OFF)
if(QUARRY_COVERAGE)
  add_compile_options(--coverage -O0)
  add_link_options(--coverage)
endif()
