/* string.h: strlen, strcpy, strncpy, strcat, strncat, strcmp, strncmp, strchr, strrchr, strstr, memset, memcpy, memmove, memcmp. */
#include <stdio.h>
#include <string.h>

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

int main(void)
{
	char buf[64];
	strcpy(buf, "Hello");
	strcat(buf, ", ");
	strcat(buf, "world");
	printf("%s (%zu)\n", buf, strlen(buf));

	char small[8];
	strncpy(small, "abcdefghij", sizeof small - 1);
	small[sizeof small - 1] = '\0';
	printf("strncpy=%s\n", small);
	char padded[6];
	strncpy(padded, "ab", sizeof padded);   /* pads with NULs */
	printf("padded: %d %d %d\n", padded[2], padded[3], padded[5]);

	strncat(buf, "!!!???", 3);
	printf("strncat=%s\n", buf);

	printf("cmp: %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "a")), strcmp("same", "same"), sign(strcmp("ab", "abc")));
	printf("ncmp: %d %d\n", strncmp("abcdef", "abcxyz", 3), sign(strncmp("abcdef", "abcxyz", 4)));
	printf("high bytes compare unsigned: %d\n", sign(strcmp("\xff", "a")));

	const char *s = "path/to/some/file.txt";
	printf("strchr=%s strrchr=%s\n", strchr(s, '/'), strrchr(s, '/'));
	printf("ext=%s\n", strrchr(s, '.') + 1);
	printf("strchr miss=%d strchr NUL=%td\n", strchr(s, '#') == NULL, strchr(s, '\0') - s);
	printf("strstr=%s miss=%d empty=%d\n", strstr(s, "some"), strstr(s, "nope") == NULL, strstr(s, "") == s);

	char m[16];
	memset(m, 'z', sizeof m);
	m[15] = '\0';
	memset(m + 2, '-', 3);
	printf("memset=%s\n", m);
	memcpy(m, "0123456789", 10);
	printf("memcpy=%s\n", m);
	memmove(m + 2, m, 8);         /* overlapping */
	printf("memmove fwd=%s\n", m);
	memmove(m, m + 4, 6);
	printf("memmove back=%s\n", m);
	printf("memcmp: %d %d %d\n", memcmp("abc", "abd", 2), sign(memcmp("abc", "abd", 3)), sign(memcmp("\x80", "\x01", 1)));

	int nums[4] = { 1, 2, 3, 4 }, copy[4];
	memcpy(copy, nums, sizeof nums);
	copy[0] = 9;
	printf("copy: %d %d, orig %d, equal tail=%d\n", copy[0], copy[3], nums[0], memcmp(nums + 1, copy + 1, 3 * sizeof(int)) == 0);
	printf("strlen(\"\")=%zu\n", strlen(""));
	return 0;
}
