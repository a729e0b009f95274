#ifndef _SIM_CURRENT_H
#define _SIM_CURRENT_H

struct task_struct;

/* Builtin: the task_struct of the task the simulator is running. */
struct task_struct *get_current(void);

#define current get_current()

#endif /* !(_SIM_CURRENT_H) */
