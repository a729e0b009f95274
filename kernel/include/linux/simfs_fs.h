#ifndef _LINUX_SIMFS_FS_H
#define _LINUX_SIMFS_FS_H

/*
 * The on-disk format shared by the model's filesystems (ext2, gfs2,
 * ocfs2).  It is not what the model is about, so it is as small as a
 * format can be, but it keeps the one property the locking depends on:
 * an inode's number is the disk block of its dinode, and that number is
 * the cluster lock number (GFS2's ln_number, OCFS2's ip_blkno) -- so lock
 * order by number is lock order by disk address.
 *
 *  block 0		superblock (struct simfs_super_block)
 *  block 1		the root directory's dinode (inode number 1)
 *  block 2		the root directory's entries (struct simfs_dirent[])
 *  then, per file	its dinode, followed by its data blocks
 *
 * A file's data blocks are reserved when the file is made (di_blocks of
 * them from di_start); the file can grow up to that size and no further.
 * All fields are in the byte order of the simulator.
 */

#include <linux/types.h>

#define SIMFS_BLOCK_SIZE	4096
#define SIMFS_BLOCK_BITS	12

#define SIMFS_VERSION		1
#define SIMFS_DINODE_MAGIC	0x51F5D1A0

#define SIMFS_SUPER_BLOCK	0
#define SIMFS_ROOT_INO		1
#define SIMFS_ROOT_DIR_BLOCK	2
#define SIMFS_FIRST_FREE_BLOCK	3

#define SIMFS_NAME_LEN		56
#define SIMFS_LABEL_LEN		32
#define SIMFS_LOCKTABLE_LEN	64

struct simfs_super_block {
	__u32	s_magic;		/* which filesystem (EXT2_SUPER_MAGIC...) */
	__u32	s_version;
	__u64	s_nr_blocks;		/* size of the disk */
	__u64	s_root_ino;		/* dinode block of the root directory */
	__u64	s_dir_block;		/* entries of the root directory */
	__u64	s_next_free;		/* first block never allocated */
	char	s_label[SIMFS_LABEL_LEN];
	char	s_locktable[SIMFS_LOCKTABLE_LEN];	/* cluster fs: DLM lockspace */
};

struct simfs_dinode {
	__u32	di_magic;
	__u32	di_mode;
	__u64	di_ino;			/* == the block this dinode is in */
	__u64	di_size;		/* bytes */
	__u64	di_start;		/* first data block */
	__u64	di_blocks;		/* data blocks reserved */
	__u64	di_version;		/* bumped by every write of the dinode */
	__u32	di_nlink;
	__u32	di_flags;
};

struct simfs_dirent {
	__u64	d_ino;			/* 0: free slot */
	char	d_name[SIMFS_NAME_LEN];	/* NUL padded */
};

#define SIMFS_DIR_ENTRIES	(SIMFS_BLOCK_SIZE / sizeof(struct simfs_dirent))


struct super_block;
struct buffer_head;

/* fs/simfs.c: for the filesystems */
extern int simfs_read_super(struct super_block *sb, __u32 magic,
			    struct simfs_super_block *out);
extern int simfs_read_dinode(struct super_block *sb, unsigned long ino,
			     struct simfs_dinode *di);
extern int simfs_write_dinode(struct super_block *sb,
			      const struct simfs_dinode *di);
extern unsigned long simfs_find_entry(struct super_block *sb,
				      sector_t dir_block,
				      const unsigned char *name, int len);
extern int simfs_map_block(struct simfs_dinode *di, sector_t iblock,
			   sector_t *block);

/* fs/simfs.c: for mkfs (arch/sim/kernel/setup.c) */
extern int simfs_mkfs(unsigned int disk, __u32 magic, const char *label,
		      const char *locktable);
extern long simfs_mkfile(unsigned int disk, const char *name,
			 const void *data, loff_t size,
			 unsigned long capacity_blocks);

#endif /* _LINUX_SIMFS_FS_H */
