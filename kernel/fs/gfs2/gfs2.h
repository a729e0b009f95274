/*
 * The model's GFS2: the 2005 glock rules (fs/gfs2/glock.c) over the
 * simulator's DLM, the 2005 read/write/fault paths with the cluster lock
 * taken around the generic page cache routines, and nothing else (no
 * journal, no allocation, no directories beyond the flat root).
 * docs/model-kernel.md says which research facts each part encodes.
 */

#ifndef __GFS2_DOT_H__
#define __GFS2_DOT_H__

#include <linux/config.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "lm_interface.h"
#include "incore.h"
#include "util.h"

#define GFS2_MAGIC		0x01161970

#define TRUE	(1)
#define FALSE	(0)

#define NO_CREATE	(0)
#define CREATE		(1)

#define NO_WAIT		(0)
#define WAIT		(1)

#define FORCE		(1)

/*  Divide num by den.  Round up if there is a remainder.  */
#define DIV_RU(num, den) (((num) + (den) - 1) / (den))

#define GFS2_FAST_NAME_SIZE (8)

#define get_v2sdp(sb) ((struct gfs2_sbd *)(sb)->s_fs_info)
#define set_v2sdp(sb, sdp) (sb)->s_fs_info = (sdp)
#define get_v2ip(inode) ((struct gfs2_inode *)(inode)->u.generic_ip)
#define set_v2ip(inode, ip) (inode)->u.generic_ip = (ip)
#define get_v2fp(file) ((struct gfs2_file *)(file)->private_data)
#define set_v2fp(file, fp) (file)->private_data = (fp)

#define get_gl2ip(gl) ((struct gfs2_inode *)(gl)->gl_object)
#define set_gl2ip(gl, ip) (gl)->gl_object = (ip)
#define gl2ip(gl) get_gl2ip(gl)

#define gfs2_tune_get(sdp, field) ((sdp)->sd_tune.field)

#endif /* __GFS2_DOT_H__ */
