/**
 * Where the builtins find things in the C structs they are given (LP64: pointers and longs are 8 bytes). These
 * follow the struct definitions in kernel/include; the kernel tests boot the tree and would fail if one moved.
 */
export const PAGE_SIZE = 4096;
export const PAGE_MASK = PAGE_SIZE - 1;

/** spinlock_t { int slock; const char *name; } */
export const SPINLOCK_NAME = 8;
/** struct rw_semaphore { long activity; const char *name; } */
export const RWSEM_ACTIVITY = 0;
export const RWSEM_NAME = 8;
/** struct semaphore { int count; const char *name; } */
export const SEM_COUNT = 0;
export const SEM_NAME = 8;
/** wait_queue_head_t { const char *name; struct list_head task_list; } */
export const WQH_NAME = 0;
/** wait_queue_t { unsigned int flags; struct task_struct *task; struct list_head task_list; } */
export const WQ_FLAGS = 0;
export const WQ_TASK = 8;
/** struct lockdep_map { const char *name; const char *class_name; } */
export const LDM_NAME = 0;
export const LDM_CLASS = 8;
/** struct dlm_lksb { int sb_status; uint32_t sb_lkid; char sb_flags; char *sb_lvbptr; struct lockdep_map *sb_dep_map; } */
export const LKSB_STATUS = 0;
export const LKSB_LKID = 4;
export const LKSB_DEP_MAP = 24;
/** struct dlm_ast_rec { void (*ast)(void *); void (*bast)(void *, int); void *astarg; int mode; } */
export const ASTREC_AST = 0;
export const ASTREC_BAST = 8;
export const ASTREC_ARG = 16;
export const ASTREC_MODE = 24;

/** UPTE_* bits of asm/pgtable.h */
export const UPTE_WRITE = 0x1;
export const UPTE_DIRTY = 0x2;
export const UPTE_YOUNG = 0x4;

/** i386 errno values used by the builtins */
export const EIO = 5;
export const EAGAIN = 11;
export const EINVAL = 22;
