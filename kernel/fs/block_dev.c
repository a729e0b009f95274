/*
 *  linux/fs/block_dev.c
 *
 *  The model's block devices: /dev/simdN is disk N of the simulator,
 *  shared by every node.  A node keeps one struct block_device per disk
 *  it has opened, for as long as it runs.
 */

#include <linux/config.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/blkdev.h>
#include <linux/module.h>

static LIST_HEAD(all_bdevs);
static DEFINE_SPINLOCK(bdev_lock);

#define SIMD_PREFIX	"/dev/simd"

struct block_device *bdget(dev_t dev)
{
	struct block_device *bdev, *new;

	spin_lock(&bdev_lock);
	list_for_each_entry(bdev, &all_bdevs, bd_list) {
		if (bdev->bd_dev == dev) {
			spin_unlock(&bdev_lock);
			return bdev;
		}
	}
	spin_unlock(&bdev_lock);

	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return NULL;
	memset(new, 0, sizeof(*new));
	new->bd_dev = dev;
	new->bd_block_size = SIM_DISK_BLOCK_SIZE;

	spin_lock(&bdev_lock);
	list_for_each_entry(bdev, &all_bdevs, bd_list) {
		if (bdev->bd_dev == dev) {
			spin_unlock(&bdev_lock);
			kfree(new);
			return bdev;
		}
	}
	list_add_tail(&new->bd_list, &all_bdevs);
	spin_unlock(&bdev_lock);
	return new;
}

EXPORT_SYMBOL(bdget);

void bdput(struct block_device *bdev)
{
	/* block devices stay known to the node */
}

EXPORT_SYMBOL(bdput);

/**
 * lookup_bdev  - lookup a struct block_device by name
 *
 * @path:	special file representing the block device
 *
 * "/dev/simdN" names disk N of the simulator.
 */
struct block_device *lookup_bdev(const char *path)
{
	unsigned long disk;
	char *end;
	struct block_device *bdev;

	if (!path || strncmp(path, SIMD_PREFIX, strlen(SIMD_PREFIX)))
		return ERR_PTR(-ENOTBLK);
	path += strlen(SIMD_PREFIX);
	if (*path < '0' || *path > '9')
		return ERR_PTR(-ENOTBLK);
	disk = simple_strtoul(path, &end, 10);
	if (*end)
		return ERR_PTR(-ENOTBLK);
	if (__disk_nr_blocks(disk) == 0)
		return ERR_PTR(-ENXIO);

	bdev = bdget(disk);
	if (!bdev)
		return ERR_PTR(-ENOMEM);
	return bdev;
}

EXPORT_SYMBOL(lookup_bdev);

/**
 * open_bdev_excl  -  open a block device by name and set it up for use
 *
 * @path:	special file representing the block device
 * @flags:	%MS_RDONLY for opening read-only
 * @holder:	owner for exclusion
 *
 * Open the blockdevice described by the special file at @path.
 */
struct block_device *open_bdev_excl(const char *path, int flags, void *holder)
{
	struct block_device *bdev = lookup_bdev(path);

	if (IS_ERR(bdev))
		return bdev;
	bdev->bd_openers++;
	return bdev;
}

EXPORT_SYMBOL(open_bdev_excl);

/**
 * close_bdev_excl  -  release a blockdevice openen by open_bdev_excl()
 *
 * @bdev:	blockdevice to close
 */
void close_bdev_excl(struct block_device *bdev)
{
	bdev->bd_openers--;
}

EXPORT_SYMBOL(close_bdev_excl);

int bdev_read_block(struct block_device *bdev, sector_t block, void *buf)
{
	return __disk_read(bdev->bd_dev, block, buf);
}

int bdev_write_block(struct block_device *bdev, sector_t block,
		     const void *buf)
{
	return __disk_write(bdev->bd_dev, block, buf);
}
