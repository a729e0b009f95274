/*
 * The model's OCFS2: a second cluster filesystem on the same DLM, with the
 * lock design of OCFS2's dlmglue (2005): two cluster locks per inode, a
 * meta lock (the dinode: size) and a data lock (the page cache), each a
 * node-level lock with local holder counts, downconverted by a per-mount
 * thread when another node's request is blocked by it (research Q6).
 *
 * Like the 2005 code in -mm without its I/O context: a read or write
 * locks its target only, and the fault handler locks the mapped file.
 */

#ifndef OCFS2_H
#define OCFS2_H

#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/dlm.h>
#include <linux/fs.h>
#include <linux/simfs_fs.h>

#define OCFS2_SUPER_MAGIC	0x7461636f

enum ocfs2_lock_type {
	OCFS2_LOCK_TYPE_META = 0,
	OCFS2_LOCK_TYPE_DATA,
	OCFS2_NUM_LOCK_TYPES
};

/* ocfs2_lock_res->l_flags flags. */
#define OCFS2_LOCK_ATTACHED      (0x00000001) /* have we initialized
					       * the lvb */
#define OCFS2_LOCK_BUSY          (0x00000002) /* we are currently in
					       * dlm_lock */
#define OCFS2_LOCK_BLOCKED       (0x00000004) /* blocked waiting to
					       * downconvert*/
#define OCFS2_LOCK_NEEDS_REFRESH (0x00000008)
#define OCFS2_LOCK_REFRESHING    (0x00000010)
#define OCFS2_LOCK_INITIALIZED   (0x00000020) /* track initialization
					       * for shutdown paths */
#define OCFS2_LOCK_QUEUED        (0x00000100) /* queued for downconvert */

enum ocfs2_ast_action {
	OCFS2_AST_INVALID = 0,
	OCFS2_AST_ATTACH,
	OCFS2_AST_DOWNCONVERT,
};

#define OCFS2_LOCK_ID_MAX_LEN  32

struct ocfs2_super;
struct ocfs2_lock_res;

struct ocfs2_lock_res_ops {
	/* write back / drop what a lower level no longer covers */
	void (*downconvert_worker)(struct ocfs2_lock_res *, int old_level,
				   int new_level);
};

struct ocfs2_lock_res {
	void                    *l_priv;	/* the inode */
	struct ocfs2_lock_res_ops *l_ops;
	struct ocfs2_super      *l_osb;
	spinlock_t               l_lock;

	struct list_head         l_blocked_list;

	enum ocfs2_lock_type     l_type;
	unsigned long		 l_flags;
	char                     l_name[OCFS2_LOCK_ID_MAX_LEN];
	int                      l_level;	/* DLM_LOCK_IV: no lock */
	unsigned int             l_ro_holders;
	unsigned int             l_ex_holders;
	struct dlm_lksb          l_lksb;

	/* used from AST/BAST funcs. */
	enum ocfs2_ast_action    l_action;
	int                      l_requested;
	int                      l_blocking;	/* mode another node wants */

	wait_queue_head_t        l_event;

	struct lockdep_map       l_dep_map;	/* model: for the checkers */
};

struct ocfs2_inode_info {
	u64			ip_blkno;	/* == i_ino: the lock number */
	struct simfs_dinode	ip_di;		/* valid under the meta lock */

	struct ocfs2_lock_res	ip_meta_lockres;
	struct ocfs2_lock_res	ip_data_lockres;

	struct inode		vfs_inode;
};

static inline struct ocfs2_inode_info *OCFS2_I(struct inode *inode)
{
	return container_of(inode, struct ocfs2_inode_info, vfs_inode);
}

struct ocfs2_super {
	struct super_block *sb;
	struct simfs_super_block s_es;

	dlm_lockspace_t *dlm;
	char uuid_str[SIMFS_LOCKTABLE_LEN];

	/* the downconvert ("vote") thread */
	spinlock_t vote_task_lock;
	struct task_struct *vote_task;
	wait_queue_head_t vote_event;
	unsigned long vote_wake_sequence;
	unsigned long vote_work_sequence;
	int vote_exit;
	struct completion vote_done;

	struct list_head blocked_lock_list;
	unsigned long blocked_lock_count;
};

#define OCFS2_SB(sb)	    ((struct ocfs2_super *)(sb)->s_fs_info)

/* dlmglue.c */
int ocfs2_dlm_init(struct ocfs2_super *osb);
void ocfs2_dlm_shutdown(struct ocfs2_super *osb);
void ocfs2_inode_lock_res_init(struct ocfs2_lock_res *res,
			       enum ocfs2_lock_type type,
			       struct inode *inode);
int ocfs2_meta_lock(struct inode *inode, int ex);
void ocfs2_meta_unlock(struct inode *inode, int ex);
int ocfs2_data_lock(struct inode *inode, int write);
void ocfs2_data_unlock(struct inode *inode, int write);
void ocfs2_drop_inode_locks(struct inode *inode);

/* inode.c */
struct inode *ocfs2_iget(struct super_block *sb, u64 blkno);
void ocfs2_refresh_inode(struct inode *inode);
extern struct inode_operations ocfs2_file_iops;

/* file.c */
extern struct file_operations ocfs2_fops;

/* aops.c */
extern struct address_space_operations ocfs2_aops;

/* mmap.c */
int ocfs2_mmap(struct file *file, struct vm_area_struct *vma);

/* namei.c */
extern struct inode_operations ocfs2_dir_iops;

/* super.c */
int init_ocfs2_fs(void);

#endif /* OCFS2_H */
