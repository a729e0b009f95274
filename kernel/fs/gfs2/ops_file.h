#ifndef __OPS_FILE_DOT_H__
#define __OPS_FILE_DOT_H__

extern struct file_operations gfs2_file_fops;

#endif /* __OPS_FILE_DOT_H__ */
