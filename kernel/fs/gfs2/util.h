#ifndef __UTIL_DOT_H__
#define __UTIL_DOT_H__

/*
 * Assertions.  gfs2_assert_warn() is an expression: 0 when the assertion
 * holds, else it prints a warning (or BUG()s with the "debug" mount
 * option, as util.c does in 2005) and yields -1.
 */

int gfs2_assert_i(struct gfs2_sbd *sdp, char *assertion,
		  char *file, unsigned int line);

#define gfs2_assert(sdp, assertion, todo) \
do { \
	if (unlikely(!(assertion))) { \
		gfs2_assert_i((sdp), #assertion, __FILE__, __LINE__); \
		todo \
	} \
} while (0)

int gfs2_assert_withdraw_i(struct gfs2_sbd *sdp, char *assertion,
			   char *file, unsigned int line);

#define gfs2_assert_withdraw(sdp, assertion) \
((likely(assertion)) ? 0 : gfs2_assert_withdraw_i((sdp), #assertion, \
						  __FILE__, __LINE__))

int gfs2_assert_warn_i(struct gfs2_sbd *sdp, char *assertion,
		       char *file, unsigned int line);

#define gfs2_assert_warn(sdp, assertion) \
((likely(assertion)) ? 0 : gfs2_assert_warn_i((sdp), #assertion, \
					      __FILE__, __LINE__))

int gfs2_io_error_i(struct gfs2_sbd *sdp, char *file, unsigned int line);

#define gfs2_io_error(sdp) \
gfs2_io_error_i((sdp), __FILE__, __LINE__);

void gfs2_sort(void *base, unsigned int num_elem, unsigned int size,
	       int (*compar) (const void *, const void *));

#endif /* __UTIL_DOT_H__ */
