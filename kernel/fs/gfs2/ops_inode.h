#ifndef __OPS_INODE_DOT_H__
#define __OPS_INODE_DOT_H__

extern struct inode_operations gfs2_file_iops;
extern struct inode_operations gfs2_dir_iops;

#endif /* __OPS_INODE_DOT_H__ */
