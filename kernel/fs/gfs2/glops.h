#ifndef __GLOPS_DOT_H__
#define __GLOPS_DOT_H__

extern struct gfs2_glock_operations gfs2_inode_glops;

#endif /* __GLOPS_DOT_H__ */
