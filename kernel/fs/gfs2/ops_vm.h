#ifndef __OPS_VM_DOT_H__
#define __OPS_VM_DOT_H__

extern struct vm_operations_struct gfs2_vm_ops_private;
extern struct vm_operations_struct gfs2_vm_ops_sharewrite;

#endif /* __OPS_VM_DOT_H__ */
