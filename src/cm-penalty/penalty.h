/*
 * penalty.h: the state of one cm-penalty run (004 article 3).
 */
#ifndef PENALTY_H
#define PENALTY_H

#include "opt.h"

struct ctx {
	struct cm_common co;
	const char *month_arg;	/* --month */
	const char *staff;	/* --staff */
	const char *sanctions;	/* --sanctions, or NULL */
	const char *carry;	/* --carry, or NULL */
	const char *reg;	/* --register, or NULL */
	int by_case;		/* --cases */
};

#endif
