import CMimalloc

/// mika runs on mimalloc: linking it replaces malloc and free for the whole process (Swift strings, arrays,
/// cmark-gfm, libxml2). A build makes millions of small allocations, and glibc's allocator took about a tenth of
/// its time. Naming the library's version keeps the linker from dropping it as unused.
let allocatorVersion = Int(mi_version())
