/* strtol, strtoul, strtoll, strtoull, atoi, atol, atoll, with end pointers and bases. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("atoi: %d %d %d %d %d\n", atoi("42"), atoi("  -17xyz"), atoi("+8"), atoi("abc"), atoi("0"));
	printf("atol: %ld %ld\n", atol("9000000000"), atol("-123456789012"));
	printf("atoll: %lld\n", atoll("-9223372036854775807"));

	const char *inputs[] = { "123", "  -456abc", "0x1F", "0777", "z", "+99 rest", "" };
	int i;
	for (i = 0; i < 7; i++) {
		char *end;
		long v = strtol(inputs[i], &end, 0);
		printf("strtol(\"%s\", 0) = %ld, consumed %td, rest \"%s\"\n", inputs[i], v, end - inputs[i], end);
	}

	char *end;
	printf("base 2: %ld\n", strtol("101101", &end, 2));
	printf("base 16: %ld\n", strtol("ff", &end, 16));
	printf("base 16 with 0x: %ld\n", strtol("0xff", &end, 16));
	printf("base 36: %ld\n", strtol("zz", &end, 36));
	long oct = strtol("1238", &end, 8);
	printf("base 8 stops at 8: %ld rest=%s\n", oct, end);
	printf("base 10 leading zeros: %ld\n", strtol("000123", NULL, 10));

	printf("strtoul: %lu\n", strtoul("18446744073709551615", NULL, 10));
	printf("strtoul neg: %lu\n", strtoul("-1", NULL, 10));
	printf("strtoull hex: %llx\n", strtoull("DEADBEEFcafe", NULL, 16));
	printf("strtoll: %lld\n", strtoll("-0x7fffffffffffffff", NULL, 16));

	/* parsing a list of numbers with the end pointer */
	const char *list = "10, 20,30 ,  -5";
	const char *p = list;
	long total = 0;
	for (;;) {
		char *next;
		long v = strtol(p, &next, 10);
		if (next == p)
			break;
		total += v;
		p = next;
		while (*p == ',' || *p == ' ')
			p++;
	}
	printf("total=%ld\n", total);
	return 0;
}
