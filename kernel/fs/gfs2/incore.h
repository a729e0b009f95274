/*
 * In-core structures of the model's GFS2, after the 2005 out-of-tree GFS2
 * (ClusterLabs/resource-agents gfs2-kernel, Aug 2005): only the glock,
 * inode and superblock parts the model needs.
 */

#ifndef __INCORE_DOT_H__
#define __INCORE_DOT_H__

#include <linux/lockdep.h>
#include <linux/completion.h>
#include <linux/dlm.h>
#include <linux/simfs_fs.h>

#define DIO_START	0x00000001
#define DIO_WAIT	0x00000002
#define DIO_METADATA	0x00000004
#define DIO_DATA	0x00000008
#define DIO_RELEASE	0x00000010
#define DIO_ALL		0x00000020

struct gfs2_glock;
struct gfs2_holder;
struct gfs2_inode;
struct gfs2_file;
struct gfs2_sbd;

typedef void (*gfs2_glop_bh_t) (struct gfs2_glock *gl, unsigned int ret);

/*
 * Structure of operations that are associated with each
 * type of element in the log.
 */

struct gfs2_glock_operations {
	void (*go_xmote_th) (struct gfs2_glock * gl, unsigned int state,
			     int flags);
	void (*go_xmote_bh) (struct gfs2_glock * gl);
	void (*go_drop_th) (struct gfs2_glock * gl);
	void (*go_drop_bh) (struct gfs2_glock * gl);
	void (*go_sync) (struct gfs2_glock * gl, int flags);
	void (*go_inval) (struct gfs2_glock * gl, int flags);
	int (*go_demote_ok) (struct gfs2_glock * gl);
	int (*go_lock) (struct gfs2_holder * gh);
	void (*go_unlock) (struct gfs2_holder * gh);
	void (*go_callback) (struct gfs2_glock * gl, unsigned int state);
	void (*go_greedy) (struct gfs2_glock * gl);
	int go_type;
	const char *go_name;	/* model: the lock class, for the checkers */
};

/* Actions */
#define HIF_MUTEX		0
#define HIF_PROMOTE		1
#define HIF_DEMOTE		2
#define HIF_GREEDY		3

/* States */
#define HIF_ALLOCED		4
#define HIF_DEALLOC		5
#define HIF_HOLDER		6
#define HIF_FIRST		7
#define HIF_RECURSE		8
#define HIF_ABORTED		9

/*
 * A request for a glock, or its grant.  Every task that wants a glock has
 * a holder (usually on its stack): it queues, waits on gh_wait, and while
 * it holds the glock the holder is on gl_holders.
 */
struct gfs2_holder {
	struct list_head gh_list;

	struct gfs2_glock *gh_gl;
	struct task_struct *gh_owner;	/* NULL: may not recurse */
	unsigned int gh_state;
	int gh_flags;

	int gh_error;
	unsigned long gh_iflags;
	struct completion gh_wait;
};

#define GLF_PLUG		0
#define GLF_LOCK		1
#define GLF_STICKY		2
#define GLF_PREFETCH		3
#define GLF_SYNC		4
#define GLF_DIRTY		5
#define GLF_SKIP_WAITERS2	6
#define GLF_GREEDY		7

/*
 * A glock: the node's view of one cluster lock.  gl_state is what this
 * node holds in the lock manager; the local holders share it under the
 * rules of glock.c.  gl_spin protects all of it.
 */
struct gfs2_glock {
	struct list_head gl_list;
	unsigned long gl_flags;		/* GLF_... */
	struct lm_lockname gl_name;
	atomic_t gl_count;

	spinlock_t gl_spin;

	unsigned int gl_state;
	struct list_head gl_holders;	/* granted */
	struct list_head gl_waiters1;	/* HIF_MUTEX */
	struct list_head gl_waiters2;	/* HIF_DEMOTE, HIF_GREEDY */
	struct list_head gl_waiters3;	/* HIF_PROMOTE */

	struct gfs2_glock_operations *gl_ops;

	struct gfs2_holder *gl_req_gh;	/* the request in the lock module */
	gfs2_glop_bh_t gl_req_bh;

