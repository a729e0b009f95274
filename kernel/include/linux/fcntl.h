#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H

#include <asm/fcntl.h>
#include <asm/types.h>

#define force_o_largefile() (BITS_PER_LONG != 32)


#endif
