#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

/*
 * 'kernel.h' contains some often-used function prototypes etc
 */

#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/linkage.h>
#include <linux/compiler.h>
#include <linux/bitops.h>

#define INT_MAX		((int)(~0U>>1))
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(~0U)
#define LONG_MAX	((long)(~0UL>>1))
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	(~0UL)
#define LLONG_MAX	((long long)(~0ULL>>1))

#define ALIGN(x,a) (((x)+(a)-1)&~((a)-1))

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

#define	KERN_EMERG	"<0>"	/* system is unusable			*/
#define	KERN_ALERT	"<1>"	/* action must be taken immediately	*/
#define	KERN_CRIT	"<2>"	/* critical conditions			*/
#define	KERN_ERR	"<3>"	/* error conditions			*/
#define	KERN_WARNING	"<4>"	/* warning conditions			*/
#define	KERN_NOTICE	"<5>"	/* normal but significant condition	*/
#define	KERN_INFO	"<6>"	/* informational			*/
#define	KERN_DEBUG	"<7>"	/* debug-level messages			*/

/*
 * printk, sprintf, snprintf and panic are builtins of the simulator
 * (lib/vsprintf.c and kernel/printk.c in a real tree): see BUILTINS.md.
 */
asmlinkage int printk(const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int snprintf(char *buf, size_t size, const char *fmt, ...);
NORET_TYPE void panic(const char *fmt, ...);
void dump_stack(void);

/*
 * The oops for BUG(): prints "kernel BUG at file:line!", reports an oops
 * with the C backtrace and kills the current task, leaving every lock it
 * holds held (as do_exit() after an oops does).  Builtin.
 */
void __bug(const char *file, int line);

#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(condition) do { if (unlikely((condition)!=0)) BUG(); } while(0)
#define WARN_ON(condition) do { \
	if (unlikely((condition)!=0)) { \
		printk("Badness in %s at %s:%d\n", "WARN_ON", __FILE__, __LINE__); \
		dump_stack(); \
	} \
} while (0)


unsigned long simple_strtoul(const char *, char **, unsigned int);
long simple_strtol(const char *, char **, unsigned int);

/*
 * min()/max() macros without the GNU statement expressions of the real
 * kernel: the interpreter has none.  They evaluate their arguments twice,
 * so never pass an expression with side effects.
 */
#define min(x,y) ((x) < (y) ? (x) : (y))
#define max(x,y) ((x) > (y) ? (x) : (y))
#define min_t(type,x,y) \
	((type)(x) < (type)(y) ? (type)(x) : (type)(y))
#define max_t(type,x,y) \
	((type)(x) > (type)(y) ? (type)(x) : (type)(y))

/**
 * container_of - cast a member of a structure out to the containing structure
 * @ptr:	the pointer to the member.
 * @type:	the type of the container struct this is embedded in.
 * @member:	the name of the member within the struct.
 *
 * A plain cast: the real macro type-checks @ptr with typeof(), which the
 * interpreter does not have.
 */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define might_sleep()		do { } while (0)
#define might_sleep_if(cond)	do { } while (0)
#define cond_resched()		do { } while (0)

#endif
