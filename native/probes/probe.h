/*
 * probe.h: the macros every probe uses. A probe prints one JSON object:
 *   C(F_GETPIPE_SZ)                  "F_GETPIPE_SZ": 1032
 *   SIZE(struct msqid_ds)            "sizeof(struct msqid_ds)": 120
 *   OFF(struct msqid_ds, msg_qnum)   "offsetof(struct msqid_ds,msg_qnum)": 80
 *   FSIZE(struct stat, st_ino)       "sizeof(struct stat.st_ino)": 8
 */
#ifndef IPC_CONFORMANCE_PROBE_H
#define IPC_CONFORMANCE_PROBE_H
#include <stddef.h>
#include <stdio.h>

static int probe_first = 1;
static inline void probe_begin(void) { printf("{"); }
static inline int probe_end(void) { printf("\n}\n"); return 0; }
static inline void probe_key(const char *name) { printf("%s\n  \"%s\": ", probe_first ? "" : ",", name); probe_first = 0; }
static inline void probe_num(const char *name, long long v) { probe_key(name); printf("%lld", v); }

#define C(name) probe_num(#name, (long long)(name))
#define SIZE(type) probe_num("sizeof(" #type ")", (long long)sizeof(type))
#define OFF(type, field) probe_num("offsetof(" #type "," #field ")", (long long)offsetof(type, field))
#define FSIZE(type, field) probe_num("sizeof(" #type "." #field ")", (long long)sizeof(((type *)0)->field))
#endif
