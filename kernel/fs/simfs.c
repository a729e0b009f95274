/*
 * fs/simfs.c
 *
 * Helpers for the model's on-disk format (include/linux/simfs_fs.h): what
 * ext2, gfs2 and ocfs2 share to read superblocks, dinodes and the root
 * directory, and the mkfs/mkfile used to prepare a disk before a scenario
 * mounts it.
 */

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/simfs_fs.h>

/*
 * Read the superblock of @sb's disk and check that it was made for the
 * filesystem with @magic.
 */
int simfs_read_super(struct super_block *sb, __u32 magic,
		     struct simfs_super_block *out)
{
	struct buffer_head *bh;
	struct simfs_super_block *ssb;
	int err = 0;

	bh = sb_bread(sb, SIMFS_SUPER_BLOCK);
	if (!bh)
		return -EIO;
	ssb = (struct simfs_super_block *)bh->b_data;
	if (ssb->s_magic != magic || ssb->s_version != SIMFS_VERSION)
		err = -EINVAL;
	else
		memcpy(out, ssb, sizeof(*out));
	brelse(bh);
	return err;
}

EXPORT_SYMBOL(simfs_read_super);

int simfs_read_dinode(struct super_block *sb, unsigned long ino,
		      struct simfs_dinode *di)
{
	struct buffer_head *bh;
	struct simfs_dinode *raw;
	int err = 0;

	bh = sb_bread(sb, ino);
	if (!bh)
		return -EIO;
	raw = (struct simfs_dinode *)bh->b_data;
	if (raw->di_magic != SIMFS_DINODE_MAGIC || raw->di_ino != ino)
		err = -EIO;
	else
		memcpy(di, raw, sizeof(*di));
	brelse(bh);
	return err;
}

EXPORT_SYMBOL(simfs_read_dinode);

/*
 * Write @di in place.  (No journal: the cluster filesystems write a
 * dinode only while they hold its lock exclusively.)
 */
int simfs_write_dinode(struct super_block *sb, const struct simfs_dinode *di)
{
	struct buffer_head *bh;
	struct simfs_dinode *raw;
	int err;

	bh = sb_bread(sb, di->di_ino);
	if (!bh)
		return -EIO;
	raw = (struct simfs_dinode *)bh->b_data;
	memcpy(raw, di, sizeof(*raw));
	raw->di_version++;
	mark_buffer_dirty(bh);
	err = sync_dirty_buffer(bh);
	brelse(bh);
	return err;
}

EXPORT_SYMBOL(simfs_write_dinode);

/*
 * The inode number of @name in the directory block @dir_block, 0 if none.
 */
unsigned long simfs_find_entry(struct super_block *sb, sector_t dir_block,
			       const unsigned char *name, int len)
{
	struct buffer_head *bh;
	struct simfs_dirent *de;
	unsigned long ino = 0;
	unsigned int i;

	if (len >= SIMFS_NAME_LEN)
		return 0;
	bh = sb_bread(sb, dir_block);
	if (!bh)
		return 0;
	de = (struct simfs_dirent *)bh->b_data;
	for (i = 0; i < SIMFS_DIR_ENTRIES; i++, de++) {
		if (!de->d_ino)
			continue;
		if (!memcmp(de->d_name, name, len) && de->d_name[len] == '\0') {
			ino = de->d_ino;
			break;
		}
	}
	brelse(bh);
	return ino;
}

EXPORT_SYMBOL(simfs_find_entry);

/*
 * The disk block holding block @iblock of the file, or -ENOSPC beyond the
 * blocks reserved for it.
 */
int simfs_map_block(struct simfs_dinode *di, sector_t iblock, sector_t *block)
{
	if (iblock >= di->di_blocks)
		return -ENOSPC;
	*block = di->di_start + iblock;
	return 0;
}

EXPORT_SYMBOL(simfs_map_block);

static char *simfs_block_alloc(void)
{
	char *buf = kmalloc(SIMFS_BLOCK_SIZE, GFP_KERNEL);

	if (buf)
		memset(buf, 0, SIMFS_BLOCK_SIZE);
	return buf;
}

/*
 * Make an empty filesystem on @disk: superblock, root dinode, empty root
 * directory.  @locktable names the DLM lockspace of a cluster filesystem.
 */
