/* #if, #ifdef, #ifndef, #elif, #else, defined(), #undef, nested conditionals, include guards. */
#include <stdio.h>

#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 8
#define CONFIG_DEBUG
/* CONFIG_PREEMPT is not defined */

#ifndef MY_HEADER_GUARD
#define MY_HEADER_GUARD
static const char *guard = "first inclusion";
#endif

#ifndef MY_HEADER_GUARD
static const char *guard = "second inclusion";
#endif

#if defined(CONFIG_SMP) && CONFIG_NR_CPUS > 4
#define CPU_DESC "big SMP"
#elif defined(CONFIG_SMP)
#define CPU_DESC "small SMP"
#else
#define CPU_DESC "UP"
#endif

#ifdef CONFIG_PREEMPT
#define PREEMPT_DESC "preempt"
#else
#define PREEMPT_DESC "no preempt"
#endif

#if CONFIG_UNDEFINED_NUMBER == 0
#define UNDEF_IS_ZERO 1
#else
#define UNDEF_IS_ZERO 0
#endif

#if (CONFIG_NR_CPUS & (CONFIG_NR_CPUS - 1)) == 0
#define POW2 "power of two"
#else
#define POW2 "not a power of two"
#endif

#define LEVEL 3
#if LEVEL >= 2
# if LEVEL >= 3
#  define LEVEL_DESC "high"
# else
#  define LEVEL_DESC "medium"
# endif
#else
# define LEVEL_DESC "low"
#endif

#if 0
this is not C and is never compiled
#endif

#ifdef CONFIG_DEBUG
#define pr_debug(msg) printf("debug: %s\n", msg)
#else
#define pr_debug(msg) do { } while (0)
#endif

int main(void)
{
	printf("%s\n", guard);
	printf("%s, %s\n", CPU_DESC, PREEMPT_DESC);
	printf("undefined identifier in #if is 0: %d\n", UNDEF_IS_ZERO);
	printf("%d cpus is %s\n", CONFIG_NR_CPUS, POW2);
	printf("level %s\n", LEVEL_DESC);
	pr_debug("visible");
#undef CONFIG_DEBUG
#ifdef CONFIG_DEBUG
	printf("still defined\n");
#else
	printf("undefined now\n");
#endif
#if defined CONFIG_SMP
	printf("defined without parentheses works\n");
#endif
#if !defined(CONFIG_PREEMPT) || defined(CONFIG_SMP)
	printf("complex condition true\n");
#endif
#if 1 ? 2 : 3
	printf("ternary in #if\n");
#endif
#if 'A' == 65
	printf("char constant in #if\n");
#endif
#if (0u - 1) > 0
	printf("unsigned arithmetic in #if wraps\n");
#else
	printf("unsigned arithmetic in #if does not wrap\n");
#endif
	return 0;
}
