#ifndef __LM_DOT_H__
#define __LM_DOT_H__

int gfs2_lm_mount(struct gfs2_sbd *sdp, int silent);
void gfs2_lm_unmount(struct gfs2_sbd *sdp);
int gfs2_lm_get_lock(struct gfs2_sbd *sdp, struct lm_lockname *name,
		     struct lockdep_map *dep_map, void **lockp);
void gfs2_lm_put_lock(struct gfs2_sbd *sdp, void *lock);
unsigned int gfs2_lm_lock(struct gfs2_sbd *sdp, void *lock,
			 unsigned int cur_state, unsigned int req_state,
			 unsigned int flags);
unsigned int gfs2_lm_unlock(struct gfs2_sbd *sdp, void *lock,
			   unsigned int cur_state);

#endif /* __LM_DOT_H__ */
