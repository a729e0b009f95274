/*
 * Automatically generated C config: don't edit
 * Linux kernel version: 2.6.13-iolocksim
 *
 * Must agree with kernel/.config (the Makefiles read that file).
 */
#define AUTOCONF_INCLUDED
#define CONFIG_MMU 1
#define CONFIG_EXT2_FS 1
#define CONFIG_GFS2_FS 1
#define CONFIG_OCFS2_FS 1
#define CONFIG_DLM 1
#define CONFIG_INOTIFY 1
#define CONFIG_EPOLL 1
#undef CONFIG_COMPAT
#undef CONFIG_DEBUG_SPINLOCK
