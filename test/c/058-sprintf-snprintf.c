/* sprintf and snprintf into buffers: return values and truncation. */
#include <stdio.h>
#include <string.h>

/* a call gcc cannot see through, so truncation is a run-time matter */
static int put_str(char *buf, size_t size, const char *s)
{
	return snprintf(buf, size, "%s", s);
}

int main(void)
{
	char buf[64];
	int n = sprintf(buf, "%d-%s-%x", 12, "ab", 255);
	printf("sprintf -> \"%s\" n=%d strlen=%zu\n", buf, n, strlen(buf));

	char small[8];
	n = put_str(small, sizeof small, "truncate me please");
	printf("snprintf -> \"%s\" n=%d\n", small, n);
	n = snprintf(small, sizeof small, "1234567");
	printf("exact fit -> \"%s\" n=%d\n", small, n);
	n = snprintf(NULL, 0, "%05d|%s", 42, "measure");
	printf("measure only n=%d\n", n);
	n = put_str(small, 1, "abc");
	printf("size 1 -> \"%s\" n=%d\n", small, n);

	/* building a string piece by piece */
	char line[80];
	int len = 0, i;
	for (i = 0; i < 5; i++)
		len += snprintf(line + len, sizeof line - len, "%s%d", i ? "," : "", i * i);
	printf("line=\"%s\" len=%d\n", line, len);

	/* allocation-free formatting of a number as text then reading it back */
	char num[32];
	sprintf(num, "%lu", 18446744073709551615UL);
	printf("digits=%zu first=%c last=%c\n", strlen(num), num[0], num[strlen(num) - 1]);

	char hex[3 * 4 + 1];
	unsigned char bytes[4] = { 0xde, 0xad, 0xbe, 0xef };
	for (i = 0; i < 4; i++)
		sprintf(hex + 3 * i, "%02x ", bytes[i]);
	printf("hex=[%s]\n", hex);

	char padded[16];
	snprintf(padded, sizeof padded, "%-6s|%6s", "ab", "cd");
	printf("[%s]\n", padded);
	return 0;
}
