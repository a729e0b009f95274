#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

/*
 * The model's block layer: disks of the simulator, shared by all nodes.
 *
 * A disk is an array of SIM_DISK_BLOCK_SIZE byte blocks; a node sees disk
 * N as /dev/simdN.  Reads and writes are synchronous and whole-block; what
 * one node writes, every node reads.  There is no request queue and no
 * disk cache.  See BUILTINS.md, "Disks".
 */
#include <linux/types.h>

#define SIM_DISK_BLOCK_SIZE	4096
#define SIM_DISK_BLOCK_BITS	12

struct block_device;

/* Builtins.  0 on success, -EIO for a block or disk that does not exist. */
int __disk_read(unsigned int disk, sector_t block, void *buf);
int __disk_write(unsigned int disk, sector_t block, const void *buf);
/* Number of blocks of disk @disk, 0 if there is no such disk. */
sector_t __disk_nr_blocks(unsigned int disk);

/* fs/block_dev.c */
extern struct block_device *lookup_bdev(const char *path);
extern struct block_device *bdget(dev_t dev);
extern void bdput(struct block_device *bdev);
extern struct block_device *open_bdev_excl(const char *path, int flags,
					   void *holder);
extern void close_bdev_excl(struct block_device *bdev);
extern int bdev_read_block(struct block_device *bdev, sector_t block,
			   void *buf);
extern int bdev_write_block(struct block_device *bdev, sector_t block,
			    const void *buf);

#endif
