// mimalloc (Debian libmimalloc-dev) replaces malloc and free for the whole process once it is loaded.
#include <mimalloc.h>
