# Our code builds warning-free; third-party code is compiled without our warning flags.
function(quarry_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion
    $<$<BOOL:${QUARRY_WERROR}>:-Werror>)
endfunction()
