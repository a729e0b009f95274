/**
 * The 58 builtins of kernel/BUILTINS.md, split by how the interpreter calls them. Inline builtins run inside
 * the generated code and never switch tasks; the others are scheduling points: the runner stops in front of
 * them (Machine.stopAtSync) so the scheduler chooses who runs next, and they may block.
 */

/** Memory, strings, output, annotations, page tables, disks: never block. */
export const INLINE_BUILTIN_LIST = [
  'kmalloc',
  'kfree',
  '__alloc_frame',
  '__free_frame',
  'memcpy',
  'memmove',
  'memset',
  'memcmp',
  'printk',
  'sprintf',
  'snprintf',
  'panic',
  '__bug',
  'get_current',
  '__user_page_lookup',
  '__user_page_install',
  '__user_page_get',
  '__user_page_remove',
  '__disk_read',
  '__disk_write',
  '__disk_nr_blocks',
  '__init_waitqueue_head',
  '__spin_lock_init',
  '__init_rwsem',
  '__sema_init',
  'spin_is_locked',
  'waitqueue_active',
] as const;

/** Locks, wait queues, schedule, spawn, DLM: scheduling points, and the ones that may block. */
export const SYNC_BUILTIN_LIST = [
  'spin_lock',
  'spin_unlock',
  'spin_trylock',
  'down_read',
  'down_write',
  'down_read_trylock',
  'down_write_trylock',
  'up_read',
  'up_write',
  'downgrade_write',
  'down',
  'down_interruptible',
  'down_trylock',
  'up',
  'prepare_to_wait',
  'prepare_to_wait_exclusive',
  'finish_wait',
  '__wake_up',
  'schedule',
  '__sim_spawn',
  'dlm_new_lockspace',
  'dlm_release_lockspace',
  'dlm_lock',
  'dlm_unlock',
  '__dlm_next_ast',
  // never block, but run through the runner so that their C location is exact (lock events, stack dumps)
  'dump_stack',
  'lockdep_init_map',
  'lock_contended',
  'lock_acquired',
  'lock_acquire',
  'lock_release',
] as const;

/** Scheduling points where the scheduler never switches: they cannot block and only record what happened. */
export const NO_SWITCH_BUILTINS: ReadonlySet<string> = new Set(['dump_stack', 'lockdep_init_map', 'lock_contended', 'lock_acquired', 'lock_acquire', 'lock_release']);

export const INLINE_BUILTINS: ReadonlySet<string> = new Set(INLINE_BUILTIN_LIST);
export const SYNC_BUILTINS: ReadonlySet<string> = new Set(SYNC_BUILTIN_LIST);
export const ALL_BUILTINS: ReadonlySet<string> = new Set([...INLINE_BUILTIN_LIST, ...SYNC_BUILTIN_LIST]);
