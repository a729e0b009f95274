#ifndef __PAGE_DOT_H__
#define __PAGE_DOT_H__

void gfs2_inval_pte(struct gfs2_glock *gl);
void gfs2_inval_page(struct gfs2_glock *gl);
void gfs2_sync_page_i(struct inode *inode, int flags);
void gfs2_sync_page(struct gfs2_glock *gl, int flags);

#endif /* __PAGE_DOT_H__ */
