# The WebAssembly build (emcmake cmake): one standalone .wasm with no Emscripten JS glue; wasm/digits.js
# loads it. Every flag is here on purpose:
# -O2 instead of Release's -O3, for compiling and for the link-time wasm-opt pass: as fast here, 10%
# smaller. (-Os is smaller still but leaves Eigen's and the kernels' small helpers out of line: 13 times
# slower. Even the stages that only find and group ink, compiled -Os, saved 2 KB gzip and cost 18% of a
# one-digit stroke end: 0.36 against 0.30 ms in Node, most of it in finding the connected components.)
string(REPLACE "-O3" "-O2" CMAKE_CXX_FLAGS_RELEASE "${CMAKE_CXX_FLAGS_RELEASE}")
set(WASM_COMPILE_FLAGS
  -msimd128        # 128-bit SIMD: Chromium, Firefox, Safari and Node all run it
  # Float to int conversions that saturate instead of trapping (every engine with SIMD has them): one
  # instruction each, where trapping ones need a range check and a branch around them.
  -mnontrapping-fptoint
  -fno-exceptions  # the core reports errors by status, so no unwinding tables
  -fno-rtti)       # no dynamic_cast or typeid anywhere: smaller binary
set(WASM_LINK_FLAGS
  -sSTANDALONE_WASM=1      # a module that needs no generated JS: our 100-line loader is the glue
  --no-entry               # a library, not a program: no main()
  -sFILESYSTEM=0           # the weights are compiled in; nothing is read from files
  -sDYNAMIC_EXECUTION=0    # no eval or new Function anywhere (CSP without 'unsafe-eval')
  -sALLOW_MEMORY_GROWTH=1  # a large canvas may need more than the initial memory
  -sINITIAL_MEMORY=4MB     # enough for a full-HD canvas without growing
  -sMAXIMUM_MEMORY=512MB   # the core's limits keep the largest canvas well below this
  -sTOTAL_STACK=256KB      # the core keeps its buffers on the heap
  -sMALLOC=emmalloc        # small allocator; allocations are few and large
  # wasm-opt inlines every function that has a single caller, however large, which turned the pipeline
  # into a few giant functions. V8 optimizes a wasm function only after it has run a while, in the
  # background, in time superlinear in its size, and uses the result from the function's next call: giant
  # functions called once per reading ran unoptimized for dozens of readings, and their compiles took the
  # CPU from the readings. Only small single-caller functions are inlined now (LLVM has already inlined
  # what is hot within each file); the pipeline stages and the per-row kernels stay functions of their own.
  -sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=50
  "-sEXPORTED_FUNCTIONS=_digits_create,_digits_destroy,_digits_status,_digits_alloc,_digits_free,_digits_recognize,_digits_text"
  -Wl,--gc-sections)
target_compile_options(digits_preprocess PUBLIC ${WASM_COMPILE_FLAGS})

set(DIST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/dist)
add_executable(digits_wasm wasm/binding.cpp)
target_link_libraries(digits_wasm PRIVATE digits_core)
target_link_options(digits_wasm PRIVATE ${WASM_LINK_FLAGS})
set_target_properties(digits_wasm PROPERTIES OUTPUT_NAME digits SUFFIX .wasm RUNTIME_OUTPUT_DIRECTORY ${DIST_DIR})
