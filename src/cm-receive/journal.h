/* TEMPORARY shim until wt-journal's src/lib/journal.h is merged. */
#ifndef SHIM_JOURNAL_H
#define SHIM_JOURNAL_H
#include <sys/types.h>
#include "msg.h"
#include "enc.h"
struct cm_journal { char *path; int fd; off_t size; int created; };
char *cm_journal_sibling(const char *path, const char *ext);
int cm_journal_open(struct cm_journal *j, const char *path, int create, mode_t mode, struct cm_error *err);
int cm_journal_append(struct cm_journal *j, const void *buf, size_t len, struct cm_error *err);
int cm_journal_cut(struct cm_journal *j, off_t size, struct cm_error *err);
void cm_journal_close(struct cm_journal *j);
int cm_journal_open_read(const char *path, struct cm_error *err);
struct cm_in *cm_in_open_fd(int fd, const char *name, const char *enc, off_t limit, struct cm_error *err);
int cm_lock(const char *path, double timeout, struct cm_error *err);
void cm_unlock(int fd);
#endif
