#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/config.h>
#include <linux/compiler.h>

/*
 * Used for initialization calls..
 */
typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

/*
 * The model has no initcall sections: init/main.c calls the init
 * functions of the configured subsystems from an explicit table, so
 * these only mark the function (which must not be static).
 */
#define __initcall(fn)		extern int __initcall_marker_##fn
#define __exitcall(fn)		extern int __exitcall_marker_##fn
#define core_initcall(fn)	__initcall(fn)
#define fs_initcall(fn)		__initcall(fn)
#define device_initcall(fn)	__initcall(fn)
#define late_initcall(fn)	__initcall(fn)

#define module_init(x)	__initcall(x)
#define module_exit(x)	__exitcall(x)

#endif /* _LINUX_INIT_H */
