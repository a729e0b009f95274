/*
 * fs/dlm/ast.c
 *
 * The delivery of the lock manager's ASTs on this node.  The lock manager
 * itself is a builtin of the simulator (BUILTINS.md, "DLM"); it queues a
 * completion AST when a request of this node is granted or refused, and a
 * blocking AST when a lock of this node holds up somebody's request.  One
 * thread per node runs them, in order, as the dlm_astd thread does: an
 * AST routine must not wait for another AST.
 */

#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/dlm.h>
#include <linux/err.h>
#include <linux/module.h>

static int dlm_astd(void *data)
{
	struct dlm_ast_rec rec;

	for (;;) {
		__dlm_next_ast(&rec);

		if (rec.ast)
			rec.ast(rec.astarg);
		else if (rec.bast)
			rec.bast(rec.astarg, rec.mode);
	}

	return 0;
}

int dlm_astd_start(void)
{
	struct task_struct *p;

	p = kthread_run(dlm_astd, NULL, "dlm_astd");
	if (IS_ERR(p))
		return PTR_ERR(p);
	return 0;
}
