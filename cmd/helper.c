/* SPDX-License-Identifier: MIT */
/*
 * helper.c - finding the helper programs fu runs, as git runs git-foo
 * (fu-mail-read, fu-report-pdf): the programs that link what fu itself
 * must not load (GMime, libical; cairo, pango), installed in
 * LIBEXECDIR/fu.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef FU_LIBEXECDIR
#define FU_LIBEXECDIR "/usr/local/libexec/fu"
#endif

/* dir/name when it can be run; NULL otherwise. */
static char *in_dir(const char *dir, size_t len, const char *name)
{
	char *p = malloc(len + strlen(name) + 2);
	if (!p)
		return NULL;
	sprintf(p, "%.*s/%s", (int)len, dir, name);
	if (access(p, X_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *cli_helper_path(const char *name)
{
	const char *env = getenv("FU_LIBEXECDIR");
	if (env && *env)
		return in_dir(env, strlen(env), name);
	/* beside the running fu: the build tree, or a relocated install */
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		char *p = slash ? in_dir(self, (size_t)(slash - self), name)
				: NULL;
		if (p)
			return p;
	}
	return in_dir(FU_LIBEXECDIR, strlen(FU_LIBEXECDIR), name);
}
