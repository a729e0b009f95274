/*
 * fs/gfs2/util.c
 *
 * Assertions and a sort.  Warnings are not rate limited in the model.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/buffer_head.h>
#include <asm/semaphore.h>
#include <asm/uaccess.h>

#include "gfs2.h"
#include "glock.h"

/**
 * gfs2_assert_i - Cause the machine to panic if @assertion is false
 * @sdp:
 * @assertion:
 * @function:
 * @file:
 * @line:
 *
 */

int gfs2_assert_i(struct gfs2_sbd *sdp, char *assertion,
		  char *file, unsigned int line)
{
	printk(KERN_EMERG "GFS2: fsid=%s: fatal: assertion \"%s\" failed\n"
	       "GFS2: fsid=%s:   file = %s, line = %u\n",
	       sdp->sd_fsname, assertion, sdp->sd_fsname, file, line);
	BUG();
	return -1;
}

/**
 * gfs2_assert_withdraw_i - Cause the machine to withdraw if @assertion is false
 * @sdp:
 * @assertion:
 * @function:
 * @file:
 * @line:
 *
 * Returns: -1 if this call withdrew the machine,
 *          -2 if it was already withdrawn
 */

int gfs2_assert_withdraw_i(struct gfs2_sbd *sdp, char *assertion,
			   char *file, unsigned int line)
{
	if (test_and_set_bit(SDF_SHUTDOWN, &sdp->sd_flags))
		return -2;

	printk(KERN_ERR "GFS2: fsid=%s: fatal: assertion \"%s\" failed\n"
	       "GFS2: fsid=%s:   file = %s, line = %u\n"
	       "GFS2: fsid=%s: about to withdraw from the cluster\n",
	       sdp->sd_fsname, assertion, sdp->sd_fsname, file, line,
	       sdp->sd_fsname);
	dump_stack();

	if (sdp->sd_args.ar_debug)
		BUG();

	return -1;
}

/**
 * gfs2_assert_warn_i - Print a message to the console if @assertion is false
 * @sdp:
 * @assertion:
 * @function:
 * @file:
 * @line:
 *
 * Returns: -1 if we printed something
 *          -2 if we didn't
 */

int gfs2_assert_warn_i(struct gfs2_sbd *sdp, char *assertion,
		       char *file, unsigned int line)
{
	printk(KERN_WARNING "GFS2: fsid=%s: warning: assertion \"%s\" failed\n"
	       "GFS2: fsid=%s:   file = %s, line = %u\n",
	       sdp->sd_fsname, assertion, sdp->sd_fsname, file, line);
	dump_stack();

	if (sdp->sd_args.ar_debug)
		BUG();

	return -1;
}

/**
 * gfs2_io_error_i - Flag an I/O error and withdraw
 * @sdp:
 * @function:
 * @file:
 * @line:
 *
 * Returns: -1 if this call withdrew the machine,
 *          0 if it was already withdrawn
 */

int gfs2_io_error_i(struct gfs2_sbd *sdp, char *file, unsigned int line)
{
	printk(KERN_ERR "GFS2: fsid=%s: fatal: I/O error\n"
	       "GFS2: fsid=%s:   file = %s, line = %u\n",
	       sdp->sd_fsname, sdp->sd_fsname, file, line);
	return -1;
}

/**
 * gfs2_sort - Sort base array using insertion sort, stable.
 * @base: A pointer to the array to sort
 * @num_elem: The number of elements in the array
 * @size: The size of each element (at most 16 bytes)
 * @compar: Compare function
 *
 * The arrays sorted here are a handful of holders long.
 */

void gfs2_sort(void *base, unsigned int num_elem, unsigned int size,
	       int (*compar) (const void *, const void *))
{
	char *pb = (char *)base;
	char tmp[16];
	unsigned int i, j;

	BUG_ON(size > sizeof(tmp));

	for (i = 1; i < num_elem; i++) {
		memcpy(tmp, pb + i * size, size);
		j = i;
		while (j > 0 && compar(pb + (j - 1) * size, tmp) > 0) {
			memcpy(pb + j * size, pb + (j - 1) * size, size);
			j--;
		}
		memcpy(pb + j * size, tmp, size);
	}
}
