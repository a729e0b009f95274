/* designated initialisers for arrays and structs, mixed with positional ones. */
#include <stdio.h>

struct opts {
	int verbose;
	int level;
	const char *name;
	char mode;
	long limit;
};

static const int sparse[10] = { [3] = 7, [8] = 1, [1] = 4 };
static const struct opts defaults = { .name = "default", .level = 2 };
static const char *const errnames[] = {
	[0] = "OK",
	[2] = "ENOENT",
	[12] = "ENOMEM",
	[13] = "EACCES",
};

int main(void)
{
	int i;
	for (i = 0; i < 10; i++)
		printf("%d ", sparse[i]);
	printf("\n");

	/* a positional initialiser continues after the last designator */
	int cont[6] = { [2] = 20, 30, 40, [0] = 1 };
	for (i = 0; i < 6; i++)
		printf("%d ", cont[i]);
	printf("\n");

	printf("defaults: v=%d l=%d n=%s m=%d lim=%ld\n", defaults.verbose, defaults.level, defaults.name, defaults.mode, defaults.limit);

	struct opts o = { .mode = 'w', .verbose = 1, 5, "after-level" };
	printf("o: v=%d l=%d n=%s m=%c lim=%ld\n", o.verbose, o.level, o.name, o.mode, o.limit);

	printf("errnames: %zu entries\n", sizeof errnames / sizeof errnames[0]);
	for (i = 0; i < (int)(sizeof errnames / sizeof errnames[0]); i++)
		if (errnames[i])
			printf("  %d=%s\n", i, errnames[i]);

	/* later designator overrides an earlier one */
	int over[3] = { [1] = 5, [1] = 6 };
	printf("over[1]=%d\n", over[1]);

	struct opts arr[3] = { [2] = { .name = "third", .limit = 99 }, [0].level = 9 };
	printf("arr[0].level=%d arr[1].name=%s arr[2].name=%s arr[2].limit=%ld\n",
	       arr[0].level, arr[1].name ? arr[1].name : "(none)", arr[2].name, arr[2].limit);
	return 0;
}
