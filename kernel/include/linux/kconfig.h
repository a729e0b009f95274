#ifndef __LINUX_KCONFIG_H
#define __LINUX_KCONFIG_H

/*
 * For tools that force-include a configuration header (gcc -include):
 * the model's C code gets its configuration from <linux/config.h>, which
 * includes the same autoconf.h.
 */
#include <linux/autoconf.h>

#endif
