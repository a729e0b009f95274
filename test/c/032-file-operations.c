/* an ops table in the style of Linux struct file_operations. */
#include <stdio.h>
#include <string.h>
#include <stddef.h>

struct file;

struct file_operations {
	const char *name;
	int (*open)(struct file *);
	long (*read)(struct file *, char *, size_t);
	long (*write)(struct file *, const char *, size_t);
	int (*release)(struct file *);
};

struct file {
	const struct file_operations *f_op;
	char data[32];
	size_t len;
	size_t pos;
	int opened;
};

static int mem_open(struct file *f)
{
	f->opened++;
	f->pos = 0;
	return 0;
}

static long mem_read(struct file *f, char *buf, size_t n)
{
	size_t avail = f->len - f->pos;
	if (n > avail)
		n = avail;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

static long mem_write(struct file *f, const char *buf, size_t n)
{
	if (f->len + n > sizeof f->data)
		return -28;        /* -ENOSPC */
	memcpy(f->data + f->len, buf, n);
	f->len += n;
	return (long)n;
}

static int mem_release(struct file *f)
{
	f->opened--;
	return 0;
}

static long null_read(struct file *f, char *buf, size_t n)
{
	(void)f; (void)buf; (void)n;
	return 0;
}

static long null_write(struct file *f, const char *buf, size_t n)
{
	(void)f; (void)buf;
	return (long)n;
}

static const struct file_operations mem_fops = {
	.name = "mem",
	.open = mem_open,
	.read = mem_read,
	.write = mem_write,
	.release = mem_release,
};

/* .open and .release left NULL, as drivers commonly do */
static const struct file_operations null_fops = {
	.name = "null",
	.read = null_read,
	.write = null_write,
};

static int vfs_open(struct file *f, const struct file_operations *fops)
{
	f->f_op = fops;
	if (f->f_op->open)
		return f->f_op->open(f);
	return 0;
}

static long vfs_write(struct file *f, const char *s)
{
	if (!f->f_op->write)
		return -22;
	return f->f_op->write(f, s, strlen(s));
}

static void vfs_close(struct file *f)
{
	if (f->f_op->release)
		f->f_op->release(f);
}

int main(void)
{
	struct file files[2];
	const struct file_operations *tables[2] = { &mem_fops, &null_fops };
	int i;
	memset(files, 0, sizeof files);
	for (i = 0; i < 2; i++) {
		struct file *f = &files[i];
		char buf[16];
		long n;
		printf("%s: open=%d\n", tables[i]->name, vfs_open(f, tables[i]));
		printf("  write=%ld\n", vfs_write(f, "hello "));
		printf("  write=%ld\n", vfs_write(f, "world, this is long"));
		printf("  write=%ld\n", vfs_write(f, "0123456789"));
		f->pos = 0;
		while ((n = f->f_op->read(f, buf, sizeof buf - 1)) > 0) {
			buf[n] = '\0';
			printf("  read %ld: [%s]\n", n, buf);
		}
		vfs_close(f);
		printf("  opened=%d\n", f->opened);
	}
	return 0;
}
