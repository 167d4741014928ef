# Third-party libraries, from the pinned sources scripts/bootstrap unpacked into third_party/.
# Built here with the same flags for native and WebAssembly, so both run identical code.
foreach(dep md4c pugixml zlib)
  if(NOT EXISTS "${QUARRY_THIRD_PARTY}/${dep}")
    message(FATAL_ERROR "${QUARRY_THIRD_PARTY}/${dep} is missing: run scripts/bootstrap (make does it for you)")
  endif()
endforeach()

add_library(quarry_md4c STATIC "${QUARRY_THIRD_PARTY}/md4c/src/md4c.c")
target_include_directories(quarry_md4c SYSTEM PUBLIC $<BUILD_INTERFACE:${QUARRY_THIRD_PARTY}/md4c/src>)
target_compile_definitions(quarry_md4c PUBLIC MD4C_USE_UTF8)

add_library(quarry_pugixml STATIC "${QUARRY_THIRD_PARTY}/pugixml/src/pugixml.cpp")
target_include_directories(quarry_pugixml SYSTEM PUBLIC $<BUILD_INTERFACE:${QUARRY_THIRD_PARTY}/pugixml/src>)
# No exceptions from pugixml (errors are values); compact mode off for speed.
target_compile_definitions(quarry_pugixml PUBLIC PUGIXML_NO_EXCEPTIONS PUGIXML_NO_STL)

# deflate.c and trees.c serve the tests' ZIP writer; the library itself only inflates (the linker drops them).
set(QUARRY_ZLIB_SOURCES adler32.c crc32.c deflate.c inffast.c inflate.c inftrees.c trees.c zutil.c)
list(TRANSFORM QUARRY_ZLIB_SOURCES PREPEND "${QUARRY_THIRD_PARTY}/zlib/")
add_library(quarry_zlib STATIC ${QUARRY_ZLIB_SOURCES})
target_include_directories(quarry_zlib SYSTEM PUBLIC $<BUILD_INTERFACE:${QUARRY_THIRD_PARTY}/zlib>)
target_compile_definitions(quarry_zlib PRIVATE HAVE_UNISTD_H)

foreach(t quarry_md4c quarry_pugixml quarry_zlib)
  set_target_properties(${t} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${t} PRIVATE -w)
endforeach()

# qpdf, for the PDF extractor only.
if(QUARRY_WITH_PDF AND EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/src/formats/pdf")
  include(cmake/Qpdf.cmake)
endif()
