/* # stringification, ## token pasting, X-macros, predefined macros. */
#include <stdio.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define VERSION_MAJOR 2
#define VERSION_MINOR 7
#define VERSION XSTR(VERSION_MAJOR) "." XSTR(VERSION_MINOR)

#define DECLARE_COUNTER(name) static int counter_##name
#define INC(name) (++counter_##name)

DECLARE_COUNTER(reads);
DECLARE_COUNTER(writes);

#define COLORS(X) \
	X(RED, 0xff0000) \
	X(GREEN, 0x00ff00) \
	X(BLUE, 0x0000ff)

#define AS_ENUM(name, val) COLOR_##name,
#define AS_NAME(name, val) #name,
#define AS_VALUE(name, val) val,

enum color { COLORS(AS_ENUM) COLOR_COUNT };
static const char *const color_names[] = { COLORS(AS_NAME) };
static const unsigned color_values[] = { COLORS(AS_VALUE) };

#define SHOW(expr) printf("%s = %d\n", #expr, (expr))
#define FIELD(struct_name, field) struct_name.field

static int CAT(my, func)(void)
{
	return 77;
}

int main(void)
{
	printf("STR(hello world)=%s\n", STR(hello world));
	printf("STR(VERSION_MAJOR)=%s XSTR(VERSION_MAJOR)=%s\n", STR(VERSION_MAJOR), XSTR(VERSION_MAJOR));
	printf("VERSION=%s\n", VERSION);
	printf("STR with quotes: %s\n", STR("quoted" and 'c'));
	int CAT(var, 1) = 10;
	int XCAT(var, VERSION_MAJOR) = 20;
	printf("var1=%d var2=%d\n", var1, var2);
	printf("myfunc()=%d\n", myfunc());
	INC(reads);
	INC(reads);
	INC(writes);
	printf("reads=%d writes=%d\n", counter_reads, counter_writes);
	int i;
	for (i = 0; i < COLOR_COUNT; i++)
		printf("%d %s %06x\n", i, color_names[i], color_values[i]);
	SHOW(3 * 4 + 1);
	SHOW(COLOR_BLUE);
	struct { int a; } s = { 5 };
	printf("FIELD=%d\n", FIELD(s, a));
	printf("line=%d\n", __LINE__);
	printf("func=%s\n", __func__);
	printf("stdc=%d\n", __STDC__);
	return 0;
}
