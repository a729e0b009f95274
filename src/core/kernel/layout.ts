import type { Program } from '../vm/machine';

/**
 * Where the builtins find things in the C structs they are given (LP64: pointers and longs are 8 bytes). These
 * follow the struct definitions in kernel/include; `checkLayout` compares them with the compiled kernel, so a
 * patch that moves one of these fields is refused with a message instead of misleading the builtins.
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

/** task_struct->mm, for reading a task's user memory without faulting (the consistency oracle). */
export const TASK_STRUCT_MM = 56;

/** Every offset above, with the C member it stands for. */
const EXPECTED: [string, string, number][] = [
  ['spinlock_t', 'name', SPINLOCK_NAME],
  ['struct rw_semaphore', 'activity', RWSEM_ACTIVITY],
  ['struct rw_semaphore', 'name', RWSEM_NAME],
  ['struct semaphore', 'count', SEM_COUNT],
  ['struct semaphore', 'name', SEM_NAME],
  ['struct __wait_queue_head', 'name', WQH_NAME],
  ['struct __wait_queue', 'flags', WQ_FLAGS],
  ['struct __wait_queue', 'task', WQ_TASK],
  ['struct lockdep_map', 'name', LDM_NAME],
  ['struct lockdep_map', 'class_name', LDM_CLASS],
  ['struct dlm_lksb', 'sb_status', LKSB_STATUS],
  ['struct dlm_lksb', 'sb_lkid', LKSB_LKID],
  ['struct dlm_lksb', 'sb_dep_map', LKSB_DEP_MAP],
  ['struct dlm_ast_rec', 'ast', ASTREC_AST],
  ['struct dlm_ast_rec', 'bast', ASTREC_BAST],
  ['struct dlm_ast_rec', 'astarg', ASTREC_ARG],
  ['struct dlm_ast_rec', 'mode', ASTREC_MODE],
  ['struct task_struct', 'mm', TASK_STRUCT_MM],
];

/**
 * The members whose place in the compiled kernel differs from what the builtins assume. A type the program
 * does not define at all is skipped: its builtins cannot be reached with one.
 */
export function checkLayout(program: Program): string[] {
  const problems: string[] = [];
  for (const [type, field, offset] of EXPECTED) {
    const l = program.layouts[type];
    if (!l) continue;
    const at = l.fields[field];
    if (at === undefined) problems.push(`${type} has no member '${field}' (the simulator's builtins read it)`);
    else if (at !== offset) problems.push(`${type}.${field} is at offset ${at}; the simulator's builtins read it at ${offset}`);
  }
  return problems;
}
