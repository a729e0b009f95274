#ifndef _ASMSIM_SIGNAL_H
#define _ASMSIM_SIGNAL_H

/*
 * The model delivers no signals; these name what a faulting user access
 * would have been killed with (arch/sim/mm/fault.c).
 */
#define SIGBUS		 7
#define SIGSEGV		11

#endif
