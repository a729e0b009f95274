#ifndef _ASM_SIM_TYPES_H
#define _ASM_SIM_TYPES_H

/*
 * Fixed-width types.  The interpreter gives char 8, short 16, int 32 and
 * long long 64 bits; long and pointers are as wide as the machine word the
 * interpreter chooses (the model kernel never assumes which).
 */
typedef unsigned short umode_t;

typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;

typedef signed char s8;
typedef unsigned char u8;
typedef signed short s16;
typedef unsigned short u16;
typedef signed int s32;
typedef unsigned int u32;
typedef signed long long s64;
typedef unsigned long long u64;

#define BITS_PER_LONG_LONG 64

/*
 * The i386 value, for the few file size limits that are defined with it.
 * Nothing in the model relies on it for the width of long: the bit
 * operations use sizeof(unsigned long).
 */
#define BITS_PER_LONG 32

typedef u32 dma_addr_t;

#endif /* _ASM_SIM_TYPES_H */
