#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/compiler.h>	/* for inline */
#include <linux/types.h>	/* for size_t */
#include <linux/stddef.h>	/* for NULL */

/*
 * Include machine specific inline routines
 */
#include <asm/string.h>

/* lib/string.c */
extern char * strcpy(char *,const char *);
extern char * strncpy(char *,const char *, size_t);
size_t strlcpy(char *, const char *, size_t);
extern char * strcat(char *, const char *);
extern int strcmp(const char *,const char *);
extern int strncmp(const char *,const char *,size_t);
extern char * strchr(const char *,int);
extern char * strrchr(const char *,int);
extern size_t strlen(const char *);
extern size_t strnlen(const char *,size_t);
extern char * strsep(char **,const char *);
extern void * memchr(const void *,int,size_t);

#endif /* _LINUX_STRING_H_ */
