# qpdf (Apache-2.0): the PDF object model, xref repair, object streams, stream filters and
# decryption under our PDF text layer. Built from the pinned, Debian-patched source by this file —
# not by qpdf's own CMake — with exactly what text extraction needs:
#   - the native crypto provider only (no gnutls/openssl);
#   - our quarry_zlib for Flate (deflate is added to it: qpdf's Pl_Flate references both directions);
#   - no libjpeg: qpdf's DCTDecode filter (SF_DCTDecode.hh, the only user of Pl_DCT/libjpeg and of
#     setjmp) is replaced by our src/formats/pdf/qpdf_shim/qpdf/SF_DCTDecode.hh, found first on the
#     include path, whose pipeline throws; Pl_DCT.cc is not compiled. Text extraction never decodes
#     images, so nothing reaches it; a caller that did would get a qpdf exception, not a crash.
#   - no QPDFJob (the qpdf command line) and no C API.
# qpdf throws C++ exceptions: this library and the PDF extractor are compiled with exceptions (in
# WebAssembly: -fwasm-exceptions for every object of the pdf/full modules).
set(QUARRY_QPDF_DIR "${QUARRY_THIRD_PARTY}/qpdf")
if(NOT EXISTS "${QUARRY_QPDF_DIR}/libqpdf/QPDF.cc")
  message(FATAL_ERROR "${QUARRY_QPDF_DIR} is missing: run scripts/bootstrap (make does it for you)")
endif()

set(QUARRY_QPDF_SOURCES
  # crypto, native provider
  AES_PDF_native.cc MD5_native.cc QPDFCrypto_native.cc RC4_native.cc SHA2_native.cc rijndael.cc
  sha2.c sha2big.c
  # the library proper, less Pl_DCT, QPDFJob*, QPDFArgParser and the C API
  BitStream.cc BitWriter.cc Buffer.cc BufferInputSource.cc ClosedFileInputSource.cc
  ContentNormalizer.cc CryptoRandomDataProvider.cc FileInputSource.cc InputSource.cc
  InsecureRandomDataProvider.cc JSON.cc JSONHandler.cc MD5.cc NNTree.cc OffsetInputSource.cc
  PDFVersion.cc Pipeline.cc Pl_AES_PDF.cc Pl_ASCII85Decoder.cc Pl_ASCIIHexDecoder.cc Pl_Base64.cc
  Pl_Buffer.cc Pl_Concatenate.cc Pl_Count.cc Pl_Discard.cc Pl_Flate.cc Pl_Function.cc
  Pl_LZWDecoder.cc Pl_MD5.cc Pl_OStream.cc Pl_PNGFilter.cc Pl_QPDFTokenizer.cc Pl_RC4.cc
  Pl_RunLength.cc Pl_SHA2.cc Pl_StdioFile.cc Pl_String.cc Pl_TIFFPredictor.cc QPDF.cc
  QPDFAcroFormDocumentHelper.cc QPDFAnnotationObjectHelper.cc QPDFCryptoProvider.cc
  QPDFDocumentHelper.cc QPDFEFStreamObjectHelper.cc QPDFEmbeddedFileDocumentHelper.cc QPDFExc.cc
  QPDFFileSpecObjectHelper.cc QPDFFormFieldObjectHelper.cc QPDFLogger.cc QPDFMatrix.cc
  QPDFNameTreeObjectHelper.cc QPDFNumberTreeObjectHelper.cc QPDFObject.cc QPDFObjectHandle.cc
  QPDFObjectHelper.cc QPDFObjGen.cc QPDFOutlineDocumentHelper.cc QPDFOutlineObjectHelper.cc
  QPDFPageDocumentHelper.cc QPDFPageLabelDocumentHelper.cc QPDFPageObjectHelper.cc QPDFParser.cc
  QPDFStreamFilter.cc QPDFSystemError.cc QPDFTokenizer.cc QPDFUsage.cc QPDFValue.cc QPDFWriter.cc
  QPDFXRefEntry.cc QPDF_Array.cc QPDF_Bool.cc QPDF_Destroyed.cc QPDF_Dictionary.cc
  QPDF_InlineImage.cc QPDF_Integer.cc QPDF_Name.cc QPDF_Null.cc QPDF_Operator.cc QPDF_Real.cc
  QPDF_Reserved.cc QPDF_Stream.cc QPDF_String.cc QPDF_Unresolved.cc QPDF_encryption.cc QPDF_json.cc
  QPDF_linearization.cc QPDF_optimization.cc QPDF_pages.cc QTC.cc QUtil.cc RC4.cc
  ResourceFinder.cc SecureRandomDataProvider.cc SF_FlateLzwDecode.cc SparseOHArray.cc)
