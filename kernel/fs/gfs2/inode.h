#ifndef __INODE_DOT_H__
#define __INODE_DOT_H__

int gfs2_inode_get(struct gfs2_glock *i_gl, struct gfs2_inum *inum,
		   int create, struct gfs2_inode **ipp);
void gfs2_inode_hold(struct gfs2_inode *ip);
void gfs2_inode_put(struct gfs2_inode *ip);
void gfs2_inode_destroy(struct gfs2_inode *ip);

int gfs2_inode_refresh(struct gfs2_inode *ip);
void gfs2_inode_attr_in(struct gfs2_inode *ip);
void gfs2_sync_dinode(struct gfs2_glock *gl);

struct inode *gfs2_iget(struct super_block *sb, unsigned long ino);
struct inode *gfs2_iget_ip(struct gfs2_inode *ip);

int gfs2_glock_nq_atime(struct gfs2_holder *gh);
int gfs2_glock_nq_m_atime(unsigned int num_gh, struct gfs2_holder *ghs);

#endif /* __INODE_DOT_H__ */
