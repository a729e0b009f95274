#ifndef _ASMSIM_PARAM_H
#define _ASMSIM_PARAM_H

/* There is no timer interrupt in the model; HZ only sizes tunables. */
#define HZ		100
#define EXEC_PAGESIZE	4096

#endif
