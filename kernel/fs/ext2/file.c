/*
 *  linux/fs/ext2/file.c
 *
 *  ext2 fs regular file handling primitives: all generic.  A read or write
 *  of an ext2 file takes no lock but i_sem (writes), so a buffer mapped
 *  from any filesystem is safe to use with it.
 */

#include <linux/time.h>
#include "ext2.h"

/*
 * We have mostly NULL's here: the current defaults are ok for
 * the ext2 filesystem.
 */
struct file_operations ext2_file_operations = {
	.llseek		= generic_file_llseek,
	.read		= generic_file_read,
	.write		= generic_file_write,
	.aio_read	= generic_file_aio_read,
	.aio_write	= generic_file_aio_write,
	.mmap		= generic_file_mmap,
	.open		= generic_file_open,
};

struct inode_operations ext2_file_inode_operations = {
	.permission	= NULL,
};
