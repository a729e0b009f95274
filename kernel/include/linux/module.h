#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H
/*
 * Dynamic loading of modules into the kernel.
 *
 * The model has no modules: everything is built in.  The export and
 * modinfo macros expand to an unused extern declaration, so that the
 * semicolon after them is legal C and nothing has to be defined.
 */
#include <linux/config.h>
#include <linux/stddef.h>
#include <linux/init.h>

struct module;

#define THIS_MODULE ((struct module *)0)

#define EXPORT_SYMBOL(sym)		extern int __ksymtab_##sym
#define EXPORT_SYMBOL_GPL(sym)		extern int __ksymtab_gpl_##sym
#define EXPORT_SYMBOL_GPL_FUTURE(sym)	extern int __ksymtab_gpl_future_##sym

#define MODULE_LICENSE(license)		extern int __modinfo_license
#define MODULE_AUTHOR(author)		extern int __modinfo_author
#define MODULE_DESCRIPTION(desc)	extern int __modinfo_description

static inline int try_module_get(struct module *module)
{
	return 1;
}

static inline void module_put(struct module *module)
{
}

#define __module_get(module)	do { } while (0)

#endif /* _LINUX_MODULE_H */
