/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fileio.h - whole reads at an offset, shared by the key log follower and the
 * pcapng secrets reader. */
#ifndef TLSI_FILEIO_H
#define TLSI_FILEIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read up to n bytes at off, retrying short reads and EINTR: the bytes read
 * (less than n only at end of file), or -1 on an error. */
ssize_t tlsi_pread_full(int fd, void *buf, size_t n, uint64_t off);

#endif
