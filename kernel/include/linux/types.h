#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <linux/config.h>
#include <asm/types.h>

typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;

typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int dev_t;
typedef unsigned short mode_t;
typedef unsigned long ino_t;
typedef unsigned int nlink_t;
typedef long off_t;
typedef long long loff_t;
typedef long time_t;
typedef long clock_t;
typedef int clockid_t;
typedef int daddr_t;
typedef int key_t;
typedef int mqd_t;

/* 2.6.13 without CONFIG_LBD: a sector is addressed by an unsigned long. */
typedef unsigned long sector_t;
typedef unsigned long pgoff_t;
typedef unsigned long blkcnt_t;

/*
 * 2.6.13 still spells allocation flags "unsigned int __nocast"; gfp_t is
 * the 2.6.14 name for the same thing and is used throughout the model.
 */
typedef unsigned int gfp_t;

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

typedef unsigned char unchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;

typedef __u8 uint8_t;
typedef __u16 uint16_t;
typedef __u32 uint32_t;
typedef __u64 uint64_t;
typedef __s8 int8_t;
typedef __s16 int16_t;
typedef __s32 int32_t;
typedef __s64 int64_t;

typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;

struct ustat {
	long f_tfree;
	ino_t f_tinode;
	char f_fname[6];
	char f_fpack[6];
};

#endif /* _LINUX_TYPES_H */
