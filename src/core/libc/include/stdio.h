#ifndef _STDIO_H
#define _STDIO_H
#include <stddef.h>
typedef struct _IO_FILE FILE;
#define stdout ((FILE *)1)
#define stderr ((FILE *)2)
#define EOF (-1)
int printf(const char *fmt, ...);
int fprintf(FILE *stream, const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int snprintf(char *buf, size_t size, const char *fmt, ...);
int puts(const char *s);
int fputs(const char *s, FILE *stream);
int putchar(int c);
int fflush(FILE *stream);
#endif
