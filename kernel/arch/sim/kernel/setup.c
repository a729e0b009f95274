/*
 *  linux/arch/sim/kernel/setup.c
 *
 *  Node and disk setup entry points of the simulator (ENTRY.md, "Setup").
 *  All of them run as the node's init_task.
 */

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/blkdev.h>
#include <linux/simfs_fs.h>
#include <linux/module.h>
#include <linux/err.h>

#define EXT2_SUPER_MAGIC	0xEF53
#define GFS2_MAGIC		0x01161970
#define OCFS2_SUPER_MAGIC	0x7461636f

static long disk_of(const char *dev_name)
{
	struct block_device *bdev = lookup_bdev(dev_name);

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	return bdev->bd_dev;
}

/**
 * sim_mkfs - make an empty filesystem on a disk
 * @fstype: "ext2", "gfs2" or "ocfs2"
 * @dev_name: "/dev/simdN"
 * @label: a label, or NULL
 * @locktable: for gfs2 and ocfs2, the DLM lockspace every node that mounts
 *	the disk will join; NULL means "sim:<dev_name>"
 *
 * Returns: 0 or -errno.
 */
long sim_mkfs(const char *fstype, const char *dev_name, const char *label,
	      const char *locktable)
{
	char table[SIMFS_LOCKTABLE_LEN];
	__u32 magic;
	long disk;

	if (!strcmp(fstype, "ext2"))
		magic = EXT2_SUPER_MAGIC;
	else if (!strcmp(fstype, "gfs2"))
		magic = GFS2_MAGIC;
	else if (!strcmp(fstype, "ocfs2"))
		magic = OCFS2_SUPER_MAGIC;
	else
		return -ENODEV;

	disk = disk_of(dev_name);
	if (disk < 0)
		return disk;

	if (locktable)
		strlcpy(table, locktable, sizeof(table));
	else
		snprintf(table, sizeof(table), "sim:%s", dev_name);

	return simfs_mkfs(disk, magic, label, table);
}

/**
 * sim_mkfile - add a file to a filesystem made by sim_mkfs()
 * @dev_name: "/dev/simdN"
 * @name: the file's name in the root directory
 * @data: @size bytes of content in kernel memory, or NULL for zeroes
 * @size: the file's size
 * @capacity: how large the file may grow, in bytes (at least @size)
 *
 * Call before any node mounts the disk.
 *
 * Returns: the inode number (which is also the cluster lock number) or
 * -errno.
 */
long sim_mkfile(const char *dev_name, const char *name, const void *data,
		loff_t size, loff_t capacity)
{
	long disk = disk_of(dev_name);
	unsigned long blocks;

	if (disk < 0)
		return disk;
	if (capacity < size)
		capacity = size;
	blocks = (capacity + SIMFS_BLOCK_SIZE - 1) >> SIMFS_BLOCK_BITS;
	return simfs_mkfile(disk, name, data, size, blocks);
}

/**
 * sim_mount - mount a filesystem on this node
 * @fstype: "ext2", "gfs2" or "ocfs2"
 * @dev_name: "/dev/simdN"
 * @dir_name: the mount point, an absolute path such as "/mnt/gfs2"
 * @data: mount options (gfs2: "locktable=...,debug,era=2007"), or NULL
 *
 * Returns: 0 or -errno.
 */
long sim_mount(const char *fstype, const char *dev_name, const char *dir_name,
	       const char *data)
{
	return do_mount((char *)dev_name, (char *)dir_name, (char *)fstype, 0,
			(void *)data);
}

/**
 * sim_umount - unmount what is mounted on @dir_name on this node
 *
 * Returns: 0, -EBUSY while files on it are open or mapped, or -EINVAL.
 */
long sim_umount(const char *dir_name)
{
	return do_umount_path(dir_name);
}
