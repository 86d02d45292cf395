/* chart.c: placeholder of the skeleton; its owner replaces this file. */
#include "report.h"

int
report_chart(struct report *r)
{
	(void)r;
	cm_die(CM_SYSTEM, "chart: not built yet");
}

int
chart_render(const struct chart_spec *s, struct cm_table *t,
    const char *path, struct cm_error *err)
{
	(void)s; (void)t; (void)path;
	return cm_error_set(err, CM_SYSTEM, NULL, 0, 0, "chart: not built yet");
}
