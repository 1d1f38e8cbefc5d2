/*
 * The signal probe: si_code values, sigaction flags and the size of the one
 * value a queued signal carries, for features/signals.feature.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(SI_USER); C(SI_QUEUE); C(SI_TKILL); C(CLD_EXITED);
	C(SA_RESTART); C(SA_RESETHAND); C(SA_NODEFER); C(SA_SIGINFO);
	C(SIGUSR1); C(SIGCHLD); C(SIGSEGV); C(SIGKILL); C(SIGRTMIN); C(SIGSYS);
	SIZE(union sigval);
	return probe_end();
}