list(TRANSFORM QUARRY_QPDF_SOURCES PREPEND "${QUARRY_QPDF_DIR}/libqpdf/")

# The configuration header qpdf's own build would write (qpdf/qpdf-config.h), for the platforms we
# build on: glibc natively and Emscripten's musl. qpdf wants random bytes for AES initialisation
# vectors, which only matter when writing encrypted files (we never do; reading AES streams takes
# the IV from the data, yet qpdf fills its buffer first). Natively that is /dev/urandom; a
# WebAssembly module has no file system, so there qpdf's insecure (rand-based) provider is used.
math(EXPR _qpdf_size_t "${CMAKE_SIZEOF_VOID_P}")
if(EMSCRIPTEN)
  set(_qpdf_random "#define USE_INSECURE_RANDOM 1\n#define SKIP_OS_SECURE_RANDOM 1")
else()
  set(_qpdf_random "#define RANDOM_DEVICE \"/dev/urandom\"")
endif()
set(QUARRY_QPDF_CONFIG_DIR "${CMAKE_BINARY_DIR}/qpdf-config")
file(CONFIGURE OUTPUT "${QUARRY_QPDF_CONFIG_DIR}/qpdf/qpdf-config.h" CONTENT [[
/* qpdf configuration for Quarry (written by cmake/Qpdf.cmake) */
#define DEFAULT_CRYPTO "native"
#define USE_CRYPTO_NATIVE 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_EXTERN_LONG_TIMEZONE 1
#define HAVE_FSEEKO 1
#define HAVE_LOCALTIME_R 1
#define HAVE_RANDOM 1
#define HAVE_TM_GMTOFF 1
@_qpdf_random@
#define SIZEOF_SIZE_T @_qpdf_size_t@
]] @ONLY)

# What pkg-config consumers link after -lquarry when the PDF extractor is in (cmake/quarry.pc.in).
set(QUARRY_PC_EXTRA_LIBS "-lquarry_qpdf")

# Pl_Flate calls deflate as well as inflate: quarry_zlib has both (cmake/Dependencies.cmake).

add_library(quarry_qpdf STATIC ${QUARRY_QPDF_SOURCES})
target_include_directories(quarry_qpdf BEFORE PRIVATE
  "${CMAKE_CURRENT_SOURCE_DIR}/src/formats/pdf/qpdf_shim"
  "${QUARRY_QPDF_CONFIG_DIR}"
  "${QUARRY_QPDF_DIR}/libqpdf")
target_include_directories(quarry_qpdf SYSTEM PUBLIC $<BUILD_INTERFACE:${QUARRY_QPDF_DIR}/include>)
# POINTERHOLDER_TRANSITION=4: qpdf's headers without the deprecated PointerHolder.
target_compile_definitions(quarry_qpdf PUBLIC POINTERHOLDER_TRANSITION=4)
target_link_libraries(quarry_qpdf PRIVATE quarry_zlib)
set_target_properties(quarry_qpdf PROPERTIES CXX_STANDARD 17 POSITION_INDEPENDENT_CODE ON)
target_compile_options(quarry_qpdf PRIVATE -w)

# The quarry target is defined after this file runs: link it at the end of the top directory, when
# the top CMakeLists has decided QUARRY_HAS_PDF (QUARRY_WITH_PDF and src/formats/pdf exists).
# It also gets the PDF text layer's data tables, generated from files Debian ships (see
# tools/gen_pdf_tables.py: the Adobe Glyph List from libgs10-common, the standard 14 fonts' metrics
# from fonts-urw-base35).
function(quarry_link_qpdf)
  if(QUARRY_HAS_PDF AND TARGET quarry)
    target_link_libraries(quarry PRIVATE quarry_qpdf)
    add_custom_command(
      OUTPUT "${QUARRY_GENERATED}/pdf_tables.inc"
      COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tools/gen_pdf_tables.py" "${QUARRY_GENERATED}/pdf_tables.inc"
      DEPENDS "${CMAKE_SOURCE_DIR}/tools/gen_pdf_tables.py"
      COMMENT "Generating the PDF glyph, encoding and font metric tables")
    target_sources(quarry PRIVATE "${QUARRY_GENERATED}/pdf_tables.inc")
    if(NOT EMSCRIPTEN)
      install(TARGETS quarry_qpdf EXPORT quarryTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    endif()
  endif()
endfunction()
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL quarry_link_qpdf)