int simfs_mkfs(unsigned int disk, __u32 magic, const char *label,
	       const char *locktable)
{
	struct simfs_super_block *ssb;
	struct simfs_dinode *di;
	sector_t nr = __disk_nr_blocks(disk);
	char *buf;
	int err;

	if (nr < SIMFS_FIRST_FREE_BLOCK + 1)
		return -ENOSPC;
	buf = simfs_block_alloc();
	if (!buf)
		return -ENOMEM;

	ssb = (struct simfs_super_block *)buf;
	ssb->s_magic = magic;
	ssb->s_version = SIMFS_VERSION;
	ssb->s_nr_blocks = nr;
	ssb->s_root_ino = SIMFS_ROOT_INO;
	ssb->s_dir_block = SIMFS_ROOT_DIR_BLOCK;
	ssb->s_next_free = SIMFS_FIRST_FREE_BLOCK;
	strlcpy(ssb->s_label, label ? label : "", SIMFS_LABEL_LEN);
	strlcpy(ssb->s_locktable, locktable ? locktable : "",
		SIMFS_LOCKTABLE_LEN);
	err = __disk_write(disk, SIMFS_SUPER_BLOCK, buf);
	if (err)
		goto out;

	memset(buf, 0, SIMFS_BLOCK_SIZE);
	di = (struct simfs_dinode *)buf;
	di->di_magic = SIMFS_DINODE_MAGIC;
	di->di_mode = S_IFDIR | 0755;
	di->di_ino = SIMFS_ROOT_INO;
	di->di_size = SIMFS_BLOCK_SIZE;
	di->di_start = SIMFS_ROOT_DIR_BLOCK;
	di->di_blocks = 1;
	di->di_nlink = 2;
	err = __disk_write(disk, SIMFS_ROOT_INO, buf);
	if (err)
		goto out;

	memset(buf, 0, SIMFS_BLOCK_SIZE);
	err = __disk_write(disk, SIMFS_ROOT_DIR_BLOCK, buf);
out:
	kfree(buf);
	return err;
}

/*
 * Add a regular file @name to the filesystem on @disk, with @size bytes of
 * content from @data (zeroes if @data is NULL) and room to grow to
 * @capacity_blocks blocks.  Must run before any node mounts the disk: a
 * mounted filesystem caches its directory lookups.  Returns the new inode
 * number, or an error.
 */
long simfs_mkfile(unsigned int disk, const char *name, const void *data,
		  loff_t size, unsigned long capacity_blocks)
{
	struct simfs_super_block *ssb;
	struct simfs_dinode *di;
	struct simfs_dirent *de;
	char *sbuf, *buf;
	unsigned long ino, i;
	unsigned long need = (size + SIMFS_BLOCK_SIZE - 1) >> SIMFS_BLOCK_BITS;
	long err;

	if (!name || !*name || strlen(name) >= SIMFS_NAME_LEN ||
	    strchr(name, '/') || size < 0)
		return -EINVAL;
	if (capacity_blocks < need)
		capacity_blocks = need;

	sbuf = simfs_block_alloc();
	buf = simfs_block_alloc();
	err = -ENOMEM;
	if (!sbuf || !buf)
		goto out;

	err = __disk_read(disk, SIMFS_SUPER_BLOCK, sbuf);
	if (err)
		goto out;
	ssb = (struct simfs_super_block *)sbuf;
	err = -EINVAL;
	if (ssb->s_version != SIMFS_VERSION)
		goto out;
	err = -ENOSPC;
	if (ssb->s_next_free + 1 + capacity_blocks > ssb->s_nr_blocks)
		goto out;

	/* a directory slot */
	err = __disk_read(disk, ssb->s_dir_block, buf);
	if (err)
		goto out;
	de = (struct simfs_dirent *)buf;
	for (i = 0; i < SIMFS_DIR_ENTRIES; i++) {
		if (de[i].d_ino && !strcmp(de[i].d_name, name)) {
			err = -EEXIST;
			goto out;
		}
	}
	for (i = 0; i < SIMFS_DIR_ENTRIES; i++)
		if (!de[i].d_ino)
			break;
	err = -ENOSPC;
	if (i == SIMFS_DIR_ENTRIES)
		goto out;

	ino = ssb->s_next_free;
	de[i].d_ino = ino;
	memset(de[i].d_name, 0, SIMFS_NAME_LEN);
	strlcpy(de[i].d_name, name, SIMFS_NAME_LEN);
	err = __disk_write(disk, ssb->s_dir_block, buf);
	if (err)
		goto out;

	/* the data, then the dinode */
	for (i = 0; i < capacity_blocks; i++) {
		loff_t off = (loff_t)i << SIMFS_BLOCK_BITS;

		memset(buf, 0, SIMFS_BLOCK_SIZE);
		if (data && off < size) {
			loff_t n = size - off;

			if (n > SIMFS_BLOCK_SIZE)
				n = SIMFS_BLOCK_SIZE;
			memcpy(buf, (const char *)data + off, n);
		}
		err = __disk_write(disk, ino + 1 + i, buf);
		if (err)
			goto out;
	}

	memset(buf, 0, SIMFS_BLOCK_SIZE);
	di = (struct simfs_dinode *)buf;
	di->di_magic = SIMFS_DINODE_MAGIC;
	di->di_mode = S_IFREG | 0644;
	di->di_ino = ino;
	di->di_size = size;
	di->di_start = ino + 1;
	di->di_blocks = capacity_blocks;
	di->di_nlink = 1;
	err = __disk_write(disk, ino, buf);
	if (err)
		goto out;

	ssb->s_next_free = ino + 1 + capacity_blocks;
	err = __disk_write(disk, SIMFS_SUPER_BLOCK, sbuf);
	if (!err)
		err = ino;
out:
	kfree(buf);
	kfree(sbuf);
	return err;
}
