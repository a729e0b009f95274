/*
 * The model's ext2: a local filesystem with no cluster locking at all.
 * Reads and writes go straight to the generic page cache routines, faults
 * to filemap_nopage().  It is the baseline the cluster filesystems are
 * compared with: a buffer in an ext2 mapping needs no lock ordering.
 */
#include <linux/fs.h>
#include <linux/simfs_fs.h>

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_NAME_LEN		(SIMFS_NAME_LEN - 1)

/*
 * second extended file system inode data in memory
 */
struct ext2_inode_info {
	struct simfs_dinode i_di;	/* the dinode as read from the disk */
	struct inode	vfs_inode;
};

/*
 * second extended-fs super-block data in memory
 */
struct ext2_sb_info {
	struct simfs_super_block s_es;	/* the superblock as read */
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

struct buffer_head;

/* inode.c */
extern void ext2_read_inode (struct inode *);
extern int ext2_write_inode (struct inode *, int);
extern int ext2_get_block(struct inode *inode, sector_t iblock,
			  struct buffer_head *bh_result, int create);

/* file.c */
extern struct inode_operations ext2_file_inode_operations;
extern struct file_operations ext2_file_operations;

/* inode.c */
extern struct address_space_operations ext2_aops;

/* namei.c */
extern struct inode_operations ext2_dir_inode_operations;

/* super.c */
extern int init_ext2_fs(void);
