#ifndef MIKA_SUPPORT_H
#define MIKA_SUPPORT_H
/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno set.
int mika_rename_exchange(const char *first, const char *second);
#endif
