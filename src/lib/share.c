/* share.c: where rules, maps, calendars and examples live (see share.h). */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "share.h"
#include "xalloc.h"

#ifndef CM_SHAREDIR
#define CM_SHAREDIR "/usr/local/share/cm"
#endif

static char *share_dir;

/*
 * The full path of the running program, or NULL.  /proc/self/exe is
 * resolved by the kernel (no symbolic links, no ".."), so its directory's
 * parent is found by cutting the string.
 */
static char *
self_path(void)
{
	size_t cap = 256;
	char *p = NULL;
	ssize_t n;

	for (;;) {
		p = xrealloc(p, cap);
		n = readlink("/proc/self/exe", p, cap);
		if (n < 0) {
			free(p);
			return NULL;
		}
		/* readlink truncates silently; a full buffer may be cut. */
		if ((size_t)n < cap) {
			p[n] = '\0';
			return p;
		}
		cap *= 2;
	}
}

/*
 * PREFIX/share/cm for a program in PREFIX/bin.  This is D/../share/cm
 * for the program's directory D, spelt without the "..", so that
 * messages name "/usr/local/share/cm/grade.rules" rather than
 * "/usr/local/bin/../share/cm/grade.rules".
 */
static char *
beside_program(void)
{
	struct stat st;
	char *exe, *slash, *dir;

	if ((exe = self_path()) == NULL)
		return NULL;
	if ((slash = strrchr(exe, '/')) == NULL) {
		free(exe);
		return NULL;
	}
	*slash = '\0';			/* exe is now D */
	slash = strrchr(exe, '/');
	if (slash == NULL) {
		free(exe);
		return NULL;
	}
	slash[1] = '\0';		/* D's parent, with its slash */
	dir = xmalloc(strlen(exe) + sizeof("share/cm"));
	strcpy(dir, exe);
	strcat(dir, "share/cm");
	free(exe);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *
cm_sibling_path(const char *name)
{
	struct stat st;
	char *exe = self_path(), *slash, *path;

	if (exe == NULL || (slash = strrchr(exe, '/')) == NULL) {
		free(exe);
		return xstrdup(name);
	}
	slash[1] = '\0';
	path = xmalloc(strlen(exe) + strlen(name) + 1);
	strcpy(path, exe);
	strcat(path, name);
	free(exe);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0)
		return path;
	free(path);
	return xstrdup(name);
}

const char *
cm_share_dir(void)
{
	const char *env;

	if (share_dir != NULL)
		return share_dir;
	/* An empty $CM_SHARE is taken as unset, as an empty $CM_DATA is. */
	env = getenv("CM_SHARE");
	if (env != NULL && *env != '\0')
		share_dir = xstrdup(env);
	else if ((share_dir = beside_program()) == NULL)
		share_dir = xstrdup(CM_SHAREDIR);
	return share_dir;
}

/* dir/name, freshly allocated. */
static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name);
	char *p = xmalloc(n + 1 + m + 1);

	memcpy(p, dir, n);
	p[n] = '/';
	memcpy(p + n + 1, name, m + 1);
	return p;
}

char *
cm_share_path(const char *rel)
{
	return join(cm_share_dir(), rel);
}

int
cm_share_holds(const char *path)
{
	const char *dir = cm_share_dir();
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

char *
cm_data_path(const char *name)
{
	return join(cm_data_dir(), name);
}

const char *
cm_data_dir(void)
{
	const char *env = getenv("CM_DATA");

	return env != NULL && *env != '\0' ? env : ".";
}
