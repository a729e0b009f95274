/* switch: fall-through, default in the middle, nested switch, no matching case. */
#include <stdio.h>

static const char *classify(int n)
{
	switch (n) {
	case 0:
		return "zero";
	case 1:
	case 3:
	case 5:
	case 7:
	case 9:
		return "odd digit";
	default:
		return "other";
	case 2:
	case 4:
	case 6:
	case 8:
		return "even digit";
	}
}

static int duff_like(int n)
{
	int acc = 0;
	switch (n % 4) {
	case 0:
		acc += 1000;
		/* fall through */
	case 3:
		acc += 100;
		/* fall through */
	case 2:
		acc += 10;
		/* fall through */
	case 1:
		acc += 1;
	}
	return acc;
}

int main(void)
{
	int i;
	for (i = -1; i <= 10; i++)
		printf("%d: %s\n", i, classify(i));
	for (i = 0; i < 5; i++)
		printf("duff(%d)=%d\n", i, duff_like(i));

	/* default in the middle still falls through into the case below it */
	for (i = 0; i < 4; i++) {
		printf("[%d]", i);
		switch (i) {
		case 1:
			printf(" one");
			break;
		default:
			printf(" default");
			/* fall through */
		case 2:
			printf(" two");
			break;
		case 3:
			printf(" three");
		}
		printf("\n");
	}

	/* nested switch: break leaves only the inner one */
	int a, b, count = 0;
	for (a = 0; a < 3; a++)
		for (b = 0; b < 3; b++)
			switch (a) {
			case 1:
				switch (b) {
				case 1:
					count += 100;
					break;
				default:
					count += 10;
				}
				break;
			default:
				count++;
			}
	printf("count=%d\n", count);

	/* no case matches and there is no default */
	int hit = 0;
	switch (42) {
	case 1:
		hit = 1;
	}
	printf("hit=%d\n", hit);

	/* switch on a char and on a long */
	char op = '*';
	long v = 6;
	switch (op) {
	case '+': v += 2; break;
	case '*': v *= 7; break;
	}
	switch (v) {
	case 42L:
		printf("v is 42\n");
		break;
	}
	return 0;
}
