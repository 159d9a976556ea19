# Writes a C++ source defining `alignas(16) const uint8_t <SYMBOL>[]` with the bytes of INPUT and
# `<SYMBOL>Size`, in namespace digits. Run as: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P embed_file.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed_file.cmake. Do not edit.\n"
  "#include <cstddef>\n#include <cstdint>\n\nnamespace digits {\n\n"
  "alignas(16) extern const uint8_t ${SYMBOL}[] = {\n  ${bytes}\n};\n"
  "extern const size_t ${SYMBOL}Size = ${size};\n\n}  // namespace digits\n")