	void *gl_lock;			/* the lock module's lock */
	uint64_t gl_vn;			/* bumped by every invalidation */
	unsigned long gl_stamp;

	void *gl_object;		/* the gfs2_inode of an inode glock */

	struct gfs2_gl_hash_bucket *gl_bucket;
	struct gfs2_sbd *gl_sbd;

	struct lockdep_map gl_dep_map;	/* model: for the lock checkers */
	char gl_strname[40];		/* model: "glock <type>/<number>" */
};

#define GIF_MIN_INIT		0
#define GIF_QD_LOCKED		1
#define GIF_PAGED		2	/* faulted in through a mapping */
#define GIF_SW_PAGED		3	/* ... a shared writable one */

struct gfs2_inum {
	uint64_t no_formal_ino;
	uint64_t no_addr;		/* the dinode's block: the lock number */
};

struct gfs2_inode {
	struct gfs2_inum i_num;

	atomic_t i_count;
	unsigned long i_flags;		/* GIF_... */

	uint64_t i_vn;			/* gl_vn when i_di was read */
	struct simfs_dinode i_di;	/* the dinode, valid under the glock */

	struct gfs2_glock *i_gl;
	struct gfs2_sbd *i_sbd;
	struct inode *i_vnode;

	spinlock_t i_lock;
	unsigned int i_greedy;
	unsigned long i_last_pfault;
};

struct gfs2_file {
	struct semaphore f_fl_mutex;
	struct gfs2_inode *f_inode;
	struct file *f_vfile;
	unsigned long f_flags;		/* GFF_... */
};

struct gfs2_gl_hash_bucket {
	spinlock_t hb_lock;		/* a rwlock in 2005 */
	struct list_head hb_list;
};

#define GFS2_GL_HASH_SHIFT	6
#define GFS2_GL_HASH_SIZE	(1 << GFS2_GL_HASH_SHIFT)
#define GFS2_GL_HASH_MASK	(GFS2_GL_HASH_SIZE - 1)

#define GFS2_LOCKNAME_LEN	64
#define GFS2_FSNAME_LEN		256

/*
 * Mount options.  ar_era picks the glock recursion rules (research Q1):
 * 2005 (default) grants a repeat request of the same or a weaker mode and
 * fails a stronger one with -EIO; 2007 BUG()s on any repeat request.
 */
struct gfs2_args {
	char ar_locktable[GFS2_LOCKNAME_LEN];	/* Name of the Lock Table */
	int ar_debug;				/* Oops on errors, not just warn */
	int ar_localcaching;
	int ar_era;				/* 2005 or 2007 recursion rules */
};

struct gfs2_tune {
	spinlock_t gt_spin;

	unsigned int gt_greedy_default;	/* 0: pfault greediness off */
	unsigned int gt_greedy_quantum;
	unsigned int gt_greedy_max;
	unsigned int gt_max_atomic_write;	/* Split big writes into this size */
};

#define SDF_JOURNAL_LIVE	0
#define SDF_SHUTDOWN		2

struct gfs2_sbd {
	struct super_block *sd_vfs;
	struct simfs_super_block sd_sb;

	unsigned long sd_flags;	/* SDF_... */

	struct gfs2_args sd_args;
	struct gfs2_tune sd_tune;

	char sd_fsname[GFS2_FSNAME_LEN];

	/* Lock Stuff */
	struct gfs2_gl_hash_bucket sd_gl_hash[GFS2_GL_HASH_SIZE];
	dlm_lockspace_t *sd_lockspace;	/* lock_dlm's lockspace */
	struct gfs2_inode *sd_root_dir;

	/* Counters */
	atomic_t sd_glock_count;
	atomic_t sd_glock_held_count;
	atomic_t sd_glock_nq_calls;
	atomic_t sd_glock_dq_calls;
	atomic_t sd_lm_lock_calls;
	atomic_t sd_lm_unlock_calls;
	atomic_t sd_lm_callbacks;
	atomic_t sd_ops_address;
	atomic_t sd_ops_file;
	atomic_t sd_ops_vm;
};

#endif /* __INCORE_DOT_H__ */
