/* check.c: --check-visits, written on the branch sample-visits. */
#include "msg.h"
#include "sample.h"

int
check_run(struct ctx *c)
{
	(void)c;
	cm_die(CM_USAGE, "--check-visits is not built yet");
}
