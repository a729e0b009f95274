#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <linux/compiler.h>

#define CPP_ASMLINKAGE
#define FASTCALL(x)	x
#define ATTRIB_NORET
#define NORET_TYPE

#endif
