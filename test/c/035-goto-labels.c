/* goto forward and backward, labels in nested blocks, breaking out of nested loops. */
#include <stdio.h>

int main(void)
{
	int i = 0;
again:
	printf("i=%d\n", i);
	i++;
	if (i < 3)
		goto again;

	int r, c, found_r = -1, found_c = -1;
	for (r = 0; r < 5; r++)
		for (c = 0; c < 5; c++)
			if (r * c == 6) {
				found_r = r;
				found_c = c;
				goto found;
			}
	printf("not found\n");
found:
	printf("found %d*%d=6\n", found_r, found_c);

	int n = 10;
	goto skip;
	n = 20;        /* skipped */
skip:
	printf("n=%d\n", n);

	int k = 0;
	{
		k++;
		if (k < 4)
			goto inner_done;
		k = 100;
	inner_done:
		k += 10;
	}
	printf("k=%d\n", k);

	/* a state machine written with gotos */
	const char *s = "aabbbc";
	int as = 0, bs = 0;
	const char *p = s;
state_a:
	if (*p == 'a') {
		as++;
		p++;
		goto state_a;
	}
state_b:
	if (*p == 'b') {
		bs++;
		p++;
		goto state_b;
	}
	printf("as=%d bs=%d rest=%s\n", as, bs, p);
	return 0;
}
