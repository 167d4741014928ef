# Our code builds warning-free; third-party code is compiled without our warning flags.
# GCC 12's -Wrestrict misfires on std::string concatenation at -O2 and above (GCC bug 105329,
# "accessing 9223372036854775810 or more bytes"): it is off for GCC until a fixed compiler is used.
function(quarry_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
    $<$<BOOL:${QUARRY_WERROR}>:-Werror>)
endfunction()
